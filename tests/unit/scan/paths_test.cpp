// Dependency paths in findings (issue 8 items 9-10): a path through a workspace starts at the
// workspace that requires the package, a runtime path is preferred, and each path says whether
// it is dev or runtime.
#include "fixtures.hpp"

#include <gtest/gtest.h>
#include <stdexcept>
#include <vouch/scan/suppress.hpp>

namespace vouch::scan::test {
namespace {

// tar is a runtime dependency of the @m/ui workspace and a devDependency of @m/web; `only-dev`
// is reached only through the root's devDependencies.
const char* k_monorepo = R"({
  "name": "mono", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": { "name": "mono", "workspaces": ["packages/*", "apps/*"],
          "devDependencies": { "only-dev": "^1.0.0" } },
    "node_modules/@m/ui": { "resolved": "packages/ui", "link": true },
    "node_modules/@m/web": { "resolved": "apps/web", "link": true },
    "apps/web": { "name": "@m/web", "version": "1.0.0", "devDependencies": { "tar": "^7.0.0" } },
    "packages/ui": { "name": "@m/ui", "version": "1.0.0", "dependencies": { "tar": "^7.0.0" } },
    "node_modules/tar": { "version": "7.4.3" },
    "node_modules/only-dev": { "version": "1.0.0", "dev": true }
  }
})";

lockfile::Lockfile monorepo() {
    auto lock = lockfile::parse_lockfile(k_monorepo, "package-lock.json");
    EXPECT_TRUE(lock) << lock.error().describe();
    if (!lock) // a helper returning a value cannot ASSERT_*: stop before *lock
        throw std::runtime_error("test setup failed: lock");
    return *lock;
}

TEST(Paths, StartAtTheWorkspaceAndPreferRuntime) {
    const auto lock = monorepo();
    auto result = match(
        lock, lookup_of({osv("GHSA-tar", "tar", {{K::introduced, "0"}, {K::fixed, "7.5.0"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    const auto& finding = result->findings[0];
    ASSERT_EQ(finding.installs.size(), 1u);
    // Not "mono > tar" (invented), not the dev chain through @m/web (found first by location).
    EXPECT_EQ(finding.installs[0].chain, (std::vector<std::string>{"@m/ui", "tar"}));
    EXPECT_FALSE(finding.installs[0].dev);
    // The fix hint reads the workspace's declared range.
    EXPECT_EQ(finding.fix.kind, FixKind::update);
    EXPECT_EQ(finding.fix.requirer, "@m/ui");
    EXPECT_EQ(finding.fix.declared, "^7.0.0");
}

TEST(Paths, ADevOnlyChainIsMarkedDev) {
    const auto lock = monorepo();
    auto result = match(lock, lookup_of({osv("GHSA-dev", "only-dev", {{K::introduced, "0"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    EXPECT_EQ(result->findings[0].installs[0].chain,
              (std::vector<std::string>{"mono", "only-dev"}));
    EXPECT_TRUE(result->findings[0].installs[0].dev);
}

TEST(Paths, AnIgnoreEntryWithTheTruePathMatches) {
    const auto lock = monorepo();
    auto result = match(lock, lookup_of({osv("GHSA-tar", "tar", {{K::introduced, "0"}})}));
    ASSERT_TRUE(result);
    auto findings = result->findings;
    IgnoreEntry entry;
    entry.id = "GHSA-tar";
    entry.path = {"@m/ui", "tar"};
    entry.reason = "r";
    auto outcome = apply_suppressions(findings, {IgnoreFile{"i.json", {entry}}}, {}, {}, "mono");
    EXPECT_TRUE(findings[0].suppression);
    EXPECT_TRUE(outcome.warnings.empty());
}

} // namespace
} // namespace vouch::scan::test
