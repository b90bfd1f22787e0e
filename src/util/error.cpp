#include <vouch/util/error.hpp>
#include <vouch/util/text.hpp>

namespace vouch {

// Both parts may carry untrusted text (a file name, a value from a feed): escaped here, once, so
// every error stays one line and no control sequence reaches the terminal.
std::string Error::describe() const {
    std::string out;
    if (!file.empty()) {
        out += util::escape_for_terminal(util::strip_userinfo(file));
        if (line > 0) {
            out += ':' + std::to_string(line) + ':' + std::to_string(column);
        }
        out += ": ";
    }
    out += util::escape_for_terminal(message);
    return out;
}

int exit_code_for(Errc code) {
    switch (code) {
    case Errc::usage:
        return exit_usage;
    case Errc::io:
    case Errc::parse:
    case Errc::unsupported:
    case Errc::bad_password:
    case Errc::network:
        return exit_input;
    case Errc::rejected:
        return exit_fail;
    case Errc::internal:
        return exit_internal;
    }
    return exit_internal;
}

Error make_error(Errc code, std::string message, std::string file) {
    Error error;
    error.code = code;
    error.message = std::move(message);
    error.file = std::move(file);
    return error;
}

} // namespace vouch
