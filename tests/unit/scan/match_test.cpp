#include "fixtures.hpp"

#include <gtest/gtest.h>

namespace vouch::scan::test {
namespace {

std::vector<std::string> ids_of(const MatchResult& result) {
    std::vector<std::string> ids;
    for (const auto& finding : result.findings) {
        ids.push_back(finding.id + " " + finding.package + "@" + finding.version);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

TEST(Match, OsvEcosystemRangeMatchesOnlyInsideTheRange) {
    LockBuilder b;
    b.add("node_modules/lodash", "lodash", "4.17.15");
    auto lookup = lookup_of(
        {osv("GHSA-in", "lodash", {{K::introduced, "0"}, {K::fixed, "4.17.21"}}),
         osv("GHSA-out", "lodash", {{K::introduced, "4.17.21"}}),
         osv("GHSA-edge", "lodash", {{K::introduced, "0"}, {K::fixed, "4.17.15"}}),
         osv("GHSA-last", "lodash", {{K::introduced, "4.0.0"}, {K::last_affected, "4.17.15"}})});
    auto result = match(b.lock, lookup);
    ASSERT_TRUE(result);
    EXPECT_EQ(ids_of(*result),
              (std::vector<std::string>{"GHSA-in lodash@4.17.15", "GHSA-last lodash@4.17.15"}));
    EXPECT_EQ(result->packages_scanned, 1u);
}

TEST(Match, NpmRangeUsesNodeSemverSemantics) {
    LockBuilder b;
    b.add("node_modules/a", "a", "1.2.3");
    b.add("node_modules/pre", "pre", "2.0.0-beta.1");
    auto lookup =
        lookup_of({npm("NPM-1", "a", "<1.2.4"), npm("NPM-2", "a", ">=2.0.0"),
                   npm("NPM-3", "a", "<0.2.1 || >=1.0.0 <1.2.4"),
                   // node-semver: a prerelease only matches a comparator with the same
                   // tuple, so <3.0.0 does not include 2.0.0-beta.1
                   npm("NPM-4", "pre", "<3.0.0"), npm("NPM-5", "pre", ">=2.0.0-beta.0 <2.0.0")});
    auto result = match(b.lock, lookup);
    ASSERT_TRUE(result);
    EXPECT_EQ(ids_of(*result), (std::vector<std::string>{"NPM-1 a@1.2.3", "NPM-3 a@1.2.3",
                                                         "NPM-5 pre@2.0.0-beta.1"}));
}

TEST(Match, ExplicitVersionsListAndNonSemverVersions) {
    LockBuilder b;
    b.add("node_modules/g", "g", "git+https://example.test/g.git#abc");
    b.add("node_modules/v", "v", "1.0.0");
    advisory::Advisory listed;
    listed.id = "OSV-LIST";
    listed.affected.push_back(
        {"g", {{"ECOSYSTEM", {{K::introduced, "0"}}, ""}}, {"git+https://example.test/g.git#abc"}});
    advisory::Advisory range_only = osv("OSV-RANGE", "g", {{K::introduced, "0"}});
    advisory::Advisory v_listed;
    v_listed.id = "OSV-V";
    v_listed.affected.push_back({"v", {}, {"0.9.0", "1.0.0"}});
    auto result = match(b.lock, lookup_of({listed, range_only, v_listed}));
    ASSERT_TRUE(result);
    EXPECT_EQ(ids_of(*result),
              (std::vector<std::string>{"OSV-LIST g@git+https://example.test/g.git#abc",
                                        "OSV-V v@1.0.0"}));
    ASSERT_EQ(result->notes.size(), 1u);
    EXPECT_NE(result->notes[0].find("not a semver version"), std::string::npos);
}

TEST(Match, EveryInstallIsOnePathOfOneFinding) {
    LockBuilder b("shop");
    auto next = b.add("node_modules/next", "next", "12.0.0");
    b.add("node_modules/minimist", "minimist", "1.2.0");
    auto mkdirp = b.add("node_modules/next/node_modules/mkdirp", "mkdirp", "0.5.1", next);
    b.add("node_modules/next/node_modules/minimist", "minimist", "1.2.0", mkdirp, "^1.2.0");
    b.add("node_modules/other/node_modules/minimist", "minimist", "1.2.6");
    auto result =
        match(b.lock,
              lookup_of({osv("GHSA-mm", "minimist", {{K::introduced, "0"}, {K::fixed, "1.2.6"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    const auto& finding = result->findings[0];
    ASSERT_EQ(finding.installs.size(), 2u);
    EXPECT_EQ(finding.installs[0].chain, (std::vector<std::string>{"shop", "minimist"}));
    EXPECT_EQ(finding.installs[1].chain,
              (std::vector<std::string>{"shop", "next", "mkdirp", "minimist"}));
    EXPECT_EQ(finding.installs[1].location, "node_modules/next/node_modules/minimist");
    // unreachable (extraneous) installs fall back to the folder nesting
    EXPECT_EQ(finding.fixed, "1.2.6");
}

TEST(Match, AliasesMatchTheRealNameAndLocalPackagesAreSkipped) {
    LockBuilder b;
    // node_modules/str is "string-width" installed under an alias
    auto alias = b.add("node_modules/str", "string-width", "4.2.0");
    b.lock.packages[alias].install_name = "str";
    auto ws = b.add("packages/lodash", "lodash", "1.0.0");
    b.lock.packages[ws].source = lockfile::Source::directory;
    b.lock.packages[ws].is_workspace = true;
    auto result = match(b.lock, lookup_of({osv("GHSA-sw", "string-width", {{K::introduced, "0"}}),
                                           osv("GHSA-str", "str", {{K::introduced, "0"}}),
                                           osv("GHSA-lo", "lodash", {{K::introduced, "0"}})}));
    ASSERT_TRUE(result);
    EXPECT_EQ(ids_of(*result), (std::vector<std::string>{"GHSA-sw string-width@4.2.0"}));
    EXPECT_EQ(result->packages_scanned, 1u);
}

TEST(Match, InvalidNpmRangeIsAFindingWithANote) {
    LockBuilder b;
    b.add("node_modules/a", "a", "1.0.0");
    auto result = match(b.lock, lookup_of({npm("NPM-BAD", "a", ">=1.0.0 <<2")}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u); // a scanner errs on the side of reporting
    ASSERT_EQ(result->notes.size(), 1u);
    EXPECT_NE(result->notes[0].find("not a valid npm range"), std::string::npos);
}

TEST(Match, LookupErrorsPropagate) {
    LockBuilder b;
    b.add("node_modules/a", "a", "1.0.0");
    AdvisoryLookup broken = [](std::string_view) -> Result<std::vector<advisory::Advisory>> {
        return fail(Errc::io, "database unreadable", "db");
    };
    auto result = match(b.lock, broken);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::io);
}

TEST(Match, FindingsAreSortedBySeverityThenPackage) {
    LockBuilder b;
    b.add("node_modules/a", "a", "1.0.0");
    b.add("node_modules/b", "b", "1.0.0");
    auto low = osv("GHSA-low", "a", {{K::introduced, "0"}});
    low.feed_severity = advisory::Severity::low;
    auto mal = osv("MAL-2024-1", "b", {{K::introduced, "0"}});
    mal.malicious = true;
    auto result = match(b.lock, lookup_of({low, mal}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 2u);
    EXPECT_EQ(result->findings[0].id, "MAL-2024-1");
    EXPECT_TRUE(result->findings[0].malware);
    EXPECT_EQ(result->findings[0].severity, Level::critical);
    EXPECT_EQ(result->findings[1].severity, Level::low);
}

TEST(Locations, NamesInLocation) {
    EXPECT_EQ(names_in_location("node_modules/a/node_modules/@s/b"),
              (std::vector<std::string>{"a", "@s/b"}));
    EXPECT_TRUE(names_in_location("packages/x").empty());
}

} // namespace
} // namespace vouch::scan::test

namespace vouch::scan::test {
namespace {

TEST(Match, PartialOsvEventVersionsReadAsFullVersions) {
    // GHSA-r683-j2x4-v87g carries "introduced": "1.0"; dropping the event would hide 3.0.0.
    LockBuilder b;
    b.add("node_modules/node-fetch", "node-fetch", "3.0.0");
    b.add("node_modules/x/node_modules/node-fetch", "node-fetch", "0.9.0");
    auto result = match(b.lock, lookup_of({osv("GHSA-r683", "node-fetch",
                                               {{K::introduced, "1.0"}, {K::fixed, "3.1.1"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    EXPECT_EQ(result->findings[0].version, "3.0.0");
    EXPECT_EQ(result->findings[0].fixed, "3.1.1");
}

} // namespace
} // namespace vouch::scan::test
