#pragma once
// Subcommands register themselves (one file each); main.cpp knows none of them by name.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vouch/util/result.hpp>

namespace vouch::cli {

// Runs the subcommand after flags are parsed; returns the process exit code. A returned Error
// is printed as one line and mapped through exit_code_for().
using Action = std::function<Result<int>()>;
// Declares the subcommand's flags on `app` and returns what to run.
using Setup = std::function<Action(CLI::App& app)>;

// Hidden commands work but are not listed in `vouch --help`.
enum class Listing { shown, hidden };
bool register_command(std::string name, std::string description, Setup setup,
                      Listing listing = Listing::shown);

struct Registered {
    std::string name;
    std::string description;
    Setup setup;
    Listing listing = Listing::shown;
};
const std::vector<Registered>& registered_commands();

// Prints "vouch: warning: ..." to stderr, escaped for the terminal (one line, no control bytes).
void warn(const std::string& message);

} // namespace vouch::cli
