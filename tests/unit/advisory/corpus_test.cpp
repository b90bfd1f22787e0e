// Imports the shared corpus advisories (all formats) and checks the known cross-format overlaps
// from its READMEs merge into one advisory each. Skipped when ../shared is absent.
#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <vouch/advisory/database.hpp>

using namespace vouch::advisory;
namespace fs = std::filesystem;

namespace {

const fs::path corpus = fs::path(VOUCH_SHARED_DIR) / "corpus" / "advisories";

bool has_source(const Advisory& a, const std::string& folder) {
    return std::any_of(a.sources.begin(), a.sources.end(),
                       [&](const std::string& s) { return s.find(folder) != std::string::npos; });
}

const Advisory* by_id(const MemoryIndex& index, const std::string& package, const std::string& id) {
    static std::vector<Advisory> keep;
    auto found = index.for_package(package);
    if (!found)
        return nullptr;
    for (auto& a : *found) {
        if (a.id == id) {
            keep.push_back(a);
            return &keep.back();
        }
    }
    return nullptr;
}

} // namespace

TEST(Corpus, AllFormatsImportAndOverlapsMerge) {
    if (!fs::is_directory(corpus))
        GTEST_SKIP() << corpus << " not present";
    std::vector<fs::path> sources;
    for (const char* name :
         {"ghsa-npm-subset", "ghsa-npm-extra", "ghsa-npm-fixtures", "ossf-malicious-npm.zip",
          "ossf-malicious-npm-withdrawn", "nodejs-security-wg", "ghsa-graphql-npm",
          "npm-bulk-advisory-fixtures"}) {
        sources.push_back(corpus / name);
    }
    // Two metavuln-calculator fixtures are single entries without a package name: fail closed...
    auto strict = MemoryIndex::load(sources);
    ASSERT_FALSE(strict);
    EXPECT_NE(strict.error().file.find("metavuln-calculator"), std::string::npos);
    // ...and import with --skip-invalid semantics.
    std::size_t skipped = 0;
    auto index =
        MemoryIndex::load(sources, LoadOptions{true, [&](const vouch::Error&) { ++skipped; }});
    ASSERT_TRUE(index) << index.error().describe();
    EXPECT_EQ(skipped, 2u);

    // Every id is unique after merging.
    std::set<std::string> ids;
    for (const auto& a : index->advisories())
        EXPECT_TRUE(ids.insert(a.id).second) << a.id;

    // The 19 ghsa-npm-extra records are all in the GraphQL file too: one advisory with both
    // sources.
    std::size_t extra = 0;
    for (const auto& entry : fs::directory_iterator(corpus / "ghsa-npm-extra")) {
        if (entry.path().extension() != ".json")
            continue;
        auto id = entry.path().stem().string();
        auto it = std::find_if(index->advisories().begin(), index->advisories().end(),
                               [&](const Advisory& a) { return a.id == id; });
        ASSERT_NE(it, index->advisories().end()) << id;
        EXPECT_TRUE(has_source(*it, "ghsa-graphql-npm")) << id;
        EXPECT_TRUE(has_source(*it, "ghsa-npm-extra")) << id;
        ++extra;
    }
    EXPECT_EQ(extra, 19u);

    // Four of them are also in pnpm's bulk response (README): three formats, one advisory.
    for (const auto& [package_name, advisory_id] : std::vector<std::pair<std::string, std::string>>{
             {"minimatch", "GHSA-f8q6-p94x-37v3"},
             {"decode-uri-component", "GHSA-w573-4hg7-7wgq"},
             {"socket.io-parser", "GHSA-qm95-pgcg-qqfq"},
             {"engine.io", "GHSA-r7qp-cfhv-p84w"}}) {
        const std::string package = package_name;
        const std::string id = advisory_id;
        auto found = index->for_package(package);
        ASSERT_TRUE(found);
        auto count = std::count_if(found->begin(), found->end(), [&](const Advisory& a) {
            return a.id == id ||
                   std::find(a.aliases.begin(), a.aliases.end(), id) != a.aliases.end();
        });
        EXPECT_EQ(count, 1) << id << " is reported once";
        const auto* a = by_id(*index, package, id);
        ASSERT_NE(a, nullptr) << id;
        EXPECT_TRUE(has_source(*a, "npm-bulk-advisory-fixtures")) << id;
        EXPECT_TRUE(has_source(*a, "ghsa-graphql-npm")) << id;
    }

    // ghsa-npm-subset records found in the npm bulk fixtures (by GHSA url) and legacy npm ids.
    const auto* minimist = by_id(*index, "minimist", "GHSA-vh95-rmgr-6w4m");
    ASSERT_NE(minimist, nullptr);
    EXPECT_TRUE(has_source(*minimist, "ghsa-npm-subset"));
    EXPECT_TRUE(has_source(*minimist, "npm-bulk-advisory-fixtures"));
    EXPECT_NE(std::find(minimist->aliases.begin(), minimist->aliases.end(), "NPM-1179"),
              minimist->aliases.end());
    const auto* lodash = by_id(*index, "lodash", "GHSA-p6mc-m468-83gw");
    ASSERT_NE(lodash, nullptr);
    EXPECT_TRUE(has_source(*lodash, "npm-bulk-advisory-fixtures"));

    // Security WG <-> GHSA via CVE: jquery CVE-2016-10707 (NSWG-ECO-330).
    const auto* jquery = by_id(*index, "jquery", "GHSA-mhpp-875w-9cpv");
    ASSERT_NE(jquery, nullptr);
    EXPECT_NE(std::find(jquery->aliases.begin(), jquery->aliases.end(), "NSWG-ECO-330"),
              jquery->aliases.end());
    EXPECT_TRUE(has_source(*jquery, "nodejs-security-wg"));
    ASSERT_EQ(jquery->affected.size(), 1u) << "NuGet/Maven/RubyGems entries dropped";

    // Malware: MAL records aliased to GHSA malware ids, flagged malicious; withdrawn ones absent.
    const auto* mal = by_id(*index, "angular-a11y-workshop", "GHSA-f2rv-m9m3-qv8c");
    ASSERT_NE(mal, nullptr);
    EXPECT_TRUE(mal->malicious);
    EXPECT_NE(std::find(mal->aliases.begin(), mal->aliases.end(), "MAL-2022-1002"),
              mal->aliases.end());
    for (const auto& a : index->advisories()) {
        EXPECT_NE(a.id, "MAL-2024-1722");
        EXPECT_TRUE(std::find(a.aliases.begin(), a.aliases.end(), "MAL-2024-1722") ==
                    a.aliases.end());
    }
    EXPECT_TRUE(index->for_package("account-settings")->empty()) << "withdrawn MAL-2024-1722";
}
