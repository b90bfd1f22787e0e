// Key files: generation, round trips, encryption, and malformed or hostile input.
#include <cstdlib>
#include <cstring>
#include <gtest/gtest.h>
#include <vouch/keys/keys.hpp>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/file.hpp>

using namespace vouch;
using namespace vouch::keys;

namespace {

// Low scrypt cost (libsodium's minimums) so the encrypted path runs in milliseconds; the file
// records the cost, so minisign decrypts such a key too.
constexpr KdfLimits k_cheap{32768, 16777216};

PasswordSource no_prompt() {
    return no_password("test");
}

// A password file written into a temporary directory.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        char pattern[] = "/tmp/vouch-keys-test.XXXXXX";
        path = ::mkdtemp(pattern);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

Password password_of(std::string_view text) {
    Password p(text.size());
    std::copy(text.begin(), text.end(), p.data());
    return p;
}

void expect_same_key(const SecretKey& a, const SecretKey& b) {
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(std::memcmp(a.bytes(), b.bytes(), 64), 0);
}

} // namespace

TEST(KeyId, PrintsLittleEndianKeynumAsUppercaseHex) {
    const KeyId id{0x1f, 0xe8, 0xb4, 0x42, 0x18, 0x0f, 0x62, 0xe7};
    EXPECT_EQ(key_id_hex(id), "E7620F1842B4E81F");
}

TEST(SecretKey, GeneratedKeySignsAndVerifies) {
    SecretKey key = generate_key();
    const auto sig = sign_detached(key, "hello");
    EXPECT_TRUE(verify_detached(key.public_key(), "hello", sig.data(), sig.size()));
    EXPECT_FALSE(verify_detached(key.public_key(), "hellO", sig.data(), sig.size()));
    EXPECT_FALSE(verify_detached(key.public_key(), "hello", sig.data(), 63));
    SecretKey moved = std::move(key);
    EXPECT_EQ(key.bytes(), nullptr);
    EXPECT_NE(moved.bytes(), nullptr);
}

TEST(SecretKey, UnencryptedRoundTrip) {
    const SecretKey key = generate_key();
    auto text = format_secret_key(key, nullptr);
    ASSERT_TRUE(text) << text.error().describe();
    EXPECT_EQ(text->view().substr(0, 49), "untrusted comment: minisign encrypted secret key\n");
    auto back = parse_secret_key(text->view(), "k.key", no_prompt());
    ASSERT_TRUE(back) << back.error().describe();
    expect_same_key(key, *back);
}

TEST(SecretKey, PublicKeyFileRoundTrip) {
    const SecretKey key = generate_key();
    const std::string text = format_public_key(key.public_key());
    EXPECT_EQ(text.rfind("untrusted comment: minisign public key " + key_id_hex(key.id) + "\n", 0),
              0u);
    auto back = parse_public_key(text, "k.pub");
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(back->id, key.id);
    EXPECT_EQ(back->key, key.public_key().key);
}

TEST(SecretKey, EncryptedRoundTripAndWrongPassword) {
    TempDir dir;
    const SecretKey key = generate_key();
    const Password password = password_of("correct horse");
    auto text = format_secret_key(key, &password, k_cheap);
    ASSERT_TRUE(text) << text.error().describe();

    ASSERT_TRUE(util::write_file_atomic(dir.path / "pw", "correct horse\n", 0600));
    const PasswordSource right = [&] { return read_password_file(dir.path / "pw"); };
    auto back = parse_secret_key(text->view(), "k.key", right);
    ASSERT_TRUE(back) << back.error().describe();
    expect_same_key(key, *back);

    ASSERT_TRUE(util::write_file_atomic(dir.path / "bad", "correct horsE\n", 0600));
    const PasswordSource wrong = [&] { return read_password_file(dir.path / "bad"); };
    auto refused = parse_secret_key(text->view(), "k.key", wrong);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::bad_password);
    EXPECT_EQ(exit_code_for(refused.error().code), 3);
}

TEST(SecretKey, EncryptedKeyWithoutAnyPasswordSourceIsAnInputError) {
    const SecretKey key = generate_key();
    const Password password = password_of("pw");
    auto text = format_secret_key(key, &password, k_cheap);
    ASSERT_TRUE(text);
    ::unsetenv("VOUCH_PASSWORD");
    auto refused = parse_secret_key(text->view(), "k.key", no_prompt());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::io);
}

TEST(SecretKey, ParsesTheSecretKeySettingInBothForms) {
    const SecretKey key = generate_key();
    auto text = format_secret_key(key, nullptr);
    ASSERT_TRUE(text);
    auto back = parse_secret_key_setting(text->view(), "VOUCH_SECRET_KEY", no_prompt());
    ASSERT_TRUE(back) << back.error().describe();
    expect_same_key(key, *back);
    // The single-line form: just the base64 line, for CI settings without line breaks.
    const auto view = text->view();
    const std::string line(view.substr(view.find('\n') + 1, 212));
    auto single = parse_secret_key_setting(line, "VOUCH_SECRET_KEY", no_prompt());
    ASSERT_TRUE(single) << single.error().describe();
    expect_same_key(key, *single);
    auto broken = parse_secret_key_setting(line.substr(1), "VOUCH_SECRET_KEY", no_prompt());
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().file, "VOUCH_SECRET_KEY");
    EXPECT_EQ(broken.error().code, Errc::parse);
    EXPECT_EQ(broken.error().line, 0U);
}

// Issue 7 item 14: the key core takes the passphrase from the callback it is given, asks it only
// for an encrypted key, and never reads VOUCH_PASSWORD / VOUCH_SECRET_KEY or a terminal itself.
TEST(SecretKey, PassphraseComesOnlyFromTheCallbackAndOnlyWhenNeeded) {
    const SecretKey key = generate_key();
    const Password password = password_of("from-callback");
    auto encrypted = format_secret_key(key, &password, k_cheap);
    auto plain = format_secret_key(key, nullptr);
    ASSERT_TRUE(encrypted && plain);
    int asked = 0;
    const PasswordSource source = [&asked] {
        ++asked;
        return password_from_text("from-callback\n", "test");
    };
    auto back = parse_secret_key(encrypted->view(), "k.key", source);
    ASSERT_TRUE(back) << back.error().describe();
    expect_same_key(key, *back);
    EXPECT_EQ(asked, 1);
    ASSERT_TRUE(parse_secret_key(plain->view(), "k.key", source));
    EXPECT_EQ(asked, 1) << "an unencrypted key needs no passphrase";
    EXPECT_FALSE(parse_secret_key(encrypted->view(), "k.key", PasswordSource{}));
}

TEST(SecretKey, TheKeyCoreReadsNoEnvironment) {
    const SecretKey key = generate_key();
    const Password password = password_of("from-env");
    auto text = format_secret_key(key, &password, k_cheap);
    ASSERT_TRUE(text);
    ::setenv("VOUCH_PASSWORD", "from-env", 1);
    auto refused = parse_secret_key(text->view(), "k.key", no_prompt());
    ::unsetenv("VOUCH_PASSWORD");
    ASSERT_FALSE(refused) << "VOUCH_PASSWORD was read by the library";
    EXPECT_EQ(refused.error().code, Errc::io);

    auto plain = format_secret_key(key, nullptr);
    ASSERT_TRUE(plain);
    ::setenv("VOUCH_SECRET_KEY", std::string(plain->view()).c_str(), 1);
    auto no_path = load_secret_key({}, no_prompt());
    ::unsetenv("VOUCH_SECRET_KEY");
    EXPECT_FALSE(no_path) << "VOUCH_SECRET_KEY was read by the library";
}

TEST(SecretKey, PasswordFromTextTakesTheFirstLine) {
    auto p = password_from_text("secret\r\nignored", "x");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->view(), "secret");
    auto too_long = password_from_text(std::string(1025, 'a'), "x");
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, Errc::io);
}

const std::filesystem::path k_data = std::filesystem::path(VOUCH_TEST_DATA) / "keys";

// A key made by `minisign -G -W` (minisign 0.11): kdf, salt, limits and checksum all zero.
TEST(MinisignFiles, ReadsMinisignUnencryptedKeyWithZeroChecksum) {
    auto key = load_secret_key(k_data / "minisign-nopw.key", no_prompt());
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_EQ(key_id_hex(key->id), "22C36CD69786E744");
    auto pub = load_public_key(k_data / "minisign-nopw.pub");
    ASSERT_TRUE(pub) << pub.error().describe();
    EXPECT_EQ(key->public_key().key, pub->key);
    auto pub_text = util::read_file(k_data / "minisign-nopw.pub");
    ASSERT_TRUE(pub_text);
    EXPECT_EQ(format_public_key(key->public_key()), *pub_text); // byte-identical to minisign's
}

TEST(MinisignFiles, VerifiesSignatureMadeByMinisign) {
    auto pub = load_public_key(k_data / "minisign-nopw.pub");
    ASSERT_TRUE(pub);
    auto verdict =
        verify_minisig_file(k_data / "hello.txt", k_data / "hello.txt.minisig", *pub, false);
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->trusted_comment, "fixture signed by minisign 0.11");
}

// The one test with minisign's real scrypt cost (about 1 GiB and a few seconds, by design): a key
// encrypted by `minisign -G` itself decrypts to the key its public file names.
TEST(MinisignFiles, DecryptsKeyEncryptedByMinisignWithDefaultCost) {
    const PasswordSource source = [] {
        return read_password_file(k_data / "minisign-enc.password");
    };
    auto key = load_secret_key(k_data / "minisign-enc.key", source);
    ASSERT_TRUE(key) << key.error().describe();
    auto pub = load_public_key(k_data / "minisign-enc.pub");
    ASSERT_TRUE(pub);
    EXPECT_EQ(key->id, pub->id);
    EXPECT_EQ(key->public_key().key, pub->key);
}

TEST(SecretKey, SignedMinisigVerifiesWithItsPublicKey) {
    const SecretKey key = generate_key();
    Blake2bPrehash hash;
    hash.update("artifact", 8);
    const auto prehash = hash.finish();
    auto sig = sign_prehashed(key, prehash, default_trusted_comment(1700000000, "a.tgz"));
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_EQ(sig->trusted_comment, "timestamp:1700000000\tfile:a.tgz\thashed");
    auto parsed = parse_minisig(format_minisig(*sig), "a.tgz.minisig");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    auto verdict = verify_minisig(*parsed, key.public_key(), prehash);
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->trusted_comment, sig->trusted_comment);
}

TEST(SecretKey, TrustedCommentWithLineBreakIsRefusedWhenSigning) {
    const SecretKey key = generate_key();
    const Digest512 prehash{};
    auto sig = sign_prehashed(key, prehash, "evil\ntrusted comment: x");
    ASSERT_FALSE(sig);
    EXPECT_EQ(sig.error().code, Errc::usage);
}

TEST(MinisignFiles, EveryFailureTheSignatureCanCauseIsRejected) {
    TempDir dir;
    auto pub = load_public_key(k_data / "minisign-nopw.pub");
    ASSERT_TRUE(pub);
    const auto artifact = k_data / "hello.txt";
    auto missing = verify_minisig_file(artifact, dir.path / "none.minisig", *pub, false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::rejected);

    ASSERT_TRUE(util::write_file_atomic(dir.path / "g.minisig",
                                        "untrusted comment: x\nzz\ntrusted comment: t\nAA==\n"));
    auto garbage = verify_minisig_file(artifact, dir.path / "g.minisig", *pub, false);
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, Errc::rejected);
    EXPECT_EQ(garbage.error().line, 2u);

    auto no_artifact =
        verify_minisig_file(dir.path / "none.txt", k_data / "hello.txt.minisig", *pub, false);
    ASSERT_FALSE(no_artifact);
    EXPECT_EQ(no_artifact.error().code, Errc::rejected);

    auto no_keys = verify_minisig_file(artifact, k_data / "hello.txt.minisig",
                                       std::vector<PublicKey>{}, false);
    ASSERT_FALSE(no_keys);
    EXPECT_EQ(no_keys.error().code, Errc::rejected);
    EXPECT_NE(no_keys.error().message.find("22C36CD69786E744"), std::string::npos);
}

TEST(MinisignFiles, SignFileUsesThePinnedClockAndBasename) {
    TempDir dir;
    ASSERT_TRUE(util::write_file_atomic(dir.path / "app.tgz", "bytes"));
    ::setenv("VOUCH_NOW", "2026-11-23T15:04:05Z", 1);
    const SecretKey key = generate_key();
    auto sig = sign_file_minisig(key, dir.path / "app.tgz");
    ::unsetenv("VOUCH_NOW");
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_EQ(sig->trusted_comment, "timestamp:1795446245\tfile:app.tgz\thashed");
    ASSERT_TRUE(util::write_file_atomic(dir.path / "app.tgz.minisig", format_minisig(*sig)));
    auto verdict = verify_minisig_file(dir.path / "app.tgz", dir.path / "app.tgz.minisig",
                                       key.public_key(), false);
    ASSERT_TRUE(verdict) << verdict.error().describe();
}
