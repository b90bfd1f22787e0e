#include "run_on_text.hpp"
#include "subjects.hpp"

#include <vouch/attest/statement.hpp>
#include <vouch/git/repository.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::verify {

namespace {

constexpr std::chrono::minutes k_clock_skew{5};

// Each step either produces what the next one needs or records why it failed.
class Chain {
  public:
    explicit Chain(Report& report) : m_report(report) {}

    bool stopped() const { return m_stopped; }

    void pass(std::string name, std::string detail) {
        add(std::move(name), CheckStatus::pass, std::move(detail));
    }
    void skip(std::string name, std::string detail) {
        add(std::move(name), CheckStatus::skipped, std::move(detail));
    }
    void fail(std::string name, std::string detail) {
        add(std::move(name), CheckStatus::fail, std::move(detail));
        m_stopped = true;
    }
    void skip_rest(const std::vector<std::string>& names) {
        for (const auto& name : names) {
            skip(name, "not run: an earlier check failed");
        }
    }

  private:
    void add(std::string name, CheckStatus status, std::string detail) {
        m_report.checks.push_back({std::move(name), status, std::move(detail)});
    }
    Report& m_report;
    bool m_stopped = false;
};

const std::vector<std::string> k_order = {"envelope", "signatures", "payload-type", "statement",
                                          "subjects", "commit",     "branch",       "age",
                                          "sbom",     "verdict",    "inspection"};

std::vector<std::string> after(const std::string& name) {
    std::vector<std::string> rest;
    bool found = false;
    for (const auto& n : k_order) {
        if (found) {
            rest.push_back(n);
        }
        found = found || n == name;
    }
    return rest;
}

void check_commit(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    if (!provenance.commit || provenance.commit->sha.empty()) {
        chain.fail("commit", "the provenance records no gitCommit");
        return;
    }
    const auto& commit = *provenance.commit;
    if (commit.dirty && !request.allow_dirty) {
        chain.fail("commit", "built from a working tree with uncommitted changes (signed with "
                             "--allow-dirty); pass --allow-dirty to accept it");
        return;
    }
    if (!request.expected_commit) {
        if (request.any_commit) {
            chain.skip("commit", "recorded commit " + commit.sha + " NOT compared (--any-commit)");
        } else {
            chain.fail("commit", "no expected commit to compare the recorded " + commit.sha +
                                     " with (give --commit, a CI commit variable or --repo)");
        }
        return;
    }
    if (commit.sha != *request.expected_commit) {
        chain.fail("commit", "attestation is for commit " + commit.sha + ", expected " +
                                 *request.expected_commit + " (from " +
                                 request.expected_commit_source + ")");
        return;
    }
    chain.pass("commit", commit.sha + " matches " + request.expected_commit_source);
}

void check_branch(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    if (!request.repo || !request.branch) {
        chain.skip("branch", request.repo ? "no --branch given" : "no --repo and --branch given");
        return;
    }
    const std::string& sha = provenance.commit->sha;
    auto reachable = git::is_reachable_from_branch(*request.repo, sha, *request.branch);
    if (!reachable) {
        chain.fail("branch", plain_text(reachable.error()));
    } else if (!*reachable) {
        chain.fail("branch", "commit " + sha + " is not on branch '" + *request.branch + "'");
    } else {
        chain.pass("branch", "commit " + sha + " is reachable from '" + *request.branch + "'");
    }
}

void check_age(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    if (!request.max_age) {
        chain.skip("age", "no --max-age given");
        return;
    }
    const auto& when = provenance.finished ? provenance.finished : provenance.started;
    if (!when) {
        chain.fail("age", "the provenance records no finishedOn/startedOn time");
        return;
    }
    if (*when > request.now + k_clock_skew) {
        chain.fail("age", "signed in the future (" + util::format_rfc3339(*when) + ")");
        return;
    }
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(request.now - *when);
    const auto shown = std::max(age, std::chrono::seconds{0});
    if (age > *request.max_age) {
        chain.fail("age", "signed " + format_duration(shown) + " ago (" +
                              util::format_rfc3339(*when) + "), more than --max-age " +
                              format_duration(*request.max_age));
        return;
    }
    chain.pass("age", "signed " + format_duration(shown) + " ago");
}

void check_sbom(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    if (!request.require_sbom) {
        chain.skip("sbom", provenance.sbom ? "SBOM recorded (not required)" : "not required");
    } else if (!provenance.sbom) {
        chain.fail("sbom", "--require-sbom: the provenance records no SBOM");
    } else if (!provenance.sbom_checked && !request.allow_unchecked_sbom) {
        chain.fail("sbom", "--require-sbom: the SBOM " + provenance.sbom->path +
                               " is recorded as not checked against the lockfile (signed with "
                               "--sbom-unchecked); pass --allow-unchecked-sbom to accept it");
    } else if (!provenance.sbom_checked) {
        chain.pass("sbom", provenance.sbom->path + " sha256:" + provenance.sbom->sha256 +
                               " NOT checked against the lockfile (--allow-unchecked-sbom)");
    } else {
        chain.pass("sbom", provenance.sbom->path + " sha256:" + provenance.sbom->sha256);
    }
}

// --require-gate: the verdict must pass under a gate at least as strict as the one required.
// An empty string = fine; else why not.
std::string gate_problem(const Request& request, const attest::VerdictRecord& verdict) {
    const auto required = scan::parse_gate(*request.require_gate);
    if (!required) {
        return "--require-gate: '" + *request.require_gate + "' is not a gate level";
    }
    if (verdict.verdict != "pass") {
        return "--require-gate " + std::string(scan::to_string(*required)) + ": verdict is '" +
               verdict.verdict + "', not 'pass'";
    }
    if (verdict.gate.empty()) {
        return "--require-gate: the verdict records no gate (made by an older vouch: scan again)";
    }
    const auto applied = scan::parse_gate(verdict.gate);
    if (!applied) {
        return "--require-gate: the verdict records an unknown gate '" + verdict.gate + "'";
    }
    if (!scan::at_least_as_strict(*applied, *required)) {
        return "the verdict was made with gate '" + std::string(scan::to_string(*applied)) +
               "', weaker than the required '" + std::string(scan::to_string(*required)) + "'";
    }
    return {};
}

void check_verdict(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    if (!request.require_verdict && !request.require_gate) {
        chain.skip("verdict", provenance.verdict ? "verdict '" + provenance.verdict->verdict +
                                                       "' recorded (not required)"
                                                 : "not required");
        return;
    }
    if (!provenance.verdict) {
        chain.fail("verdict",
                   std::string(request.require_verdict ? "--require-verdict" : "--require-gate") +
                       ": the provenance records no verdict");
        return;
    }
    const auto& verdict = *provenance.verdict;
    if (request.require_gate) {
        if (auto problem = gate_problem(request, verdict); !problem.empty()) {
            chain.fail("verdict", problem);
            return;
        }
    }
    if (request.require_verdict && verdict.verdict != *request.require_verdict) {
        chain.fail("verdict", "verdict is '" + verdict.verdict + "', required '" +
                                  *request.require_verdict + "'");
        return;
    }
    if (provenance.lockfile && !verdict.lockfile.sha256.empty() &&
        verdict.lockfile.sha256 != provenance.lockfile->sha256) {
        chain.fail("verdict", "the verdict is about lockfile sha256:" + verdict.lockfile.sha256 +
                                  " but the build used sha256:" + provenance.lockfile->sha256);
        return;
    }
    chain.pass("verdict", "'" + verdict.verdict + "'" +
                              (verdict.gate.empty() ? "" : " gate " + verdict.gate) + " (" +
                              verdict.document.path + ")");
}

std::string inspection_summary(const attest::InspectionRecord& record) {
    return std::to_string(record.total) + " finding(s), " + std::to_string(record.failing) +
           " at or above threshold '" + record.threshold + "', " +
           std::to_string(record.suppressed) + " suppressed, policy " + record.policy_path +
           " sha256:" + record.policy_sha256;
}

// --require-inspection: fail closed on anything but a recorded, performed, clean inspection.
void check_inspection(Chain& chain, const Request& request, const attest::Provenance& provenance) {
    const auto& record = provenance.inspection;
    const bool required = request.require_inspection || request.require_inspection_policy;
    if (!required) {
        chain.skip("inspection",
                   record && record->performed
                       ? "recorded: " + inspection_summary(*record) + " (not required)"
                       : "not required");
        return;
    }
    if (!record) {
        chain.fail("inspection", "--require-inspection: the provenance records no inspection "
                                 "(signed by a vouch without inspection support)");
        return;
    }
    if (!record->performed) {
        chain.fail("inspection", "--require-inspection: the build output was not inspected when "
                                 "it was signed (sign with --inspect, or a policy with "
                                 "inspect.on-sign)");
        return;
    }
    if (record->failing > 0 || record->allow_findings) {
        chain.fail(
            "inspection",
            "--require-inspection: " + std::to_string(record->failing) +
                " inspection finding(s) at or above threshold '" + record->threshold +
                "' were recorded" +
                (record->allow_findings ? " (signed with --allow-inspection-findings)" : ""));
        return;
    }
    if (record->threshold == "none" && record->total > 0) {
        chain.fail("inspection", "--require-inspection: the inspection ran with threshold 'none' "
                                 "(report only) and recorded " +
                                     std::to_string(record->total) + " finding(s)");
        return;
    }
    if (request.require_inspection_policy &&
        record->policy_sha256 != *request.require_inspection_policy) {
        chain.fail("inspection", "--require-inspection-policy: the inspection used policy " +
                                     record->policy_path + " sha256:" + record->policy_sha256 +
                                     ", not sha256:" + *request.require_inspection_policy);
        return;
    }
    chain.pass("inspection", "clean: " + inspection_summary(*record));
}

Recorded recorded_of(const attest::Provenance& provenance) {
    Recorded out;
    if (provenance.commit) {
        out.commit = provenance.commit->sha;
    }
    out.commit_source = provenance.commit_source;
    out.ref = provenance.ref;
    // A signer before credentials were stripped may have recorded them: never show them.
    out.repository = util::strip_userinfo(provenance.repository);
    out.builder_id = provenance.builder_id;
    out.ci_run = provenance.invocation_id;
    out.signed_at = provenance.finished ? provenance.finished : provenance.started;
    if (const auto& record = provenance.inspection) {
        out.inspection = !record->performed ? "not performed"
                         : record->failing == 0 && !record->allow_findings
                             ? "clean: " + inspection_summary(*record)
                             : inspection_summary(*record) +
                                   (record->allow_findings ? " (--allow-inspection-findings)" : "");
    }
    return out;
}

} // namespace

bool Report::passed() const {
    return first_failure() == nullptr;
}

const CheckResult* Report::first_failure() const {
    for (const auto& check : checks) {
        if (check.status == CheckStatus::fail) {
            return &check;
        }
    }
    return nullptr;
}

Report run(const Request& request) {
    return run_on_text(request, util::read_file(request.attestation, dsse::k_max_envelope_bytes));
}

Report run_on_text(const Request& request, const Result<std::string>& text) {
    Report report;
    Chain chain(report);

    auto envelope = text ? dsse::parse_envelope(*text, request.attestation.string())
                         : Result<dsse::Envelope>(tl::unexpected<Error>(text.error()));
    if (!envelope) {
        chain.fail("envelope", plain_text(envelope.error()));
        chain.skip_rest(after("envelope"));
        return report;
    }
    chain.pass("envelope", std::to_string(envelope->signatures.size()) + " signature(s)");
    for (const auto& signature : envelope->signatures) {
        report.envelope_key_ids.push_back(signature.keyid.empty() ? "(none)" : signature.keyid);
    }

    // The co-signer vouches for every signature already there, so each must verify under a
    // distinct trusted key.
    const std::size_t threshold = request.every_signature
                                      ? std::max(request.threshold, envelope->signatures.size())
                                      : request.threshold;
    auto verified = dsse::verify(*envelope, request.trusted, threshold);
    if (!verified) {
        chain.fail("signatures", (request.every_signature
                                      ? "every signature in the envelope must verify under one "
                                        "of the --pub keys: "
                                      : "") +
                                     verified.error().message);
        chain.skip_rest(after("signatures"));
        return report;
    }
    report.signer_key_ids = verified->signer_key_ids();
    std::string signers;
    for (const auto& id : report.signer_key_ids) {
        signers += (signers.empty() ? "" : ", ") + id;
    }
    chain.pass("signatures",
               "verified by " + signers + " (threshold " + std::to_string(threshold) + ")");

    if (verified->payload_type() != dsse::k_in_toto_payload_type) {
        chain.fail("payload-type", "payloadType is '" + verified->payload_type() + "', expected '" +
                                       std::string(dsse::k_in_toto_payload_type) + "'");
        chain.skip_rest(after("payload-type"));
        return report;
    }
    chain.pass("payload-type", std::string(dsse::k_in_toto_payload_type));

    auto provenance = attest::parse_provenance(*verified);
    if (!provenance) {
        chain.fail("statement", provenance.error().message);
        chain.skip_rest(after("statement"));
        return report;
    }
    chain.pass("statement", provenance->statement_type + ", " + provenance->predicate_type);
    report.recorded = recorded_of(*provenance);

    if (request.artifacts.empty() && request.subjects_bound_by) {
        chain.skip("subjects", "no artifact given; " + *request.subjects_bound_by);
    } else {
        const auto subjects = check_subjects(request.artifacts, provenance->subjects,
                                             request.threads, request.every_subject);
        if (!subjects.ok) {
            chain.fail("subjects", subjects.detail);
            chain.skip_rest(after("subjects"));
            return report;
        }
        chain.pass("subjects", subjects.detail);
    }
    for (const auto& subject : provenance->subjects) {
        const auto sha = subject.digest.find("sha256");
        report.subjects.emplace_back(subject.name, sha == subject.digest.end() ? "" : sha->second);
    }

    using Step = void (*)(Chain&, const Request&, const attest::Provenance&);
    const std::pair<const char*, Step> steps[] = {
        {"commit", check_commit}, {"branch", check_branch},   {"age", check_age},
        {"sbom", check_sbom},     {"verdict", check_verdict}, {"inspection", check_inspection}};
    for (const auto& [name, step] : steps) {
        step(chain, request, *provenance);
        if (chain.stopped()) {
            chain.skip_rest(after(name));
            break;
        }
    }
    return report;
}

} // namespace vouch::verify
