// npm feeds' ranges (issue 8 items 4-5): empty vulnerable_versions is node-semver's "*", and
// patched_versions is carried through import, storage and merging.
#include <gtest/gtest.h>
#include <vouch/advisory/feeds.hpp>

using namespace vouch;
using namespace vouch::advisory;

namespace {

// A Node.js security-wg record (the real mqtt entry for CVE-2017-10910, abridged).
const char* k_mqtt = R"({
  "id": 542, "module_name": "mqtt", "cves": ["CVE-2017-10910"],
  "title": "Denial of Service", "overview": "...",
  "vulnerable_versions": ">=2.0.0", "patched_versions": ">=2.15.0",
  "publish_date": "2017-06-30", "updated_at": "2017-07-04"})";

TEST(NpmRanges, SecurityWgPatchedVersionsAreCarriedThrough) {
    auto loaded = parse_feed_document(k_mqtt, "542.json");
    ASSERT_TRUE(loaded) << loaded.error().describe();
    ASSERT_EQ(loaded->advisories.size(), 1u);
    const auto& range = loaded->advisories[0].affected.at(0).ranges.at(0);
    EXPECT_EQ(range.npm_range, ">=2.0.0");
    EXPECT_EQ(range.npm_patched, ">=2.15.0");
    // stored form and back
    auto stored = advisory_from_json(to_json(loaded->advisories[0]), "db");
    ASSERT_TRUE(stored) << stored.error().describe();
    EXPECT_EQ(stored->affected.at(0).ranges.at(0).npm_patched, ">=2.15.0");
    // merged with the same advisory from another source (alias CVE): kept
    auto merged = merge_aliases({loaded->advisories[0], loaded->advisories[0]});
    ASSERT_EQ(merged.size(), 1u);
    ASSERT_EQ(merged[0].affected.at(0).ranges.size(), 1u);
    EXPECT_EQ(merged[0].affected.at(0).ranges[0].npm_patched, ">=2.15.0");
}

TEST(NpmRanges, NullPatchedVersionsMeansNone) {
    auto loaded = parse_feed_document(
        R"({"id": 1, "module_name": "m", "vulnerable_versions": "<1.0.0", "patched_versions": null})",
        "1.json");
    ASSERT_TRUE(loaded) << loaded.error().describe();
    EXPECT_EQ(loaded->advisories.at(0).affected.at(0).ranges.at(0).npm_patched, "");
}

TEST(NpmRanges, EmptyOrBlankVulnerableVersionsIsAccepted) {
    for (const char* range : {"", "   "}) {
        const std::string doc =
            std::string(R"({"id": 2, "module_name": "m", "vulnerable_versions": ")") + range +
            R"("})";
        auto loaded = parse_feed_document(doc, "2.json");
        ASSERT_TRUE(loaded) << "'" << range << "': " << loaded.error().describe();
        EXPECT_EQ(loaded->advisories.at(0).affected.at(0).ranges.at(0).npm_range, range);
    }
    auto bulk = parse_feed_document(
        R"({"m": [{"id": 3, "title": "t", "severity": "low", "vulnerable_versions": ""}]})",
        "b.json");
    ASSERT_TRUE(bulk) << bulk.error().describe();
    // still required
    auto missing = parse_feed_document(R"({"id": 4, "module_name": "m"})", "4.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::parse);
}

} // namespace
