#pragma once
// Test helper: a DSSE envelope with a VALID signature over any payload bytes, so the tests can
// show what the statement reader does with payloads a (compromised or buggy) signer could emit.
#include <array>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sodium.h>
#include <string>
#include <unistd.h>
#include <vouch/digest/sha256.hpp>
#include <vouch/dsse/envelope.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::test {

struct SigningKey {
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
    dsse::Ed25519PublicKey public_key{};
    std::string keyid;
    explicit SigningKey(std::string id) : keyid(std::move(id)) {
        EXPECT_GE(sodium_init(), 0);
        crypto_sign_keypair(public_key.data(), secret.data());
    }
    dsse::Signer signer() const {
        return {keyid, public_key, [this](std::string_view message) {
                    dsse::Ed25519Signature sig{};
                    crypto_sign_detached(sig.data(), nullptr,
                                         reinterpret_cast<const unsigned char*>(message.data()),
                                         message.size(), secret.data());
                    return sig;
                }};
    }
    dsse::TrustedKey trusted() const { return {keyid, public_key}; }
};

// A temporary directory with one artifact and a place for the envelope.
class SignedPayloadTest : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "vouch-payload-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        std::ofstream(artifact(), std::ios::binary) << "the build output";
    }
    void TearDown() override { std::filesystem::remove_all(dir); }

    std::filesystem::path artifact() const { return dir / "app.bin"; }
    std::filesystem::path envelope_path() const { return dir / "att.intoto.jsonl"; }
    std::string artifact_sha() const { return digest::sha256_hex("the build output"); }

    // A statement in vouch's layout; the parts are spliced in so tests can duplicate keys.
    std::string statement(const std::string& commit_digest_members,
                          const std::string& subject_members = "",
                          const std::string& type_members = "") const {
        const std::string subject =
            subject_members.empty()
                ? "\"subject\":[{\"name\":\"app.bin\",\"digest\":{\"sha256\":\"" + artifact_sha() +
                      "\"}}]"
                : subject_members;
        const std::string type =
            type_members.empty() ? "\"_type\":\"https://in-toto.io/Statement/v1\"" : type_members;
        return "{" + type + "," + subject +
               ",\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
               "\"buildDefinition\":{\"buildType\":\"https://vouch.dev/buildtypes/sign/v1\","
               "\"externalParameters\":{},\"resolvedDependencies\":[{\"uri\":\"git+https://"
               "example.com/shop.git@main\",\"digest\":{" +
               commit_digest_members +
               "}}]},\"runDetails\":{\"builder\":{\"id\":\"https://vouch.dev/builders/local\"},"
               "\"metadata\":{\"finishedOn\":\"2026-11-20T12:00:00Z\"}}}}";
    }
    std::string commit_members(const std::string& sha) const {
        return "\"gitCommit\":\"" + sha + "\"";
    }

    std::string signed_envelope(const std::string& payload) const {
        return dsse::serialize_envelope(
            dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type), payload, key.signer()));
    }
    void save(const std::string& envelope_text) const {
        std::ofstream(envelope_path(), std::ios::binary) << envelope_text;
    }

    verify::Request request() const {
        verify::Request out;
        out.artifacts = {artifact()};
        out.attestation = envelope_path();
        out.trusted = {key.trusted()};
        out.expected_commit = real_commit;
        out.expected_commit_source = "--commit";
        out.now = *util::parse_rfc3339("2026-11-20T13:00:00Z");
        return out;
    }

    std::filesystem::path dir;
    SigningKey key{"AAAAAAAAAAAAAAAA"};
    const std::string real_commit = std::string(40, 'a');
    const std::string other_commit = std::string(40, 'b');
};

} // namespace vouch::test
