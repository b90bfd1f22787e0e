// edit_distance computes only the diagonal band; it must agree with the full table everywhere.
#include <algorithm>
#include <gtest/gtest.h>
#include <random>
#include <string>
#include <vector>
#include <vouch/lint/lint.hpp>

namespace {

// The whole optimal-string-alignment table, capped only at the end.
int reference_distance(const std::string& a, const std::string& b, int max) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) {
        d[i][0] = static_cast<int>(i);
    }
    for (std::size_t j = 0; j <= m; ++j) {
        d[0][j] = static_cast<int>(j);
    }
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return std::min(d[n][m], max + 1);
}

TEST(EditDistance, TheBandAgreesWithTheFullTable) {
    std::mt19937 random(11);
    const std::string alphabet = "abc-@/";
    auto word = [&](std::size_t size) {
        std::string w;
        for (std::size_t i = 0; i < size; ++i) {
            w += alphabet[random() % alphabet.size()];
        }
        return w;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::string a = word(random() % 13);
        // Often a near copy of a, so small distances are well covered.
        std::string b = a;
        if (random() % 3 == 0 || b.empty()) {
            b = word(random() % 13);
        } else {
            for (int edits = static_cast<int>(random() % 4); edits > 0; --edits) {
                const std::size_t at = random() % (b.size() + 1);
                switch (random() % 4) {
                case 0:
                    b.insert(at, 1, alphabet[random() % alphabet.size()]);
                    break;
                case 1:
                    if (at < b.size()) {
                        b.erase(at, 1);
                    }
                    break;
                case 2:
                    if (at < b.size()) {
                        b[at] = alphabet[random() % alphabet.size()];
                    }
                    break;
                default:
                    if (at + 1 < b.size()) {
                        std::swap(b[at], b[at + 1]);
                    }
                }
            }
        }
        for (int max = -1; max <= 4; ++max) {
            ASSERT_EQ(vouch::lint::edit_distance(a, b, max), reference_distance(a, b, max))
                << "'" << a << "' vs '" << b << "', max " << max;
        }
        // The typosquat prefilter never rules out a pair within the distance.
        ASSERT_LE(
            vouch::lint::bag_distance(vouch::lint::char_counts(a), vouch::lint::char_counts(b)),
            reference_distance(a, b, 64))
            << "'" << a << "' vs '" << b << "'";
    }
}

TEST(EditDistance, LongNamesAfterShortOnesReuseTheRowsSafely) {
    EXPECT_EQ(vouch::lint::edit_distance("ab", "ba", 2), 1);
    const std::string long_name(200, 'x');
    std::string near = long_name;
    near[100] = 'y';
    EXPECT_EQ(vouch::lint::edit_distance(long_name, near, 2), 1);
    EXPECT_EQ(vouch::lint::edit_distance("ab", "ba", 2), 1);
}

} // namespace
