// CI detection: only allow-listed variables are recorded, so no token ever lands in a signed
// (and widely shared) attestation.
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

} // namespace

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
