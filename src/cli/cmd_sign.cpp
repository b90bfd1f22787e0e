// `vouch sign`: in-toto/SLSA provenance for build artifacts, bound to a git commit, in a DSSE
// envelope signed with a minisign-format Ed25519 key. `--append` adds a co-signature.
#include "ci_commit.hpp"
#include "command.hpp"
#include "next_public_env.hpp"
#include "passphrase.hpp"

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vouch/attest/provenance.hpp>
#include <vouch/dsse/envelope.hpp>
#include <vouch/keys/keys.hpp>
#include <vouch/keys/minisig.hpp>
#include <vouch/policy/policy.hpp>
#include <vouch/util/background.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>
#include <vouch/verify/cosign.hpp>
#include <vouch/verify/expected_commit.hpp>

namespace vouch::cli {
namespace {

namespace fs = std::filesystem;

struct Options {
    std::vector<std::string> artifacts;
    std::string key;
    std::string repo = ".";
    std::string commit;
    std::string sbom, verdict, lockfile;
    std::string output;
    std::string append;
    std::vector<std::string> pubs; // --append: trusted keys for the existing signatures
    bool any_commit = false;       // --append: explicit opt-out of the commit check
    bool repo_given = false;       // --repo given explicitly (its HEAD is an expected commit)
    std::string password_file;
    bool minisign = false;
    bool allow_dirty = false;
    bool sbom_unchecked = false;
    bool allow_external_links = false;
    unsigned threads = 0;
    std::string format = "table";
    std::string policy;                     // its "inspect" section; on-sign runs the inspection
    bool inspect = false;                   // --inspect: run it whatever on-sign says
    bool allow_inspection_findings = false; // explicit opt-out, warned and recorded
};

// The inspection to run in the hashing read, if any: --inspect, or --policy with
// inspect.on-sign. The policy is read before anything is hashed.
Result<std::optional<attest::InspectionRequest>> inspection_request(const Options& opts) {
    std::optional<policy::Policy> loaded;
    if (!opts.policy.empty()) {
        VOUCH_TRY_ASSIGN(loaded, policy::load(opts.policy));
    }
    const policy::Policy& chosen = loaded ? *loaded : policy::builtin_default();
    const bool run = opts.inspect || chosen.inspect.on_sign;
    if (!run) {
        if (opts.allow_inspection_findings) {
            return fail(Errc::usage, "--allow-inspection-findings needs an inspection: pass "
                                     "--inspect, or a --policy with \"inspect\": {\"on-sign\": "
                                     "true}");
        }
        return std::optional<attest::InspectionRequest>();
    }
    attest::InspectionRequest request;
    request.config = chosen.inspect;
    request.policy_path = chosen.path;
    request.policy_sha256 = chosen.sha256;
    request.trigger = opts.inspect ? "--inspect" : "inspect.on-sign";
    request.allow_findings = opts.allow_inspection_findings;
    request.environment = next_public_environment();
    return std::optional<attest::InspectionRequest>(std::move(request));
}

nlohmann::json inspection_json(const attest::InspectionRecord& record) {
    if (!record.performed) {
        return {{"performed", false}};
    }
    return {{"performed", true},
            {"trigger", record.trigger},
            {"policy", record.policy_path},
            {"policy_sha256", record.policy_sha256},
            {"threshold", record.threshold},
            {"files_scanned", record.files_scanned},
            {"bytes_scanned", record.bytes_scanned},
            {"total", record.total},
            {"failing", record.failing},
            {"suppressed", record.suppressed},
            {"rules", record.rules},
            {"allow_findings", record.allow_findings}};
}

dsse::Signer make_signer(const keys::SecretKey& key) {
    return dsse::Signer{
        keys::key_id_hex(key.id), key.public_key().key,
        [&key](std::string_view message) { return keys::sign_detached(key, message); }};
}

Result<keys::SecretKey> load_key(const Options& opts) {
    if (opts.key.empty() && std::getenv("VOUCH_SECRET_KEY") == nullptr) {
        return fail(Errc::usage, "--key KEY is required (or set VOUCH_SECRET_KEY)");
    }
    return load_secret_key(opts.key, opts.password_file);
}

// Minisign's own signing re-checks with the public key before releasing output; so does vouch.
Status self_check(const dsse::Envelope& envelope, const dsse::Signer& signer) {
    if (!dsse::verify(envelope, {{signer.keyid, signer.public_key}}, 1)) {
        return fail(Errc::internal, "the new signature does not verify with the key's public half");
    }
    return {};
}

std::string default_output(const std::string& first_artifact) {
    std::string base = fs::path(attest::subject_name(first_artifact)).filename().string();
    if (base.empty() || base == "." || base == "..") {
        return "attestation.dsse.json";
    }
    return base + ".intoto.jsonl";
}

// The co-signer checks before it signs (verify::cosign); the expected commit comes from the same
// sources, by the same rule, as in `vouch verify`.
Result<int> append(const Options& opts) {
    if (opts.artifacts.empty()) {
        return fail(Errc::usage, "--append ENVELOPE needs the ARTIFACT(s) it is about, to re-hash "
                                 "them before co-signing");
    }
    if (opts.pubs.empty()) {
        return fail(Errc::usage, "--append needs --pub KEY: the trusted key(s) every existing "
                                 "signature must verify under");
    }
    verify::CosignRequest request;
    request.checks.attestation = opts.append;
    for (const auto& artifact : opts.artifacts) {
        request.checks.artifacts.emplace_back(artifact);
    }
    for (const auto& path : opts.pubs) {
        VOUCH_TRY_ASSIGN(const auto pub, keys::load_public_key(path));
        request.checks.trusted.push_back({keys::key_id_hex(pub.id), pub.key});
    }
    verify::CommitSources sources;
    sources.commit_flag = opts.commit;
    sources.ci_variables = ci_commit_variables();
    if (opts.repo_given) {
        sources.repo = opts.repo;
        request.checks.repo = opts.repo;
    }
    sources.any_commit = opts.any_commit;
    VOUCH_TRY_ASSIGN(const auto expected, verify::resolve_expected_commit(sources));
    request.checks.expected_commit = expected.sha;
    request.checks.expected_commit_source = expected.source;
    request.checks.any_commit = expected.any_commit;
    if (expected.any_commit) {
        warn("--any-commit: co-signing without comparing the attestation's commit with anything");
    }
    request.checks.allow_dirty = opts.allow_dirty;
    request.checks.threads = opts.threads;
    VOUCH_TRY_ASSIGN(request.checks.now, util::now());
    request.output = opts.output;

    VOUCH_TRY_ASSIGN(const auto key, load_key(opts));
    VOUCH_TRY_ASSIGN(const auto outcome, verify::cosign(request, make_signer(key)));
    if (!outcome.written) {
        std::cout << (opts.format == "json" ? verify::render_json(outcome.report, request.checks)
                                            : verify::render_text(outcome.report));
        const auto* failed = outcome.report.first_failure();
        std::cerr << "vouch: error: " << util::escape_for_terminal(opts.append)
                  << ": not co-signed, check '" << failed->name
                  << "' failed: " << util::escape_for_terminal(failed->detail)
                  << " (the envelope is unchanged)\n";
        return exit_fail;
    }
    const std::string out = outcome.output.string();
    const std::string keyid = keys::key_id_hex(key.id);
    if (opts.format == "json") {
        std::cout << nlohmann::json{{"attestation", out},
                                    {"key_id", keyid},
                                    {"signatures", outcome.signatures}}
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << '\n';
    } else {
        std::cout << "checked and added signature by " << keyid << " to "
                  << util::escape_for_terminal(out) << " (" << outcome.signatures
                  << " signatures)\n";
    }
    return exit_pass;
}

Result<int> sign(const Options& opts) {
    if (!opts.append.empty()) {
        if (!opts.policy.empty() || opts.inspect || opts.allow_inspection_findings) {
            return fail(Errc::usage, "--policy, --inspect and --allow-inspection-findings are "
                                     "for signing, not for --append (the co-signer checks the "
                                     "existing attestation)");
        }
        return append(opts);
    }
    if (!opts.pubs.empty() || opts.any_commit) {
        return fail(Errc::usage, "--pub and --any-commit are for --append (co-signing) only");
    }
    VOUCH_TRY_ASSIGN(auto inspection, inspection_request(opts));
    if (opts.artifacts.empty()) {
        return fail(Errc::usage, "give at least one ARTIFACT to sign (or --append ENVELOPE)");
    }
    // The key first: a wrong passphrase should not cost a hash of a large tree.
    VOUCH_TRY_ASSIGN(const auto key, load_key(opts));
    attest::ProvenanceRequest request;
    for (const auto& artifact : opts.artifacts) {
        request.artifacts.emplace_back(artifact);
    }
    request.repo = opts.repo;
    request.revision = opts.commit;
    auto optional_path = [](const std::string& p) {
        return p.empty() ? std::nullopt : std::optional<fs::path>(p);
    };
    request.lockfile = optional_path(opts.lockfile);
    request.sbom = optional_path(opts.sbom);
    request.sbom_unchecked = opts.sbom_unchecked;
    request.verdict = optional_path(opts.verdict);
    request.allow_dirty = opts.allow_dirty;
    request.external_links =
        opts.allow_external_links ? digest::ExternalLinks::allow : digest::ExternalLinks::refuse;
    request.minisign_prehash = opts.minisign;
    request.threads = opts.threads;
    request.env = [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
    };
    request.inspection = std::move(inspection);
    VOUCH_TRY_ASSIGN(const auto provenance, attest::make_provenance(request));
    if (provenance.inspection.failing > 0) {
        // Only reached with --allow-inspection-findings (make_provenance refuses otherwise).
        warn("--allow-inspection-findings: signing with " +
             std::to_string(provenance.inspection.failing) + " inspection finding(s) at or above " +
             "threshold '" + provenance.inspection.threshold +
             "' (recorded as allowFindings; verify --require-inspection refuses it)");
        for (const auto& f : provenance.inspection_findings) {
            warn("  " + f.rule + " (" + std::string(inspect::severity_name(f.severity)) + ") " +
                 f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column));
        }
    }
    for (const auto& warning : provenance.warnings) {
        warn(warning);
    }
    if (provenance.commit.source != attest::k_commit_source_git) {
        warn("no git repository at " + opts.repo + ": commit " + provenance.commit.sha +
             " taken from " + provenance.commit.source_variable +
             " (recorded as coming from the CI environment; the files were not compared with it)");
    }
    if (provenance.commit.dirty) {
        std::string paths;
        for (const auto& p : provenance.commit.dirty_paths) {
            paths += (paths.empty() ? "" : ", ") + p;
        }
        warn("--allow-dirty: the working tree differs from commit " + provenance.commit.sha + " (" +
             paths + "); signed anyway and recorded as dirty");
    }

    const auto signer = make_signer(key);
    const auto envelope = dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type),
                                              provenance.statement, signer);
    // The re-verification (one SHA-512 pass over the statement) runs on a second thread while
    // the envelope is encoded and written (inline with --threads 1); nothing is renamed into
    // place before it passes.
    auto checked = util::in_background(
        [&envelope, &signer] { return self_check(envelope, signer); }, opts.threads != 1);
    const std::string out =
        opts.output.empty() ? default_output(opts.artifacts.front()) : opts.output;
    const std::string envelope_text = dsse::serialize_envelope(envelope);

    // Every output is made in memory first and written together (envelope first, then the
    // .minisig files): a failure leaves none of them, never an envelope without its .minisig.
    std::vector<std::string> minisigs;
    std::vector<std::string> minisig_texts;
    if (opts.minisign) {
        VOUCH_TRY_ASSIGN(const auto now, util::now());
        for (const auto& prehash : provenance.prehashes) {
            const auto comment = keys::default_trusted_comment(
                now.time_since_epoch().count(), prehash.artifact.filename().string());
            VOUCH_TRY_ASSIGN(const auto sig,
                             keys::sign_prehashed(key, prehash.blake2b512, comment));
            minisigs.push_back(prehash.artifact.string() + ".minisig");
            minisig_texts.push_back(keys::format_minisig(sig));
        }
        if (minisigs.size() < opts.artifacts.size()) {
            warn("--minisign writes .minisig files for regular files only, not directories");
        }
    }
    std::vector<util::FileToWrite> outputs{{out, envelope_text}};
    for (std::size_t i = 0; i < minisigs.size(); ++i) {
        outputs.push_back({minisigs[i], minisig_texts[i]});
    }
    VOUCH_TRY(util::write_files_atomic(outputs, [&checked] { return checked.get(); }));

    if (opts.format == "json") {
        nlohmann::json subjects = nlohmann::json::array();
        for (const auto& subject : provenance.subjects) {
            subjects.push_back({{"name", subject.name}, {"digest", subject.digest}});
        }
        const nlohmann::json report = {{"attestation", out},
                                       {"key_id", signer.keyid},
                                       {"commit", provenance.commit.sha},
                                       {"commit_source", provenance.commit.source},
                                       {"branch", provenance.commit.branch},
                                       {"dirty", provenance.commit.dirty},
                                       {"subjects", subjects},
                                       {"files_hashed", provenance.files_hashed},
                                       {"warnings", provenance.warnings},
                                       {"minisig", minisigs},
                                       {"inspection", inspection_json(provenance.inspection)}};
        std::cout << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        // Artifact and output names are whatever the file system holds: escaped for the terminal.
        using util::escape_for_terminal;
        const auto& branch = provenance.commit.branch;
        std::cout << "signed " << provenance.subjects.size() << " artifact(s), "
                  << provenance.files_hashed << " file(s) hashed, at commit "
                  << provenance.commit.sha
                  << (branch.empty() ? "" : " (" + escape_for_terminal(branch) + ")")
                  << " with key " << signer.keyid << " -> " << escape_for_terminal(out) << '\n';
        for (const auto& subject : provenance.subjects) {
            std::cout << "  " << escape_for_terminal(subject.name)
                      << "  sha256:" << subject.digest.at("sha256") << '\n';
        }
        for (const auto& path : minisigs) {
            std::cout << "  minisign signature -> " << escape_for_terminal(path) << '\n';
        }
        if (const auto& record = provenance.inspection; record.performed) {
            std::cout << "  inspected " << record.files_scanned << " file(s) with policy "
                      << escape_for_terminal(record.policy_path) << " (threshold "
                      << record.threshold << "): " << record.total << " finding(s), "
                      << record.failing << " at or above the threshold, " << record.suppressed
                      << " suppressed by exceptions\n";
        }
    }
    return exit_pass;
}

const bool registered = register_command(
    "sign", "Sign build artifacts: SLSA provenance bound to a git commit, in a DSSE envelope",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("artifact", opts->artifacts, "Files or directories to sign");
        app.add_option("--key", opts->key, "minisign secret key (default: VOUCH_SECRET_KEY)");
        app.add_option("--repo", opts->repo, "Git repository of the build (default .)");
        app.add_option("--commit", opts->commit, "Revision that was built (default HEAD)");
        app.add_option("--sbom", opts->sbom,
                       "CycloneDX or SPDX JSON SBOM of the recorded lockfile, recorded by digest");
        app.add_flag("--sbom-unchecked", opts->sbom_unchecked,
                     "Record an SBOM that does not name its lockfile (another tool's); recorded "
                     "as not checked");
        app.add_option("--verdict", opts->verdict, "Verdict JSON ({verdict, lockfile}) to record");
        app.add_option("--lockfile", opts->lockfile,
                       "Lockfile to record (default: REPO/package-lock.json if present)");
        app.add_option("-o,--output", opts->output,
                       "Envelope file (default: <first artifact's name>.intoto.jsonl)");
        app.add_option("--append", opts->append,
                       "Co-sign this envelope after checking the ARTIFACT(s), the existing "
                       "signatures (--pub) and the commit");
        app.add_option("--pub", opts->pubs,
                       "With --append: trusted public key(s) the existing signatures must verify "
                       "under");
        app.add_flag("--any-commit", opts->any_commit,
                     "With --append: do not compare the attestation's commit (warned)");
        app.add_option("--password-file", opts->password_file, "Passphrase file for the key");
        app.add_flag("--minisign", opts->minisign,
                     "Also record BLAKE2b-512 and write ARTIFACT.minisig for each file");
        app.add_flag("--allow-dirty", opts->allow_dirty,
                     "Sign even with uncommitted changes (recorded in the provenance)");
        app.add_flag("--allow-external-links", opts->allow_external_links,
                     "Record symlinks that point outside a signed directory");
        app.add_option("--threads", opts->threads, "Hashing threads (default: all cores)");
        app.add_option("--policy", opts->policy,
                       "Policy whose \"inspect\" section is applied; with \"on-sign\": true the "
                       "build output is inspected in the hashing read (default: built-in policy)");
        app.add_flag("--inspect", opts->inspect,
                     "Inspect the build output in the hashing read whatever on-sign says; "
                     "findings at or above the threshold refuse the signature");
        app.add_flag("--allow-inspection-findings", opts->allow_inspection_findings,
                     "Sign despite inspection findings (explicit opt-out, warned and recorded)");
        app.add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        const CLI::Option* repo_option = app.get_option("--repo");
        return [opts, repo_option]() -> Result<int> {
            opts->repo_given = repo_option->count() > 0;
            return sign(*opts);
        };
    });

} // namespace
} // namespace vouch::cli
