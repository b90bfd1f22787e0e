// `vouch verify`: check artifacts against a signed attestation (the ordered checks of
// verify::run), or against a minisign signature with --minisig.
#include "ci_actor.hpp"
#include "ci_commit.hpp"
#include "command.hpp"
#include "gate_flag.hpp"
#include "verify_minisig.hpp"

#include <iostream>
#include <vouch/audit/log.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/keys/keys.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>
#include <vouch/verify/expected_commit.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::vector<std::string> artifacts;
    std::string attestation;
    std::vector<std::string> pubs;
    std::size_t threshold = 1;
    std::string commit;
    std::string repo;
    std::string branch;
    std::string max_age;
    bool require_sbom = false;
    bool allow_unchecked_sbom = false;
    std::string require_verdict;
    std::string require_gate;
    bool allow_dirty = false;
    bool require_inspection = false;
    std::string require_inspection_policy;
    bool any_commit = false;
    unsigned threads = 0;
    std::string minisig;
    bool allow_legacy = false;
    std::string format = "table";
    std::string log;
};

// A SHA-256 in hex; lowercased in place (the recorded digest is lowercase).
bool is_sha256_hex(std::string& text) {
    if (text.size() != 64) {
        return false;
    }
    for (char& c : text) {
        if (c >= 'A' && c <= 'F') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

// The expected commit's sources, read here (the library never reads the environment).
verify::CommitSources commit_sources(const Options& opts) {
    verify::CommitSources sources;
    sources.commit_flag = opts.commit;
    sources.ci_variables = ci_commit_variables();
    if (!opts.repo.empty()) {
        sources.repo = opts.repo;
    }
    sources.any_commit = opts.any_commit;
    return sources;
}

// --log: the decision, appended to the hash-chained decision log (docs/decision-log.md).
Status log_decision(const std::string& log, const verify::Request& request,
                    const verify::Report& report) {
    audit::Entry entry;
    entry.event = "verify";
    entry.actor = ci_actor();
    // The commit the attestation records (it matched the expected one when the verdict is pass).
    entry.commit = report.recorded ? report.recorded->commit : request.expected_commit.value_or("");
    if (request.any_commit) {
        entry.opt_outs.push_back("--any-commit");
    }
    if (auto bytes = util::read_file(request.attestation)) {
        entry.attestation_sha256 = digest::sha256_hex(*bytes);
    }
    entry.artifacts = report.subjects;
    entry.key_ids = report.signer_key_ids;
    entry.verdict = report.passed() ? "pass" : "fail";
    if (const auto* failed = report.first_failure()) {
        entry.reasons.push_back("check '" + failed->name + "': " + failed->detail);
    }
    entry.time = request.now;
    VOUCH_TRY(audit::append(log, entry));
    return {};
}

Result<int> verify_attestation(const Options& opts) {
    if (opts.artifacts.empty()) {
        return fail(Errc::usage, "give the ARTIFACT(s) to check against the attestation");
    }
    if (opts.pubs.empty()) {
        return fail(Errc::usage, "--pub KEY is required (the trusted public key(s))");
    }
    if (opts.threshold < 1) {
        return fail(Errc::usage, "--threshold must be at least 1");
    }
    if (!opts.branch.empty() && opts.repo.empty()) {
        return fail(Errc::usage, "--branch needs --repo DIR");
    }
    verify::Request request;
    for (const auto& artifact : opts.artifacts) {
        request.artifacts.emplace_back(artifact);
    }
    request.attestation = opts.attestation;
    for (const auto& path : opts.pubs) {
        VOUCH_TRY_ASSIGN(const auto key, keys::load_public_key(path));
        request.trusted.push_back({keys::key_id_hex(key.id), key.key});
    }
    request.threshold = opts.threshold;
    VOUCH_TRY_ASSIGN(const auto expected, verify::resolve_expected_commit(commit_sources(opts)));
    request.expected_commit = expected.sha;
    request.expected_commit_source = expected.source;
    request.any_commit = expected.any_commit;
    if (expected.any_commit) {
        warn("--any-commit: the attestation's commit is not compared with anything; an old "
             "signed build of any commit passes this check");
    }
    if (!opts.repo.empty()) {
        request.repo = opts.repo;
    }
    if (!opts.branch.empty()) {
        request.branch = opts.branch;
    }
    if (!opts.max_age.empty()) {
        VOUCH_TRY_ASSIGN(request.max_age, verify::parse_duration(opts.max_age));
    }
    request.require_sbom = opts.require_sbom;
    if (opts.allow_unchecked_sbom && !opts.require_sbom) {
        return fail(Errc::usage, "--allow-unchecked-sbom only relaxes --require-sbom");
    }
    request.allow_unchecked_sbom = opts.allow_unchecked_sbom;
    if (opts.allow_unchecked_sbom) {
        warn("--allow-unchecked-sbom: an SBOM signed with --sbom-unchecked passes --require-sbom; "
             "nobody checked that it describes the built lockfile");
    }
    if (!opts.require_verdict.empty()) {
        request.require_verdict = opts.require_verdict;
    }
    if (!opts.require_gate.empty()) {
        VOUCH_TRY_ASSIGN(request.require_gate, parse_require_gate(opts.require_gate));
    }
    request.require_inspection = opts.require_inspection;
    if (!opts.require_inspection_policy.empty()) {
        request.require_inspection_policy = opts.require_inspection_policy;
    }
    request.allow_dirty = opts.allow_dirty;
    request.threads = opts.threads;
    VOUCH_TRY_ASSIGN(request.now, util::now());

    const auto report = verify::run(request);
    if (!opts.log.empty()) {
        VOUCH_TRY(log_decision(opts.log, request, report));
    }
    std::cout << (opts.format == "json" ? verify::render_json(report, request)
                                        : verify::render_text(report));
    if (const auto* failed = report.first_failure()) {
        std::cerr << "vouch: error: " << util::escape_for_terminal(opts.attestation)
                  << ": verification failed at check '" << failed->name
                  << "': " << util::escape_for_terminal(failed->detail) << '\n';
        return exit_fail;
    }
    return exit_pass;
}

Result<int> run(const Options& opts) {
    if (!opts.minisig.empty()) {
        if (!opts.attestation.empty()) {
            return fail(Errc::usage, "use either --attestation or --minisig, not both");
        }
        if (opts.artifacts.size() != 1) {
            return fail(Errc::usage, "--minisig verifies exactly one ARTIFACT");
        }
        if (!opts.log.empty()) {
            return fail(Errc::usage, "--log records attestation decisions; not with --minisig");
        }
        return run_verify_minisig(opts.artifacts.front(), opts.minisig, opts.pubs,
                                  opts.allow_legacy, opts.format);
    }
    if (opts.attestation.empty()) {
        return fail(Errc::usage, "--attestation FILE (or --minisig SIGFILE) is required");
    }
    return verify_attestation(opts);
}

const bool registered = register_command(
    "verify", "Verify artifacts against a signed attestation (or a minisign signature)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("artifact", opts->artifacts, "Files or directories to check");
        app.add_option("--attestation", opts->attestation, "DSSE envelope written by vouch sign");
        app.add_option("--pub", opts->pubs, "Trusted minisign public key file(s)");
        app.add_option("--threshold", opts->threshold,
                       "Distinct trusted keys that must have signed (default 1)");
        app.add_option("--commit", opts->commit,
                       "Expected commit (default: VERCEL_GIT_COMMIT_SHA or GITHUB_SHA if set, "
                       "else the HEAD of --repo)");
        app.add_option("--repo", opts->repo,
                       "Git repository: its HEAD is the expected commit when no --commit or CI "
                       "commit variable is given; also for --branch and to resolve --commit");
        app.add_flag("--any-commit", opts->any_commit,
                     "Accept an attestation of any commit (explicit opt-out, warned and recorded)");
        app.add_option("--branch", opts->branch, "The commit must be reachable from this branch");
        app.add_option("--max-age", opts->max_age, "Maximum attestation age: 30m, 24h, 7d, 2w");
        app.add_flag("--require-sbom", opts->require_sbom,
                     "The provenance must record an SBOM checked against the lockfile");
        app.add_flag("--allow-unchecked-sbom", opts->allow_unchecked_sbom,
                     "With --require-sbom: also accept an SBOM signed with --sbom-unchecked "
                     "(explicit opt-out, warned and recorded)");
        app.add_option("--require-verdict", opts->require_verdict,
                       "The recorded verdict must be this value")
            ->check(CLI::IsMember({"pass"}));
        app.add_option("--require-gate", opts->require_gate,
                       "The recorded verdict must be 'pass' under a gate at least as strict as "
                       "LEVEL (any > low > moderate > high > critical > none)")
            ->check(CLI::Validator(
                [](std::string& level) {
                    return scan::parse_gate(level) ? std::string()
                                                   : "'" + level +
                                                         "' is not any, low, moderate (medium), "
                                                         "high, critical or none";
                },
                "LEVEL"));
        app.add_flag("--require-inspection", opts->require_inspection,
                     "The provenance must record a clean build-output inspection (sign "
                     "--inspect): nothing at or above its threshold, no opt-out");
        app.add_option("--require-inspection-policy", opts->require_inspection_policy,
                       "Also require the inspection's policy to have this SHA-256 (implies "
                       "--require-inspection)")
            ->check(CLI::Validator(
                [](std::string& hex) {
                    return is_sha256_hex(hex) ? std::string()
                                              : "'" + hex + "' is not a SHA-256 (64 hex digits)";
                },
                "SHA256"));
        app.add_flag("--allow-dirty", opts->allow_dirty,
                     "Accept provenance signed from a dirty working tree");
        app.add_option("--threads", opts->threads, "Hashing threads (default: all cores)");
        app.add_option("--minisig", opts->minisig, "Verify this minisign signature instead");
        app.add_flag("--allow-legacy", opts->allow_legacy,
                     "With --minisig: accept legacy (non-prehashed) signatures");
        app.add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        app.add_option("--log", opts->log, "Append the decision to this decision log");
        return [opts]() -> Result<int> { return run(*opts); };
    });

} // namespace
} // namespace vouch::cli
