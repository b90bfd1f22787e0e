// vouch check: advisories + licences + lint under one policy, one report, one verdict.
#include "check_output.hpp"
#include "command.hpp"
#include "db_location.hpp"

#include <vouch/check/run.hpp>
#include <vouch/util/terminal.hpp>

namespace vouch::cli {
namespace {

struct Options {
    check::Request request;
    std::string db;
    std::vector<std::string> advisories;
    std::string output;
};

using Runner = Result<check::Output> (*)(const check::Request&);

Result<int> run_policy_command(Options opts, Runner runner, const char* what) {
    auto& request = opts.request;
    VOUCH_TRY_ASSIGN(request.now, util::now());
    if (!opts.advisories.empty()) {
        request.advisories.assign(opts.advisories.begin(), opts.advisories.end());
    } else {
        VOUCH_TRY_ASSIGN(request.database_dir, database_dir(opts.db));
    }
    std::error_code cwd_error;
    request.working_dir = std::filesystem::current_path(cwd_error);
    request.color = opts.output.empty() && util::use_color(stdout);
    VOUCH_TRY_ASSIGN(auto out, runner(request));
    const auto code = finish_check_output(out, opts.output, what);
    release_at_exit(std::move(out.made_from));
    return code;
}

void advisory_flags(CLI::App& app, Options& opts) {
    app.add_option("path", opts.request.path, "Lockfile or directory holding one (default .)");
    app.add_option("--policy", opts.request.policy_file,
                   "Policy file (default: the built-in policies/default.json)");
    auto* db = app.add_option("--db", opts.db,
                              "Advisory database directory (default $VOUCH_DB, else "
                              "$XDG_CACHE_HOME/vouch/db)");
    app.add_option("--advisories", opts.advisories,
                   "Read these advisory sources instead of a database")
        ->excludes(db);
}

const bool registered = register_command(
    "check", "Advisories, licences and lockfile lint under one policy: one report, one verdict",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        advisory_flags(app, *opts);
        app.add_option("--format", opts->request.format,
                       "table|json|sarif (json is the verdict document for vouch sign --verdict)")
            ->check(CLI::IsMember({"table", "json", "sarif"}));
        app.add_option("-o,--output", opts->output, "Write the report to FILE (atomically)");
        return [opts]() { return run_policy_command(*opts, &check::run_check, "check"); };
    });

const bool report_registered = register_command(
    "report", "Supplier report (self-contained HTML or Markdown) over the same checks",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        advisory_flags(app, *opts);
        opts->request.format = "html";
        app.add_option("--format", opts->request.format, "html|markdown (default html)")
            ->check(CLI::IsMember({"html", "markdown"}));
        app.add_option("-o,--output", opts->output, "Write the report to FILE (atomically)")
            ->required();
        return [opts]() { return run_policy_command(*opts, &check::run_report, "report"); };
    });

} // namespace
} // namespace vouch::cli
