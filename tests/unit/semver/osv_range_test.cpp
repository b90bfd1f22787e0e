#include <gtest/gtest.h>
#include <vouch/semver/osv_range.hpp>

using namespace vouch::semver;
using Kind = OsvEvent::Kind;

namespace {
OsvEvent intro(std::string v) {
    return {Kind::introduced, std::move(v)};
}
OsvEvent fixed(std::string v) {
    return {Kind::fixed, std::move(v)};
}
OsvEvent last(std::string v) {
    return {Kind::last_affected, std::move(v)};
}
OsvEvent limit(std::string v) {
    return {Kind::limit, std::move(v)};
}
bool affects(const std::vector<OsvEvent>& events, const char* version) {
    return osv_range_affects(events, *Version::parse(version));
}
} // namespace

TEST(OsvRange, IntroducedZeroOnlyMeansEverything) {
    const std::vector<OsvEvent> e{intro("0")};
    EXPECT_TRUE(affects(e, "0.0.0"));
    EXPECT_TRUE(affects(e, "0.0.0-0"));
    EXPECT_TRUE(affects(e, "99.0.0"));
}

TEST(OsvRange, IntroducedOnlyIsOpenEnded) {
    const std::vector<OsvEvent> e{intro("1.2.0")};
    EXPECT_FALSE(affects(e, "1.1.9"));
    EXPECT_FALSE(affects(e, "1.2.0-rc.1"));
    EXPECT_TRUE(affects(e, "1.2.0"));
    EXPECT_TRUE(affects(e, "7.0.0"));
}

TEST(OsvRange, IntroducedAndFixedIsHalfOpen) {
    const std::vector<OsvEvent> e{intro("0"), fixed("1.0.2")};
    EXPECT_TRUE(affects(e, "0.0.1"));
    EXPECT_TRUE(affects(e, "1.0.1"));
    EXPECT_FALSE(affects(e, "1.0.2"));
    EXPECT_FALSE(affects(e, "1.0.3"));
    // OSV uses plain precedence: a prerelease of the fix is still affected.
    EXPECT_TRUE(affects(e, "1.0.2-rc.1"));
    EXPECT_FALSE(affects(e, "1.0.2+build"));
}

TEST(OsvRange, LastAffectedIsInclusive) {
    const std::vector<OsvEvent> e{intro("2.0.0"), last("2.1.214")};
    EXPECT_FALSE(affects(e, "1.9.9"));
    EXPECT_TRUE(affects(e, "2.0.0"));
    EXPECT_TRUE(affects(e, "2.1.214"));
    EXPECT_FALSE(affects(e, "2.1.215"));
    EXPECT_TRUE(affects(e, "2.1.214-0")); // below the bound: still affected
}

TEST(OsvRange, MultipleIntervals) {
    const std::vector<OsvEvent> e{intro("1.0.0"), fixed("1.0.2"), intro("3.0.0"), fixed("3.2.5")};
    EXPECT_FALSE(affects(e, "0.9.0"));
    EXPECT_TRUE(affects(e, "1.0.1"));
    EXPECT_FALSE(affects(e, "1.0.2"));
    EXPECT_FALSE(affects(e, "2.5.0"));
    EXPECT_TRUE(affects(e, "3.0.0"));
    EXPECT_TRUE(affects(e, "3.2.4"));
    EXPECT_FALSE(affects(e, "3.2.5"));
    EXPECT_FALSE(affects(e, "4.0.0"));
}

TEST(OsvRange, UnsortedEventsAreSortedFirst) {
    const std::vector<OsvEvent> e{fixed("3.2.5"), intro("3.0.0"), fixed("1.0.2"), intro("1.0.0")};
    EXPECT_TRUE(affects(e, "1.0.1"));
    EXPECT_FALSE(affects(e, "2.0.0"));
    EXPECT_TRUE(affects(e, "3.1.0"));
    EXPECT_FALSE(affects(e, "3.2.5"));
    // Semver ordering, not string ordering: 10.0.0 > 9.0.0.
    const std::vector<OsvEvent> n{fixed("10.0.0"), intro("9.0.0")};
    EXPECT_TRUE(affects(n, "9.5.0"));
    EXPECT_FALSE(affects(n, "10.0.0"));
}

TEST(OsvRange, LimitCapsTheRange) {
    const std::vector<OsvEvent> e{intro("1.0.0"), limit("2.0.0")};
    EXPECT_TRUE(affects(e, "1.5.0"));
    EXPECT_FALSE(affects(e, "2.0.0"));
    EXPECT_FALSE(affects(e, "3.0.0"));
    const std::vector<OsvEvent> star{intro("1.0.0"), limit("*")};
    EXPECT_TRUE(affects(star, "100.0.0"));
    // Any one limit above the version is enough (BeforeLimits).
    const std::vector<OsvEvent> two{intro("0"), limit("1.0.0"), limit("5.0.0")};
    EXPECT_TRUE(affects(two, "3.0.0"));
    EXPECT_FALSE(affects(two, "5.0.0"));
}

TEST(OsvRange, PrereleaseBounds) {
    const std::vector<OsvEvent> e{intro("2.0.0-beta.1"), fixed("2.0.0-rc.2")};
    EXPECT_FALSE(affects(e, "2.0.0-alpha"));
    EXPECT_TRUE(affects(e, "2.0.0-beta.1"));
    EXPECT_TRUE(affects(e, "2.0.0-beta.11"));
    EXPECT_TRUE(affects(e, "2.0.0-rc.1"));
    EXPECT_FALSE(affects(e, "2.0.0-rc.2"));
    EXPECT_FALSE(affects(e, "2.0.0"));
}

TEST(OsvRange, UnparseableEventsAreIgnoredAndEmptyIsUnaffected) {
    EXPECT_FALSE(affects({}, "1.0.0"));
    EXPECT_FALSE(affects({fixed("1.0.0")}, "0.5.0")); // no introduced: never vulnerable
    const std::vector<OsvEvent> e{intro("0"), fixed("not-a-version")};
    EXPECT_TRUE(affects(e, "5.0.0"));
    EXPECT_TRUE(affects({intro("v1.0.0"), fixed("v2.0.0")}, "1.5.0"));
}

TEST(OsvRange, NextFixed) {
    const std::vector<OsvEvent> e{intro("1.0.0"), fixed("1.0.2"), intro("3.0.0"), fixed("3.2.5")};
    EXPECT_EQ(osv_next_fixed(e, *Version::parse("1.0.1"))->to_string(), "1.0.2");
    EXPECT_EQ(osv_next_fixed(e, *Version::parse("3.0.0"))->to_string(), "3.2.5");
    EXPECT_EQ(osv_next_fixed(e, *Version::parse("1.0.2"))->to_string(), "3.2.5");
    EXPECT_FALSE(osv_next_fixed(e, *Version::parse("3.2.5")));
    EXPECT_FALSE(osv_next_fixed({intro("0")}, *Version::parse("1.0.0")));
}
