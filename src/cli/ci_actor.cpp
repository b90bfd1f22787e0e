#include "ci_actor.hpp"

#include <cstdlib>
#include <utility>
#include <vector>
#include <vouch/util/text.hpp>

namespace vouch::cli {
namespace {

void add(std::map<std::string, std::string>& actor, const char* key, const char* variable) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') {
        actor[key] = util::strip_userinfo(value);
    }
}

bool set(const char* variable) {
    const char* value = std::getenv(variable);
    return value != nullptr && *value != '\0';
}

} // namespace

std::map<std::string, std::string> ci_actor() {
    std::map<std::string, std::string> actor;
    if (set("GITHUB_ACTIONS")) {
        actor["ci"] = "github-actions";
        add(actor, "server", "GITHUB_SERVER_URL");
        add(actor, "repository", "GITHUB_REPOSITORY");
        add(actor, "workflow", "GITHUB_WORKFLOW");
        add(actor, "run_id", "GITHUB_RUN_ID");
        add(actor, "run_attempt", "GITHUB_RUN_ATTEMPT");
        add(actor, "user", "GITHUB_ACTOR");
        add(actor, "ref", "GITHUB_REF");
    } else if (set("GITLAB_CI")) {
        actor["ci"] = "gitlab";
        add(actor, "server", "CI_SERVER_URL");
        add(actor, "repository", "CI_PROJECT_PATH");
        add(actor, "run_id", "CI_PIPELINE_ID");
        add(actor, "job_id", "CI_JOB_ID");
        add(actor, "user", "GITLAB_USER_LOGIN");
        add(actor, "ref", "CI_COMMIT_REF_NAME");
    } else if (set("VERCEL")) {
        actor["ci"] = "vercel";
        add(actor, "environment", "VERCEL_ENV");
        add(actor, "deployment", "VERCEL_DEPLOYMENT_ID");
        add(actor, "repository", "VERCEL_GIT_REPO_SLUG");
        add(actor, "user", "VERCEL_GIT_COMMIT_AUTHOR_LOGIN");
        add(actor, "ref", "VERCEL_GIT_COMMIT_REF");
    } else if (set("CI")) {
        actor["ci"] = "unknown-ci";
        add(actor, "user", "USER");
    } else {
        actor["ci"] = "local";
        add(actor, "user", "USER");
    }
    return actor;
}

} // namespace vouch::cli
