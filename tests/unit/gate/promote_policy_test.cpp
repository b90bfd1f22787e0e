// gate::apply_promote_policy: the policy's promote section and the gate flags combine to the
// stricter of the two; a flag weaker than the policy is a usage error, never a relaxation.
#include <gtest/gtest.h>
#include <vouch/gate/gate.hpp>

using namespace vouch;

namespace {

policy::PromoteRules rules(const char* gate, std::chrono::seconds age) {
    policy::PromoteRules out;
    out.require_sbom = true;
    out.require_verdict = "pass";
    out.require_gate = gate;
    out.max_age = age;
    out.max_age_text = "1d";
    return out;
}

} // namespace

TEST(PromotePolicy, PolicyFillsWhatNoFlagSaid) {
    verify::Request v;
    ASSERT_TRUE(gate::apply_promote_policy(rules("moderate", std::chrono::hours{24}), v));
    EXPECT_TRUE(v.require_sbom);
    EXPECT_EQ(v.require_verdict, "pass");
    EXPECT_EQ(v.require_gate, "moderate");
    EXPECT_EQ(v.max_age, std::chrono::hours{24});
}

TEST(PromotePolicy, StricterFlagsWin) {
    verify::Request v;
    v.require_gate = "low";
    v.max_age = std::chrono::hours{1};
    ASSERT_TRUE(gate::apply_promote_policy(rules("moderate", std::chrono::hours{24}), v));
    EXPECT_EQ(v.require_gate, "low");
    EXPECT_EQ(v.max_age, std::chrono::hours{1});
}

TEST(PromotePolicy, FlagsAddToAnEmptySection) {
    verify::Request v;
    v.require_sbom = true;
    ASSERT_TRUE(gate::apply_promote_policy(policy::PromoteRules{}, v));
    EXPECT_TRUE(v.require_sbom);
    EXPECT_FALSE(v.require_gate);
    EXPECT_FALSE(v.max_age);
}

TEST(PromotePolicy, WeakerFlagsAreUsageErrors) {
    verify::Request gate_flag;
    gate_flag.require_gate = "high";
    auto r = gate::apply_promote_policy(rules("moderate", std::chrono::hours{24}), gate_flag);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::usage);
    EXPECT_NE(r.error().describe().find("weaker than the policy"), std::string::npos);

    verify::Request age_flag;
    age_flag.max_age = std::chrono::hours{48};
    r = gate::apply_promote_policy(rules("any", std::chrono::hours{24}), age_flag);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::usage);
    EXPECT_NE(r.error().describe().find("longer than the policy"), std::string::npos);
}

TEST(PromotePolicy, RequireInspectionOnlyAdds) {
    policy::PromoteRules with;
    with.require_inspection = true;
    verify::Request from_policy;
    ASSERT_TRUE(gate::apply_promote_policy(with, from_policy));
    EXPECT_TRUE(from_policy.require_inspection);
    verify::Request from_flag;
    from_flag.require_inspection = true;
    ASSERT_TRUE(gate::apply_promote_policy(policy::PromoteRules{}, from_flag));
    EXPECT_TRUE(from_flag.require_inspection);
    verify::Request neither;
    ASSERT_TRUE(gate::apply_promote_policy(policy::PromoteRules{}, neither));
    EXPECT_FALSE(neither.require_inspection);
}
