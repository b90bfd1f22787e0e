#pragma once
// Which commit an attestation must be for. One rule for `vouch verify` and `vouch sign --append`
// (and the gate): --commit, else the CI's commit variable, else the HEAD of --repo; none of them
// is a usage error unless the caller opted out with --any-commit. The caller reads the
// environment; this only decides.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::verify {

// The CI variables holding the commit being built or deployed, in the order they are consulted.
inline constexpr std::array<std::string_view, 2> k_ci_commit_variables = {"VERCEL_GIT_COMMIT_SHA",
                                                                          "GITHUB_SHA"};

struct CommitSources {
    std::string commit_flag; // --commit: a full SHA, or any revision when `repo` is given
    // (name, value) of the k_ci_commit_variables that are set, in that order.
    std::vector<std::pair<std::string, std::string>> ci_variables;
    std::optional<std::filesystem::path> repo; // --repo: its HEAD is the last resort
    bool any_commit = false;                   // --any-commit: explicitly compare with nothing
};

struct ExpectedCommit {
    std::optional<std::string> sha; // full lowercase hex; empty only with any_commit
    std::string source;             // "--commit", "GITHUB_SHA", "HEAD of --repo DIR", ...
    bool any_commit = false;
};

// Errc::usage when no source gives a commit (naming every way to give one, and --any-commit),
// when a value is not a commit, or when --any-commit is combined with --commit.
Result<ExpectedCommit> resolve_expected_commit(const CommitSources& sources);

} // namespace vouch::verify
