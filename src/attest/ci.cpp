// CI detection: only allow-listed variables are recorded, so no token ever lands in a signed
// (and widely shared) attestation.
#include <algorithm>
#include <array>
#include <vouch/attest/statement.hpp>

namespace vouch::attest {

namespace {

constexpr std::array k_github_vars = {
    "GITHUB_ACTIONS",    "GITHUB_SERVER_URL", "GITHUB_REPOSITORY",  "GITHUB_REPOSITORY_ID",
    "GITHUB_REF",        "GITHUB_SHA",        "GITHUB_WORKFLOW",    "GITHUB_WORKFLOW_REF",
    "GITHUB_EVENT_NAME", "GITHUB_RUN_ID",     "GITHUB_RUN_ATTEMPT", "GITHUB_ACTOR",
    "RUNNER_ENVIRONMENT"};
constexpr std::array k_vercel_vars = {"VERCEL",
                                      "VERCEL_ENV",
                                      "VERCEL_URL",
                                      "VERCEL_GIT_PROVIDER",
                                      "VERCEL_GIT_REPO_SLUG",
                                      "VERCEL_GIT_REPO_OWNER",
                                      "VERCEL_GIT_COMMIT_REF",
                                      "VERCEL_GIT_COMMIT_SHA",
                                      "VERCEL_DEPLOYMENT_ID",
                                      "VERCEL_PROJECT_ID"};

template <class Names>
void record(const EnvLookup& env, const Names& names, std::map<std::string, std::string>& out) {
    for (const char* name : names) {
        if (auto value = env(name)) {
            out[name] = *value;
        }
    }
}

std::string get(const EnvLookup& env, const char* name) {
    return env(name).value_or("");
}

bool is_full_sha(const std::string& text) {
    return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// An owner or repository slug as the git hosts allow them; anything else is not recorded.
bool is_slug(const std::string& text) {
    return !text.empty() && text != "." && text != ".." &&
           std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                      c == '-' || c == '_' || c == '.';
           });
}

std::string repository_url(const EnvLookup& env) {
    const std::string provider = get(env, "VERCEL_GIT_PROVIDER");
    const std::string owner = get(env, "VERCEL_GIT_REPO_OWNER");
    const std::string slug = get(env, "VERCEL_GIT_REPO_SLUG");
    std::string host;
    if (provider == "github") {
        host = "https://github.com/";
    } else if (provider == "gitlab") {
        host = "https://gitlab.com/";
    } else if (provider == "bitbucket") {
        host = "https://bitbucket.org/";
    }
    if (host.empty() || !is_slug(owner) || !is_slug(slug)) {
        return {};
    }
    return host + owner + "/" + slug + ".git";
}

} // namespace

Result<std::optional<SourceCommit>> ci_commit(const EnvLookup& env) {
    const auto sha = env("VERCEL_GIT_COMMIT_SHA");
    if (!sha || sha->empty()) {
        return std::optional<SourceCommit>();
    }
    if (!is_full_sha(*sha)) {
        return fail(Errc::rejected,
                    "VERCEL_GIT_COMMIT_SHA is not a full commit SHA (40 lowercase hex digits)");
    }
    SourceCommit commit;
    commit.sha = *sha;
    commit.branch = get(env, "VERCEL_GIT_COMMIT_REF");
    commit.remote_url = repository_url(env);
    commit.source = std::string(k_commit_source_ci);
    commit.source_variable = "VERCEL_GIT_COMMIT_SHA";
    return std::optional<SourceCommit>(std::move(commit));
}

CiEnvironment detect_ci(const EnvLookup& env) {
    CiEnvironment ci;
    if (get(env, "GITHUB_ACTIONS") == "true") {
        ci.provider = "github-actions";
        record(env, k_github_vars, ci.variables);
        const std::string hosting =
            get(env, "RUNNER_ENVIRONMENT") == "github-hosted" ? "github-hosted" : "self-hosted";
        ci.builder_id = "https://github.com/actions/runner/" + hosting;
        const std::string server = env("GITHUB_SERVER_URL").value_or("https://github.com");
        ci.invocation_id = server + "/" + get(env, "GITHUB_REPOSITORY") + "/actions/runs/" +
                           get(env, "GITHUB_RUN_ID") + "/attempts/" +
                           env("GITHUB_RUN_ATTEMPT").value_or("1");
        return ci;
    }
    if (get(env, "VERCEL") == "1" || env("VERCEL_GIT_COMMIT_SHA") || env("VERCEL_DEPLOYMENT_ID")) {
        ci.provider = "vercel";
        record(env, k_vercel_vars, ci.variables);
        ci.builder_id = "https://vercel.com/builders/build";
        ci.invocation_id = env("VERCEL_DEPLOYMENT_ID").value_or(get(env, "VERCEL_URL"));
        return ci;
    }
    if (auto flag = env("CI"); flag && !flag->empty() && *flag != "false" && *flag != "0") {
        ci.provider = "generic-ci";
        ci.variables["CI"] = *flag;
        ci.builder_id = "https://vouch.dev/builders/generic-ci";
        return ci;
    }
    ci.provider = "local";
    ci.builder_id = "https://vouch.dev/builders/local";
    return ci;
}

} // namespace vouch::attest
