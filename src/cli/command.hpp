#pragma once
// Subcommands register themselves (one file each); main.cpp knows none of them by name.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vouch/util/result.hpp>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define VOUCH_CLI_UNDER_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define VOUCH_CLI_UNDER_ASAN 1
#endif

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

// Hands a big model (a lockfile, an SBOM, a document) to the end of the process instead of
// destroying it: the kernel drops its pages at exit at once, where destructors would walk and
// free thousands of allocations one by one. Only the CLI does this, and only when its work is
// done; under AddressSanitizer the value is destroyed as usual, so LeakSanitizer stays quiet.
template <class T> void release_at_exit(T&& value) {
#ifdef VOUCH_CLI_UNDER_ASAN
    std::decay_t<T> destroyed_here(std::forward<T>(value));
#else
    static_cast<void>(new std::decay_t<T>(std::forward<T>(value)));
#endif
}

} // namespace vouch::cli
