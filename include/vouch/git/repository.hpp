#pragma once
// What vouch needs from git, through libgit2 (the only user of git2.h): resolve a revision to a
// commit SHA, the branch and remote, whether the working tree is dirty, and reachability.
#include <filesystem>
#include <string>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::git {

struct CommitInfo {
    std::string sha;        // full lowercase hex
    std::string branch;     // short name ("main"); empty on a detached HEAD
    std::string remote_url; // "origin" (or the first remote); empty when there is none
    // The working tree differs from this commit's tree, as `git status` would say against it:
    // staged, modified or deleted tracked files; not untracked files, skip-worktree (sparse
    // checkout) or assume-unchanged entries.
    bool dirty = false;
    std::vector<std::string> dirty_paths; // the first few, for the error message
    bool is_head = false;                 // the commit is the one checked out
    std::string head_sha;                 // HEAD's commit (empty on an unborn branch)
};

// Opens the repository containing `repo_dir` and resolves `revision` (any rev-parse syntax;
// empty = HEAD) to a commit. Errc::io when there is no repository, Errc::usage when the revision
// does not name a commit.
Result<CommitInfo> describe_commit(const std::filesystem::path& repo_dir,
                                   const std::string& revision);

// Resolves `revision` to a full commit SHA (Errc::rejected when it names no commit).
Result<std::string> resolve_commit(const std::filesystem::path& repo_dir,
                                   const std::string& revision);

// True when commit `sha` exists and is `branch`'s tip or one of its ancestors. `branch` is a
// local branch, else "origin/<branch>". Errc::rejected when the commit or the branch does not
// exist, or when a shallow clone lacks the history to decide (the message says to fetch more);
// Errc::io when there is no repository.
Result<bool> is_reachable_from_branch(const std::filesystem::path& repo_dir, const std::string& sha,
                                      const std::string& branch);

// True when `dir` is inside a git repository (searching upwards, as git does).
bool repository_exists(const std::filesystem::path& dir);

} // namespace vouch::git
