#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/cvss/cvss.hpp>

using namespace vouch;
using namespace vouch::cvss;

namespace vouch::cvss::detail {
double roundup(double x); // internal, tested directly (src/cvss/cvss_internal.hpp)
}

namespace {
double base(std::string_view vector) {
    const auto score = score_vector(vector);
    EXPECT_TRUE(score) << vector << ": " << (score ? "" : score.error().message);
    return score ? score->base : -1;
}
} // namespace

TEST(Cvss3, SpecVectors) {
    // specs.md 10.1 and NVD-published scores.
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"), 10.0);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N"), 6.8);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N"), 5.4);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"), 5.5);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"), 7.5);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"), 1.6);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"), 0.0);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:H/A:L"), 8.8);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N"), 8.2);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:N/A:L"), 3.1);
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:N/I:L/A:N"), 2.5);
}

TEST(Cvss3, ScoreFieldsAndSeverity) {
    const auto s = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->major_version, 3);
    EXPECT_EQ(s->severity, "critical");
    EXPECT_EQ(score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")->severity, "none");
    EXPECT_EQ(score_vector("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N")->severity, "low");
    EXPECT_EQ(score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")->severity, "medium");
    EXPECT_EQ(score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")->severity, "high");
    EXPECT_EQ(severity_for(3.9), "low");
    EXPECT_EQ(severity_for(4.0), "medium");
    EXPECT_EQ(severity_for(6.9), "medium");
    EXPECT_EQ(severity_for(7.0), "high");
    EXPECT_EQ(severity_for(8.9), "high");
    EXPECT_EQ(severity_for(9.0), "critical");
    EXPECT_EQ(severity_for(0.1), "low");
}

TEST(Cvss3, Version30UsesTheSameEquations) {
    EXPECT_DOUBLE_EQ(base("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"), 8.8);
    EXPECT_DOUBLE_EQ(base("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N"), 6.5);
}

TEST(Cvss3, OptionalMetricsAreValidatedButDoNotChangeTheBase) {
    EXPECT_DOUBLE_EQ(
        base("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C/CR:H/MAV:L/MS:C"), 9.8);
    // Any order is accepted.
    EXPECT_DOUBLE_EQ(base("CVSS:3.1/S:U/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N"), 9.8);
    EXPECT_DOUBLE_EQ(base("  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n"), 9.8);
}

TEST(Cvss3, RoundupAvoidsFloatingPointArtefacts) {
    // Appendix A examples: 4.000000000000001 must give 4.0, not 4.1.
    EXPECT_DOUBLE_EQ(detail::roundup(4.000000000000001), 4.0);
    EXPECT_DOUBLE_EQ(detail::roundup(4.02), 4.1);
    EXPECT_DOUBLE_EQ(detail::roundup(4.0), 4.0);
    EXPECT_DOUBLE_EQ(detail::roundup(0.0), 0.0);
    EXPECT_DOUBLE_EQ(detail::roundup(9.99), 10.0);
}

TEST(Cvss3, MalformedVectorsAreParseErrors) {
    for (const char* bad : {
             "", "CVSS:3.1/", "CVSS:3.1",
             "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",                // no prefix
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",           // missing A
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H",   // duplicate
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q",       // bad value
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y",  // unknown metric
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/",      // trailing slash
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H//E:P",  // empty part
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A",         // no colon
             "CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",       // case matters
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X:Y", // value with colon
             "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:X/C:H/I:H/A:H",       // X not allowed in base
         }) {
        const auto s = score_vector(bad);
        ASSERT_FALSE(s) << bad;
        EXPECT_EQ(s.error().code, Errc::parse) << bad;
        EXPECT_NE(s.error().message.find("CVSS"), std::string::npos);
    }
    const auto dup = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L");
    EXPECT_NE(dup.error().message.find("duplicate metric A"), std::string::npos);
    const auto missing = score_vector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H");
    EXPECT_NE(missing.error().message.find("missing metric S"), std::string::npos);
}

TEST(Cvss3, OtherVersionsAreUnsupported) {
    EXPECT_EQ(score_vector("AV:N/AC:L/Au:N/C:P/I:P/A:P").error().code, Errc::unsupported);
    EXPECT_EQ(score_vector("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P").error().code, Errc::unsupported);
    EXPECT_EQ(score_vector("CVSS:5.0/AV:N").error().code, Errc::unsupported);
}

TEST(Cvss3, HostileInputIsAShortError) {
    const std::string huge = "CVSS:3.1/" + std::string(1 << 20, 'A');
    const auto s = score_vector(huge);
    ASSERT_FALSE(s);
    EXPECT_LT(s.error().message.size(), 400u);
    std::string many = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    for (int i = 0; i < 10000; ++i) {
        many += "/E:P";
    }
    EXPECT_FALSE(score_vector(many));
}

// Every CVSS v3 vector in the shared advisory corpus that comes with a numeric score
// (GitHub GraphQL and npm audit fixtures) must score the same here.
TEST(Cvss3, AgreesWithScoresStatedInTheAdvisoryCorpus) {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(VOUCH_SHARED_DIR) / "corpus" / "advisories";
    if (!fs::exists(root)) {
        GTEST_SKIP() << "shared corpus absent";
    }
    std::size_t checked = 0;
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
        if (node.is_object()) {
            std::string vector;
            double stated = -1;
            for (const auto& [key, value] : node.items()) {
                if (value.is_string() && value.get<std::string>().starts_with("CVSS:3")) {
                    vector = value.get<std::string>();
                }
                if ((key == "score" || key == "baseScore") && value.is_number()) {
                    stated = value.get<double>();
                }
            }
            if (!vector.empty() && stated >= 0) {
                ++checked;
                const auto s = score_vector(vector);
                ASSERT_TRUE(s) << vector;
                EXPECT_NEAR(s->base, stated, 1e-9) << vector;
            }
        }
        if (node.is_structured()) {
            for (const auto& child : node) {
                walk(child);
            }
        }
    };
    for (const auto* dir : {"ghsa-graphql-npm", "npm-bulk-advisory-fixtures"}) {
        if (!fs::exists(root / dir)) {
            continue;
        }
        for (const auto& entry : fs::directory_iterator(root / dir)) {
            if (entry.path().extension() != ".json") {
                continue;
            }
            std::ifstream in(entry.path());
            const auto doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
            if (!doc.is_discarded()) {
                walk(doc);
            }
        }
    }
    EXPECT_GT(checked, 20u);
}
