// links: vouch_attest vouch_digest vouch_dsse
// Statements are parsed only from verified payloads, so each input is signed with a fixed test
// key first; parsing (and the signed manifests it carries) must never crash.
#include <cstddef>
#include <cstdint>
#include <sodium.h>
#include <string>
#include <vouch/attest/statement.hpp>
#include <vouch/digest/manifest.hpp>
#include <vouch/dsse/envelope.hpp>

namespace {

struct FixedKey {
    unsigned char secret[crypto_sign_SECRETKEYBYTES]{};
    vouch::dsse::Ed25519PublicKey public_key{};
    FixedKey() {
        if (sodium_init() < 0) {
            __builtin_trap();
        }
        unsigned char seed[crypto_sign_SEEDBYTES] = {42};
        crypto_sign_seed_keypair(public_key.data(), secret, seed);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vouch;
    static const FixedKey key;
    dsse::Signer signer{"FUZZ000000000000", key.public_key, [](std::string_view message) {
                            dsse::Ed25519Signature sig{};
                            crypto_sign_detached(
                                sig.data(), nullptr,
                                reinterpret_cast<const unsigned char*>(message.data()),
                                message.size(), key.secret);
                            return sig;
                        }};
    const auto envelope =
        dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type),
                            std::string(reinterpret_cast<const char*>(data), size), signer);
    auto verified = dsse::verify(envelope, {{signer.keyid, key.public_key}}, 1);
    if (!verified) {
        __builtin_trap();
    }
    auto provenance = attest::parse_provenance(*verified);
    if (!provenance) {
        if (provenance.error().code != Errc::rejected) {
            __builtin_trap();
        }
        return 0;
    }
    for (const auto& subject : provenance->subjects) {
        if (!subject.manifest.empty()) {
            (void)digest::parse_manifest(subject.manifest, subject.name);
        }
    }
    return 0;
}
