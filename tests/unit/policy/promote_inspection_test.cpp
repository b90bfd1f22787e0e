// promote.require-inspection: a boolean, default false (existing policies keep passing).
#include <gtest/gtest.h>
#include <vouch/policy/policy.hpp>

using namespace vouch;

TEST(PromoteInspection, ReadWhenGiven) {
    auto p = policy::parse(R"({"version": 1, "promote": {"require-inspection": true}})", "p.json");
    ASSERT_TRUE(p) << p.error().describe();
    EXPECT_TRUE(p->promote.require_inspection);
}

TEST(PromoteInspection, DefaultIsOff) {
    auto p = policy::parse(R"({"version": 1, "promote": {"require-sbom": true}})", "p.json");
    ASSERT_TRUE(p) << p.error().describe();
    EXPECT_FALSE(p->promote.require_inspection);
    EXPECT_FALSE(policy::builtin_default().promote.require_inspection);
}

TEST(PromoteInspection, WrongTypeIsLocated) {
    auto r = policy::parse("{\"version\": 1, \"promote\":\n {\"require-inspection\": \"yes\"}}",
                           "p.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::parse);
    EXPECT_NE(r.error().describe().find("promote.require-inspection must be"), std::string::npos)
        << r.error().describe();
    EXPECT_NE(r.error().describe().find("p.json:2:"), std::string::npos) << r.error().describe();
}
