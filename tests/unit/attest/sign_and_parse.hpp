#pragma once
// Test helper: statements can only be parsed from a verified payload, so the attest tests sign
// what they parse, with one throwaway Ed25519 key per test binary.
#include <array>
#include <gtest/gtest.h>
#include <sodium.h>
#include <stdexcept>
#include <string>
#include <vouch/attest/statement.hpp>
#include <vouch/dsse/envelope.hpp>

namespace vouch::test {

inline Result<attest::Provenance> sign_and_parse(const std::string& payload) {
    EXPECT_GE(sodium_init(), 0);
    static std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
    static dsse::Ed25519PublicKey public_key{};
    static const bool made = (crypto_sign_keypair(public_key.data(), secret.data()), true);
    (void)made;
    dsse::Signer signer{"ABCDEF0123456789", public_key, [](std::string_view message) {
                            dsse::Ed25519Signature sig{};
                            crypto_sign_detached(
                                sig.data(), nullptr,
                                reinterpret_cast<const unsigned char*>(message.data()),
                                message.size(), secret.data());
                            return sig;
                        }};
    const auto envelope =
        dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), payload, signer);
    auto verified = dsse::verify(envelope, {{"ABCDEF0123456789", public_key}}, 1);
    EXPECT_TRUE(verified);
    if (!verified) { // a helper returning a value cannot ASSERT_*: stop before *verified
        throw std::runtime_error("test setup failed: verified");
    }
    return attest::parse_provenance(*verified);
}

} // namespace vouch::test
