#include "fixtures.hpp"

#include <gtest/gtest.h>
#include <vouch/scan/input.hpp>
#include <vouch/util/file.hpp>

namespace vouch::scan::test {
namespace {

const std::string k_sbom = std::string(VOUCH_TEST_DATA) + "/scan/storefront.cdx.json";

TEST(CycloneDxInput, ComponentsBecomePackagesWithPathsAndEdges) {
    auto input = load_input(k_sbom);
    ASSERT_TRUE(input) << input.error().describe();
    EXPECT_EQ(input->kind, "cyclonedx");
    EXPECT_EQ(input->sha256.size(), 64u);
    const auto& lock = input->lockfile;
    EXPECT_EQ(lock.root().name, "storefront");
    // next, minimist twice (two paths), @types/node; the pypi component is skipped
    ASSERT_EQ(lock.packages.size(), 5u);
    auto types = lock.find("pkg:npm/%40types/node@20.11.5");
    ASSERT_NE(types, lockfile::npos);
    EXPECT_EQ(lock.packages[types].name, "@types/node");
    EXPECT_TRUE(lock.packages[types].dev);

    auto result = match(lock, lookup_of({osv("GHSA-xvch-5gv4-984h", "minimist",
                                             {{K::introduced, "0"}, {K::fixed, "1.2.6"}})}));
    ASSERT_TRUE(result);
    ASSERT_EQ(result->findings.size(), 1u);
    const auto& f = result->findings[0];
    ASSERT_EQ(f.installs.size(), 2u);
    EXPECT_EQ(f.installs[0].chain, (std::vector<std::string>{"storefront", "minimist"}));
    EXPECT_EQ(f.installs[1].location, "node_modules/next/node_modules/minimist");
    EXPECT_EQ(f.fix.kind, FixKind::unknown); // an SBOM has no declared ranges
    locate_lines(result->findings, input->text, lock, false);
    EXPECT_EQ(result->findings[0].installs[0].line, 19u);
}

TEST(CycloneDxInput, MalformedSbomsAreErrors) {
    auto truncated =
        lockfile_from_cyclonedx("{\"bomFormat\": \"CycloneDX\", \"components\": [", "b");
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, Errc::parse);
    auto wrong = lockfile_from_cyclonedx("{\"bomFormat\": \"CycloneDX\",\n\"components\": 3}", "b");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().line, 2u);
    EXPECT_FALSE(lockfile_from_cyclonedx("[1,2]", "b"));
    // components that are not objects, purls that are not strings: skipped, not a crash
    auto odd =
        lockfile_from_cyclonedx("{\"bomFormat\": \"CycloneDX\", \"components\": [1, {\"purl\": 5}, "
                                "{\"purl\": \"pkg:npm/a\"}],"
                                " \"dependencies\": [7, {\"ref\": \"x\", \"dependsOn\": [1]}]}",
                                "b");
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd->packages.size(), 2u);
}

TEST(LockfileInput, DirectoryOrFile) {
    auto missing = load_input("/nonexistent/dir/package-lock.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(exit_code_for(missing.error().code), exit_input);
}

} // namespace
} // namespace vouch::scan::test

namespace vouch::scan::test {
namespace {

TEST(LocateLines, LockfileKeysNotValues) {
    LockBuilder b;
    auto a = b.add("node_modules/a", "a", "1.0.0");
    const std::string text =
        "{\n  \"packages\": {\n    \"\": {\"x\": \"node_modules/a\"},\n"
        "    \"node_modules/a\": {\n      \"version\": \"1.0.0\"\n    }\n  }\n}\n";
    std::vector<Finding> findings(1);
    findings[0].installs.push_back({a, "node_modules/a", {}, false, 0});
    findings[0].installs.push_back({a, "node_modules/a", {}, false, 0});
    locate_lines(findings, text, b.lock, true);
    EXPECT_EQ(findings[0].installs[0].line, 4u); // the key, not the string value on line 3
    EXPECT_EQ(findings[0].installs[1].line, 4u);
}

} // namespace
} // namespace vouch::scan::test
