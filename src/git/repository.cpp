#include <git2.h>
#include <memory>
#include <vouch/git/repository.hpp>

namespace vouch::git {

namespace fs = std::filesystem;

namespace {

// libgit2 keeps global state; initialise it once for the process and never shut it down
// (shutting down while another thread uses it would be a bug, and the OS reclaims it anyway).
void ensure_init() {
    static const int once = git_libgit2_init();
    (void)once;
}

template <class T, void (*Free)(T*)> struct Deleter {
    void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)> using Owned = std::unique_ptr<T, Deleter<T, Free>>;
using Repo = Owned<git_repository, git_repository_free>;
using Object = Owned<git_object, git_object_free>;
using Reference = Owned<git_reference, git_reference_free>;
using Config = Owned<git_config, git_config_free>;
using ConfigIterator = Owned<git_config_iterator, git_config_iterator_free>;

std::string last_error() {
    const git_error* e = git_error_last();
    return e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error";
}

std::string oid_hex(const git_oid* oid) {
    char buffer[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(buffer, sizeof buffer, oid);
    return buffer;
}

Result<Repo> open(const fs::path& dir) {
    ensure_init();
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) {
        return fail(Errc::io, "not a git repository: " + last_error(), dir.string());
    }
    return Repo(raw);
}

// Peels `revision` to a commit; nullptr result means "no such commit".
Object peel_commit(git_repository* repo, const std::string& revision) {
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, revision.empty() ? "HEAD" : revision.c_str()) != 0) {
        return nullptr;
    }
    Object object(raw);
    git_object* commit = nullptr;
    if (git_object_peel(&commit, object.get(), GIT_OBJECT_COMMIT) != 0) {
        return nullptr;
    }
    return Object(commit);
}

std::string current_branch(git_repository* repo) {
    if (git_repository_head_detached(repo) == 1) {
        return {};
    }
    git_reference* raw = nullptr;
    if (git_repository_head(&raw, repo) != 0) {
        return {};
    }
    Reference head(raw);
    return git_reference_shorthand(head.get());
}

// Read from the config directly: git_remote_lookup/git_remote_list go through libgit2 1.5's
// regex config matching, which leaks pcre2 match data on every call (seen under ASan).
std::string remote_url(git_repository* repo) {
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo) != 0) {
        return {};
    }
    Config config(raw);
    const char* url = nullptr;
    if (git_config_get_string(&url, config.get(), "remote.origin.url") == 0 && url != nullptr) {
        return url;
    }
    // No "origin": the first remote.<name>.url in config order.
    git_config_iterator* it_raw = nullptr;
    if (git_config_iterator_new(&it_raw, config.get()) != 0) {
        return {};
    }
    ConfigIterator it(it_raw);
    git_config_entry* entry = nullptr;
    while (git_config_next(&entry, it.get()) == 0) {
        const std::string_view name = entry->name;
        if (name.rfind("remote.", 0) == 0 && name.size() > 11 &&
            name.substr(name.size() - 4) == ".url" && entry->value != nullptr) {
            return entry->value;
        }
    }
    return {};
}

using Diff = Owned<git_diff, git_diff_free>;
using Index = Owned<git_index, git_index_free>;
using Tree = Owned<git_tree, git_tree_free>;

void note_dirty(CommitInfo& info, const git_diff_delta* delta) {
    info.dirty = true;
    if (info.dirty_paths.size() < 5) {
        const char* path =
            delta->new_file.path != nullptr ? delta->new_file.path : delta->old_file.path;
        info.dirty_paths.emplace_back(path != nullptr ? path : "?");
    }
}

// Entries git itself does not compare with the working tree: sparse-checkout (skip-worktree)
// entries, which are absent on disk by design, and assume-unchanged ones.
bool git_status_skips(git_index* index, const char* path) {
    if (path == nullptr) {
        return false;
    }
    const git_index_entry* entry = git_index_get_bypath(index, path, 0);
    return entry != nullptr && ((entry->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0 ||
                                (entry->flags & GIT_INDEX_ENTRY_VALID) != 0);
}

// Compares the working tree with `commit`'s tree the way `git status` compares it with HEAD:
// commit tree -> index (staged changes), then index -> working tree (unstaged changes, except
// skip-worktree and assume-unchanged entries). Untracked files do not count, as in
// `git describe --dirty`: CI writes its SBOM, verdict and attestation into the checkout before
// signing. Comparing with the signed commit (not HEAD) is what makes `--commit X` honest: the
// files hashed are X's files.
Status check_dirty(git_repository* repo, const git_object* commit, CommitInfo& info) {
    if (git_repository_is_bare(repo) == 1) {
        return fail(Errc::io, "a bare repository has no working tree to sign from");
    }
    git_index* index_raw = nullptr;
    git_tree* tree_raw = nullptr;
    if (git_repository_index(&index_raw, repo) != 0) {
        return fail(Errc::io, "cannot read the git index: " + last_error());
    }
    Index index(index_raw);
    if (git_commit_tree(&tree_raw, reinterpret_cast<const git_commit*>(commit)) != 0) {
        return fail(Errc::io, "cannot read the commit's tree: " + last_error());
    }
    Tree tree(tree_raw);

    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags = GIT_DIFF_IGNORE_SUBMODULES;
    git_diff* staged_raw = nullptr;
    if (git_diff_tree_to_index(&staged_raw, repo, tree.get(), index.get(), &options) != 0) {
        return fail(Errc::io, "cannot compare the index with the commit: " + last_error());
    }
    Diff staged(staged_raw);
    for (std::size_t i = 0; i < git_diff_num_deltas(staged.get()); ++i) {
        note_dirty(info, git_diff_get_delta(staged.get(), i));
    }
    git_diff* unstaged_raw = nullptr;
    if (git_diff_index_to_workdir(&unstaged_raw, repo, index.get(), &options) != 0) {
        return fail(Errc::io, "cannot read the working tree status: " + last_error());
    }
    Diff unstaged(unstaged_raw);
    for (std::size_t i = 0; i < git_diff_num_deltas(unstaged.get()); ++i) {
        const git_diff_delta* delta = git_diff_get_delta(unstaged.get(), i);
        if (delta->status == GIT_DELTA_UNTRACKED || delta->status == GIT_DELTA_IGNORED ||
            git_status_skips(index.get(), delta->old_file.path)) {
            continue;
        }
        note_dirty(info, delta);
    }
    return {};
}

// " (this is a shallow clone: <why>; fetch more history ...)" when the repository is shallow.
std::string shallow_hint(git_repository* repo, const std::string& why) {
    if (git_repository_is_shallow(repo) != 1) {
        return {};
    }
    return " (this is a shallow clone: " + why +
           "; fetch more history with git fetch --unshallow or a larger --depth)";
}

} // namespace

Result<CommitInfo> describe_commit(const fs::path& repo_dir, const std::string& revision) {
    VOUCH_TRY_ASSIGN(auto repo, open(repo_dir));
    const Object commit = peel_commit(repo.get(), revision);
    if (!commit) {
        return fail(Errc::usage,
                    "revision '" + (revision.empty() ? std::string("HEAD") : revision) +
                        "' does not name a commit" +
                        shallow_hint(repo.get(), "the commit may not have been fetched"),
                    repo_dir.string());
    }
    CommitInfo info;
    info.sha = oid_hex(git_object_id(commit.get()));
    info.remote_url = remote_url(repo.get());

    // The branch: the one the revision names, else HEAD's when the revision is HEAD's commit.
    git_reference* branch_ref = nullptr;
    if (!revision.empty() &&
        git_branch_lookup(&branch_ref, repo.get(), revision.c_str(), GIT_BRANCH_LOCAL) == 0) {
        Reference owned(branch_ref);
        info.branch = git_reference_shorthand(owned.get());
    } else {
        const Object head = peel_commit(repo.get(), "HEAD");
        if (head && git_oid_equal(git_object_id(head.get()), git_object_id(commit.get())) == 1) {
            info.branch = current_branch(repo.get());
        }
    }
    const Object head = peel_commit(repo.get(), "HEAD");
    info.is_head =
        head && git_oid_equal(git_object_id(head.get()), git_object_id(commit.get())) == 1;
    if (head) {
        info.head_sha = oid_hex(git_object_id(head.get()));
    }
    VOUCH_TRY(check_dirty(repo.get(), commit.get(), info));
    return info;
}

Result<std::string> resolve_commit(const fs::path& repo_dir, const std::string& revision) {
    VOUCH_TRY_ASSIGN(auto repo, open(repo_dir));
    const Object commit = peel_commit(repo.get(), revision);
    if (!commit) {
        return fail(Errc::rejected,
                    "'" + revision + "' does not name a commit in this repository" +
                        shallow_hint(repo.get(), "the commit may not have been fetched"),
                    repo_dir.string());
    }
    return oid_hex(git_object_id(commit.get()));
}

Result<bool> is_reachable_from_branch(const fs::path& repo_dir, const std::string& sha,
                                      const std::string& branch) {
    VOUCH_TRY_ASSIGN(auto repo, open(repo_dir));
    git_oid commit_oid{};
    git_object* raw = nullptr;
    if (git_oid_fromstr(&commit_oid, sha.c_str()) != 0 || sha.size() != GIT_OID_HEXSZ ||
        git_object_lookup(&raw, repo.get(), &commit_oid, GIT_OBJECT_COMMIT) != 0) {
        return fail(Errc::rejected,
                    "commit " + sha + " does not exist in this repository" +
                        shallow_hint(repo.get(), "it may be older than the fetched history"),
                    repo_dir.string());
    }
    Object commit(raw);
    git_reference* ref = nullptr;
    if (git_branch_lookup(&ref, repo.get(), branch.c_str(), GIT_BRANCH_LOCAL) != 0 &&
        git_branch_lookup(&ref, repo.get(), ("origin/" + branch).c_str(), GIT_BRANCH_REMOTE) != 0) {
        return fail(Errc::rejected, "no branch '" + branch + "' (local or origin/" + branch + ")",
                    repo_dir.string());
    }
    Reference branch_ref(ref);
    git_object* tip_raw = nullptr;
    if (git_reference_peel(&tip_raw, branch_ref.get(), GIT_OBJECT_COMMIT) != 0) {
        return fail(Errc::rejected, "branch '" + branch + "' does not point at a commit",
                    repo_dir.string());
    }
    Object tip(tip_raw);
    const git_oid* tip_oid = git_object_id(tip.get());
    if (git_oid_equal(tip_oid, &commit_oid) == 1) {
        return true;
    }
    const int descendant = git_graph_descendant_of(repo.get(), tip_oid, &commit_oid);
    if (descendant <= 0 && git_repository_is_shallow(repo.get()) == 1) {
        // The walk stopped at (or, in libgit2 1.5, failed on a parent missing beyond) the
        // shallow boundary: "not an ancestor" would be a guess.
        return fail(Errc::rejected,
                    "cannot tell whether commit " + sha + " is on branch '" + branch +
                        "': this is a shallow clone and the history between them was not "
                        "fetched; fetch more history (git fetch --unshallow, or a larger "
                        "--depth) and retry",
                    repo_dir.string());
    }
    if (descendant < 0) {
        return fail(Errc::io, "cannot walk the history: " + last_error(), repo_dir.string());
    }
    return descendant == 1;
}

bool repository_exists(const fs::path& dir) {
    ensure_init();
    git_repository* raw = nullptr;
    if (git_repository_open_ext(&raw, dir.c_str(), 0, nullptr) != 0) {
        return false;
    }
    git_repository_free(raw);
    return true;
}

} // namespace vouch::git
