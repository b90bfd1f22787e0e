// `vouch gate`: deployment facts + full verification -> go / no-go, then (optionally) promote.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/gate/gate.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>

namespace vouch::gate {
namespace {

bool is_full_sha(const std::string& text) {
    return (text.size() == 40 || text.size() == 64) &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The facts Vercel reports about the deployment, each failing one a reason.
void check_deployment(const Request& request, Outcome& outcome) {
    const auto& d = outcome.deployment;
    if (d.ready_state != "READY") {
        outcome.reasons.push_back("deployment " + d.id + " is " + d.ready_state + ", not READY");
    }
    if (d.commit.empty()) {
        outcome.reasons.push_back(
            "deployment " + d.id +
            " records no commit (gitSource.sha, meta.githubCommitSha or meta.vouchCommit)");
    } else if (!is_full_sha(d.commit)) {
        outcome.reasons.push_back("deployment commit '" + d.commit + "' (" + d.commit_source +
                                  ") is not a full commit SHA");
    }
    for (const auto& [where, sha] : d.commit_claims) {
        if (lower(sha) != lower(d.commit)) {
            outcome.reasons.push_back("the deployment states two commits: " + d.commit_source +
                                      " = " + d.commit + ", " + where + " = " + sha);
        }
    }
    if (d.meta_attestation) {
        std::string recorded = lower(*d.meta_attestation);
        if (recorded.rfind("sha256:", 0) == 0) {
            recorded.erase(0, 7);
        }
        if (recorded != outcome.attestation_sha256) {
            outcome.reasons.push_back(
                "meta.vouchAttestation of the deployment is " + *d.meta_attestation +
                ", but the attestation given has sha256 " + outcome.attestation_sha256);
        }
    } else if (request.verify.artifacts.empty()) {
        outcome.reasons.push_back("no --artifact given and the deployment has no "
                                  "meta.vouchAttestation: nothing ties the deployed files to the "
                                  "attestation");
    }
    if (request.project_id && !d.project_id.empty() && *request.project_id != d.project_id) {
        outcome.reasons.push_back("deployment " + d.id + " belongs to project " + d.project_id +
                                  ", not " + *request.project_id);
    }
}

audit::Entry log_entry(const Request& request, const Outcome& outcome) {
    audit::Entry entry;
    entry.event = "gate";
    entry.actor = request.actor;
    entry.deployment = outcome.deployment.id;
    entry.commit = lower(outcome.deployment.commit);
    entry.attestation_sha256 = outcome.attestation_sha256;
    entry.artifacts = outcome.report.subjects;
    entry.key_ids = outcome.report.signer_key_ids;
    entry.verdict = outcome.go() ? "go" : "no-go";
    entry.reasons = outcome.reasons;
    entry.action = promotion_name(outcome.promotion);
    if (request.verify.artifacts.empty()) {
        entry.opt_outs.push_back("no-artifact: bound by meta.vouchAttestation");
    }
    entry.time = request.verify.now;
    return entry;
}

std::string requirements_text(const Request& request) {
    const auto& v = request.verify;
    std::string out = "require     ";
    out += v.require_sbom ? "SBOM" : "no SBOM";
    out += v.require_verdict ? ", verdict " + *v.require_verdict : ", no verdict";
    out += v.require_gate ? ", gate " + *v.require_gate + " or stricter" : ", any gate";
    out += v.max_age ? ", signed within " + verify::format_duration(*v.max_age) : ", any age";
    if (v.require_inspection) {
        out += ", clean inspection";
    }
    if (!request.policy_path.empty()) {
        out += " (policy " + util::escape_for_terminal(request.policy_path) + " + flags)";
    }
    return out + "\n";
}

} // namespace

Status apply_promote_policy(const policy::PromoteRules& rules, verify::Request& verify) {
    verify.require_sbom = verify.require_sbom || rules.require_sbom;
    verify.require_inspection = verify.require_inspection || rules.require_inspection;
    if (rules.require_verdict && !verify.require_verdict) {
        verify.require_verdict = rules.require_verdict;
    }
    if (rules.require_gate) {
        const auto policy_gate = scan::parse_gate(*rules.require_gate);
        if (!policy_gate) {
            return fail(Errc::usage, "the policy's promote.require-gate '" + *rules.require_gate +
                                         "' is not a gate level");
        }
        if (verify.require_gate) {
            const auto flag_gate = scan::parse_gate(*verify.require_gate);
            if (!flag_gate || !scan::at_least_as_strict(*flag_gate, *policy_gate)) {
                return fail(Errc::usage, "--require-gate " + *verify.require_gate +
                                             " is weaker than the policy's promote.require-gate " +
                                             *rules.require_gate +
                                             " (flags can only make the policy stricter)");
            }
        } else {
            verify.require_gate = std::string(scan::to_string(*policy_gate));
        }
    }
    if (rules.max_age) {
        if (verify.max_age && *verify.max_age > *rules.max_age) {
            return fail(Errc::usage, "--max-age " + verify::format_duration(*verify.max_age) +
                                         " is longer than the policy's promote.max-age " +
                                         rules.max_age_text +
                                         " (flags can only make the policy stricter)");
        }
        if (!verify.max_age) {
            verify.max_age = rules.max_age;
        }
    }
    return {};
}

std::string promotion_name(Promotion promotion) {
    switch (promotion) {
    case Promotion::not_requested:
        return "not-requested";
    case Promotion::not_attempted:
        return "not-promoted";
    case Promotion::promoted:
        return "promoted";
    case Promotion::already_current:
        return "already-current";
    }
    return "unknown";
}

Result<Outcome> run(const Request& request, const vercel::Client& client) {
    Outcome outcome;
    VOUCH_TRY_ASSIGN(outcome.deployment, client.get_deployment(request.deployment));
    VOUCH_TRY_ASSIGN(const auto attestation, util::read_file(request.verify.attestation));
    outcome.attestation_sha256 = digest::sha256_hex(attestation);
    check_deployment(request, outcome);

    // The full verification, against the deployment's commit (never "any commit").
    verify::Request verify = request.verify;
    verify.expected_commit = lower(outcome.deployment.commit);
    verify.expected_commit_source =
        "the Vercel deployment's " + (outcome.deployment.commit_source.empty()
                                          ? std::string("commit")
                                          : outcome.deployment.commit_source);
    if (verify.artifacts.empty()) {
        verify.subjects_bound_by = "the deployment is bound to the attestation by "
                                   "meta.vouchAttestation";
    }
    outcome.report = verify::run(verify);
    outcome.verified = outcome.report.passed();
    if (const auto* failed = outcome.report.first_failure()) {
        outcome.reasons.push_back("verification failed at check '" + failed->name +
                                  "': " + failed->detail);
    }

    std::optional<Error> promote_error;
    if (request.promote) {
        outcome.promotion = Promotion::not_attempted;
        const std::string project =
            request.project_id ? *request.project_id : outcome.deployment.project_id;
        if (outcome.go() && project.empty()) {
            outcome.reasons.push_back("the deployment names no project; give --project");
        }
        if (outcome.go()) {
            auto promoted = client.promote(project, outcome.deployment.id);
            if (promoted) {
                outcome.promotion = *promoted == vercel::Promotion::already_current
                                        ? Promotion::already_current
                                        : Promotion::promoted;
            } else {
                promote_error = promoted.error();
            }
        }
    }
    if (request.log) {
        auto entry = log_entry(request, outcome);
        if (promote_error) {
            entry.action = "promote-failed";
        }
        VOUCH_TRY_ASSIGN(outcome.logged, audit::append(*request.log, entry));
    }
    if (promote_error) {
        return fail(std::move(*promote_error));
    }
    return outcome;
}

std::string render_text(const Outcome& outcome, const Request& request) {
    const auto& d = outcome.deployment;
    std::string out;
    out += "deployment  " + util::escape_for_terminal(d.id) +
           (d.url.empty() ? "" : " (" + util::escape_for_terminal(d.url) + ")") + "\n";
    out += "state       " + util::escape_for_terminal(d.ready_state) +
           (d.target.empty() ? "" : ", target " + util::escape_for_terminal(d.target)) + "\n";
    out += "commit      " +
           (d.commit.empty() ? std::string("(none)")
                             : util::escape_for_terminal(d.commit) + " from " + d.commit_source) +
           "\n";
    out += "attestation sha256:" + outcome.attestation_sha256 + "\n";
    out += requirements_text(request);
    out += verify::render_text(outcome.report);
    if (outcome.go()) {
        out += "decision    GO";
    } else {
        out += "decision    NO-GO\n";
        for (const auto& reason : outcome.reasons) {
            out += "  - " + util::escape_for_terminal(reason) + "\n";
        }
        out += "promotion   " + promotion_name(outcome.promotion) + "\n";
        return out;
    }
    out += ", promotion " + promotion_name(outcome.promotion) + "\n";
    return out;
}

std::string render_json(const Outcome& outcome, const Request& request) {
    nlohmann::ordered_json doc;
    const auto& d = outcome.deployment;
    doc["decision"] = outcome.go() ? "go" : "no-go";
    doc["reasons"] = outcome.reasons;
    doc["promotion"] = promotion_name(outcome.promotion);
    doc["deployment"] = {{"id", d.id},
                         {"url", d.url},
                         {"project_id", d.project_id},
                         {"ready_state", d.ready_state},
                         {"target", d.target},
                         {"commit", d.commit},
                         {"commit_source", d.commit_source}};
    doc["attestation_sha256"] = outcome.attestation_sha256;
    const auto& v = request.verify;
    nlohmann::ordered_json required;
    required["policy"] = request.policy_path.empty() ? nlohmann::ordered_json(nullptr)
                                                     : nlohmann::ordered_json(request.policy_path);
    required["policy_sha256"] = request.policy_sha256.empty()
                                    ? nlohmann::ordered_json(nullptr)
                                    : nlohmann::ordered_json(request.policy_sha256);
    required["require_sbom"] = v.require_sbom;
    required["require_verdict"] =
        v.require_verdict ? nlohmann::ordered_json(*v.require_verdict) : nullptr;
    required["require_gate"] = v.require_gate ? nlohmann::ordered_json(*v.require_gate) : nullptr;
    required["max_age_seconds"] = v.max_age ? nlohmann::ordered_json(v.max_age->count()) : nullptr;
    required["require_inspection"] = v.require_inspection;
    doc["requirements"] = std::move(required);
    doc["verification"] = nlohmann::ordered_json::parse(
        verify::render_json(outcome.report, request.verify), nullptr, false);
    if (outcome.logged) {
        doc["log"] = {{"seq", outcome.logged->seq}, {"sha256", outcome.logged->sha256}};
    }
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace vouch::gate
