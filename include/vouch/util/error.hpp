#pragma once
// The project-wide error value and exit-code contract (see ARCHITECTURE.md).
#include <cstddef>
#include <string>

namespace vouch {

// What kind of failure this is decides the exit code, so tests assert on it.
enum class Errc {
    usage,        // bad flags or arguments                          -> exit 2
    io,           // cannot read or write a file of ours              -> exit 3
    parse,        // malformed input document (JSON, key, lockfile)   -> exit 3
    unsupported,  // a format version vouch does not know             -> exit 3
    bad_password, // wrong passphrase for a secret key                -> exit 3
    network,      // download failed                                  -> exit 3
    rejected,     // a definite "no": verification or policy failed  -> exit 1
    internal,     // a bug                                            -> exit 4
};

enum ExitCode : int {
    exit_pass = 0,
    exit_fail = 1,
    exit_usage = 2,
    exit_input = 3,
    exit_internal = 4,
};

struct Error {
    Errc code = Errc::internal;
    std::string message;
    std::string file;     // empty when the error is not about a file
    std::size_t line = 0; // 1-based; 0 = unknown
    std::size_t column = 0;

    // "FILE[:LINE:COL]: message" (or just the message without a file).
    std::string describe() const;
};

int exit_code_for(Errc code);

// Builders that keep call sites short.
Error make_error(Errc code, std::string message, std::string file = {});

} // namespace vouch
