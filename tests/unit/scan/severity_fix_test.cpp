#include "fixtures.hpp"

#include <gtest/gtest.h>

namespace vouch::scan::test {
namespace {

const char* const k_critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"; // 9.8
const char* const k_medium = "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N";   // 6.8
const char* const k_none = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N";     // 0.0

TEST(Severity, HighestCvssScoreWinsOverTheFeedLabel) {
    auto a = osv("GHSA-x", "a", {{K::introduced, "0"}});
    a.feed_severity = advisory::Severity::low;
    a.cvss_vectors = {k_medium, k_critical};
    auto choice = choose_severity(a);
    EXPECT_EQ(choice.level, Level::critical);
    ASSERT_TRUE(choice.cvss);
    EXPECT_DOUBLE_EQ(*choice.cvss, 9.8);
    EXPECT_EQ(choice.vector, k_critical);
    EXPECT_EQ(choice.source, "cvss");

    a.cvss_vectors = {k_medium};
    EXPECT_EQ(choose_severity(a).level, Level::moderate); // CVSS "medium" -> moderate
    a.cvss_vectors = {k_none};
    EXPECT_EQ(choose_severity(a).level, Level::low); // 0.0 is still reported, as low
}

TEST(Severity, UnscorableVectorFallsBackToTheFeedWithANote) {
    auto a = osv("GHSA-x", "a", {{K::introduced, "0"}});
    a.feed_severity = advisory::Severity::high;
    a.cvss_vectors = {"AV:N/AC:L/Au:N/C:P/I:P/A:P"}; // CVSS v2: not scored
    std::vector<std::string> notes;
    auto choice = choose_severity(a, &notes);
    EXPECT_EQ(choice.level, Level::high);
    EXPECT_FALSE(choice.cvss);
    EXPECT_EQ(choice.source, "feed");
    EXPECT_EQ(notes.size(), 1u);
}

TEST(Severity, MalwareIsCriticalAndUnknownIsModerate) {
    auto a = osv("MAL-2024-9", "a", {{K::introduced, "0"}});
    a.malicious = true;
    a.feed_severity = advisory::Severity::low;
    EXPECT_EQ(choose_severity(a).level, Level::critical);
    EXPECT_EQ(choose_severity(a).source, "malware");
    auto b = osv("X-1", "a", {{K::introduced, "0"}});
    b.feed_severity = advisory::Severity::unknown;
    EXPECT_EQ(choose_severity(b).level, Level::moderate);
    EXPECT_EQ(choose_severity(b).source, "default");
}

TEST(Severity, LevelNamesRoundTrip) {
    for (auto level : {Level::low, Level::moderate, Level::high, Level::critical}) {
        EXPECT_EQ(parse_level(to_string(level)), level);
    }
    EXPECT_EQ(parse_level("MEDIUM"), Level::moderate);
    EXPECT_FALSE(parse_level("severe"));
}

std::optional<std::string> fixed_for(const advisory::Advisory& a, const std::string& version) {
    std::vector<const advisory::Affected*> entries;
    for (const auto& affected : a.affected) {
        entries.push_back(&affected);
    }
    return next_fixed(entries, *semver::Version::parse(version));
}

TEST(NextFixed, SmallestUnaffectedBoundAboveTheInstalledVersion) {
    auto two_lines = osv("G", "a",
                         {{K::introduced, "1.0.0"},
                          {K::fixed, "1.0.2"},
                          {K::introduced, "3.0.0"},
                          {K::fixed, "3.2.5"}});
    EXPECT_EQ(fixed_for(two_lines, "1.0.1"), "1.0.2");
    EXPECT_EQ(fixed_for(two_lines, "3.1.0"), "3.2.5");
    // last_affected names no fixed version
    EXPECT_EQ(
        fixed_for(osv("G", "a", {{K::introduced, "0"}, {K::last_affected, "2.0.0"}}), "1.0.0"),
        std::nullopt);
    EXPECT_EQ(fixed_for(osv("G", "a", {{K::introduced, "0"}}), "1.0.0"), std::nullopt);
}

TEST(NextFixed, OverlappingRangesNeedAVersionOutsideAllOfThem) {
    auto a = osv("G", "a", {{K::introduced, "0"}, {K::fixed, "1.2.3"}});
    a.affected[0].ranges.push_back(
        {"ECOSYSTEM", {{K::introduced, "1.0.0"}, {K::fixed, "1.5.0"}}, ""});
    EXPECT_EQ(fixed_for(a, "1.1.0"), "1.5.0");
}

TEST(NextFixed, NpmRangeBounds) {
    EXPECT_EQ(fixed_for(npm("N", "a", "<0.2.1 || >=1.0.0 <1.2.3"), "1.1.0"), "1.2.3");
    EXPECT_EQ(fixed_for(npm("N", "a", "<0.2.1 || >=1.0.0 <1.2.3"), "0.1.0"), "0.2.1");
    EXPECT_EQ(fixed_for(npm("N", "a", "<=0.30.2"), "0.21.0"), std::nullopt);
    EXPECT_EQ(fixed_for(npm("N", "a", ">=1.0.0 <=1.2.3 || >=2.0.0 <2.1.0"), "1.1.0"), "2.1.0");
}

Finding finding_for(const LockBuilder& b, const std::string& package, const std::string& version,
                    std::optional<std::string> fixed) {
    Finding f;
    f.id = "G";
    f.package = package;
    f.version = version;
    f.fixed = std::move(fixed);
    for (std::size_t i = 1; i < b.lock.packages.size(); ++i) {
        if (b.lock.packages[i].name == package && b.lock.packages[i].version == version) {
            f.installs.push_back({i, std::string(b.lock.packages[i].location), {}, false, 0});
        }
    }
    return f;
}

TEST(FixHint, DirectDependencyWhoseRangeAdmitsTheFixNeedsOnlyAnUpdate) {
    LockBuilder b;
    b.add("node_modules/lodash", "lodash", "4.17.15", 0, "^4.17.0");
    auto hint = fix_hint(b.lock, finding_for(b, "lodash", "4.17.15", "4.17.21"));
    EXPECT_EQ(hint.kind, FixKind::update);
    EXPECT_FALSE(hint.major);
    EXPECT_NE(hint.advice.find("npm update lodash"), std::string::npos);
}

TEST(FixHint, PinnedDirectDependencyNeedsABumpAndSaysWhenItIsMajor) {
    LockBuilder b;
    b.add("node_modules/jsonwebtoken", "jsonwebtoken", "8.5.1", 0, "8.5.1");
    auto hint = fix_hint(b.lock, finding_for(b, "jsonwebtoken", "8.5.1", "9.0.0"));
    EXPECT_EQ(hint.kind, FixKind::bump);
    EXPECT_TRUE(hint.major);
    EXPECT_EQ(hint.declared, "8.5.1");
    LockBuilder zero;
    zero.add("node_modules/axios", "axios", "0.21.0", 0, "~0.21.0");
    auto minor = fix_hint(zero.lock, finding_for(zero, "axios", "0.21.0", "0.21.2"));
    EXPECT_EQ(minor.kind, FixKind::update);
    auto breaking = fix_hint(zero.lock, finding_for(zero, "axios", "0.21.0", "0.30.0"));
    EXPECT_EQ(breaking.kind, FixKind::bump);
    EXPECT_TRUE(breaking.major); // ^0.x: a minor bump is breaking
}

TEST(FixHint, TransitivePinNeedsTheDirectDependencyUpgraded) {
    LockBuilder b;
    auto next = b.add("node_modules/next", "next", "12.0.0");
    auto styled = b.add("node_modules/styled-jsx", "styled-jsx", "5.0.0", next, "5.0.0");
    b.add("node_modules/loader-utils", "loader-utils", "1.2.3", styled, "1.2.3");
    auto hint = fix_hint(b.lock, finding_for(b, "loader-utils", "1.2.3", "1.4.1"));
    EXPECT_EQ(hint.kind, FixKind::upgrade_parent);
    EXPECT_EQ(hint.direct, "next");
    EXPECT_EQ(hint.requirer, "styled-jsx");
}

TEST(FixHint, WorstPathDecidesAndNoFixIsSaid) {
    LockBuilder b;
    auto a = b.add("node_modules/a", "a", "1.0.0");
    b.add("node_modules/m", "m", "1.0.0", 0, "^1.0.0");
    b.link(a, b.lock.packages.size() - 1, "1.0.0"); // a pins m exactly
    auto hint = fix_hint(b.lock, finding_for(b, "m", "1.0.0", "1.0.5"));
    // the root reaches m directly (shortest path), so the direct path decides here
    EXPECT_EQ(hint.kind, FixKind::update);
    EXPECT_EQ(fix_hint(b.lock, finding_for(b, "m", "1.0.0", std::nullopt)).kind, FixKind::none);
    // an npm: alias spec is judged by its range part
    LockBuilder alias;
    alias.add("node_modules/str", "string-width", "4.2.0", 0, "npm:string-width@^4.1.0");
    alias.lock.packages[1].install_name = "str";
    EXPECT_EQ(fix_hint(alias.lock, finding_for(alias, "string-width", "4.2.0", "4.2.3")).kind,
              FixKind::update);
}

TEST(Gate, SuppressedNeverCountsAndMalwareIsCritical) {
    Finding f;
    f.severity = Level::moderate;
    EXPECT_TRUE(counts_against(f, Level::low));
    EXPECT_TRUE(counts_against(f, Level::moderate));
    EXPECT_FALSE(counts_against(f, Level::high));
    f.malware = true;
    EXPECT_TRUE(counts_against(f, Level::critical));
    f.suppression = Suppression{"reviewed", "ignore", "f", 1, {}, {}, {}};
    EXPECT_FALSE(counts_against(f, Level::low));
}

} // namespace
} // namespace vouch::scan::test
