// vouch scan: match the installed packages against advisories, report, and gate.
// The pipeline is scan::run; this file parses flags, renders the outputs and picks the exit code.
#include "command.hpp"
#include "db_location.hpp"

#include <iostream>
#include <vouch/report/report.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/terminal.hpp>
#include <vouch/util/text.hpp>

namespace vouch::cli {
namespace {

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
    std::vector<std::string> outputs;
};

struct Output {
    std::string format;
    std::string file; // empty = stdout
};

bool is_format(std::string_view name) {
    return name == "table" || name == "json" || name == "sarif";
}

// --format LIST (comma-separated) and -o [FORMAT:]FILE (repeatable): a plain FILE takes the
// only --format; every format not written to a file goes to stdout (at most one).
Result<std::vector<Output>> plan_outputs(const Options& opts) {
    std::vector<std::string> formats;
    std::string_view rest = opts.format;
    while (true) {
        const auto comma = rest.find(',');
        std::string name(rest.substr(0, comma));
        if (!is_format(name)) {
            return fail(Errc::usage, "--format: '" + name + "' is not table, json or sarif");
        }
        if (std::find(formats.begin(), formats.end(), name) == formats.end()) {
            formats.push_back(name);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(comma + 1);
    }
    std::vector<Output> outputs;
    std::vector<std::string> to_file;
    for (const auto& spec : opts.outputs) {
        const auto colon = spec.find(':');
        if (colon != std::string::npos && is_format(spec.substr(0, colon))) {
            outputs.push_back({spec.substr(0, colon), spec.substr(colon + 1)});
        } else if (formats.size() == 1) {
            outputs.push_back({formats.front(), spec});
        } else {
            return fail(Errc::usage, "-o " + spec +
                                         ": several --format values; name the format "
                                         "as -o FORMAT:FILE (e.g. -o json:" +
                                         spec + ")");
        }
        if (outputs.back().file.empty()) {
            return fail(Errc::usage, "-o " + spec + ": no file name");
        }
        to_file.push_back(outputs.back().format);
    }
    std::vector<std::string> to_stdout;
    for (const auto& format : formats) {
        if (std::find(to_file.begin(), to_file.end(), format) == to_file.end()) {
            to_stdout.push_back(format);
        }
    }
    if (to_stdout.size() > 1) {
        return fail(Errc::usage, "only one format can go to stdout; write the others with "
                                 "-o FORMAT:FILE");
    }
    if (!to_stdout.empty()) {
        outputs.push_back({to_stdout.front(), ""});
    }
    return outputs;
}

Result<int> run_scan(const Options& opts) {
    VOUCH_TRY_ASSIGN(auto outputs, plan_outputs(opts));
    scan::Options request;
    request.path = opts.path;
    if (!opts.advisories.empty()) {
        request.advisory_files.assign(opts.advisories.begin(), opts.advisories.end());
    } else {
        VOUCH_TRY_ASSIGN(request.database_dir, database_dir(opts.db));
    }
    auto& settings = request.settings;
    if (!opts.fail_on.empty()) {
        auto gate = scan::parse_gate(opts.fail_on);
        if (!gate) {
            return fail(Errc::usage, "--fail-on: '" + opts.fail_on +
                                         "' is not any, low, moderate (medium), high, critical "
                                         "or none");
        }
        settings.gate = *gate;
    }
    settings.max_db_age_days = opts.max_db_age;
    settings.strict = opts.strict;
    settings.ignore_files.assign(opts.ignore_files.begin(), opts.ignore_files.end());
    settings.vex_files.assign(opts.vex_files.begin(), opts.vex_files.end());
    for (const auto& kind : opts.omit) {
        settings.omit.dev = settings.omit.dev || kind == "dev";
        settings.omit.optional = settings.omit.optional || kind == "optional";
        settings.omit.peer = settings.omit.peer || kind == "peer";
    }
    request.tool_version = VOUCH_VERSION;
    std::error_code cwd_error;
    request.working_dir = std::filesystem::current_path(cwd_error);

    VOUCH_TRY_ASSIGN(const auto outcome, scan::run(request));
    const auto& report = outcome.report;
    const auto& verdict = outcome.verdict;

    bool table_on_stdout = false;
    for (const auto& output : outputs) {
        if (output.file.empty()) {
            table_on_stdout = output.format == "table";
            std::cout << report::render(output.format, report, verdict, util::use_color(stdout))
                      << std::flush;
        } else {
            VOUCH_TRY(util::write_output_atomic(
                output.file, {report::render(output.format, report, verdict, false)}));
        }
    }
    // Suppression and database warnings matter to the gate; lockfile tree problems (a peer
    // dependency not installed, ...) are `vouch sbom`'s business and stay in the JSON.
    for (std::size_t i = outcome.lockfile_warnings; i < report.warnings.size(); ++i) {
        warn(report.warnings[i]); // quotes ignore/VEX entries
    }
    if (outcome.lockfile_warnings > 0) {
        warn(std::to_string(outcome.lockfile_warnings) +
             " lockfile tree warning(s) (see `vouch sbom` or the JSON report's warnings)");
    }
    if (verdict.report_only) {
        warn("--fail-on none: report only, the verdict is \"report-only\" and never fails");
    }
    if (!verdict.pass) {
        std::string reasons;
        for (const auto& reason : verdict.reasons) {
            reasons += (reasons.empty() ? "" : "; ") + reason;
        }
        std::cerr << "vouch: scan failed: " << reasons << '\n';
        if (!table_on_stdout) { // the table lists them itself
            std::cerr << report::failing_lines(report, verdict);
        }
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
        app.add_option("--format", opts->format,
                       "table|json|sarif, or several comma-separated (one may go to stdout, the "
                       "others to -o FORMAT:FILE)");
        app.add_option("--fail-on", opts->fail_on,
                       "Gate: any (default: every unsuppressed finding fails), "
                       "low|moderate|high|critical (at or above; medium = moderate), or none "
                       "(report only)");
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
        app.add_option("-o,--output", opts->outputs,
                       "Write a report to FILE atomically; FORMAT:FILE names its format "
                       "(repeatable: -o json:scan.json -o sarif:scan.sarif)");
        return [opts]() -> Result<int> { return run_scan(*opts); };
    });

} // namespace
} // namespace vouch::cli
