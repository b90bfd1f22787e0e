// Matching rules (issue 8 items 3-7): unevaluable ranges count, node-semver's empty ranges,
// patched_versions, inclusive upper bounds, unused parts of ignore entries.
#include "fixtures.hpp"

#include <gtest/gtest.h>
#include <vouch/scan/suppress.hpp>

namespace vouch::scan::test {
namespace {

advisory::Advisory npm_patched(const std::string& id, const std::string& package,
                               const std::string& range, const std::string& patched) {
    auto a = npm(id, package, range);
    a.affected[0].ranges[0].npm_patched = patched;
    return a;
}

TEST(Matching, AnUnparsableRangeAffectsEveryVersionWithANote) {
    LockBuilder b;
    b.add("node_modules/a", "a", "1.0.0");
    auto result = match(b.lock, lookup_of({npm("NPM-BAD", "a", ">=1.0.0 <<2")}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    ASSERT_EQ(result->findings[0].notes.size(), 1u);
    EXPECT_NE(result->findings[0].notes[0].find("not a valid npm range"), std::string::npos);
    EXPECT_NE(result->findings[0].notes[0].find("every version"), std::string::npos);
}

TEST(Matching, AnOsvEventThatIsNotAVersionAffectsEveryVersion) {
    LockBuilder b;
    b.add("node_modules/a", "a", "9.0.0");
    auto result =
        match(b.lock, lookup_of({osv("GHSA-bad", "a", {{K::introduced, "0"}, {K::fixed, "1.x"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    EXPECT_FALSE(result->findings[0].notes.empty());
}

TEST(Matching, EmptyAndBlankRangesFollowNodeSemver) {
    LockBuilder b;
    b.add("node_modules/a", "a", "3.1.4");
    auto result =
        match(b.lock, lookup_of({npm("NPM-EMPTY", "a", ""), npm("NPM-BLANK", "a", "  "),
                                 npm("NPM-OR", "a", "<1.0.0 ||"), npm("NPM-OUT", "a", "<1.0.0")}));
    ASSERT_TRUE(result);
    std::vector<std::string> ids;
    for (const auto& f : result->findings) {
        ids.push_back(f.id);
        EXPECT_TRUE(f.notes.empty()) << f.id;
    }
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, (std::vector<std::string>{"NPM-BLANK", "NPM-EMPTY", "NPM-OR"}));
}

TEST(Matching, PatchedVersionsAreNotAffected) {
    // mqtt, CVE-2017-10910: vulnerable >=2.0.0, patched >=2.15.0.
    LockBuilder b;
    b.add("node_modules/mqtt", "mqtt", "5.15.1");
    b.add("node_modules/old/node_modules/mqtt", "mqtt", "2.14.0");
    auto result =
        match(b.lock, lookup_of({npm_patched("NSWG-ECO-542", "mqtt", ">=2.0.0", ">=2.15.0")}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    EXPECT_EQ(result->findings[0].version, "2.14.0");
    EXPECT_EQ(result->findings[0].fixed, "2.15.0");
}

TEST(Matching, InclusiveUpperBoundAdvisesUpgradingAboveIt) {
    // tar 7.4.3 against <=7.5.2: not "no fixed version", but "upgrade above 7.5.2".
    LockBuilder b;
    b.add("node_modules/tar", "tar", "7.4.3");
    auto result = match(b.lock, lookup_of({npm("GHSA-tar", "tar", "<=7.5.2")}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    const auto& f = result->findings[0];
    EXPECT_FALSE(f.fixed);
    EXPECT_EQ(f.fixed_above, "7.5.2");
    EXPECT_EQ(f.fix.kind, FixKind::above);
    EXPECT_NE(f.fix.advice.find("upgrade tar above 7.5.2"), std::string::npos) << f.fix.advice;
    EXPECT_EQ(f.fix.advice.find("remove or replace"), std::string::npos);

    auto last = match(
        b.lock,
        lookup_of({osv("GHSA-last", "tar", {{K::introduced, "0"}, {K::last_affected, "7.5.2"}})}));
    ASSERT_TRUE(last);
    ASSERT_EQ(last->findings.size(), 1u);
    EXPECT_EQ(last->findings[0].fixed_above, "7.5.2");
}

TEST(Matching, AnUnboundedRangeStillHasNoFix) {
    LockBuilder b;
    b.add("node_modules/evil", "evil", "1.0.0");
    auto result = match(b.lock, lookup_of({osv("MAL-1", "evil", {{K::introduced, "0"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    EXPECT_FALSE(result->findings[0].fixed_above);
    EXPECT_EQ(result->findings[0].fix.kind, FixKind::none);
}

IgnoreFile ignore_with(IgnoreEntry entry) {
    entry.reason = "r";
    entry.line = 3;
    return IgnoreFile{"ignore.json", {std::move(entry)}};
}

TEST(Ignore, AnEntryWhosePathMatchesNothingIsReported) {
    LockBuilder b;
    auto parent = b.add("node_modules/p", "p", "1.0.0");
    b.add("node_modules/a", "a", "1.0.0", parent);
    auto result = match(b.lock, lookup_of({npm("NPM-1", "a", "<2.0.0")}));
    ASSERT_TRUE(result);
    auto findings = result->findings;
    IgnoreEntry entry;
    entry.id = "NPM-1";
    entry.package = "a";
    entry.path = {"wrong", "a"};
    auto outcome = apply_suppressions(findings, {ignore_with(entry)}, {}, {}, "app");
    EXPECT_FALSE(findings[0].suppression);
    ASSERT_EQ(outcome.warnings.size(), 1u);
    EXPECT_NE(outcome.warnings[0].find("path [wrong, a] matches no install"), std::string::npos)
        << outcome.warnings[0];

    entry.path.clear();
    entry.location = "node_modules/x/node_modules/a";
    findings = result->findings;
    outcome = apply_suppressions(findings, {ignore_with(entry)}, {}, {}, "app");
    ASSERT_EQ(outcome.warnings.size(), 1u);
    EXPECT_NE(outcome.warnings[0].find("location node_modules/x/node_modules/a"),
              std::string::npos);

    entry.location.clear();
    entry.package = "b";
    findings = result->findings;
    outcome = apply_suppressions(findings, {ignore_with(entry)}, {}, {}, "app");
    ASSERT_EQ(outcome.warnings.size(), 1u);
    EXPECT_NE(outcome.warnings[0].find("package b matches no finding"), std::string::npos);

    entry.package = "a";
    entry.path = {"p", "a"};
    findings = result->findings;
    outcome = apply_suppressions(findings, {ignore_with(entry)}, {}, {}, "app");
    EXPECT_TRUE(outcome.warnings.empty());
    EXPECT_TRUE(findings[0].suppression);
}

} // namespace
} // namespace vouch::scan::test
