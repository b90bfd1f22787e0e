// Integrity strings are decoded on a second core while the model is finished (sorted, merged,
// edges resolved), then put back by where each package came from. Enough packages to take the
// parallel path, written in descending order so that sorting moves every one of them.
#include <gtest/gtest.h>
#include <string>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/util/encoding.hpp>

using namespace vouch::lockfile;

namespace {

constexpr int k_packages = 400;

std::vector<std::uint8_t> digest_of(int i) {
    std::vector<std::uint8_t> bytes(32, 0);
    bytes[0] = static_cast<std::uint8_t>(i & 0xff);
    bytes[1] = static_cast<std::uint8_t>(i >> 8);
    bytes[31] = 0x5a;
    return bytes;
}

bool rejected(int i) {
    return i % 97 == 0;
}

std::string lockfile_text() {
    std::string text = R"({"lockfileVersion": 3, "packages": {"": {"name": "app"},)";
    for (int i = k_packages - 1; i >= 0; --i) {
        const std::string integrity =
            rejected(i) ? "sha512-notbase64!"
                        : "sha256-" + vouch::util::base64_encode(digest_of(i).data(), 32);
        text += "\"node_modules/p" + std::to_string(i) + "\": {\"version\": \"1.0.0\", " +
                "\"integrity\": \"" + integrity + "\"},";
    }
    // The same location twice: the entry that knows its version wins, with its own digest.
    text += R"("node_modules/dup": {"integrity": "sha256-)" +
            vouch::util::base64_encode(digest_of(1000).data(), 32) + R"("},)";
    text += R"("node_modules/dup": {"version": "2.0.0", "integrity": "sha256-)" +
            vouch::util::base64_encode(digest_of(2000).data(), 32) + R"("}}})";
    return text;
}

} // namespace

TEST(IntegrityDecoding, EachPackageGetsItsOwnDigestAfterSorting) {
    const auto lock = parse_lockfile(lockfile_text(), "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    ASSERT_EQ(lock->packages.size(), static_cast<std::size_t>(k_packages) + 2);
    for (int i = 0; i < k_packages; ++i) {
        const auto index = lock->find("node_modules/p" + std::to_string(i));
        ASSERT_NE(index, npos) << i;
        const Package& p = lock->packages[index];
        if (rejected(i)) {
            EXPECT_EQ(p.integrity, "") << i;
            EXPECT_TRUE(p.digests.empty()) << i;
            continue;
        }
        ASSERT_EQ(p.digests.size(), 1u) << i;
        EXPECT_EQ(p.digests[0].algorithm, "sha256");
        EXPECT_EQ(p.digests[0].hex(), vouch::util::to_hex(digest_of(i).data(), 32)) << i;
    }
    const Package& dup = lock->packages[lock->find("node_modules/dup")];
    EXPECT_EQ(dup.version, "2.0.0");
    ASSERT_EQ(dup.digests.size(), 1u);
    EXPECT_EQ(dup.digests[0].hex(), vouch::util::to_hex(digest_of(2000).data(), 32));
}

TEST(IntegrityDecoding, WarningsKeepTheLockfilesOrderBeforeTheTreesProblems) {
    const auto lock = parse_lockfile(lockfile_text(), "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    // Rejected in the order written (descending), then "not reachable from the root".
    const std::vector<int> bad{388, 291, 194, 97, 0};
    ASSERT_EQ(lock->warnings.size(), bad.size() + 1);
    for (std::size_t w = 0; w < bad.size(); ++w) {
        EXPECT_EQ(lock->warnings[w].rfind("node_modules/p" + std::to_string(bad[w]) + ": ", 0), 0u)
            << lock->warnings[w];
    }
    EXPECT_NE(lock->warnings.back().find("not reachable from the root"), std::string::npos)
        << lock->warnings.back();
}
