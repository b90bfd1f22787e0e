// Thresholds and exception globs.
#include <gtest/gtest.h>
#include <vouch/inspect/config.hpp>

using namespace vouch;
using namespace vouch::inspect;

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
