// vouch scan: match the installed packages against advisories, report, and gate.
#include "command.hpp"

#include <iostream>
#include <vouch/advisory/database.hpp>
#include <vouch/report/report.hpp>
#include <vouch/scan/input.hpp>
#include <vouch/scan/scan.hpp>
#include <vouch/scan/suppress.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/terminal.hpp>

namespace vouch::cli {
namespace {

namespace adv = vouch::advisory;

struct Options {
    std::string path = ".";
    std::string db;
    std::vector<std::string> advisories;
    std::string format = "table";
    std::string fail_on;
    std::vector<std::string> omit;
    std::vector<std::string> ignore_files;
    std::vector<std::string> vex_files;
    double max_db_age = 7;
    bool strict = false;
    std::string output;
};

// The advisory source for this run: an imported database or files read now.
struct Advisories {
    std::unique_ptr<adv::AdvisoryLookup> lookup;
    report::DatabaseProvenance provenance;
};

Result<Advisories> open_advisories(const Options& opts, util::TimePoint now) {
    Advisories out;
    if (!opts.advisories.empty()) {
        std::vector<std::filesystem::path> paths(opts.advisories.begin(), opts.advisories.end());
        VOUCH_TRY_ASSIGN(auto index, adv::MemoryIndex::load(paths));
        out.provenance.kind = "advisories";
        for (const auto& source : index.sources()) {
            out.provenance.sources.push_back(source.location);
        }
        out.provenance.advisories = index.advisories().size();
        out.provenance.content_sha256 = adv::content_hash(index.advisories());
        out.lookup = std::make_unique<adv::MemoryIndex>(std::move(index));
        return out;
    }
    VOUCH_TRY_ASSIGN(auto dir, adv::resolve_database_dir(opts.db));
    VOUCH_TRY_ASSIGN(auto database, adv::Database::open(dir));
    const auto& info = database.info();
    out.provenance.kind = "database";
    out.provenance.path = info.path;
    for (const auto& source : info.sources) {
        out.provenance.sources.push_back(source.location);
    }
    out.provenance.imported_at = info.imported_at;
    out.provenance.advisories = info.advisories;
    out.provenance.content_sha256 = info.content_sha256;
    if (auto imported = util::parse_rfc3339(info.imported_at)) {
        double seconds = static_cast<double>((now - *imported).count());
        out.provenance.age_days = std::max(0.0, seconds / 86400.0);
        out.provenance.too_old = *out.provenance.age_days > opts.max_db_age;
    } else {
        return fail(Errc::parse, "the database records no valid import time", info.path);
    }
    out.lookup = std::make_unique<adv::Database>(std::move(database));
    return out;
}

Result<int> run_scan(const Options& opts) {
    VOUCH_TRY_ASSIGN(auto now, util::now());
    if (!opts.db.empty() && !opts.advisories.empty()) {
        return fail(Errc::usage, "--db and --advisories cannot be combined");
    }
    if (opts.max_db_age < 0) {
        return fail(Errc::usage, "--max-db-age must not be negative");
    }
    // Suppression files first: a typo in them should fail before any slow work.
    std::vector<scan::IgnoreFile> ignores;
    for (const auto& file : opts.ignore_files) {
        VOUCH_TRY_ASSIGN(auto text, util::read_file(file, std::uintmax_t{16} << 20));
        VOUCH_TRY_ASSIGN(auto parsed, scan::parse_ignore_file(text, file));
        ignores.push_back(std::move(parsed));
    }
    std::vector<scan::VexDocument> vex;
    for (const auto& file : opts.vex_files) {
        VOUCH_TRY_ASSIGN(auto text, util::read_file(file, std::uintmax_t{64} << 20));
        VOUCH_TRY_ASSIGN(auto parsed, scan::parse_vex(text, file));
        vex.push_back(std::move(parsed));
    }

    VOUCH_TRY_ASSIGN(auto input, scan::load_input(opts.path));
    lockfile::Omit omit;
    for (const auto& kind : opts.omit) {
        omit.dev = omit.dev || kind == "dev";
        omit.optional = omit.optional || kind == "optional";
        omit.peer = omit.peer || kind == "peer";
    }
    const lockfile::Lockfile scanned = lockfile::apply_omit(input.lockfile, omit);

    VOUCH_TRY_ASSIGN(auto advisories, open_advisories(opts, now));
    const adv::AdvisoryLookup& lookup = *advisories.lookup;
    VOUCH_TRY_ASSIGN(auto matched, scan::match(scanned, [&lookup](std::string_view name) {
                         return lookup.for_package(name);
                     }));
    if (opts.format == "sarif") { // only SARIF points at lines
        scan::locate_lines(matched.findings, input.text, scanned, input.kind == "package-lock");
    }
    auto outcome =
        scan::apply_suppressions(matched.findings, ignores, vex, now, scanned.root().name);

    report::ScanReport report;
    report.tool_version = VOUCH_VERSION;
    report.generated_at = util::format_rfc3339(now);
    report.input_path = input.path.string();
    // SARIF locations must be relative to the repository; an absolute path under the working
    // directory is given relative to it (run vouch from the repository root).
    std::error_code cwd_error;
    const auto cwd = std::filesystem::current_path(cwd_error);
    if (!cwd_error && input.path.is_absolute()) {
        const auto relative = input.path.lexically_relative(cwd);
        if (!relative.empty() && *relative.begin() != "..") {
            report.input_path = relative.string();
        }
    }
    report.input_kind = input.kind;
    report.input_sha256 = input.sha256;
    report.project_name = scanned.root().name;
    report.project_version = scanned.root().version;
    report.database = advisories.provenance;
    report.findings = std::move(matched.findings);
    report.notes = std::move(matched.notes);
    report.warnings = scanned.warnings;
    report.warnings.insert(report.warnings.end(), outcome.warnings.begin(), outcome.warnings.end());
    if (report.database.too_old) {
        char age[32];
        std::snprintf(age, sizeof age, "%.1f", report.database.age_days.value_or(0));
        report.warnings.push_back(
            "the advisory database is " + std::string(age) + " days old (more than --max-db-age " +
            std::to_string(static_cast<long>(opts.max_db_age)) + "): run vouch db update");
    }
    report.expired = std::move(outcome.expired);
    report.packages_scanned = matched.packages_scanned;
    if (!opts.fail_on.empty()) {
        report.fail_on = scan::parse_level(opts.fail_on);
    }
    report.strict = opts.strict;
    report.max_db_age_days = opts.max_db_age;
    auto verdict = report::decide(report);

    std::string rendered;
    if (opts.format == "json") {
        rendered = report::render_json(report, verdict);
    } else if (opts.format == "sarif") {
        rendered = report::render_sarif(report);
    } else {
        bool color = opts.output.empty() && util::use_color(stdout);
        rendered = report::render_table(report, verdict, color);
    }
    if (opts.output.empty()) {
        std::cout << rendered << std::flush;
    } else {
        VOUCH_TRY(util::write_file_atomic(opts.output, rendered));
    }
    // Suppression and database warnings matter to the gate; lockfile tree problems (a peer
    // dependency not installed, ...) are `vouch sbom`'s business and stay in the JSON.
    for (std::size_t i = scanned.warnings.size(); i < report.warnings.size(); ++i) {
        warn(report.warnings[i]);
    }
    if (!scanned.warnings.empty()) {
        warn(std::to_string(scanned.warnings.size()) +
             " lockfile tree warning(s) (see `vouch sbom` or the JSON report's warnings)");
    }
    if (!verdict.pass) {
        std::string reasons;
        for (const auto& reason : verdict.reasons) {
            reasons += (reasons.empty() ? "" : "; ") + reason;
        }
        std::cerr << "vouch: scan failed: " << reasons << '\n';
        return exit_fail;
    }
    return exit_pass;
}

const bool registered = register_command(
    "scan", "Match the lockfile's packages against advisories; report and gate",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("path", opts->path,
                       "Lockfile, directory holding one, or CycloneDX JSON SBOM (default .)");
        auto* db = app.add_option("--db", opts->db,
                                  "Advisory database directory (default $VOUCH_DB, else "
                                  "$XDG_CACHE_HOME/vouch/db)");
        app.add_option("--advisories", opts->advisories,
                       "Read these advisory sources instead of a database (OSV dir/zip/file, npm "
                       "bulk, security-wg, GitHub GraphQL); no age rule")
            ->excludes(db);
        app.add_option("--format", opts->format, "table|json|sarif")
            ->check(CLI::IsMember({"table", "json", "sarif"}));
        app.add_option("--fail-on", opts->fail_on,
                       "Exit 1 when an unsuppressed finding is at or above this severity")
            ->check(CLI::IsMember({"low", "moderate", "high", "critical"}));
        app.add_option("--omit", opts->omit, "Leave out dev|optional|peer packages, as npm ci")
            ->check(CLI::IsMember({"dev", "optional", "peer"}));
        app.add_option("--ignore", opts->ignore_files,
                       "Ignore file (JSON; see docs/scan.md), repeatable");
        app.add_option("--vex", opts->vex_files,
                       "OpenVEX v0.2.0 or CycloneDX 1.6 VEX document, repeatable");
        app.add_option("--max-db-age", opts->max_db_age,
                       "Warn (or fail with --strict) when the database is older (days, default 7)");
        app.add_flag("--strict", opts->strict,
                     "A database older than --max-db-age fails the scan (exit 1)");
        app.add_option("-o,--output", opts->output, "Write the report to FILE (atomically)");
        return [opts]() -> Result<int> { return run_scan(*opts); };
    });

} // namespace
} // namespace vouch::cli
