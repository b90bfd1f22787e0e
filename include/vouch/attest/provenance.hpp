#pragma once
// The signing side's edge: hash the artifacts, read git and the CI environment, and produce the
// Statement bytes to be wrapped in DSSE. Nothing here touches keys.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>
#include <vouch/attest/statement.hpp>
#include <vouch/digest/manifest.hpp>
#include <vouch/inspect/inspect.hpp>

namespace vouch::attest {

// Inspect the build output in the hashing read (docs/inspect.md, "On sign"). Every artifact must
// be a directory inspect::locate() understands.
struct InspectionRequest {
    inspect::Config config;    // the policy's "inspect" section
    std::string policy_path;   // recorded as given ("builtin:default" for the built-in policy)
    std::string policy_sha256; // of the policy file's bytes
    std::string trigger;       // "--inspect" or "inspect.on-sign"
    // Sign even with findings at or above the threshold (recorded as allowFindings).
    bool allow_findings = false;
    // NEXT_PUBLIC_* variables of the build environment (inspect::Options::environment).
    std::vector<std::pair<std::string, std::string>> environment;
};

struct ProvenanceRequest {
    std::vector<std::filesystem::path> artifacts; // files or directories
    std::filesystem::path repo = ".";
    std::string revision;                          // empty = HEAD
    std::optional<std::filesystem::path> lockfile; // default: <repo>/package-lock.json if present
    std::optional<std::filesystem::path> sbom;
    // Record an SBOM that does not say which lockfile it describes (another tool's), marked as
    // not checked. An SBOM that names another lockfile is refused even so.
    bool sbom_unchecked = false;
    std::optional<std::filesystem::path> verdict;
    bool allow_dirty = false;
    digest::ExternalLinks external_links = digest::ExternalLinks::refuse;
    bool minisign_prehash = false; // also compute BLAKE2b-512 of single files in the same read
    unsigned threads = 0;
    EnvLookup env; // environment lookup (std::getenv in the CLI)
    std::optional<InspectionRequest> inspection;
};

struct MinisignPrehash {
    std::filesystem::path artifact;
    std::array<std::uint8_t, 64> blake2b512{};
};

struct ProvenanceOutput {
    std::string statement; // exact payload bytes
    std::vector<Subject> subjects;
    SourceCommit commit;
    std::vector<MinisignPrehash> prehashes; // single-file artifacts, when requested
    std::size_t files_hashed = 0;           // regular files read (directories' files + files)
    InspectionRecord inspection;            // what was recorded (performed = false if not run)
    // The inspection's findings at or above its threshold (redacted excerpts only; file prefixed
    // with the subject name), for the signer's report.
    std::vector<inspect::Finding> inspection_findings;
    // Signed anyway, but the signer should know: an empty directory, a verdict that is not
    // "pass", a verdict about another lockfile. Plain text; untrusted names are not escaped.
    std::vector<std::string> warnings;
};

// The subject name recorded for an artifact path: lexically normalised, '/'-separated, without
// a trailing slash.
std::string subject_name(const std::filesystem::path& artifact);

// Errc::rejected when the working tree is dirty without allow_dirty (naming the first dirty
// paths), or when the SBOM is not a CycloneDX/SPDX JSON SBOM of the recorded lockfile (see
// sbom_check.hpp; sbom_unchecked relaxes "names no lockfile"), or when the inspection finds
// anything at or above its threshold without allow_findings (nothing is signed: the message
// names the counts per rule); Errc::unsupported when an inspected artifact is not a build output
// directory; Errc::usage for duplicate artifact names; Errc::io / parse for unreadable inputs.
Result<ProvenanceOutput> make_provenance(const ProvenanceRequest& request);

// Parses a verdict document: {"verdict": "pass"|"fail"|"report-only", "gate": "any"|...,
// "lockfile": {"path", "sha256"}, "database": {"sha256", "imported"}, ...}. `gate` and
// `database` are optional (older verdicts); when present they must be strings.
// Errc::parse with the file name (and line:column for JSON syntax errors).
Result<VerdictRecord> read_verdict(const std::filesystem::path& path);

} // namespace vouch::attest
