#pragma once
// in-toto Statement v1 carrying SLSA provenance v1 (specs.md section 2): built when signing,
// parsed back (only from a VerifiedPayload) when verifying. Field layout: docs/sign-verify.md.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::attest {

inline constexpr std::string_view k_statement_v1 = "https://in-toto.io/Statement/v1";
inline constexpr std::string_view k_statement_v01 = "https://in-toto.io/Statement/v0.1";
inline constexpr std::string_view k_slsa_provenance_v1 = "https://slsa.dev/provenance/v1";
inline constexpr std::string_view k_build_type = "https://vouch.dev/buildtypes/sign/v1";

struct Subject {
    std::string name;
    std::map<std::string, std::string> digest; // algorithm -> lowercase hex
    std::string manifest; // canonical manifest text when the subject is a directory
};

struct DigestedFile {
    std::string path;
    std::string sha256;
};

struct VerdictRecord {
    DigestedFile document; // the verdict file itself
    std::string verdict;   // "pass" | "fail" | "report-only"
    DigestedFile lockfile; // the lockfile the verdict names
    std::string gate;      // the gate applied ("any", "low", ..., "none"); empty = not recorded
    std::string database_sha256;   // the advisory database's content hash; empty = not recorded
    std::string database_imported; // its import time (RFC 3339); empty = not recorded
};

// Where the recorded commit came from: a git repository (resolved, working tree compared), or,
// when there is no repository (inside Vercel's build), the CI's commit variable, taken on trust.
inline constexpr std::string_view k_commit_source_git = "git";
inline constexpr std::string_view k_commit_source_ci = "ci-environment";

struct SourceCommit {
    std::string sha;
    std::string branch;
    std::string remote_url;
    bool dirty = false;
    std::vector<std::string> dirty_paths;
    std::string source = std::string(k_commit_source_git);
    std::string source_variable; // e.g. "VERCEL_GIT_COMMIT_SHA" when source is the CI
};

struct CiEnvironment {
    std::string provider; // "github-actions", "vercel", "generic-ci", "local"
    std::string builder_id;
    std::string invocation_id;
    std::map<std::string, std::string> variables; // allow-listed, never secrets
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the CI system from allow-listed environment variables (GITHUB_*, VERCEL_*, CI).
CiEnvironment detect_ci(const EnvLookup& env);

// The commit named by the CI environment when there is no repository to read (Vercel's build:
// VERCEL_GIT_COMMIT_SHA, VERCEL_GIT_COMMIT_REF, VERCEL_GIT_PROVIDER/_REPO_OWNER/_REPO_SLUG).
// std::nullopt when the variable is not set; Errc::rejected when it is not a full commit SHA.
Result<std::optional<SourceCommit>> ci_commit(const EnvLookup& env);

// What `vouch sign --inspect` (or a policy with inspect.on-sign) found in the build output it
// signed, recorded at internalParameters.vouch.inspection (docs/sign-verify.md). Counts only:
// never a finding's file, excerpt or the secret itself.
struct InspectionRecord {
    bool performed = false;
    std::string trigger;               // "--inspect" or "inspect.on-sign"
    std::string policy_path;           // as given, or "builtin:default"
    std::string policy_sha256;         // of the policy file's bytes
    std::string threshold;             // any | low | moderate | high | critical | none
    std::vector<std::string> subjects; // the directory subjects inspected
    std::size_t files_scanned = 0;
    std::uint64_t bytes_scanned = 0;
    std::size_t total = 0;      // unsuppressed findings
    std::size_t failing = 0;    // unsuppressed findings at or above the threshold
    std::size_t suppressed = 0; // covered by an unexpired policy exception
    std::size_t expired_exceptions = 0;
    // Unsuppressed findings: rule id -> severity name -> count.
    std::map<std::string, std::map<std::string, std::size_t>> rules;
    // --allow-inspection-findings: signed although `failing` > 0 (explicit opt-out).
    bool allow_findings = false;
};

struct ProvenanceInput {
    std::vector<Subject> subjects;
    SourceCommit commit;
    bool allow_dirty = false;
    bool allow_external_links = false;
    std::optional<DigestedFile> lockfile;
    std::optional<DigestedFile> sbom;
    std::string sbom_format;   // "CycloneDX" | "SPDX"
    bool sbom_checked = false; // the SBOM names the recorded lockfile (false: --sbom-unchecked)
    std::optional<VerdictRecord> verdict;
    CiEnvironment ci;
    InspectionRecord inspection; // recorded as {"performed": false} when not run
    util::TimePoint started{};
    util::TimePoint finished{};
};

// The Statement's exact bytes (compact JSON), ready to be the DSSE payload.
std::string build_statement(const ProvenanceInput& input);

// What verify reads back from a signed statement.
struct Provenance {
    std::string statement_type;
    std::string predicate_type;
    std::vector<Subject> subjects;      // manifests attached from runDetails.byproducts
    std::optional<SourceCommit> commit; // from the gitCommit resolved dependency
    bool allow_dirty = false;
    std::optional<util::TimePoint> started;
    std::optional<util::TimePoint> finished;
    std::optional<DigestedFile> lockfile;
    std::optional<DigestedFile> sbom;
    // The sbom annotation "checked": true only when sign confirmed the SBOM names the recorded
    // lockfile. Absent (older vouch) or false (--sbom-unchecked) reads as false: fail closed.
    bool sbom_checked = false;
    std::optional<VerdictRecord> verdict;
    std::string builder_id;
    std::string invocation_id; // runDetails.metadata.invocationId: the CI run
    std::string repository;    // externalParameters.repository, as signed
    std::string ref;           // externalParameters.ref, e.g. "refs/heads/main"
    std::string commit_source; // internalParameters.vouch.commitSource ("git", "ci-environment")
    // internalParameters.vouch.inspection; absent in statements of an older vouch.
    std::optional<InspectionRecord> inspection;
};

// Parses a verified payload. Errc::rejected (with the failing field) when it is not JSON, not an
// in-toto Statement (v1 or v0.1), or its predicate is not SLSA provenance v1 in vouch's layout.
Result<Provenance> parse_provenance(const dsse::VerifiedPayload& payload);

} // namespace vouch::attest
