#include <algorithm>
#include <cctype>
#include <vouch/git/repository.hpp>
#include <vouch/verify/expected_commit.hpp>

namespace vouch::verify {

namespace {

bool is_full_sha(std::string_view text) {
    return (text.size() == 40 || text.size() == 64) &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string ci_variable_list() {
    std::string out;
    for (const auto name : k_ci_commit_variables) {
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

} // namespace

Result<ExpectedCommit> resolve_expected_commit(const CommitSources& sources) {
    ExpectedCommit expected;
    if (sources.any_commit) {
        if (!sources.commit_flag.empty()) {
            return fail(Errc::usage, "--any-commit and --commit contradict each other");
        }
        expected.any_commit = true;
        expected.source = "--any-commit";
        return expected;
    }
    if (!sources.commit_flag.empty()) {
        expected.source = "--commit";
        if (is_full_sha(sources.commit_flag)) {
            expected.sha = lower(sources.commit_flag);
            return expected;
        }
        if (!sources.repo) {
            return fail(Errc::usage, "--commit must be a full commit SHA unless --repo is given");
        }
        auto sha = git::resolve_commit(*sources.repo, sources.commit_flag);
        if (!sha) {
            auto error = sha.error();
            error.code = error.code == Errc::rejected ? Errc::usage : error.code;
            return tl::unexpected<Error>(std::move(error));
        }
        expected.sha = *sha;
        return expected;
    }
    for (const auto& [name, value] : sources.ci_variables) {
        if (value.empty()) {
            continue;
        }
        if (!is_full_sha(value)) {
            return fail(Errc::usage, name + " is not a full commit SHA");
        }
        expected.sha = lower(value);
        expected.source = name;
        return expected;
    }
    if (sources.repo) {
        auto sha = git::resolve_commit(*sources.repo, "HEAD");
        if (!sha) {
            auto error = sha.error();
            error.code = error.code == Errc::rejected ? Errc::usage : error.code;
            return tl::unexpected<Error>(std::move(error));
        }
        expected.sha = *sha;
        expected.source = "HEAD of --repo " + sources.repo->string();
        return expected;
    }
    return fail(Errc::usage, "no expected commit: give --commit SHA, run where " +
                                 ci_variable_list() +
                                 " is set, or give --repo DIR (its HEAD); --any-commit accepts "
                                 "an attestation of any commit");
}

} // namespace vouch::verify
