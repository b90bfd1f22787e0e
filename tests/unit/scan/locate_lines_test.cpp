// locate_lines finds every install's lockfile key in one pass over the text; the lines must be
// those of the first occurrence used as a key (lockfile) or of the first occurrence (SBOM).
#include <gtest/gtest.h>
#include <vouch/scan/scan.hpp>

using namespace vouch;

namespace {

scan::Finding finding_at(std::vector<std::pair<std::size_t, std::string>> installs) {
    scan::Finding f;
    for (auto& [index, location] : installs) {
        scan::Install install;
        install.index = index;
        install.location = std::move(location);
        f.installs.push_back(std::move(install));
    }
    return f;
}

} // namespace

TEST(LocateLines, FindsTheKeyNotAnEarlierValueAndSharesQuotes) {
    const std::string text = "{\n"
                             "  \"x\": \"node_modules/a\",\n"            // 2: a value
                             "  \"packages\": {\n"                       // 3
                             "    \"node_modules/a\": {},\n"             // 4: the key
                             "    \"node_modules/b\"  :\n {},\n"         // 5: key, spaced colon
                             "    \"node_modules/a\": {}\n"              // 7: a later duplicate
                             "  },\n  \"q\": \"\"\"node_modules/c\"\n}"; // 8-9: c, never a key
    lockfile::Lockfile lock;
    lock.lockfile_version = 3;
    std::vector<scan::Finding> findings{
        finding_at({{1, "node_modules/a"}, {2, "node_modules/b"}}),
        finding_at({{3, "node_modules/c"}, {1, "node_modules/a"}, {4, "node_modules/zz"}})};
    scan::locate_lines(findings, text, lock, true);
    EXPECT_EQ(findings[0].installs[0].line, 4u);
    EXPECT_EQ(findings[0].installs[1].line, 5u);
    EXPECT_EQ(findings[1].installs[0].line, 0u);
    EXPECT_EQ(findings[1].installs[1].line, 4u);
    EXPECT_EQ(findings[1].installs[2].line, 0u);

    // An SBOM: the first occurrence, key or not.
    std::vector<scan::Finding> in_sbom{finding_at({{1, "node_modules/a"}, {3, "node_modules/c"}})};
    scan::locate_lines(in_sbom, text, lock, false);
    EXPECT_EQ(in_sbom[0].installs[0].line, 2u);
    EXPECT_EQ(in_sbom[0].installs[1].line, 9u);
}
