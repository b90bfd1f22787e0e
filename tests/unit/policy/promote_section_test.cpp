// The "promote" section of a policy (what `vouch gate` requires): parsed strictly, errors located.
#include <gtest/gtest.h>
#include <vouch/policy/policy.hpp>

using namespace vouch;

TEST(PromoteSection, Full) {
    auto p = policy::parse(R"({"version": 1, // comment
      "promote": {"require-sbom": true, "require-verdict": "pass", "require-gate": "Medium",
                  "max-age": "24h"}})",
                           "p.json");
    ASSERT_TRUE(p) << p.error().describe();
    const auto& r = p->promote;
    EXPECT_TRUE(r.require_sbom);
    EXPECT_EQ(r.require_verdict, "pass");
    EXPECT_EQ(r.require_gate, "moderate");
    ASSERT_TRUE(r.max_age);
    EXPECT_EQ(*r.max_age, std::chrono::hours{24});
    EXPECT_EQ(r.max_age_text, "24h");
}

TEST(PromoteSection, AbsentRequiresNothingButTheShippedPoliciesRequireAll) {
    auto p = policy::parse(R"({"version": 1, "promote": {}})", "p.json");
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->promote.require_sbom);
    EXPECT_FALSE(p->promote.require_verdict);
    EXPECT_FALSE(p->promote.require_gate);
    EXPECT_FALSE(p->promote.max_age);
    const auto& d = policy::builtin_default().promote;
    EXPECT_TRUE(d.require_sbom);
    EXPECT_EQ(d.require_verdict, "pass");
    EXPECT_EQ(d.require_gate, "any");
    EXPECT_EQ(d.max_age, std::chrono::hours{24 * 7});
    auto strict = policy::load(std::string(VOUCH_TEST_DATA) + "/../../policies/strict.json");
    ASSERT_TRUE(strict) << strict.error().describe();
    EXPECT_TRUE(strict->promote.require_sbom);
    EXPECT_EQ(strict->promote.require_gate, "any");
    EXPECT_EQ(strict->promote.max_age, std::chrono::hours{24});
}

TEST(PromoteSection, ErrorsAreLocated) {
    struct Case {
        const char* text;
        const char* message;
        std::size_t line;
    };
    const Case cases[] = {
        {"{\"version\": 1, \"promote\":\n {\"require-sbom\": true, \"require-sboms\": true}}",
         "unknown key \"require-sboms\" in promote", 2},
        {"{\"version\": 1, \"promote\":\n {\"require-sbom\": \"yes\"}}",
         "promote.require-sbom must be", 2},
        {"{\"version\": 1, \"promote\":\n {\"require-verdict\": true}}",
         "promote.require-verdict must be", 2},
        {"{\"version\": 1, \"promote\":\n {\"require-verdict\": \"fail\"}}",
         "promote.require-verdict must be \"pass\"", 2},
        {"{\"version\": 1, \"promote\":\n {\"require-gate\": 3}}", "promote.require-gate must be",
         2},
        {"{\"version\": 1, \"promote\":\n {\"require-gate\": \"severe\"}}",
         "promote.require-gate must be any, low", 2},
        {"{\"version\": 1, \"promote\":\n {\"max-age\": 24}}", "promote.max-age must be", 2},
        {"{\"version\": 1, \"promote\":\n {\"max-age\": \"1 day\"}}",
         "promote.max-age must be a duration", 2},
        {"{\"version\": 1, \"promote\":\n {\"max-age\": \"0h\"}}",
         "promote.max-age must be a duration", 2},
        {"{\"version\": 1,\n \"promote\": [true]}", "promote must be", 2},
    };
    for (const auto& c : cases) {
        auto r = policy::parse(c.text, "p.json");
        ASSERT_FALSE(r) << c.text;
        EXPECT_EQ(r.error().code, Errc::parse) << c.text;
        EXPECT_NE(r.error().describe().find(c.message), std::string::npos) << r.error().describe();
        EXPECT_NE(r.error().describe().find("p.json:" + std::to_string(c.line) + ":"),
                  std::string::npos)
            << r.error().describe();
    }
}
