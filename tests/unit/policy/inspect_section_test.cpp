// The "inspect" section of a policy: parsed into inspect::Config, strict, located errors.
#include <gtest/gtest.h>
#include <vouch/policy/policy.hpp>

using namespace vouch;

TEST(InspectSection, Full) {
    auto p = policy::parse(R"({"version": 1, // comment
      "inspect": {"on-sign": true, "threshold": "Medium", "strict": true,
        "rules": {"header-hsts": false, "jwt-secret": true},
        "allow": ["unsafe-inline", "unsafe-eval", "source-maps", "cors-wildcard"],
        "exceptions": [{"rule": "public-source-map", "path": "static/**/*.map",
                        "reason": "error tracking", "owner": "web@shop", "expires": "2027-01-31"}]}})",
                           "p.json");
    ASSERT_TRUE(p) << p.error().describe();
    const auto& c = p->inspect;
    EXPECT_TRUE(c.on_sign);
    EXPECT_TRUE(c.strict);
    EXPECT_EQ(inspect::threshold_name(c.threshold), "moderate");
    EXPECT_TRUE(c.disabled.contains("header-hsts"));
    EXPECT_FALSE(c.disabled.contains("jwt-secret"));
    EXPECT_TRUE(c.allow_unsafe_inline && c.allow_unsafe_eval && c.allow_source_maps &&
                c.allow_cors_wildcard);
    ASSERT_EQ(c.exceptions.size(), 1U);
    EXPECT_EQ(util::format_rfc3339(c.exceptions[0].expires_at), "2027-02-01T00:00:00Z");
}

TEST(InspectSection, DefaultsAndShippedPolicies) {
    auto p = policy::parse(R"({"version": 1})", "p.json");
    ASSERT_TRUE(p);
    EXPECT_EQ(inspect::threshold_name(p->inspect.threshold), "any");
    EXPECT_EQ(inspect::threshold_name(policy::builtin_default().inspect.threshold), "any");
    EXPECT_FALSE(policy::builtin_default().inspect.strict);
}

TEST(InspectSection, ErrorsAreLocated) {
    struct Case {
        const char* text;
        const char* message;
        std::size_t line;
    };
    const Case cases[] = {
        {"{\"version\": 1, \"inspect\":\n {\"treshold\": \"any\"}}", "unknown key \"treshold\"", 2},
        {"{\"version\": 1, \"inspect\":\n {\"threshold\": 3}}", "inspect.threshold must be", 2},
        {"{\"version\": 1, \"inspect\":\n {\"threshold\": \"sometimes\"}}", "inspect.threshold", 2},
        {"{\"version\": 1, \"inspect\":\n {\"rules\": {\"no-such-rule\": false}}}",
         "unknown inspect rule", 2},
        {"{\"version\": 1, \"inspect\":\n {\"rules\": {\"jwt-secret\": \"off\"}}}",
         "inspect.rules.jwt-secret", 2},
        {"{\"version\": 1, \"inspect\":\n {\"allow\": [\"everything\"]}}",
         "unknown inspect allowance", 2},
        {"{\"version\": 1, \"inspect\": {\"exceptions\": [\n{\"rule\": \"jwt-secret\", \"path\": "
         "\"x\", "
         "\"owner\": \"o\", \"expires\": \"2027-01-01\"}]}}",
         "needs \"reason\"", 2},
        {"{\"version\": 1, \"inspect\": {\"exceptions\": [{\"rule\": \"jwt-secret\", \"path\": "
         "\"x\", "
         "\"reason\": \"r\", \"owner\": \"o\",\n \"expires\": \"soon\"}]}}",
         "expires must be a date", 2},
        {"{\"version\": 1, \"inspect\": {\"exceptions\": [{\"rule\": \"nope\", \"path\": \"x\", "
         "\"reason\": \"r\", \"owner\": \"o\", \"expires\": \"2027-01-01\"}]}}",
         "unknown inspect rule \"nope\"", 1},
        {"{\"version\": 1, \"inspect\": []}", "inspect must be", 1},
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
