#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>
#include <vouch/advisory/database.hpp>
#include <vouch/util/file.hpp>

using namespace vouch;
using namespace vouch::advisory;
namespace fs = std::filesystem;

namespace {

const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

class DatabaseTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("vouch-db-test-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir);
        fs::create_directories(dir);
        ::setenv("VOUCH_NOW", "2026-11-20T10:00:00Z", 1);
    }
    void TearDown() override {
        fs::remove_all(dir);
        ::unsetenv("VOUCH_NOW");
    }
    std::vector<fs::path> mixed() const {
        return {data_dir + "/mixed/osv", data_dir + "/mixed/bulk.json",
                data_dir + "/mixed/wg-77.json", data_dir + "/mixed/graphql.json"};
    }
    fs::path dir;
};

} // namespace

TEST_F(DatabaseTest, MissingDatabaseTellsWhatToRun) {
    auto db = Database::open(dir / "db");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, Errc::io);
    EXPECT_NE(db.error().message.find("vouch db import"), std::string::npos);
}

TEST_F(DatabaseTest, ImportThenLookUpByPackage) {
    auto info = import_sources(dir / "db", mixed(), false);
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(info->advisories, 4u);
    EXPECT_EQ(info->packages, 4u);
    EXPECT_EQ(info->imported_at, "2026-11-20T10:00:00Z");
    EXPECT_EQ(info->content_sha256.size(), 64u);
    ASSERT_EQ(info->sources.size(), 4u);
    EXPECT_EQ(info->sources[0].format, "osv");
    EXPECT_EQ(info->sources[0].withdrawn, 1u);

    auto db = Database::open(dir / "db");
    ASSERT_TRUE(db) << db.error().describe();
    EXPECT_EQ(db->info().content_sha256, info->content_sha256);
    EXPECT_EQ(db->info().advisories, 4u);
    EXPECT_EQ(db->info().sources.size(), 4u);
    auto left = db->for_package("left-pad");
    ASSERT_TRUE(left);
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ((*left)[0].id, "GHSA-aaaa-bbbb-cccc");
    EXPECT_EQ((*left)[0].affected[0].ranges.size(), 4u);
    auto evil = db->for_package("evil-pkg");
    ASSERT_TRUE(evil);
    ASSERT_EQ(evil->size(), 1u);
    EXPECT_TRUE((*evil)[0].malicious);
    auto none = db->for_package("no-such-package");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->empty());
    EXPECT_TRUE(db->for_package("innocent")->empty()) << "withdrawn record not imported";

    ::setenv("VOUCH_NOW", "2026-11-27T09:59:59Z", 1);
    EXPECT_EQ(*database_age_days(db->info()), 6);
    ::setenv("VOUCH_NOW", "2026-11-27T10:00:00Z", 1);
    EXPECT_EQ(*database_age_days(db->info()), 7);
}

TEST_F(DatabaseTest, ContentHashIgnoresSourcePathsAndOrder) {
    auto a = import_sources(dir / "a", mixed(), false);
    fs::copy(data_dir + "/mixed", dir / "copy", fs::copy_options::recursive);
    auto reversed = std::vector<fs::path>{dir / "copy/graphql.json", dir / "copy/wg-77.json",
                                          dir / "copy/bulk.json", dir / "copy/osv"};
    auto b = import_sources(dir / "b", reversed, false);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->content_sha256, b->content_sha256);
    auto c = import_sources(dir / "c", {data_dir + "/mixed/bulk.json"}, false);
    ASSERT_TRUE(c);
    EXPECT_NE(a->content_sha256, c->content_sha256);
}

TEST_F(DatabaseTest, FailedImportLeavesPreviousDatabaseIntact) {
    ASSERT_TRUE(import_sources(dir / "db", mixed(), false));
    auto before = util::read_file(dir / "db" / k_database_file);
    ASSERT_TRUE(before);
    auto failed =
        import_sources(dir / "db", {data_dir + "/mixed/bulk.json", data_dir + "/bad"}, false);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::parse);
    auto after = util::read_file(dir / "db" / k_database_file);
    ASSERT_TRUE(after);
    EXPECT_EQ(*before, *after);
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir / "db"))
        files += entry.path().filename() == ".lock" ? 0 : 1; // the lock file stays, empty
    EXPECT_EQ(files, 1u) << "no temp file left behind";
}

TEST_F(DatabaseTest, ImportReplacesUnlessAdd) {
    ASSERT_TRUE(import_sources(dir / "db", {data_dir + "/mixed/bulk.json"}, false));
    auto replaced = import_sources(dir / "db", {data_dir + "/mixed/graphql.json"}, false);
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->sources.size(), 1u);
    EXPECT_EQ(replaced->advisories, 2u);
    {
        auto db = Database::open(dir / "db");
        ASSERT_TRUE(db);
        EXPECT_TRUE(db->for_package("right-pad")->empty());
    }
    auto added = import_sources(dir / "db", {data_dir + "/mixed/bulk.json"}, true);
    ASSERT_TRUE(added) << added.error().describe();
    EXPECT_EQ(added->sources.size(), 2u);
    EXPECT_EQ(added->advisories, 3u) << "left-pad merges across the two imports";
    auto db = Database::open(dir / "db");
    ASSERT_TRUE(db);
    auto left = db->for_package("left-pad");
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ((*left)[0].sources.size(), 2u);
    EXPECT_EQ(db->for_package("right-pad")->size(), 1u);
}

TEST_F(DatabaseTest, SkipInvalidRecordsCountAndWarn) {
    ImportOptions options;
    std::size_t warnings = 0;
    options.skip_invalid = true;
    options.on_skipped = [&](const Error&) { ++warnings; };
    auto info = import_sources(dir / "db", {data_dir + "/bad"}, options);
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(warnings, 1u);
    EXPECT_EQ(info->sources[0].skipped, 1u);
    EXPECT_EQ(info->advisories, 1u);
}

TEST_F(DatabaseTest, NotADatabaseIsRejected) {
    fs::create_directories(dir / "db");
    std::ofstream(dir / "db" / k_database_file) << "this is not sqlite";
    auto db = Database::open(dir / "db");
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().code, Errc::internal);
}

TEST_F(DatabaseTest, MemoryIndexHasTheSameLookup) {
    auto index = MemoryIndex::load(mixed());
    ASSERT_TRUE(index) << index.error().describe();
    EXPECT_EQ(index->advisories().size(), 4u);
    EXPECT_EQ(index->sources().size(), 4u);
    auto left = index->for_package("left-pad");
    ASSERT_TRUE(left);
    ASSERT_EQ(left->size(), 1u);
    EXPECT_EQ((*left)[0].id, "GHSA-aaaa-bbbb-cccc");
    EXPECT_TRUE(index->for_package("nothing")->empty());
    const AdvisoryLookup& lookup = *index;
    EXPECT_EQ(lookup.for_package("exact-pkg")->size(), 1u);
}

TEST_F(DatabaseTest, DatabaseDirectoryResolution) {
    // The location comes from the flag or the environment the CLI passes in; the library
    // itself reads no environment variable.
    ::setenv("VOUCH_DB", "/must/not/be/read", 1);
    EXPECT_EQ(*resolve_database_dir("/x/y", {"/from/env", "/xdg", "/home/u"}), fs::path("/x/y"));
    EXPECT_EQ(*resolve_database_dir("", {"/from/env", "/xdg", "/home/u"}), fs::path("/from/env"));
    EXPECT_EQ(*resolve_database_dir("", {"", "/xdg", "/home/u"}), fs::path("/xdg/vouch/db"));
    EXPECT_EQ(*resolve_database_dir("", {"", "", "/home/u"}), fs::path("/home/u/.cache/vouch/db"));
    auto none = resolve_database_dir("", {});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::usage);
    ::unsetenv("VOUCH_DB");
}
