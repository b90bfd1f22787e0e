// links: vouch_keys
// The three minisign parsers (public key, unencrypted secret key, .minisig) on arbitrary bytes.
// The first byte picks the parser so one corpus covers all three.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/keys/keys.hpp>
#include <vouch/keys/minisig.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    // Never prompt, never read a password from the environment: an encrypted key must fail
    // before scrypt runs.
    ::unsetenv("VOUCH_PASSWORD");
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 3) {
    case 0: {
        auto key = vouch::keys::parse_public_key(text, "fuzz.pub");
        if (key) {
            // A parsed key must format back to a file that parses to the same key.
            auto again = vouch::keys::parse_public_key(vouch::keys::format_public_key(*key), "x");
            if (!again || again->key != key->key || again->id != key->id) {
                std::abort();
            }
        }
        break;
    }
    case 1: {
        const auto source = vouch::keys::no_password("fuzzing");
        auto key = vouch::keys::parse_secret_key(text, "fuzz.key", source);
        if (key) {
            const auto sig = vouch::keys::sign_detached(*key, "m");
            if (!vouch::keys::verify_detached(key->public_key(), "m", sig.data(), sig.size())) {
                std::abort(); // the parser accepted an inconsistent key
            }
        }
        break;
    }
    default: {
        auto sig = vouch::keys::parse_minisig(text, "fuzz.minisig");
        if (sig) {
            auto again = vouch::keys::parse_minisig(vouch::keys::format_minisig(*sig), "x");
            if (!again || again->trusted_comment != sig->trusted_comment ||
                again->signature != sig->signature) {
                std::abort();
            }
        }
        break;
    }
    }
    return 0;
}
