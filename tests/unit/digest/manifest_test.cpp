#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>

using namespace vouch;
using namespace vouch::digest;
namespace fs = std::filesystem;

namespace {

class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "vouch-digest-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { fs::remove_all(path); }
    fs::path path;
};

void write(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

const std::string k_abc_sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string k_empty_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

} // namespace

TEST(Sha256, KnownAnswers) {
    EXPECT_EQ(sha256_hex("abc"), k_abc_sha);
    EXPECT_EQ(sha256_hex(""), k_empty_sha);
}

TEST(Sha256, FileStreamingMatchesOneShotAndFeedsTheSink) {
    TempDir dir;
    std::string big(3 * 1024 * 1024 + 17, 'x'); // spans several 1 MiB reads
    for (std::size_t i = 0; i < big.size(); i += 4093) {
        big[i] = static_cast<char>(i);
    }
    write(dir.path / "big", big);
    std::size_t seen = 0;
    auto digest =
        hash_file(dir.path / "big", [&](const std::uint8_t*, std::size_t n) { seen += n; });
    ASSERT_TRUE(digest) << digest.error().describe();
    EXPECT_EQ(digest->size, big.size());
    EXPECT_EQ(digest->sha256, sha256_hex(big));
    EXPECT_EQ(seen, big.size());
    EXPECT_FALSE(hash_file(dir.path / "missing"));
}

TEST(Manifest, CanonicalTextAndDigest) {
    TempDir dir;
    write(dir.path / "b.txt", "abc");
    write(dir.path / "a/empty", "");
    write(dir.path / "a/with space%.txt", "abc");
    fs::create_directory_symlink("a", dir.path / "z.func");
    auto manifest = build_manifest(dir.path, {});
    ASSERT_TRUE(manifest) << manifest.error().describe();
    const std::string expected = "vouch-manifest v1\n"
                                 "file a/empty 0 " +
                                 k_empty_sha +
                                 "\n"
                                 "file a/with%20space%25.txt 3 " +
                                 k_abc_sha +
                                 "\n"
                                 "file b.txt 3 " +
                                 k_abc_sha +
                                 "\n"
                                 "link z.func a\n";
    EXPECT_EQ(serialize_manifest(*manifest), expected);
    EXPECT_EQ(manifest_sha256(*manifest), sha256_hex(expected));
    auto parsed = parse_manifest(expected, "m");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(parsed->entries, manifest->entries);
}

TEST(Manifest, SameTreeSameDigestWhateverTheThreadCount) {
    TempDir dir;
    for (int i = 0; i < 300; ++i) {
        write(dir.path / ("d" + std::to_string(i % 7)) / ("f" + std::to_string(i)),
              std::string(static_cast<std::size_t>(i * 37), static_cast<char>('a' + i % 26)));
    }
    auto one = build_manifest(dir.path, {ExternalLinks::refuse, 1});
    auto four = build_manifest(dir.path, {ExternalLinks::refuse, 4});
    ASSERT_TRUE(one && four);
    EXPECT_EQ(one->entries.size(), 300U);
    EXPECT_EQ(serialize_manifest(*one), serialize_manifest(*four));
}

TEST(Manifest, ExternalLinksRefusedUnlessAllowed) {
    TempDir dir;
    write(dir.path / "tree/a", "x");
    fs::create_symlink("../../outside", dir.path / "tree/up");
    auto refused = build_manifest(dir.path / "tree", {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::rejected);
    auto allowed = build_manifest(dir.path / "tree", {ExternalLinks::allow, 0});
    ASSERT_TRUE(allowed);
    EXPECT_EQ(allowed->entries.back().target, "../../outside");

    TempDir abs;
    write(abs.path / "a", "x");
    fs::create_symlink("/etc/passwd", abs.path / "passwd");
    EXPECT_FALSE(build_manifest(abs.path, {}));
}

TEST(Manifest, LinksInsideTheTreeAreNotFollowed) {
    TempDir dir;
    write(dir.path / "functions/a.func/index.js", "one");
    fs::create_directory_symlink("a.func", dir.path / "functions/b.func");
    auto manifest = build_manifest(dir.path, {});
    ASSERT_TRUE(manifest);
    ASSERT_EQ(manifest->entries.size(), 2U);
    EXPECT_EQ(manifest->entries[1].path, "functions/b.func");
    EXPECT_EQ(manifest->entries[1].kind, ManifestEntry::Kind::symlink);
}

TEST(Manifest, FifoAndSocketAreErrors) {
    TempDir dir;
    write(dir.path / "a", "x");
    ASSERT_EQ(::mkfifo((dir.path / "pipe").c_str(), 0600), 0);
    auto result = build_manifest(dir.path, {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::unsupported);
    EXPECT_NE(result.error().message.find("fifo"), std::string::npos);

    TempDir sock_dir;
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const auto sock_path = (sock_dir.path / "s").string();
    ASSERT_LT(sock_path.size(), sizeof addr.sun_path);
    std::copy(sock_path.begin(), sock_path.end(), addr.sun_path);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    auto sock_result = build_manifest(sock_dir.path, {});
    ::close(fd);
    ASSERT_FALSE(sock_result);
    EXPECT_NE(sock_result.error().message.find("socket"), std::string::npos);
}

TEST(Manifest, ParserRejectsHostileAndMalformedText) {
    const std::string sha(64, 'a');
    const std::string h = "vouch-manifest v1\n";
    for (const std::string& bad : {std::string(""),
                                   std::string("vouch-manifest v2\n"),
                                   h + "file ../x 1 " + sha + "\n",
                                   h + "file /etc/passwd 1 " + sha + "\n",
                                   h + "file a/../../b 1 " + sha + "\n",
                                   h + "file a//b 1 " + sha + "\n",
                                   h + "file ./a 1 " + sha + "\n",
                                   h + "file a/ 1 " + sha + "\n",
                                   h + "file a 01 " + sha + "\n",
                                   h + "file a -1 " + sha + "\n",
                                   h + "file a 1 " + std::string(64, 'A') + "\n",
                                   h + "file a 1 abc\n",
                                   h + "file a 1 " + sha,
                                   h + "file b 1 " + sha + "\nfile a 1 " + sha + "\n",
                                   h + "file a 1 " + sha + "\nfile a 1 " + sha + "\n",
                                   h + "link a\n",
                                   h + "link a %2\n",
                                   h + "link a%41 b\n",
                                   h + "link a%0a b\n",
                                   h + "dir a\n",
                                   h + "file a  1 " + sha + "\n",
                                   h + "file a 99999999999999999999999 " + sha + "\n",
                                   h + "file a\tb 1 " + sha + "\n"}) {
        auto result = parse_manifest(bad, "m");
        EXPECT_FALSE(result) << bad;
        if (!result) {
            EXPECT_EQ(result.error().code, Errc::parse);
        }
    }
    EXPECT_TRUE(parse_manifest(h, "m")); // an empty directory
    auto error = parse_manifest(h + "file a 1 " + sha + "\nfile ../b 1 " + sha + "\n", "m");
    ASSERT_FALSE(error);
    EXPECT_EQ(error.error().line, 3U);
}

TEST(Manifest, DiffNamesAddedRemovedChanged) {
    const std::string sha(64, 'a');
    const std::string other(64, 'b');
    auto parse = [](const std::string& text) { return *parse_manifest(text, "m"); };
    const auto expected = parse("vouch-manifest v1\nfile a 1 " + sha + "\nfile b 1 " + sha +
                                "\nfile c 1 " + sha + "\nlink l a\n");
    const auto actual = parse("vouch-manifest v1\nfile a 1 " + other + "\nfile c 1 " + sha +
                              "\nfile d 1 " + sha + "\nlink l c\n");
    const auto diff = diff_manifests(expected, actual);
    EXPECT_EQ(diff.added, std::vector<std::string>{"d"});
    EXPECT_EQ(diff.removed, std::vector<std::string>{"b"});
    EXPECT_EQ(diff.changed, (std::vector<std::string>{"a", "l"}));
    EXPECT_TRUE(diff_manifests(expected, expected).empty());
}

TEST(Sha256, HashFileRefusesAFifoWithoutBlocking) {
    TempDir dir;
    ASSERT_EQ(::mkfifo((dir.path / "pipe").c_str(), 0600), 0);
    auto result = hash_file(dir.path / "pipe");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::io);
}
