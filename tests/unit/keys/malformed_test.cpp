// Malformed, truncated, hostile and huge key and signature files: each a clear, located error
// with the documented code, never a crash.
#include <gtest/gtest.h>
#include <stdexcept>
#include <vouch/keys/keys.hpp>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/encoding.hpp>

using namespace vouch;
using namespace vouch::keys;

namespace {

const std::string k_pub_line = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3";
const std::string k_pub =
    "untrusted comment: minisign public key E7620F1842B4E81F\n" + k_pub_line + "\n";
const std::string k_sig_line = "RUQf6LRCGA9i559r3g7V1qNyJDApGip8MfqcadIgT9CuhV3EMhHoN1mGTkUidF/"
                               "z7SrlQgXdy8ofjb7bNJJylDOocrCo8KLzZwo=";
const std::string k_global_line =
    "y/rUw2y8/hOUYjZU71eHp/Wo1KZ40fGy2VJEDl34XMJM+TX48Ss/17u3IvIfbVR1FkZZSNCisQbuQY+bHwhEBg==";

std::string minisig(const std::string& comment, const std::string& sig, const std::string& trusted,
                    const std::string& global) {
    return comment + "\n" + sig + "\n" + trusted + "\n" + global + "\n";
}
std::string good_sig() {
    return minisig("untrusted comment: x", k_sig_line,
                   "trusted comment: timestamp:1556193335\tfile:test", k_global_line);
}

PasswordSource no_prompt() {
    return no_password("test");
}

// An unencrypted secret-key file built from raw bytes, so each field can be corrupted.
std::vector<std::uint8_t> raw_secret_key() {
    SecretKey key = generate_key();
    auto text = format_secret_key(key, nullptr);
    EXPECT_TRUE(text);
    if (!text) // a helper returning a value cannot ASSERT_*: stop before *text
        throw std::runtime_error("test setup failed: text");
    const auto line = text->view().substr(text->view().find('\n') + 1, 212);
    return *util::base64_decode(line);
}
std::string secret_key_file(const std::vector<std::uint8_t>& raw) {
    return "untrusted comment: test\n" + util::base64_encode(raw) + "\n";
}

void expect_error(const Error& error, Errc code, std::size_t line, const std::string& needle) {
    EXPECT_EQ(error.code, code) << error.describe();
    EXPECT_EQ(error.line, line) << error.describe();
    EXPECT_NE(error.message.find(needle), std::string::npos) << error.describe();
    EXPECT_EQ(error.describe().find('\n'), std::string::npos) << "one line";
}

} // namespace

// ---- Public keys ------------------------------------------------------------------------------

TEST(MalformedPublicKey, CrlfLineEndingsAreAccepted) {
    EXPECT_TRUE(parse_public_key("untrusted comment: x\r\n" + k_pub_line + "\r\n", "k.pub"));
    EXPECT_TRUE(parse_public_key("untrusted comment: x\n" + k_pub_line, "k.pub")); // no final \n
}

TEST(MalformedPublicKey, EachDefectIsALocatedError) {
    struct Case {
        std::string text;
        Errc code;
        std::size_t line;
        std::string needle;
    };
    auto raw = *util::base64_decode(k_pub_line);
    raw[1] = 'D'; // "ED" is a signature algorithm, not a key algorithm
    const std::string wrong_alg = util::base64_encode(raw);
    const Case cases[] = {
        {"", Errc::parse, 0, "empty"},
        {"untrusted comment: x\n", Errc::parse, 2, "truncated"},
        {"comment: x\n" + k_pub_line + "\n", Errc::parse, 1, "untrusted comment"},
        {"untrusted comment: x\n" + k_pub_line.substr(0, 40) + "\n", Errc::parse, 2,
         "expected 56 base64 characters"},
        {"untrusted comment: x\n" + k_pub_line + "AAAA\n", Errc::parse, 2, "expected 56"},
        {"untrusted comment: x\n" + k_pub_line.substr(0, 55) + "!\n", Errc::parse, 2,
         "invalid base64"},
        {"untrusted comment: x\n" + wrong_alg + "\n", Errc::parse, 2, "\"ED\""},
        {"untrusted comment: x\n" + k_pub_line + "\nextra\n", Errc::parse, 3, "unexpected"},
        {"untrusted comment: x\n" + k_pub_line.substr(0, 10) + "\r" + k_pub_line.substr(10) + "\n",
         Errc::parse, 2, "carriage return"},
        {"untrusted comment: x\n" + std::string(1 << 20, 'A') + "\n", Errc::parse, 2,
         "expected 56"},
        {std::string("untrusted comment: x\n\0\0\0", 24), Errc::parse, 2, "expected 56"},
    };
    for (const auto& c : cases) {
        auto key = parse_public_key(c.text, "k.pub");
        ASSERT_FALSE(key) << c.needle;
        expect_error(key.error(), c.code, c.line, c.needle);
        EXPECT_EQ(key.error().file, "k.pub");
    }
}

// ---- Secret keys ------------------------------------------------------------------------------

TEST(MalformedSecretKey, UnsupportedAlgorithmsAreNamed) {
    auto raw = raw_secret_key();
    raw[0] = 'X';
    expect_error(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()).error(), Errc::parse,
                 2, "signature algorithm");
    raw = raw_secret_key();
    raw[2] = 'A', raw[3] = 'r';
    expect_error(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()).error(), Errc::parse,
                 2, "key derivation");
    raw = raw_secret_key();
    raw[4] = 'S', raw[5] = 'H';
    expect_error(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()).error(), Errc::parse,
                 2, "checksum algorithm");
}

TEST(MalformedSecretKey, CorruptionIsDetected) {
    auto raw = raw_secret_key();
    raw[70] ^= 0x01; // a seed byte: the checksum no longer matches
    expect_error(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()).error(), Errc::parse,
                 2, "checksum");
    raw = raw_secret_key();
    std::fill(raw.begin() + 126, raw.end(), 0); // zero checksum, as minisign -W writes
    EXPECT_TRUE(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()));
    raw[100] ^= 0x01; // the public half, which a zero checksum cannot protect
    expect_error(parse_secret_key(secret_key_file(raw), "k.key", no_prompt()).error(), Errc::parse,
                 2, "public half");
}

TEST(MalformedSecretKey, HostileScryptCostIsRefusedBeforeAnyWork) {
    for (auto [ops, mem] : {std::pair<std::uint64_t, std::uint64_t>{~0ull, ~0ull},
                            {~0ull, 16777216},
                            {1ull << 40, 1ull << 40}}) {
        auto raw = raw_secret_key();
        raw[2] = 'S', raw[3] = 'c';
        for (int i = 0; i < 8; ++i) {
            raw[38 + i] = static_cast<std::uint8_t>(ops >> (8 * i));
            raw[46 + i] = static_cast<std::uint8_t>(mem >> (8 * i));
        }
        auto key = parse_secret_key(secret_key_file(raw), "k.key", no_prompt());
        ASSERT_FALSE(key);
        expect_error(key.error(), Errc::unsupported, 2, "scrypt cost");
    }
}

TEST(MalformedSecretKey, TruncatedAndGarbage) {
    const auto raw = raw_secret_key();
    const std::string file = secret_key_file(raw);
    for (std::size_t cut : {0ul, 10ul, 30ul, 100ul, file.size() - 5}) {
        auto key = parse_secret_key(file.substr(0, cut), "k.key", no_prompt());
        ASSERT_FALSE(key) << cut;
        EXPECT_EQ(key.error().code, Errc::parse) << key.error().describe();
    }
    auto garbage = parse_secret_key(std::string(100000, '\xff'), "k.key", no_prompt());
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, Errc::parse);
    // A public key file given where a secret key is expected.
    auto swapped = parse_secret_key(k_pub, "k.pub", no_prompt());
    ASSERT_FALSE(swapped);
    expect_error(swapped.error(), Errc::parse, 2, "expected 212 base64 characters");
}

// ---- Signatures -------------------------------------------------------------------------------

TEST(MalformedMinisig, CrlfAndMissingFinalNewlineAreAccepted) {
    std::string crlf = good_sig();
    for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) {
        crlf.insert(at, "\r");
    }
    EXPECT_TRUE(parse_minisig(crlf, "s")) << parse_minisig(crlf, "s").error().describe();
    std::string no_final = good_sig();
    no_final.pop_back();
    EXPECT_TRUE(parse_minisig(no_final, "s"));
}

TEST(MalformedMinisig, EachDefectIsALocatedError) {
    auto alg = *util::base64_decode(k_sig_line);
    alg[1] = 'X';
    const std::string bad_alg = util::base64_encode(alg);
    const std::string tc = "trusted comment: t";
    const std::string uc = "untrusted comment: u";
    struct Case {
        std::string text;
        std::size_t line;
        std::string needle;
    };
    const Case cases[] = {
        {"", 0, "empty"},
        {uc + "\n", 2, "signature line is missing"},
        {uc + "\n" + k_sig_line + "\n", 3, "trusted comment line is missing"},
        {uc + "\n" + k_sig_line + "\n" + tc + "\n", 4, "global signature line is missing"},
        {uc + "\n" + k_sig_line + "\n" + tc, 3, "no line ending"},
        {minisig("comment: u", k_sig_line, tc, k_global_line), 1, "untrusted comment"},
        {minisig(uc, k_sig_line, "trusted_comment: t", k_global_line), 3, "trusted comment"},
        {minisig(uc, bad_alg, tc, k_global_line), 2, "unsupported signature algorithm"},
        {minisig(uc, k_sig_line.substr(1), tc, k_global_line), 2, "expected 100"},
        // "Bh==" has non-zero padding bits: not canonical base64.
        {minisig(uc, k_sig_line, tc, k_global_line.substr(0, 85) + "h=="), 4, "invalid base64"},
        {minisig(uc, k_sig_line, tc, k_global_line.substr(0, 40) + "*" + k_global_line.substr(41)),
         4, "invalid base64"},
        {minisig(uc, k_sig_line, tc, k_global_line + "A"), 4, "expected 88"},
        {minisig(uc, k_sig_line, tc + "\x01", k_global_line), 3, "unprintable"},
        {minisig(uc, k_sig_line, tc + "\x7f", k_global_line), 3, "unprintable"},
        {minisig(uc, k_sig_line, tc + "\xc2\x85", k_global_line), 3, "unprintable"}, // C1 NEL
        {minisig(uc, k_sig_line, tc + "\xc0\xaf", k_global_line), 3, "unprintable"}, // overlong
        {minisig(uc, k_sig_line, tc + "\xed\xa0\x80", k_global_line), 3, "unprintable"},
        {minisig(uc, k_sig_line, tc + "\xe2\x82", k_global_line), 3, "unprintable"}, // cut
        {minisig(uc, k_sig_line, tc + std::string(9000, 'a'), k_global_line), 3, "limit"},
        {minisig(uc + std::string(2000, 'u'), k_sig_line, tc, k_global_line), 1, "limit"},
        {minisig(uc, k_sig_line, "trusted comment: a\rb", k_global_line), 3, "carriage"},
        {minisig(uc, k_sig_line, tc, k_global_line) + "more\n", 5, "unexpected content"},
        {std::string(3 << 20, '\n'), 0, "missing"},
    };
    for (const auto& c : cases) {
        auto sig = parse_minisig(c.text, "f.minisig");
        ASSERT_FALSE(sig) << c.needle;
        EXPECT_EQ(sig.error().code, Errc::parse) << sig.error().describe();
        if (c.line != 0) {
            EXPECT_EQ(sig.error().line, c.line) << sig.error().describe();
        }
        EXPECT_NE(sig.error().message.find(c.needle), std::string::npos) << sig.error().describe();
        EXPECT_EQ(sig.error().file, "f.minisig");
    }
}

TEST(MalformedMinisig, PrintableUtf8IsAccepted) {
    auto sig = parse_minisig(
        minisig("untrusted comment: u", k_sig_line,
                "trusted comment: caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x94\x91\tok", k_global_line),
        "f.minisig");
    ASSERT_TRUE(sig) << sig.error().describe();
}
