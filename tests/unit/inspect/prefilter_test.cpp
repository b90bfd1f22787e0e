// scan_until's vector prefilter (32 positions at a time, where the CPU has AVX2) must find
// exactly what the byte-by-byte loop finds (ScanRules::vector_scan = false), also for known
// values (NEXT_PUBLIC_ secrets), whose first bytes join the prefilter's sets.
#include <gtest/gtest.h>
#include <random>
#include <tuple>
#include <vouch/inspect/scanner.hpp>

using namespace vouch::inspect;

namespace {

std::string random_of(std::size_t n, std::mt19937& rng, std::string_view alphabet) {
    std::string out;
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        out += alphabet[pick(rng)];
    }
    return out;
}

using Located = std::tuple<std::string, std::size_t, std::size_t>;

std::vector<Located> scan(const std::string& text, bool byte_by_byte, std::size_t chunk,
                          const std::string& known) {
    ScanRules rules;
    rules.strict = true;
    rules.vector_scan = !byte_by_byte;
    rules.known_values.push_back({"NEXT_PUBLIC_X_SECRET", known, "test"});
    FileScanner scanner(rules);
    scanner.begin("a.js");
    for (std::size_t at = 0; at < text.size(); at += chunk) {
        scanner.feed(std::string_view(text).substr(at, chunk));
    }
    std::vector<Located> out;
    for (const auto& f : scanner.end()) {
        out.emplace_back(f.rule, f.line, f.column);
    }
    return out;
}

} // namespace

TEST(Prefilter, FindsWhatTheByteLoopFindsAtEveryOffset) {
    std::mt19937 rng(12);
    const std::string alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::string text;
    std::size_t planted = 0;
    // Starts with bytes no rule prefix has (the prefilter must take them from the known value).
    const std::string known = "#~" + random_of(20, rng, alnum);
    for (std::size_t pad = 0; pad < 70; ++pad) {
        text += std::string(pad, ' ');
        switch (pad % 6) {
        case 0:
            text += "k='sk_live_" + random_of(30, rng, alnum) + "';\n";
            break;
        case 1:
            text += "AKIA" + random_of(16, rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") + "\n";
            break;
        case 2:
            text += "u=\"postgres://app:" + random_of(20, rng, alnum) + "@db.example.com/x\"\n";
            break;
        case 3:
            text += "xoxb-123456789012-1234567890123-" + random_of(24, rng, alnum) + "\n";
            break;
        case 4:
            text += "const JWT_SECRET = \"" + random_of(32, rng, alnum) + "\";\n";
            break;
        default:
            text += "h={x:\"" + known + "\"};\n";
            break;
        }
        ++planted;
        // Look-alike noise between the secrets: pairs the prefilter lets through, no secret.
        text += "var se=ve+SE+Ve+gh+gl+np+vc+xo+rk;//" + random_of(40, rng, alnum) + "\n";
    }
    for (const std::size_t chunk : {std::size_t{7}, std::size_t{33}, std::size_t{4096}}) {
        const auto vector_scan = scan(text, false, chunk, known);
        const auto byte_scan = scan(text, true, chunk, known);
        EXPECT_EQ(vector_scan, byte_scan) << "chunk " << chunk;
        EXPECT_EQ(vector_scan.size(), planted) << "chunk " << chunk;
    }
}
