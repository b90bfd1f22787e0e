#pragma once
// `vouch verify --attestation`: an ordered chain of named checks (style-and-layout.md section 5).
// The first failure stops the chain; later checks are reported as skipped. Nothing in the payload
// is parsed before the signatures check has produced a dsse::VerifiedPayload.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::verify {

enum class CheckStatus { pass, fail, skipped };

struct CheckResult {
    std::string name; // envelope, signatures, payload-type, statement, subjects, commit, branch,
                      // age, sbom, verdict, inspection
    CheckStatus status = CheckStatus::skipped;
    std::string detail;
};

// What the verified statement records, shown to the release manager with the checks (filled once
// the statement has been parsed). Raw values: escape them before printing.
struct Recorded {
    std::string commit;
    std::string commit_source; // "git" or "ci-environment" when the signer recorded it
    std::string ref;           // e.g. "refs/heads/main"
    std::string repository;    // without credentials
    std::string builder_id;
    std::string ci_run; // the CI's invocation id
    std::optional<util::TimePoint> signed_at;
    // The build-output inspection sign recorded, in one line ("not performed", "clean: ...",
    // "N finding(s) ..."); empty when the statement has no record (an older vouch).
    std::string inspection;
};

struct Report {
    std::vector<CheckResult> checks;
    std::vector<std::string> envelope_key_ids; // key ids the signatures claim (unauthenticated)
    std::vector<std::string> signer_key_ids;   // trusted keys whose signature verified
    std::optional<Recorded> recorded;
    // The signed subjects (name, sha256), for the decision log.
    std::vector<std::pair<std::string, std::string>> subjects;
    // True only when no check failed.
    bool passed() const;
    // The first failed check, or nullptr.
    const CheckResult* first_failure() const;
};

struct Request {
    std::vector<std::filesystem::path> artifacts;
    std::filesystem::path attestation;
    std::vector<dsse::TrustedKey> trusted;
    std::size_t threshold = 1;
    // Full SHA the attestation must record (verify::resolve_expected_commit). Without it the
    // commit check fails, unless any_commit says the caller explicitly opted out (--any-commit).
    std::optional<std::string> expected_commit;
    std::string expected_commit_source; // "--commit", "GITHUB_SHA", ...
    bool any_commit = false;
    std::optional<std::filesystem::path> repo; // with branch: reachability check
    std::optional<std::string> branch;
    std::optional<std::chrono::seconds> max_age;
    bool require_sbom = false;
    // --allow-unchecked-sbom: with require_sbom, also accept an SBOM signed with --sbom-unchecked
    // (nobody checked that it describes the recorded lockfile). Explicit opt-out, recorded.
    bool allow_unchecked_sbom = false;
    std::optional<std::string> require_verdict; // "pass"
    // --require-gate LEVEL: a "pass" verdict made with a gate at least as strict as LEVEL.
    std::optional<std::string> require_gate;
    bool allow_dirty = false; // accept provenance signed with --allow-dirty
    // --require-inspection: the provenance records a clean build-output inspection (performed,
    // nothing at or above its threshold, no --allow-inspection-findings, threshold not "none"
    // unless nothing was found).
    bool require_inspection = false;
    // --require-inspection-policy SHA256: ... made with exactly this policy (implies the above).
    std::optional<std::string> require_inspection_policy;
    // The co-signer's stricter reading (sign --append): every signature already in the envelope
    // must verify under a distinct trusted key, and every subject must be one of the artifacts.
    bool every_signature = false;
    bool every_subject = false;
    unsigned threads = 0;
    // `vouch gate` without --artifact: the deployment is tied to the attestation by its digest
    // (meta.vouchAttestation) instead, so the subjects check is skipped (and said so).
    std::optional<std::string> subjects_bound_by;
    util::TimePoint now{};
};

// Runs every check in order. Operational problems of vouch's own inputs (usage) are the
// caller's to catch before; everything the attestation or artifact can cause is a failed check.
Report run(const Request& request);

// "30m", "24h", "7d", "2w", "45s" (a positive integer and one unit). Errc::usage otherwise.
Result<std::chrono::seconds> parse_duration(std::string_view text);

// "3d 4h 5m 6s" style, for messages.
std::string format_duration(std::chrono::seconds duration);

std::string status_name(CheckStatus status);
std::string render_text(const Report& report);
std::string render_json(const Report& report, const Request& request);

} // namespace vouch::verify
