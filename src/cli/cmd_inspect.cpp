// vouch inspect: secrets, public files and security headers of a build output.
#include "command.hpp"
#include "next_public_env.hpp"

#include <cstring>
#include <iostream>
#include <vouch/inspect/inspect.hpp>
#include <vouch/policy/policy.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/file.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string dir = ".";
    std::string policy;
    std::string format = "table";
    std::string output;
};

Result<int> run(const Options& opts) {
    inspect::Options request;
    request.dir = opts.dir;
    if (opts.policy.empty()) {
        request.config = policy::builtin_default().inspect;
    } else {
        VOUCH_TRY_ASSIGN(const policy::Policy loaded, policy::load(opts.policy));
        request.config = loaded.inspect;
    }
    VOUCH_TRY_ASSIGN(request.now, util::now());
    request.environment = next_public_environment();
    VOUCH_TRY_ASSIGN(const inspect::Outcome outcome, inspect::run(request));

    for (const auto& e : outcome.expired) {
        warn("expired inspect exception no longer applies: " + e.rule + " " + e.path + " (" +
             e.owner + ", expired " + e.expires + ")");
    }
    const std::string document = opts.format == "json"    ? inspect::render_json(outcome)
                                 : opts.format == "sarif" ? inspect::render_sarif(outcome)
                                                          : inspect::render_table(outcome);
    if (opts.output.empty() || opts.output == "-") {
        std::cout << document;
        std::cout.flush();
    } else {
        VOUCH_TRY(util::write_output_atomic(opts.output, {document}));
    }
    if (outcome.threshold.kind == inspect::Threshold::Kind::none) {
        return exit_pass; // report-only, and said so in every format
    }
    return outcome.passed() ? exit_pass : exit_fail;
}

const bool registered = register_command(
    "inspect",
    "Inspect a Vercel build output or .next folder for secrets, public files and missing "
    "security headers",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("dir", opts->dir,
                       "Project directory (uses .vercel/output, else .next), or the build output "
                       "itself; default: current directory");
        app.add_option("--policy", opts->policy,
                       "Policy file (policies/*.json) whose \"inspect\" section sets rules, "
                       "allowances, threshold and exceptions; default: the built-in policy");
        app.add_option("--format", opts->format, "table (default), json or sarif")
            ->check(CLI::IsMember({"table", "json", "sarif"}));
        app.add_option("-o,--output", opts->output, "Write to FILE (atomically) instead of stdout");
        return [opts]() -> Result<int> { return run(*opts); };
    });

} // namespace
} // namespace vouch::cli
