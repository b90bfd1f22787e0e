// ManifestOptions::file_tap sees every regular file's bytes in the hashing read, then an end call.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <mutex>
#include <vouch/digest/manifest.hpp>

using namespace vouch;
namespace fs = std::filesystem;

TEST(FileTap, SeesEveryFileOnceWithAllItsBytes) {
    const fs::path root = fs::path(::testing::TempDir()) / "file_tap_tree";
    fs::remove_all(root);
    fs::create_directories(root / "static" / "js");
    const std::string big(300000, 'x');
    std::ofstream(root / "static" / "js" / "a.js") << big;
    std::ofstream(root / "config.json") << "{}";
    fs::create_symlink("config.json", root / "link.json");

    std::mutex mutex;
    std::map<std::string, std::string> seen;
    std::map<std::string, int> ends;
    digest::ManifestOptions options;
    options.threads = 2;
    options.file_tap = [&](const std::string& path) -> digest::Sink {
        return [&, path](const std::uint8_t* data, std::size_t size) {
            std::lock_guard lock(mutex);
            if (data == nullptr) {
                ++ends[path];
            } else {
                seen[path].append(reinterpret_cast<const char*>(data), size);
            }
        };
    };
    auto manifest = digest::build_manifest(root, options);
    ASSERT_TRUE(manifest) << manifest.error().describe();
    EXPECT_EQ(seen.size(), 2U); // the symlink is not read
    EXPECT_EQ(seen["static/js/a.js"], big);
    EXPECT_EQ(seen["config.json"], "{}");
    EXPECT_EQ(ends["static/js/a.js"], 1);
    EXPECT_EQ(ends["config.json"], 1);
    fs::remove_all(root);
}
