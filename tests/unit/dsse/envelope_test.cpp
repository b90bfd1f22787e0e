#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sstream>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/encoding.hpp>

using namespace vouch;
using namespace vouch::dsse;
namespace fs = std::filesystem;

namespace {

struct TestKey {
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
    Ed25519PublicKey public_key{};
    std::string keyid;

    explicit TestKey(std::string id) : keyid(std::move(id)) {
        EXPECT_GE(sodium_init(), 0);
        crypto_sign_keypair(public_key.data(), secret.data());
    }
    Signer signer() const {
        return Signer{keyid, public_key, [this](std::string_view message) {
                          Ed25519Signature sig{};
                          crypto_sign_detached(
                              sig.data(), nullptr,
                              reinterpret_cast<const unsigned char*>(message.data()),
                              message.size(), secret.data());
                          return sig;
                      }};
    }
    TrustedKey trusted() const { return TrustedKey{keyid, public_key}; }
};

const std::string k_statement = R"({"_type":"https://in-toto.io/Statement/v1"})";

} // namespace

TEST(Pae, SpecVector) {
    EXPECT_EQ(pae("http://example.com/HelloWorld", "hello world"),
              "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    EXPECT_EQ(pae("", ""), "DSSEv1 0  0 ");
    EXPECT_EQ(pae("t\xc3\xa9", "x"), "DSSEv1 3 t\xc3\xa9 1 x"); // byte length, not characters
}

TEST(Envelope, ParsesSpecVectorEnvelope) {
    const std::string text = R"({"payload": "aGVsbG8gd29ybGQ=",
 "payloadType": "http://example.com/HelloWorld",
 "signatures": [{"sig": "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA=="}]})";
    auto envelope = parse_envelope(text, "e.json");
    ASSERT_TRUE(envelope) << envelope.error().describe();
    EXPECT_EQ(envelope->payload, "hello world");
    EXPECT_EQ(envelope->payload_type, "http://example.com/HelloWorld");
    ASSERT_EQ(envelope->signatures.size(), 1U);
    EXPECT_EQ(envelope->signatures[0].sig.size(), 64U);
    EXPECT_TRUE(envelope->signatures[0].keyid.empty());
}

TEST(Envelope, RoundTripAndUrlSafeBase64) {
    TestKey key("0123456789ABCDEF");
    const auto envelope =
        sign_envelope(std::string(k_in_toto_payload_type), "\xff\xfe\xfd", key.signer());
    const auto text = serialize_envelope(envelope);
    auto parsed = parse_envelope(text, "e");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->payload, envelope.payload);
    EXPECT_EQ(parsed->signatures[0].keyid, "0123456789ABCDEF");
    EXPECT_EQ(parsed->signatures[0].sig, envelope.signatures[0].sig);
    // The same envelope with URL-safe base64 and no padding is accepted.
    const auto json = nlohmann::json::parse(text);
    std::string payload = json["payload"];
    for (auto& c : payload) {
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    }
    while (!payload.empty() && payload.back() == '=') {
        payload.pop_back();
    }
    auto url_safe = json;
    url_safe["payload"] = payload;
    auto reparsed = parse_envelope(url_safe.dump(), "e");
    ASSERT_TRUE(reparsed);
    EXPECT_EQ(reparsed->payload, "\xff\xfe\xfd");
}

TEST(Envelope, MalformedInputsAreRejectedNotCrashes) {
    const std::string good_sig = util::base64_encode(std::string(64, 'x'));
    for (const std::string& bad :
         {std::string(""),
          std::string("   \n"),
          std::string("{"),
          std::string("[]"),
          std::string("null"),
          std::string("\"x\""),
          std::string("{}"),
          std::string(R"({"payload":"aGk=","payloadType":"t"})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":[]})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":{}})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":[1]})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":[{}]})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":5}]})"),
          std::string(R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":"***"}]})"),
          R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":")" + good_sig +
              R"(","keyid":7}]})",
          R"({"payload":"a G k=","payloadType":"t","signatures":[{"sig":")" + good_sig + R"("}]})",
          R"({"payload":1,"payloadType":"t","signatures":[{"sig":")" + good_sig + R"("}]})",
          R"({"payload":"aGk=","payloadType":null,"signatures":[{"sig":")" + good_sig + R"("}]})",
          R"({"payload":"aGk=","payload":"aGo=","payloadType":"t","signatures":[{"sig":")" +
              good_sig + R"("}]})",
          R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":")" + good_sig +
              R"("}]} trailing)",
          R"({"payload":"aGk=","payloadType":"t","signatures":[{"sig":")" +
              good_sig.substr(0, 20)}) {
        auto result = parse_envelope(bad, "e.json");
        EXPECT_FALSE(result) << bad;
        if (!result) {
            EXPECT_EQ(result.error().code, Errc::rejected) << bad;
            EXPECT_EQ(result.error().file, "e.json");
        }
    }
    // Hostile: deep nesting and an oversized document.
    EXPECT_FALSE(parse_envelope(std::string(100000, '[') + std::string(100000, ']'), "e"));
    EXPECT_FALSE(parse_envelope(std::string(k_max_envelope_bytes + 1, ' '), "e"));
}

TEST(Envelope, UnknownFieldsAreIgnored) {
    TestKey key("AAAAAAAAAAAAAAAA");
    auto json = nlohmann::json::parse(serialize_envelope(sign_envelope("t", "p", key.signer())));
    json["extra"] = {{"x", 1}};
    json["signatures"][0]["cert"] = "whatever";
    auto parsed = parse_envelope(json.dump(), "e");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(verify(*parsed, {key.trusted()}, 1));
}

TEST(Verify, GoodSignatureAndSignerIds) {
    TestKey key("1111111111111111");
    const auto envelope =
        sign_envelope(std::string(k_in_toto_payload_type), k_statement, key.signer());
    auto verified = verify(envelope, {key.trusted()}, 1);
    ASSERT_TRUE(verified) << verified.error().describe();
    EXPECT_EQ(verified->bytes(), k_statement);
    EXPECT_EQ(verified->signer_key_ids(), std::vector<std::string>{"1111111111111111"});
}

TEST(Verify, TamperedPayloadTypeSignatureAreRejected) {
    TestKey key("1111111111111111");
    const auto envelope =
        sign_envelope(std::string(k_in_toto_payload_type), k_statement, key.signer());
    auto payload = envelope;
    payload.payload[3] ^= 1;
    EXPECT_FALSE(verify(payload, {key.trusted()}, 1));
    auto type = envelope;
    type.payload_type = "application/json";
    EXPECT_FALSE(verify(type, {key.trusted()}, 1));
    auto sig = envelope;
    sig.signatures[0].sig[10] ^= 0x40;
    EXPECT_FALSE(verify(sig, {key.trusted()}, 1));
    auto short_sig = envelope;
    short_sig.signatures[0].sig.resize(63);
    EXPECT_FALSE(verify(short_sig, {key.trusted()}, 1));
}

TEST(Verify, UntrustedKeyIsRejected) {
    TestKey signer("1111111111111111");
    TestKey other("2222222222222222");
    const auto envelope = sign_envelope("t", "p", signer.signer());
    auto result = verify(envelope, {other.trusted()}, 1);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::rejected);
    // A trusted key presented under the signer's id does not help: the key material decides.
    EXPECT_FALSE(verify(envelope, {TrustedKey{signer.keyid, other.public_key}}, 1));
}

TEST(Verify, SameKeyTwiceCountsOnce) {
    TestKey a("1111111111111111");
    TestKey b("2222222222222222");
    auto envelope = sign_envelope("t", "p", a.signer());
    envelope.signatures.push_back(envelope.signatures[0]);
    auto twice = verify(envelope, {a.trusted(), b.trusted()}, 2);
    ASSERT_FALSE(twice);
    EXPECT_NE(twice.error().message.find("1 of 2"), std::string::npos) << twice.error().message;
    // Listing the same trusted key twice does not make it two keys either.
    EXPECT_FALSE(verify(envelope, {a.trusted(), a.trusted()}, 2));
}

TEST(Verify, ThresholdOfTwoDistinctKeys) {
    TestKey a("1111111111111111");
    TestKey b("2222222222222222");
    auto envelope = sign_envelope("t", "p", a.signer());
    EXPECT_FALSE(verify(envelope, {a.trusted(), b.trusted()}, 2));
    ASSERT_TRUE(add_signature(envelope, b.signer()));
    EXPECT_TRUE(verify(envelope, {a.trusted(), b.trusted()}, 2));
    EXPECT_EQ(envelope.payload, "p");
    auto zero = verify(envelope, {a.trusted()}, 0);
    ASSERT_FALSE(zero);
    EXPECT_EQ(zero.error().code, Errc::usage);
}

TEST(Verify, AppendRefusesAKeyAlreadyPresent) {
    TestKey a("1111111111111111");
    auto envelope = sign_envelope("t", "p", a.signer());
    auto again = add_signature(envelope, a.signer());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::rejected);
    // Also when the existing signature carries no key id.
    envelope.signatures[0].keyid.clear();
    EXPECT_FALSE(add_signature(envelope, a.signer()));
    EXPECT_EQ(envelope.signatures.size(), 1U);
}

TEST(Verify, SwappedKeyIdsFail) {
    TestKey a("1111111111111111");
    TestKey b("2222222222222222");
    auto envelope = sign_envelope("t", "p", a.signer());
    ASSERT_TRUE(add_signature(envelope, b.signer()));
    std::swap(envelope.signatures[0].keyid, envelope.signatures[1].keyid);
    EXPECT_FALSE(verify(envelope, {a.trusted(), b.trusted()}, 1));
}

TEST(Corpus, SigstoreDsseEnvelopesParseButDoNotVerifyWithOtherKeys) {
    const fs::path root =
        fs::path(VOUCH_SHARED_DIR) / "corpus/attestation/sigstore-conformance/bundle-verify";
    if (!fs::exists(root)) {
        GTEST_SKIP() << "shared corpus not present";
    }
    TestKey key("1111111111111111");
    int seen = 0;
    for (const auto& entry : fs::directory_iterator(root)) {
        std::ifstream in(entry.path() / "bundle.sigstore.json");
        std::stringstream buffer;
        buffer << in.rdbuf();
        const auto bundle = nlohmann::json::parse(buffer.str());
        if (!bundle.contains("dsseEnvelope")) {
            continue;
        }
        auto envelope = parse_envelope(bundle["dsseEnvelope"].dump(), entry.path().string());
        ASSERT_TRUE(envelope) << entry.path() << ": " << envelope.error().describe();
        EXPECT_EQ(envelope->payload_type, k_in_toto_payload_type);
        EXPECT_EQ(envelope->payload.rfind("{", 0), 0U);
        EXPECT_FALSE(verify(*envelope, {key.trusted()}, 1));
        ++seen;
    }
    EXPECT_GE(seen, 5);
}
