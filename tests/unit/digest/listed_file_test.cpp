// A file swapped between the directory walk and its hashing (issue 7 item 12): never followed,
// always an error.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>

using namespace vouch;
namespace fs = std::filesystem;

namespace {

struct Tree {
    fs::path root;
    fs::path outside;
    Tree() {
        std::string pattern = (fs::temp_directory_path() / "vouch-swap-XXXXXX").string();
        const fs::path base = ::mkdtemp(pattern.data());
        root = base / "tree";
        outside = base / "secret.txt";
        fs::create_directories(root);
        write(root / "a.txt", "listed content");
        write(outside, "outside the tree");
    }
    ~Tree() { fs::remove_all(root.parent_path()); }
    static void write(const fs::path& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }
    digest::ListedFile listed(const fs::path& path) const {
        struct stat st {};
        EXPECT_EQ(::lstat(path.c_str(), &st), 0);
        return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                static_cast<std::uint64_t>(st.st_size)};
    }
};

} // namespace

TEST(ListedFile, HashesTheFileThatWasListed) {
    Tree t;
    auto digest = digest::hash_listed_file(t.root / "a.txt", t.listed(t.root / "a.txt"));
    ASSERT_TRUE(digest) << digest.error().describe();
    EXPECT_EQ(digest->sha256, digest::sha256_hex("listed content"));
}

TEST(ListedFile, ASymlinkSwappedInIsNotFollowed) {
    Tree t;
    const auto listed = t.listed(t.root / "a.txt");
    fs::remove(t.root / "a.txt");
    fs::create_symlink(t.outside, t.root / "a.txt");
    auto digest = digest::hash_listed_file(t.root / "a.txt", listed);
    ASSERT_FALSE(digest);
    EXPECT_EQ(digest.error().code, Errc::io);
    EXPECT_NE(digest.error().message.find("symlink"), std::string::npos);
}

TEST(ListedFile, AnotherFileSwappedInIsAnError) {
    Tree t;
    const auto listed = t.listed(t.root / "a.txt");
    Tree::write(t.root / "b.txt", "listed content"); // same size, another inode
    fs::rename(t.root / "b.txt", t.root / "a.txt");
    auto digest = digest::hash_listed_file(t.root / "a.txt", listed);
    ASSERT_FALSE(digest);
    EXPECT_EQ(digest.error().code, Errc::io);
}

TEST(ListedFile, AFileThatChangedSizeIsAnError) {
    Tree t;
    const auto listed = t.listed(t.root / "a.txt");
    std::ofstream(t.root / "a.txt", std::ios::app) << " and more";
    auto digest = digest::hash_listed_file(t.root / "a.txt", listed);
    ASSERT_FALSE(digest);
    EXPECT_EQ(digest.error().code, Errc::io);
}

TEST(ListedFile, BuildManifestRefusesASwapBetweenListingAndHashing) {
    Tree t;
    digest::ManifestOptions options;
    options.threads = 1;
    options.after_walk = [&] {
        fs::remove(t.root / "a.txt");
        fs::create_symlink(t.outside, t.root / "a.txt");
    };
    auto manifest = digest::build_manifest(t.root, options);
    ASSERT_FALSE(manifest) << "the swapped-in symlink was followed out of the tree";
    EXPECT_EQ(manifest.error().code, Errc::io);
    EXPECT_NE(manifest.error().message.find("symlink"), std::string::npos);
}
