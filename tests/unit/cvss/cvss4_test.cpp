#include <cmath>
#include <fstream>
#include <gtest/gtest.h>
#include <vouch/cvss/cvss.hpp>

using namespace vouch;
using namespace vouch::cvss;

TEST(Cvss4, PublishedExamples) {
    std::ifstream in(std::string(VOUCH_TEST_DATA) + "/cvss/v4_examples.tsv");
    std::string line;
    std::size_t checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const auto vector = line.substr(0, tab);
        const double expected = std::stod(line.substr(tab + 1));
        const auto score = score_vector(vector);
        ASSERT_TRUE(score) << vector << ": " << score.error().message;
        EXPECT_NEAR(score->base, expected, 1e-9) << vector;
        EXPECT_EQ(score->major_version, 4);
        EXPECT_EQ(score->severity, severity_for(expected));
        ++checked;
    }
    EXPECT_GE(checked, 45u);
}

TEST(Cvss4, SeverityBands) {
    EXPECT_EQ(
        score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")->severity,
        "critical");
    EXPECT_EQ(
        score_vector("CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N")->severity,
        "low");
    EXPECT_EQ(
        score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")->severity,
        "none");
}

TEST(Cvss4, ExplicitDefaultsScoreLikeOmittedMetrics) {
    const auto plain =
        score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N");
    const auto with_x = score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/"
                                     "SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MSI:X/S:X/U:X");
    const auto worst = score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/"
                                    "SA:N/E:A/CR:H/IR:H/AR:H");
    ASSERT_TRUE(plain && with_x && worst);
    EXPECT_DOUBLE_EQ(plain->base, with_x->base);
    EXPECT_DOUBLE_EQ(plain->base, worst->base);
    // Unreported exploit maturity lowers the score.
    const auto unreported =
        score_vector("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N/E:U");
    EXPECT_LT(unreported->base, plain->base);
}

TEST(Cvss4, EveryBaseVectorScoresWithinRange) {
    // All 104,976 base vectors: a score in [0, 10] with one decimal, never an error. The vector
    // is edited in place (each value is one character at a fixed offset) to keep this fast.
    std::string v = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H";
    const std::vector<std::pair<std::size_t, std::string_view>> slots = {
        {12, "NALP"}, {17, "LH"},  {22, "NP"},  {27, "NLH"}, {32, "NPA"}, {37, "HLN"},
        {42, "HLN"},  {47, "HLN"}, {52, "HLN"}, {57, "HLN"}, {62, "HLN"}};
    std::vector<std::size_t> digit(slots.size(), 0);
    std::size_t count = 0, bad = 0;
    while (true) {
        for (std::size_t i = 0; i < slots.size(); ++i) {
            v[slots[i].first] = slots[i].second[digit[i]];
        }
        const auto s = score_vector(v);
        const double tenths = s ? s->base * 10 : -1;
        if (!s || s->base < 0 || s->base > 10 || std::abs(tenths - std::round(tenths)) > 1e-9) {
            if (++bad <= 10) {
                ADD_FAILURE() << v;
            }
        }
        ++count;
        std::size_t i = 0;
        while (i < slots.size() && ++digit[i] == slots[i].second.size()) {
            digit[i++] = 0;
        }
        if (i == slots.size()) {
            break;
        }
    }
    EXPECT_EQ(count, 104976u);
    EXPECT_EQ(bad, 0u);
}

TEST(Cvss4, MalformedVectors) {
    const std::string base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    for (const std::string& bad : {
             std::string("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"), // no SA
             base + "/SA:N",                                                            // duplicate
             base + "/E:Q",                                                             // bad value
             base + "/MSC:S",                                             // S only for MSI/MSA
             base + "/S:C",                                               // v3 scope metric
             std::string("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), // a v3 body
             base + "/U:red", // values are case-sensitive
             base + "/",
         }) {
        const auto s = score_vector(bad);
        ASSERT_FALSE(s) << bad;
        EXPECT_EQ(s.error().code, Errc::parse) << bad;
    }
}

// tests/data/cvss/oracle.tsv: every v3.1 base vector and 4,000 v4.0 vectors (with threat and
// environmental metrics) scored by an independent implementation (scripts/gen-cvss-fixtures.sh).
TEST(CvssOracle, AgreesWithAnIndependentCalculator) {
    std::ifstream in(std::string(VOUCH_TEST_DATA) + "/cvss/oracle.tsv");
    std::string line;
    std::size_t checked = 0, mismatches = 0;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const auto vector = line.substr(0, tab);
        const double expected = std::stod(line.substr(tab + 1));
        const auto score = score_vector(vector);
        ASSERT_TRUE(score) << vector;
        if (std::abs(score->base - expected) > 1e-9 && ++mismatches <= 20) {
            ADD_FAILURE() << vector << ": expected " << expected << ", got " << score->base;
        }
        ++checked;
    }
    EXPECT_EQ(checked, 2592u + 4000u);
    EXPECT_EQ(mismatches, 0u);
}
