#include <algorithm>
#include <gtest/gtest.h>
#include <vouch/advisory/feeds.hpp>

using namespace vouch;
using namespace vouch::advisory;

namespace {

const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

Advisory make(std::string id, std::vector<std::string> aliases, std::string package,
              std::string range) {
    Advisory a;
    a.id = std::move(id);
    a.aliases = std::move(aliases);
    Affected affected;
    affected.package = std::move(package);
    affected.ranges.push_back(Range{"NPM", {}, std::move(range)});
    a.affected.push_back(std::move(affected));
    return a;
}

std::vector<Advisory> load_all(const std::vector<std::string>& files) {
    std::vector<Advisory> all;
    for (const auto& f : files) {
        auto loaded = load_source(data_dir + f);
        EXPECT_TRUE(loaded) << f;
        if (loaded)
            all.insert(all.end(), loaded->begin(), loaded->end());
    }
    return all;
}

} // namespace

TEST(PreferredId, GhsaThenCveThenMal) {
    EXPECT_EQ(preferred_id({"CVE-1", "GHSA-b", "GHSA-a", "MAL-1"}), "GHSA-a");
    EXPECT_EQ(preferred_id({"NSWG-ECO-1", "CVE-2", "MAL-1"}), "CVE-2");
    EXPECT_EQ(preferred_id({"NPM-5", "MAL-1"}), "MAL-1");
    EXPECT_EQ(preferred_id({"NPM-5", "NPM-17"}), "NPM-17");
}

TEST(Merge, FourFormatsOfOneVulnerabilityBecomeOne) {
    auto merged = merge_aliases(
        load_all({"/mixed/osv", "/mixed/bulk.json", "/mixed/wg-77.json", "/mixed/graphql.json"}));
    // left-pad (4 formats), evil-pkg (MAL), right-pad (NPM-17), exact-pkg.
    ASSERT_EQ(merged.size(), 4u);
    const Advisory* a = nullptr;
    for (const auto& m : merged) {
        if (m.id == "GHSA-aaaa-bbbb-cccc")
            a = &m;
    }
    ASSERT_NE(a, nullptr);
    for (const char* alias : {"CVE-2099-0001", "NPM-4242", "NPM-4243", "NSWG-ECO-77"}) {
        EXPECT_TRUE(contains(a->aliases, alias)) << alias;
    }
    EXPECT_FALSE(contains(a->aliases, "GHSA-aaaa-bbbb-cccc"));
    EXPECT_EQ(a->summary, "left-pad pads too much");
    EXPECT_EQ(a->details, "Crafted test record.") << "the GHSA record's text wins";
    ASSERT_EQ(a->affected.size(), 1u);
    const auto& ranges = a->affected[0].ranges;
    EXPECT_EQ(ranges.size(), 4u) << "ECOSYSTEM + <1.3.1 + <=1.3.0 + >=2.0.0 <2.1.4";
    EXPECT_EQ(a->affected[0].versions, std::vector<std::string>{"1.3.0"});
    EXPECT_EQ(a->feed_severity, Severity::critical) << "the highest label of the sources";
    EXPECT_EQ(a->cvss_vectors.size(), 2u);
    EXPECT_EQ(a->published, "2016-01-02") << "the earliest publication";
    EXPECT_EQ(a->modified, "2024-02-01T00:00:00Z") << "the latest modification";
    EXPECT_EQ(a->sources.size(), 4u);

    const Advisory* mal = nullptr;
    for (const auto& m : merged) {
        if (m.id == "GHSA-mmmm-nnnn-pppp")
            mal = &m;
    }
    ASSERT_NE(mal, nullptr) << "a MAL record aliased to a GHSA id takes the GHSA id";
    EXPECT_TRUE(mal->malicious);
    EXPECT_EQ(mal->aliases, std::vector<std::string>{"MAL-2099-7"});
    EXPECT_EQ(mal->cwes, std::vector<std::string>{"CWE-506"});
}

TEST(Merge, TransitiveAliasesJoin) {
    // A-B share CVE-1, B-C share NPM-9: one group.
    auto merged = merge_aliases({make("NSWG-ECO-1", {"CVE-1"}, "p", "<1"),
                                 make("GHSA-aaaa-aaaa-aaaa", {"CVE-1"}, "p", "<2"),
                                 make("NPM-9", {"GHSA-aaaa-aaaa-aaaa"}, "q", "<3")});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].id, "GHSA-aaaa-aaaa-aaaa");
    EXPECT_EQ(merged[0].affected.size(), 2u);
    EXPECT_EQ(merged[0].aliases, (std::vector<std::string>{"CVE-1", "NPM-9", "NSWG-ECO-1"}));
}

TEST(Merge, TwoGhsaSharingACveStaySeparate) {
    auto merged = merge_aliases({make("GHSA-aaaa-aaaa-aaaa", {"CVE-1"}, "p", "<1"),
                                 make("GHSA-bbbb-bbbb-bbbb", {"CVE-1"}, "q", "<1")});
    ASSERT_EQ(merged.size(), 2u);
    EXPECT_EQ(merged[0].id, "GHSA-aaaa-aaaa-aaaa");
    EXPECT_EQ(merged[1].id, "GHSA-bbbb-bbbb-bbbb");
}

TEST(Merge, IdenticalRangesAreNotDuplicated) {
    auto merged = merge_aliases(
        {make("GHSA-aaaa-aaaa-aaaa", {}, "p", "<1"), make("GHSA-aaaa-aaaa-aaaa", {}, "p", "<1")});
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0].affected[0].ranges.size(), 1u);
}

TEST(Serialize, RoundTripsEveryField) {
    auto merged = merge_aliases(
        load_all({"/mixed/osv", "/mixed/bulk.json", "/mixed/wg-77.json", "/mixed/graphql.json"}));
    for (const auto& a : merged) {
        auto text = to_json(a);
        auto back = advisory_from_json(text, "db");
        ASSERT_TRUE(back) << back.error().describe();
        EXPECT_EQ(to_json(*back), text);
        EXPECT_EQ(back->id, a.id);
        EXPECT_EQ(back->malicious, a.malicious);
        EXPECT_EQ(back->affected.size(), a.affected.size());
    }
    EXPECT_EQ(to_json(merged[0], false).find("\"sources\""), std::string::npos);
}

TEST(Serialize, CorruptBlobIsParseError) {
    for (const char* bad : {"", "{}", R"({"id": 1})", "[]"}) {
        auto r = advisory_from_json(bad, "db");
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Errc::parse);
    }
}
