#include "passphrase.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace vouch::cli {

namespace {

constexpr std::size_t k_password_max = 1024; // minisign's PASSWORDMAXBYTES

// Reads one line from the terminal with echo off.
Result<keys::Password> prompt_once(int tty, const std::string& prompt) {
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
    keys::Password buffer(k_password_max + 1);
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

struct Tty {
    int fd = -1;
    ~Tty() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

Result<keys::Password> read_passphrase(const std::string& password_file, const std::string& prompt,
                                       bool confirm) {
    if (!password_file.empty()) {
        return keys::read_password_file(password_file);
    }
    if (const char* env = std::getenv("VOUCH_PASSWORD"); env != nullptr && *env != '\0') {
        return keys::password_from_text(env, "VOUCH_PASSWORD");
    }
    // Only a real terminal: a passphrase is never read silently from a piped stdin.
    const Tty tty{::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)};
    if (tty.fd < 0) {
        return fail(Errc::io, "a passphrase is needed and there is no terminal to ask on: use "
                              "--password-file or VOUCH_PASSWORD");
    }
    auto first = prompt_once(tty.fd, prompt);
    if (first && confirm) {
        VOUCH_TRY_ASSIGN(auto second, prompt_once(tty.fd, "Confirm passphrase: "));
        // Both were typed by the person at the terminal: no timing secret to protect here.
        if (second.size() != first->size() ||
            std::memcmp(second.data(), first->data(), first->size()) != 0) {
            return fail(Errc::usage, "the two passphrases do not match");
        }
    }
    return first;
}

Result<keys::SecretKey> load_secret_key(const std::string& key_path,
                                        const std::string& password_file) {
    const std::string origin = key_path.empty() ? "VOUCH_SECRET_KEY" : key_path;
    const keys::PasswordSource passphrase = [&password_file, &origin] {
        return read_passphrase(password_file, "Passphrase for " + origin + ": ");
    };
    if (!key_path.empty()) {
        return keys::load_secret_key(key_path, passphrase);
    }
    const char* env = std::getenv("VOUCH_SECRET_KEY");
    if (env == nullptr || *env == '\0') {
        return fail(Errc::usage, "no secret key: pass --key FILE or set VOUCH_SECRET_KEY");
    }
    return keys::parse_secret_key_setting(env, origin, passphrase);
}

} // namespace vouch::cli
