#pragma once
// The scan pipeline as one library call: read the input (or take an already-parsed one), open the
// advisories, match, apply suppressions, gate. Returns the report as data; rendering it (table,
// JSON, SARIF) is `report::render`. Used by `vouch scan` and `vouch check`.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/scan/input.hpp>
#include <vouch/scan/scan.hpp>
#include <vouch/scan/suppress.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::scan {

// The threshold applied. `any` (the default): every unsuppressed finding fails, whatever its
// severity. A level: findings at or above it fail. `none` (`--fail-on none`): report only.
// Strictness: any > low > moderate > high > critical > none.
enum class Gate { any, low, moderate, high, critical, none };
std::string_view to_string(Gate gate);
// "any" | "low" | "moderate" | "medium" (= moderate) | "high" | "critical" | "none", any case.
std::optional<Gate> parse_gate(std::string_view text);
// Whether a verdict made with `applied` is at least as strict as `required`.
bool at_least_as_strict(Gate applied, Gate required);
// Whether an unsuppressed finding counts against `gate` (malware always counts as critical).
bool fails_gate(const Finding& finding, Gate gate);

// Where the advisories came from.
struct DatabaseProvenance {
    std::string kind; // "database" (an imported one) | "advisories" (files read for this run)
    std::string path; // the database directory (kind "database")
    std::vector<std::string> sources; // imported sources / the --advisories arguments (no userinfo)
    std::string imported_at;          // RFC 3339; empty for "advisories"
    std::optional<double> age_days;   // now - imported_at
    std::string content_sha256;
    std::size_t advisories = 0;
    bool too_old = false;
};

struct Report {
    std::string tool_version;
    std::string generated_at;
    std::string input_path; // as given (SARIF uses it as the artifact URI)
    std::string input_kind; // "package-lock" | "cyclonedx"
    std::string input_sha256;
    std::string project_name;
    std::string project_version;
    DatabaseProvenance database;
    std::vector<Finding> findings;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    std::vector<SuppressionOutcome::Expired> expired;
    std::size_t packages_scanned = 0;
    Gate gate = Gate::any;
    bool strict = false;
    double max_db_age_days = 7;
};

struct Verdict {
    bool pass = true;                 // false when the gate or --strict failed the scan
    bool report_only = false;         // gate none: the verdict is "report-only", never "pass"
    std::vector<std::string> reasons; // why it failed
    std::vector<std::size_t> failing; // indices into Report::findings that failed the gate
    // "pass" | "fail" | "report-only"
    std::string_view word() const { return !pass ? "fail" : report_only ? "report-only" : "pass"; }
};

// Applies the gate and --strict's database age rule.
Verdict decide(const Report& report);

// The policy's scan settings (the same as `vouch scan`'s flags).
struct Settings {
    Gate gate = Gate::any;
    double max_db_age_days = 7; // warn beyond; fail too with `strict`
    bool strict = false;
    std::vector<std::filesystem::path> ignore_files;
    std::vector<std::filesystem::path> vex_files;
    lockfile::Omit omit;
};

struct Options {
    // The input: `input` when given (an already-parsed lockfile or SBOM; it must outlive the
    // call), else read from `path` (a lockfile, a directory holding one, or a CycloneDX SBOM).
    std::filesystem::path path = ".";
    const ScanInput* input = nullptr;
    // The advisories: `advisory_files` read for this run when non-empty, else the database in
    // `database_dir` (resolved by the caller: flag, VOUCH_DB, XDG_CACHE_HOME, HOME).
    std::filesystem::path database_dir;
    std::vector<std::filesystem::path> advisory_files;
    Settings settings;
    std::string tool_version;
    std::optional<util::TimePoint> now; // default util::now()
    std::filesystem::path working_dir;  // SARIF paths are made relative to it when under it
};

struct Outcome {
    Report report;
    Verdict verdict;
    std::size_t lockfile_warnings = 0; // the first N of report.warnings are lockfile tree warnings
};

// Errc::usage for a negative max age; input, database and suppression-file errors as read.
Result<Outcome> run(const Options& options);

// A ScanInput for a lockfile the caller already parsed from `text` at `path` (a model that does
// not hold its text yet, Lockfile::text, takes `text` over).
ScanInput input_from_lockfile(lockfile::Lockfile lockfile, std::filesystem::path path,
                              std::string text);

} // namespace vouch::scan
