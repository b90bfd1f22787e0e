#pragma once
// Renderings of a scan: JSON (the verdict document), a terminal table, SARIF 2.1.0.
#include <optional>
#include <string>
#include <vector>
#include <vouch/scan/scan.hpp>
#include <vouch/scan/suppress.hpp>

namespace vouch::report {

// Where the advisories came from.
struct DatabaseProvenance {
    std::string kind; // "database" (an imported one) | "advisories" (files read for this run)
    std::string path; // the database directory (kind "database")
    std::vector<std::string> sources; // imported sources / the --advisories arguments
    std::string imported_at;          // RFC 3339; empty for "advisories"
    std::optional<double> age_days;   // now - imported_at
    std::string content_sha256;
    std::size_t advisories = 0;
    bool too_old = false;
};

struct ScanReport {
    std::string tool_version;
    std::string generated_at;
    std::string input_path; // as given on the command line (SARIF uses it as the artifact URI)
    std::string input_kind; // "package-lock" | "cyclonedx"
    std::string input_sha256;
    std::string project_name;
    std::string project_version;
    DatabaseProvenance database;
    std::vector<scan::Finding> findings;
    std::vector<std::string> notes;
    std::vector<std::string> warnings;
    std::vector<scan::SuppressionOutcome::Expired> expired;
    std::size_t packages_scanned = 0;
    std::optional<scan::Level> fail_on;
    bool strict = false;
    double max_db_age_days = 7;
};

struct Verdict {
    bool pass = true;
    std::vector<std::string> reasons; // why it failed
};

// Fails when an unsuppressed finding is at or above fail_on, or when --strict and the database
// is older than --max-db-age.
Verdict decide(const ScanReport& report);

std::string render_json(const ScanReport& report, const Verdict& verdict);
std::string render_table(const ScanReport& report, const Verdict& verdict, bool color);
std::string render_sarif(const ScanReport& report);

} // namespace vouch::report
