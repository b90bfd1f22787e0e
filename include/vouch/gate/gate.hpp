#pragma once
// `vouch gate`: the promotion decision for one Vercel deployment. Reads the deployment, requires
// it READY and bound to a commit, runs the full verification against that commit (and the
// prebuilt artifact when given), and only on "go" and when asked calls promote. A network
// failure is an error (exit 3) and never a promotion.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vouch/audit/log.hpp>
#include <vouch/policy/policy.hpp>
#include <vouch/vercel/client.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::gate {

struct Request {
    std::string deployment;                // id or URL
    std::optional<std::string> project_id; // default: the deployment's projectId
    bool promote = false;
    // The verification; its expected commit is filled from the deployment.
    verify::Request verify;
    std::optional<std::filesystem::path> log; // decision log to append to
    std::map<std::string, std::string> actor; // the CI environment, for the log
    std::string policy_path;                  // whose promote section was applied, for output
    std::string policy_sha256;
};

// Applies a policy's promote section to `verify`, which already holds the requirements given as
// flags: the stricter of the two wins. A flag weaker than the policy (a more lenient
// --require-gate, a longer --max-age) is Errc::usage: a flag never relaxes the policy.
Status apply_promote_policy(const policy::PromoteRules& rules, verify::Request& verify);

enum class Promotion { not_requested, not_attempted, promoted, already_current };

struct Outcome {
    vercel::Deployment deployment;
    std::string attestation_sha256;
    verify::Report report;
    bool verified = false;            // verify ran and passed
    std::vector<std::string> reasons; // every reason for a no-go; empty = go
    Promotion promotion = Promotion::not_requested;
    std::optional<audit::Appended> logged;
    bool go() const { return reasons.empty(); }
};

// Errors (exit 3): the deployment could not be read (network, 401/403/404, malformed JSON), the
// attestation file is unreadable, promote failed, the log cannot be written. A no-go is an
// Outcome with reasons, never an error.
Result<Outcome> run(const Request& request, const vercel::Client& client);

std::string promotion_name(Promotion promotion);
std::string render_text(const Outcome& outcome, const Request& request);
std::string render_json(const Outcome& outcome, const Request& request);

} // namespace vouch::gate
