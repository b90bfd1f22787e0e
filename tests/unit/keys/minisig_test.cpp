// Known-answer tests from specs.md 4.5 (rust-minisign-verify's vectors) and tamper cases.
#include <gtest/gtest.h>
#include <stdexcept>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/encoding.hpp>

using namespace vouch;
using namespace vouch::keys;

namespace {

const std::string k_pub_file = "untrusted comment: minisign public key E7620F1842B4E81F\n"
                               "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3\n";

const std::string k_prehashed_sig =
    "untrusted comment: signature from minisign secret key\n"
    "RUQf6LRCGA9i559r3g7V1qNyJDApGip8MfqcadIgT9CuhV3EMhHoN1mGTkUidF/"
    "z7SrlQgXdy8ofjb7bNJJylDOocrCo8KLzZwo=\n"
    "trusted comment: timestamp:1556193335\tfile:test\n"
    "y/rUw2y8/hOUYjZU71eHp/Wo1KZ40fGy2VJEDl34XMJM+TX48Ss/17u3IvIfbVR1FkZZSNCisQbuQY+bHwhEBg==\n";

const std::string k_prehashed_sig_other_comment =
    "untrusted comment: signature from minisign secret key\n"
    "RUQf6LRCGA9i559r3g7V1qNyJDApGip8MfqcadIgT9CuhV3EMhHoN1mGTkUidF/"
    "z7SrlQgXdy8ofjb7bNJJylDOocrCo8KLzZwo=\n"
    "trusted comment: timestamp:1633700835\tfile:test\tprehashed\n"
    "wLMDjy9FLAuxZ3q4NlEvkgtyhrr0gtTu6KC4KBJdITbbOeAi1zBIYo0v4iTgt8jJpIidRJnp94ABQkJAgAooBQ==\n";

const std::string k_legacy_sig =
    "untrusted comment: signature from minisign secret key\n"
    "RWQf6LRCGA9i59SLOFxz6NxvASXDJeRtuZykwQepbDEGt87ig1BNpWaVWuNrm73YiIiJbq71Wi+"
    "dP9eKL8OC351vwIasSSbXxwA=\n"
    "trusted comment: timestamp:1555779966\tfile:test\n"
    "QtKMXWyYcwdpZAlPF7tE2ENJkRd1ujvKjlj1m9RtHTBnZPa5WKU5uWRs5GoP5M/VqE81QFuMKI5k/SfNQUaOAA==\n";

Digest512 prehash_of(std::string_view message) {
    Blake2bPrehash hash;
    hash.update(message.data(), message.size());
    return hash.finish();
}

PublicKey vector_key() {
    auto key = parse_public_key(k_pub_file, "test.pub");
    EXPECT_TRUE(key) << key.error().describe();
    if (!key) // a helper returning a value cannot ASSERT_*: stop before *key
        throw std::runtime_error("test setup failed: key");
    return *key;
}

} // namespace

TEST(MinisignVectors, PublicKeyParsesWithTheDocumentedKeyId) {
    const PublicKey key = vector_key();
    EXPECT_EQ(key_id_hex(key.id), "E7620F1842B4E81F");
    const KeyId expected{0x1f, 0xe8, 0xb4, 0x42, 0x18, 0x0f, 0x62, 0xe7};
    EXPECT_EQ(key.id, expected);
    EXPECT_EQ(format_public_key(key), k_pub_file); // byte-identical round trip
}

TEST(MinisignVectors, PrehashedSignatureVerifies) {
    auto sig = parse_minisig(k_prehashed_sig, "test.minisig");
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_EQ(sig->algorithm, SigAlgorithm::prehashed);
    auto verdict = verify_minisig(*sig, vector_key(), prehash_of("test"));
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->trusted_comment, "timestamp:1556193335\tfile:test");
    EXPECT_EQ(key_id_hex(verdict->key_id), "E7620F1842B4E81F");
    EXPECT_EQ(format_minisig(*sig), k_prehashed_sig); // byte-identical round trip
}

TEST(MinisignVectors, SameSignatureWithAnotherTrustedCommentVerifies) {
    auto sig = parse_minisig(k_prehashed_sig_other_comment, "test.minisig");
    ASSERT_TRUE(sig) << sig.error().describe();
    auto verdict = verify_minisig(*sig, vector_key(), prehash_of("test"));
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->trusted_comment, "timestamp:1633700835\tfile:test\tprehashed");
}

TEST(MinisignVectors, LegacySignatureVerifiesOnlyAsLegacy) {
    auto sig = parse_minisig(k_legacy_sig, "test.minisig");
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_EQ(sig->algorithm, SigAlgorithm::legacy);
    auto verdict = verify_minisig_legacy(*sig, vector_key(), "test");
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->trusted_comment, "timestamp:1555779966\tfile:test");
    // Spec negative vector: the legacy signature must fail for "Test".
    auto wrong = verify_minisig_legacy(*sig, vector_key(), "Test");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, Errc::rejected);
    // A legacy signature never passes the prehashed path.
    EXPECT_FALSE(verify_minisig(*sig, vector_key(), prehash_of("test")));
}

TEST(MinisignVectors, TamperedMessageFails) {
    auto sig = parse_minisig(k_prehashed_sig, "test.minisig");
    ASSERT_TRUE(sig);
    auto verdict = verify_minisig(*sig, vector_key(), prehash_of("tesT"));
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error().code, Errc::rejected);
    EXPECT_NE(verdict.error().message.find("does not match"), std::string::npos);
}

TEST(MinisignVectors, TamperedTrustedCommentFails) {
    std::string text = k_prehashed_sig;
    text.replace(text.find("1556193335"), 10, "1556193336");
    auto sig = parse_minisig(text, "test.minisig");
    ASSERT_TRUE(sig);
    auto verdict = verify_minisig(*sig, vector_key(), prehash_of("test"));
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error().code, Errc::rejected);
    EXPECT_NE(verdict.error().message.find("trusted comment"), std::string::npos);
}

TEST(MinisignVectors, TamperedSignatureByteFails) {
    auto sig = parse_minisig(k_prehashed_sig, "test.minisig");
    ASSERT_TRUE(sig);
    sig->signature[10] ^= 0x01;
    EXPECT_FALSE(verify_minisig(*sig, vector_key(), prehash_of("test")));
    auto global = parse_minisig(k_prehashed_sig, "test.minisig");
    global->global_signature[0] ^= 0x80;
    EXPECT_FALSE(verify_minisig(*global, vector_key(), prehash_of("test")));
}

TEST(MinisignVectors, KeyIdMismatchNamesBothIds) {
    auto sig = parse_minisig(k_prehashed_sig, "test.minisig");
    ASSERT_TRUE(sig);
    PublicKey other = vector_key();
    other.id[0] ^= 0xff;
    auto verdict = verify_minisig(*sig, other, prehash_of("test"));
    ASSERT_FALSE(verdict);
    EXPECT_NE(verdict.error().message.find("E7620F1842B4E81F"), std::string::npos);
    EXPECT_NE(verdict.error().message.find(key_id_hex(other.id)), std::string::npos);
}

TEST(Blake2bPrehash, StreamingEqualsOneShot) {
    const std::string data(100000, 'x');
    Blake2bPrehash chunked;
    for (std::size_t i = 0; i < data.size(); i += 777) {
        chunked.update(data.data() + i, std::min<std::size_t>(777, data.size() - i));
    }
    EXPECT_EQ(chunked.finish(), prehash_of(data));
}

TEST(Blake2bPrehash, MatchesRfc7693Vector) {
    // RFC 7693 appendix A: BLAKE2b-512("abc").
    const auto digest = prehash_of("abc");
    EXPECT_EQ(util::to_hex(digest.data(), digest.size()),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
              "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}
