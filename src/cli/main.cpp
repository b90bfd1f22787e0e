// The one place where exceptions are caught and every outcome becomes an exit code.
#include "command.hpp"

#include <exception>
#include <iostream>
#include <string_view>
#include <vouch/util/temp_registry.hpp>

namespace {

int print_error(const vouch::Error& error) {
    std::cerr << "vouch: error: " << error.describe() << '\n';
    return vouch::exit_code_for(error.code);
}

} // namespace

int main(int argc, char** argv) {
    // Ctrl-C or SIGTERM during an atomic write removes its temp files before dying.
    vouch::util::install_temp_cleanup_on_signals();
    CLI::App app{"vouch: SBOMs, advisory scans, policy gates and signed provenance for npm "
                 "projects deployed to Vercel.\nExit codes: 0 pass, 1 a definite no (findings, "
                 "policy, failed verification), 2 usage, 3 unreadable input, 4 internal error.",
                 "vouch"};
    app.set_version_flag("--version", std::string("vouch ") + VOUCH_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);

    // Only the subcommand being run declares its flags: building every command's options was a
    // large share of start-up, paid by every invocation. The others are listed by name and
    // description, which is all `vouch --help` and an unknown-command error need. The top level
    // takes no option values, so the first argument not starting with '-' names the subcommand.
    std::string_view invoked;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] != '-') {
            invoked = argv[i];
            break;
        }
    }
    vouch::cli::Action chosen;
    for (const auto& command : vouch::cli::registered_commands()) {
        CLI::App* sub = app.add_subcommand(command.name, command.description);
        if (command.listing == vouch::cli::Listing::hidden) {
            sub->group("");
        }
        if (command.name != invoked) {
            continue;
        }
        sub->set_version_flag("--version", std::string("vouch ") + VOUCH_VERSION);
        auto action = command.setup(*sub);
        sub->callback([&chosen, action] { chosen = action; });
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "vouch: error: " << e.what() << "\nRun 'vouch --help' for usage.\n";
        return vouch::exit_usage;
    }

    try {
        auto outcome = chosen();
        if (!outcome) {
            return print_error(outcome.error());
        }
        return *outcome;
    } catch (const std::bad_alloc&) {
        std::cerr << "vouch: error: out of memory\n";
        return vouch::exit_input;
    } catch (const std::exception& e) {
        std::cerr << "vouch: error: internal error (a bug, please report it): " << e.what() << '\n';
        return vouch::exit_internal;
    }
}
