// TreeInspection fed file by file (as sign's hashing read does, in any order, from several
// threads) gives the same outcome as run()'s own walk.
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <thread>
#include <vouch/inspect/inspect.hpp>

using namespace vouch;
using namespace vouch::inspect;
namespace fs = std::filesystem;

TEST(TreeInspection, FedFromOutsideEqualsRun) {
    const fs::path dir = fs::path(::testing::TempDir()) / "tree_inspection";
    fs::remove_all(dir);
    const fs::path out = dir / ".vercel" / "output";
    fs::create_directories(out / "static" / "js");
    fs::create_directories(out / "static" / ".git");
    std::ofstream(out / "config.json") << R"({"version": 3, "routes": []})";
    std::ofstream(out / "static" / "js" / "a.js")
        << "x\nvar u='postgres://app:Qz8rT2mW9xLk@db/x';\n";
    std::ofstream(out / "static" / "js" / "a.js.map") << "{}";
    std::ofstream(out / "static" / ".git" / "HEAD") << "ref";
    std::ofstream(out / "static" / ".git" / "config") << "[core]";
    const auto now = *util::parse_rfc3339("2026-11-25");

    Options options;
    options.dir = dir;
    options.now = now;
    auto expected = run(options);
    ASSERT_TRUE(expected) << expected.error().describe();

    auto where = locate(dir);
    ASSERT_TRUE(where);
    TreeInspection inspection(*where, {}, {});
    std::vector<std::string> files = {"static/js/a.js.map", "static/.git/config", "config.json",
                                      "static/.git/HEAD", "static/js/a.js"};
    std::vector<std::thread> threads;
    for (const auto& file : files) {
        threads.emplace_back([&, file] {
            auto scanner = inspection.open(file);
            if (scanner) {
                std::ifstream in(out / file, std::ios::binary);
                std::string text((std::istreambuf_iterator<char>(in)), {});
                for (std::size_t at = 0; at < text.size(); at += 3) {
                    scanner->feed(std::string_view(text).substr(at, 3));
                }
                inspection.close(std::move(scanner), text.size());
            }
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    auto fed = inspection.finish(now);
    ASSERT_TRUE(fed) << fed.error().describe();
    EXPECT_EQ(render_json(*fed), render_json(*expected));
    EXPECT_EQ(fed->rule_counts().at("database-url-password"), 1U);
    EXPECT_EQ(fed->rule_counts().at("public-git-dir"), 1U);
    fs::remove_all(dir);
}
