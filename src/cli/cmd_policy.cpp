// vouch licenses / vouch lint: the policy's licence rules and lockfile supply-chain rules.
#include "command.hpp"

#include <iostream>
#include <vouch/check/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/terminal.hpp>

namespace vouch::cli {
namespace {

struct Options {
    check::Request request;
    std::string output;
};

using Runner = Result<check::Output> (*)(const check::Request&);

Result<int> run(Options opts, Runner runner, const char* what) {
    VOUCH_TRY_ASSIGN(opts.request.now, util::now());
    opts.request.color = opts.output.empty() && util::use_color(stdout);
    VOUCH_TRY_ASSIGN(auto out, runner(opts.request));
    if (opts.output.empty()) {
        std::cout << out.rendered << std::flush;
    } else {
        VOUCH_TRY(util::write_file_atomic(opts.output, out.rendered));
    }
    for (const auto& warning : out.warnings) {
        warn(warning);
    }
    if (!out.pass) {
        std::cerr << "vouch: " << what << " failed: " << out.failure << '\n';
        return exit_fail;
    }
    return exit_pass;
}

void common_flags(CLI::App& app, Options& opts) {
    app.add_option("path", opts.request.path, "Lockfile or directory holding one (default .)");
    app.add_option("--policy", opts.request.policy_file,
                   "Policy file (default: the built-in policies/default.json)");
    app.add_option("--format", opts.request.format, "table|json|sarif")
        ->check(CLI::IsMember({"table", "json", "sarif"}));
    app.add_option("-o,--output", opts.output, "Write the report to FILE (atomically)");
}

const bool licenses_registered = register_command(
    "licenses", "Judge every package's licence by the policy (exit 1 on a denied licence)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        common_flags(app, *opts);
        return [opts]() { return run(*opts, &check::run_licenses, "licence check"); };
    });

const bool lint_registered = register_command(
    "lint", "Check where the lockfile's packages come from (registries, integrity, scripts, ...)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        common_flags(app, *opts);
        return [opts]() { return run(*opts, &check::run_lint, "lint"); };
    });

} // namespace
} // namespace vouch::cli
