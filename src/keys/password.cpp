// Passphrase sources, in order: --password-file, VOUCH_PASSWORD, a no-echo prompt on /dev/tty.
#include "internal.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>
#include <vouch/keys/keys.hpp>
#include <vouch/util/file.hpp>

namespace vouch::keys {

namespace {

constexpr std::size_t k_password_max = 1024; // minisign's PASSWORDMAXBYTES

// The first line of `text` (without "\n" or "\r\n") as a password.
Result<Password> first_line(std::string_view text, const std::string& origin) {
    const std::size_t newline = text.find('\n');
    std::size_t size = newline == std::string_view::npos ? text.size() : newline;
    if (size > 0 && text[size - 1] == '\r') {
        --size;
    }
    if (size > k_password_max) {
        return fail(Errc::io, "passphrase longer than " + std::to_string(k_password_max) + " bytes",
                    origin);
    }
    Password out(size);
    std::memcpy(out.data(), text.data(), size);
    return out;
}

// Reads one line from the terminal with echo off.
Result<Password> prompt_once(int tty, const std::string& prompt) {
    if (::write(tty, prompt.data(), prompt.size()) < 0) {
        return fail(Errc::io, std::string("cannot write to the terminal: ") + std::strerror(errno));
    }
    termios saved{};
    const bool have_termios = ::tcgetattr(tty, &saved) == 0;
    if (have_termios) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    Password buffer(k_password_max + 1);
    std::size_t size = 0;
    bool ended = false;
    bool too_long = false;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(tty, &c, 1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0 || c == '\n') {
            ended = n > 0;
            break;
        }
        if (size < buffer.size()) {
            buffer.data()[size++] = static_cast<unsigned char>(c);
        } else {
            too_long = true;
        }
    }
    if (have_termios) {
        ::tcsetattr(tty, TCSAFLUSH, &saved);
    }
    if (!ended && size == 0) {
        return fail(Errc::io, "no passphrase entered (end of input on the terminal)");
    }
    if (size > 0 && buffer.data()[size - 1] == '\r') {
        --size;
    }
    if (too_long || size > k_password_max) {
        return fail(Errc::io,
                    "passphrase longer than " + std::to_string(k_password_max) + " bytes");
    }
    buffer.shrink(size);
    return buffer;
}

} // namespace

Result<Password> read_password(const PasswordSource& source, const std::string& prompt,
                               bool confirm) {
    detail::ensure_sodium();
    if (source.password_file) {
        const std::string origin = source.password_file->string();
        VOUCH_TRY_ASSIGN(auto text, util::read_file(*source.password_file, 64 * 1024));
        auto password = first_line(text, origin);
        sodium_memzero(text.data(), text.size());
        return password;
    }
    if (const char* env = std::getenv("VOUCH_PASSWORD"); env != nullptr && *env != '\0') {
        return first_line(env, "VOUCH_PASSWORD");
    }
    if (!source.allow_prompt) {
        return fail(Errc::io, "a passphrase is needed: use --password-file or VOUCH_PASSWORD");
    }
    // Only a real terminal: a passphrase is never read silently from a piped stdin.
    const int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (tty < 0) {
        return fail(Errc::io, "a passphrase is needed and there is no terminal to ask on: use "
                              "--password-file or VOUCH_PASSWORD");
    }
    auto first = prompt_once(tty, prompt);
    if (first && confirm) {
        auto second = prompt_once(tty, "Confirm passphrase: ");
        if (!second) {
            ::close(tty);
            return tl::unexpected<Error>(second.error());
        }
        if (second->size() != first->size() ||
            sodium_memcmp(second->data(), first->data(), first->size()) != 0) {
            ::close(tty);
            return fail(Errc::usage, "the two passphrases do not match");
        }
    }
    ::close(tty);
    return first;
}

} // namespace vouch::keys
