// The streaming import: sources are handed over one advisory at a time, a sink's error is never
// mistaken for a malformed record, and the database holds exactly what the in-memory merge gives.
#include "../../../src/advisory/streaming.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <unistd.h>
#include <vouch/advisory/database.hpp>

using namespace vouch;
using namespace vouch::advisory;
namespace fs = std::filesystem;

namespace {

const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

std::vector<fs::path> mixed() {
    return {data_dir + "/mixed/osv", data_dir + "/mixed/bulk.json", data_dir + "/mixed/wg-77.json",
            data_dir + "/mixed/graphql.json"};
}

class StreamingImport : public ::testing::Test {
  protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("vouch-stream-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        ::setenv("VOUCH_NOW", "2026-11-20T10:00:00Z", 1);
    }
    void TearDown() override {
        fs::remove_all(dir);
        ::unsetenv("VOUCH_NOW");
    }
    fs::path dir;
};

} // namespace

TEST(StreamSource, HandsOverEveryAdvisoryAsLoadSourceReadsThem) {
    for (const auto& source : mixed()) {
        auto loaded = load_source(source, LoadOptions{});
        ASSERT_TRUE(loaded) << loaded.error().describe();
        std::vector<std::string> streamed;
        auto info = detail::stream_source(source, LoadOptions{}, [&](Advisory&& a) -> Status {
            EXPECT_FALSE(a.sources.empty());
            streamed.push_back(a.id);
            return {};
        });
        ASSERT_TRUE(info) << info.error().describe();
        std::vector<std::string> kept;
        for (const auto& a : loaded->advisories)
            kept.push_back(a.id);
        EXPECT_EQ(streamed, kept) << source;
        EXPECT_EQ(info->records, loaded->info.records);
        EXPECT_EQ(info->format, loaded->info.format);
        EXPECT_EQ(info->withdrawn, loaded->info.withdrawn);
    }
}

TEST(StreamSource, ASinkErrorStopsTheLoadAndIsNeverCountedAsSkipped) {
    LoadOptions lenient;
    lenient.skip_invalid = true;
    int calls = 0;
    auto info = detail::stream_source(data_dir + "/mixed/osv", lenient, [&](Advisory&&) -> Status {
        ++calls;
        return fail(Errc::io, "disk full");
    });
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, Errc::io);
    EXPECT_EQ(info.error().message, "disk full");
    EXPECT_EQ(calls, 1);
}

TEST_F(StreamingImport, StoresExactlyWhatTheInMemoryMergeGives) {
    std::vector<Advisory> all;
    for (const auto& source : mixed()) {
        auto loaded = load_source(source, LoadOptions{});
        ASSERT_TRUE(loaded);
        for (auto& a : loaded->advisories)
            all.push_back(std::move(a));
    }
    const auto merged = merge_aliases(std::move(all));
    auto info = import_sources(dir, mixed(), false);
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(info->advisories, merged.size());
    EXPECT_EQ(info->content_sha256, content_hash(merged));
    std::set<std::string> packages;
    for (const auto& a : merged)
        for (const auto& affected : a.affected)
            packages.insert(affected.package);
    EXPECT_EQ(info->packages, packages.size());

    auto db = Database::open(dir);
    ASSERT_TRUE(db);
    auto stored = db->all();
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->size(), merged.size());
    for (std::size_t i = 0; i < merged.size(); ++i) {
        EXPECT_EQ(to_json((*stored)[i], true), to_json(merged[i], true));
        for (const auto& affected : merged[i].affected) {
            auto found = db->for_package(affected.package);
            ASSERT_TRUE(found);
            bool listed = false;
            for (const auto& a : *found)
                listed = listed || a.id == merged[i].id;
            EXPECT_TRUE(listed) << merged[i].id << " not indexed under " << affected.package;
        }
    }
}

TEST_F(StreamingImport, AFailedSourceLeavesNoDatabaseBehind) {
    auto sources = mixed();
    sources.push_back(data_dir + "/bad/malformed.json");
    auto info = import_sources(dir, sources, false);
    ASSERT_FALSE(info);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) // only the lock file may remain
        EXPECT_EQ(entry.path().filename(), ".lock");
}

// many-entries.zip: 300 entries (more than the inflating thread hands over in one batch), the
// 251st of them truncated.
TEST(StreamSource, ManyZipEntriesComeInArchiveOrderAndTheBadOneIsNamed) {
    const std::string zip = data_dir + "/many-entries.zip";
    auto strict =
        detail::stream_source(zip, LoadOptions{}, [](Advisory&&) -> Status { return {}; });
    ASSERT_FALSE(strict);
    EXPECT_EQ(strict.error().code, Errc::parse);
    EXPECT_NE(strict.error().file.find("many-entries.zip!/0250-broken.json"), std::string::npos)
        << strict.error().file;
    EXPECT_EQ(strict.error().line, 4u);

    LoadOptions lenient;
    lenient.skip_invalid = true;
    std::vector<std::string> ids;
    auto info = detail::stream_source(zip, lenient, [&](Advisory&& a) -> Status {
        ids.push_back(a.id);
        return {};
    });
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(info->skipped, 1u);
    ASSERT_EQ(ids.size(), 299u);
    for (std::size_t i = 0, n = 0; n < 300; ++n) {
        if (n == 250)
            continue;
        char id[32];
        std::snprintf(id, sizeof id, "MAL-2026-%04zu", n);
        EXPECT_EQ(ids[i++], id);
    }
}

TEST(StreamSource, ASinkErrorMidArchiveStopsTheInflatingThreadToo) {
    int calls = 0;
    auto info = detail::stream_source(data_dir + "/many-entries.zip", LoadOptions{},
                                      [&](Advisory&&) -> Status {
                                          if (++calls == 100)
                                              return fail(Errc::io, "disk full");
                                          return {};
                                      });
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().message, "disk full");
    EXPECT_EQ(calls, 100);
}
