// The streaming import stores a record that is a group of its own straight from the form made
// when it was staged (detail::stage_record). That form must be exactly what merging the record
// read back from the staging table gives (the way every record was stored before): checked on
// every corpus and fixture advisory, and on records that do not survive storage unchanged
// (invalid UTF-8, ranges holding the other shape's fields).
#include "../../../src/advisory/canonical_json.hpp"
#include "../../../src/advisory/streaming.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <vouch/advisory/database.hpp>

using namespace vouch::advisory;
namespace fs = std::filesystem;

namespace {

const fs::path corpus = fs::path(VOUCH_SHARED_DIR) / "corpus" / "advisories";
const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

std::string lines(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& item : list)
        out += (out.empty() ? "" : "\n") + item;
    return out;
}

// What the import did with every record: stage to_json, read it back, merge it alone.
void expect_as_read_back(const Advisory& a) {
    auto back = advisory_from_json(to_json(a, true), "staged");
    ASSERT_TRUE(back) << back.error().describe();
    std::vector<Advisory> alone{*back};
    const Advisory expected = detail::merge_group(std::move(alone));

    auto staged = detail::stage_record(Advisory(a), "staged");
    ASSERT_TRUE(staged) << staged.error().describe();
    EXPECT_EQ(staged->raw, to_json(a, true));
    EXPECT_EQ(staged->canonical, to_json(expected, false)) << a.id;
    EXPECT_EQ(staged->sources, lines(expected.sources));
    EXPECT_EQ(staged->ids.id, a.id);
    EXPECT_EQ(staged->ids.aliases, a.aliases);
    std::vector<std::string> packages;
    for (const auto& affected : expected.affected)
        packages.push_back(affected.package);
    EXPECT_EQ(staged->packages, packages);
}

std::size_t expect_for_sources(const std::vector<fs::path>& sources) {
    std::size_t checked = 0;
    for (const auto& source : sources) {
        auto loaded = load_source(source, LoadOptions{true, nullptr});
        EXPECT_TRUE(loaded) << source;
        if (!loaded)
            continue;
        for (const auto& a : loaded->advisories) {
            expect_as_read_back(a);
            ++checked;
        }
    }
    return checked;
}

Advisory with_package(std::string package) {
    Advisory a;
    a.id = "MAL-2026-1";
    a.sources = {"feed-b", "feed-a"};
    Affected affected;
    affected.package = std::move(package);
    a.affected = {affected};
    return a;
}

} // namespace

TEST(StagedRecord, FixturesAsReadBack) {
    EXPECT_GT(expect_for_sources({data_dir + "/mixed/osv", data_dir + "/mixed/bulk.json",
                                  data_dir + "/mixed/wg-77.json", data_dir + "/mixed/graphql.json",
                                  data_dir + "/osv.zip"}),
              0u);
}

TEST(StagedRecord, CorpusAsReadBack) {
    if (!fs::is_directory(corpus))
        GTEST_SKIP() << corpus << " not present";
    std::vector<fs::path> sources;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.is_directory() || entry.path().extension() == ".zip")
            sources.push_back(entry.path());
    }
    EXPECT_GT(expect_for_sources(sources), 2000u);
}

TEST(StagedRecord, PreferredIdAndSortedLists) {
    Advisory a = with_package("zeta");
    a.aliases = {"GHSA-xxxx-yyyy-zzzz", "CVE-2026-2"};
    a.references = {"https://b", "https://a"};
    Affected second;
    second.package = "alpha";
    a.affected.push_back(second);
    expect_as_read_back(a);
    auto staged = detail::stage_record(Advisory(a), "staged");
    ASSERT_TRUE(staged);
    EXPECT_NE(staged->canonical.find("\"id\":\"GHSA-xxxx-yyyy-zzzz\""), std::string::npos);
    EXPECT_EQ(staged->packages, (std::vector<std::string>{"alpha", "zeta"}));
}

// Invalid UTF-8 is replaced when stored; sorting before or after the replacement differs
// ("\xff" sorts after "\xef\xbf\xbe", its replacement "\xef\xbf\xbd" before it).
TEST(StagedRecord, InvalidUtf8SortsAsStored) {
    Advisory a = with_package("pkg");
    a.aliases = {"\xff", "\xef\xbf\xbe"};
    a.references = {"https://x/\xff", "https://x/\xef\xbf\xbe"};
    EXPECT_FALSE(detail::survives_storage(a));
    expect_as_read_back(a);
    expect_as_read_back(with_package("bad \xc3 package"));
}

TEST(StagedRecord, RangeFieldsOfTheOtherShapeAreDroppedAsStored) {
    Advisory npm = with_package("pkg");
    Range range;
    range.type = "NPM";
    range.npm_range = "<1.0.0";
    range.events = {{Event::Kind::introduced, "0"}};
    npm.affected[0].ranges = {range};
    EXPECT_FALSE(detail::survives_storage(npm));
    expect_as_read_back(npm);

    Advisory semver = with_package("pkg");
    range.type = "SEMVER";
    range.npm_patched = ">=1.0.0";
    semver.affected[0].ranges = {range};
    EXPECT_FALSE(detail::survives_storage(semver));
    expect_as_read_back(semver);

    range.npm_range.clear();
    range.npm_patched.clear();
    semver.affected[0].ranges = {range};
    EXPECT_TRUE(detail::survives_storage(semver));
    expect_as_read_back(semver);
}
