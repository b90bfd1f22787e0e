// Passphrases as text: the first line of a file or a setting. Where they come from (a file, the
// environment, a terminal) is the CLI's business: src/cli/passphrase.cpp.
#include "internal.hpp"

#include <cstring>
#include <sodium.h>
#include <vouch/keys/keys.hpp>
#include <vouch/util/file.hpp>

namespace vouch::keys {

namespace {
constexpr std::size_t k_password_max = 1024; // minisign's PASSWORDMAXBYTES
} // namespace

Result<Password> password_from_text(std::string_view text, const std::string& origin) {
    detail::ensure_sodium();
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

Result<Password> read_password_file(const std::filesystem::path& path) {
    VOUCH_TRY_ASSIGN(auto text, util::read_file(path, 64 * 1024));
    auto password = password_from_text(text, path.string());
    sodium_memzero(text.data(), text.size());
    return password;
}

PasswordSource no_password(std::string hint) {
    return [hint = std::move(hint)]() -> Result<Password> {
        return fail(Errc::io, "a passphrase is needed" + (hint.empty() ? "" : ": " + hint));
    };
}

} // namespace vouch::keys
