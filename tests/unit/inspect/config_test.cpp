// The inspect policy section: strict parsing with located errors; glob matching.
#include <gtest/gtest.h>
#include <vouch/inspect/config.hpp>

using namespace vouch;
using namespace vouch::inspect;

TEST(Config, DefaultsWithoutSection) {
    auto c = parse_policy(R"({"licenses": {}})", "p.json");
    ASSERT_TRUE(c) << c.error().describe();
    EXPECT_EQ(threshold_name(c->threshold), "any");
    EXPECT_FALSE(c->strict);
    EXPECT_TRUE(c->exceptions.empty());
}

TEST(Config, FullSection) {
    auto c = parse_policy(R"({"inspect": {
      "on-sign": true, "threshold": "Medium", "strict": true,
      "rules": {"header-hsts": false, "jwt-secret": true},
      "allow": ["unsafe-inline", "unsafe-eval", "source-maps", "cors-wildcard"],
      "exceptions": [{"rule": "public-source-map", "path": "static/**/*.map",
                      "reason": "error tracking", "owner": "web@shop", "expires": "2027-01-31"}]}})",
                          "p.json");
    ASSERT_TRUE(c) << c.error().describe();
    EXPECT_TRUE(c->on_sign);
    EXPECT_TRUE(c->strict);
    EXPECT_EQ(threshold_name(c->threshold), "moderate");
    EXPECT_TRUE(c->disabled.contains("header-hsts"));
    EXPECT_FALSE(c->disabled.contains("jwt-secret"));
    EXPECT_TRUE(c->allow_unsafe_inline && c->allow_unsafe_eval && c->allow_source_maps &&
                c->allow_cors_wildcard);
    ASSERT_EQ(c->exceptions.size(), 1U);
    EXPECT_EQ(util::format_rfc3339(c->exceptions[0].expires_at), "2027-02-01T00:00:00Z");
}

TEST(Config, ErrorsAreLocated) {
    struct Case {
        const char* text;
        const char* message;
        std::size_t line;
    };
    const Case cases[] = {
        {"{\"inspect\":\n {\"treshold\": \"any\"}}", "unknown key \"treshold\"", 2},
        {"{\"inspect\":\n {\"threshold\": 3}}", "\"threshold\" must be one of", 2},
        {"{\"inspect\":\n {\"rules\": {\"no-such-rule\": false}}}", "unknown rule", 2},
        {"{\"inspect\":\n {\"rules\": {\"jwt-secret\": \"off\"}}}", "must be true or false", 2},
        {"{\"inspect\":\n {\"allow\": [\"everything\"]}}", "unknown allowance", 2},
        {"{\"inspect\": {\"exceptions\": [\n{\"rule\": \"jwt-secret\", \"path\": \"x\", "
         "\"owner\": \"o\", \"expires\": \"2027-01-01\"}]}}",
         "missing \"reason\"", 2},
        {"{\"inspect\": {\"exceptions\": [{\"rule\": \"jwt-secret\", \"path\": \"x\", \"reason\": "
         "\"r\", \"owner\": \"o\",\n \"expires\": \"soon\"}]}}",
         "\"expires\" must be a date", 2},
        {"{\"inspect\": {\"exceptions\": {}}}", "must be an array", 1},
        {"{\"inspect\": []}", "must be an object", 1},
        {"[]", "must be a JSON object", 1},
    };
    for (const auto& c : cases) {
        auto r = parse_policy(c.text, "p.json");
        ASSERT_FALSE(r) << c.text;
        EXPECT_EQ(r.error().code, Errc::parse) << c.text;
        EXPECT_NE(r.error().describe().find(c.message), std::string::npos) << r.error().describe();
        EXPECT_NE(r.error().describe().find("p.json:" + std::to_string(c.line) + ":"),
                  std::string::npos)
            << r.error().describe();
    }
}

TEST(Config, MalformedTruncatedHugeAndHostile) {
    EXPECT_FALSE(parse_policy("{\"inspect\": {\"threshold\": \"any\"", "p.json"));
    EXPECT_FALSE(parse_policy("", "p.json"));
    EXPECT_FALSE(parse_policy("{\"inspect\": {\"strict\": 1e999999}}", "p.json"));
    std::string deep(100000, '[');
    EXPECT_FALSE(parse_policy(deep, "p.json"));
    std::string many = "{\"inspect\": {\"exceptions\": [";
    for (int k = 0; k < 20000; ++k) {
        many +=
            std::string(k ? "," : "") +
            R"({"rule":"jwt-secret","path":"static/**","reason":"r","owner":"o","expires":"2030-01-01"})";
    }
    many += "]}}";
    auto big = parse_policy(many, "p.json");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->exceptions.size(), 20000U);
    auto hostile = parse_policy("{\"inspect\": {\"\\u001b[31m\": 1}}", "p.json");
    ASSERT_FALSE(hostile);
    EXPECT_EQ(hostile.error().describe().find('\x1b'), std::string::npos);
}

TEST(Glob, Matching) {
    EXPECT_TRUE(glob_matches("static/.env*", "static/.env.production"));
    EXPECT_FALSE(glob_matches("static/*.map", "static/js/a.map"));
    EXPECT_TRUE(glob_matches("static/**/*.map", "static/js/a.map"));
    EXPECT_TRUE(glob_matches("static/**/*.map", "static/a.map"));
    EXPECT_TRUE(glob_matches("**", "anything/at/all"));
    EXPECT_TRUE(glob_matches("static/?.js", "static/a.js"));
    EXPECT_FALSE(glob_matches("static/?.js", "static/ab.js"));
    EXPECT_TRUE(glob_matches("config.json", "config.json"));
    EXPECT_FALSE(glob_matches("config.json", "static/config.json"));
    // hostile: many stars do not blow up
    EXPECT_FALSE(glob_matches(std::string(200, '*') + "b", std::string(300, 'a')));
}

TEST(Threshold, Names) {
    EXPECT_EQ(threshold_name(*parse_threshold("CRITICAL")), "critical");
    EXPECT_FALSE(parse_threshold("severe"));
    EXPECT_TRUE(parse_threshold("none")->kind == Threshold::Kind::none);
    EXPECT_FALSE(parse_threshold("high")->counts(Severity::moderate));
    EXPECT_TRUE(parse_threshold("any")->counts(Severity::low));
}
