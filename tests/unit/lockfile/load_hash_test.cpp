// load_lockfile hashes the lockfile on a second thread while it parses it; the digest is the
// SHA-256 of the bytes read, and a lockfile that fails to parse is refused as before (the
// hashing thread finishes before the text it reads is released: ASan builds check that).
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>
#include <vouch/digest/sha256.hpp>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "vouch-loadhash-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(path); }
};

std::string lockfile_with(int packages) {
    std::string text =
        R"({"name": "shop", "lockfileVersion": 3, "packages": {"": {"name": "shop"})";
    for (int i = 0; i < packages; ++i) {
        text += ",\"node_modules/p" + std::to_string(i) + "\": {\"version\": \"1.0.0\"}";
    }
    return text + "}}\n";
}

} // namespace

TEST(LoadLockfileHash, IsTheSha256OfTheBytesRead) {
    TempDir dir;
    for (const int packages : {0, 5000}) {
        const std::string text = lockfile_with(packages);
        auto lock = lockfile::load_lockfile(dir.path / "package-lock.json", text);
        ASSERT_TRUE(lock) << lock.error().describe();
        EXPECT_EQ(lock->text_sha256, digest::sha256_hex(text)) << packages;
        EXPECT_EQ(lock->packages.size(), static_cast<std::size_t>(packages) + 1);
    }
}

TEST(LoadLockfileHash, AMalformedLockfileIsStillRefused) {
    TempDir dir;
    std::string text = lockfile_with(5000);
    text.resize(text.size() / 2); // truncated mid-document
    const auto lock = lockfile::load_lockfile(dir.path / "package-lock.json", text);
    ASSERT_FALSE(lock);
    EXPECT_EQ(lock.error().code, Errc::parse);
    // Built from text in code, the model has no digest of its own.
    const auto parsed = lockfile::parse_lockfile(lockfile_with(1), "package-lock.json");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->text_sha256.empty());
}
