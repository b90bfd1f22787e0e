// The dependency graph of monorepos (issue 8 items 8, 10, 11): the root has an edge to each
// workspace member, only `workspaces` globs make a workspace, devDependencies edges are known,
// and every package of every corpus lockfile is reachable from the root (extraneous aside).
#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch;
using namespace vouch::lockfile;
namespace fs = std::filesystem;

namespace {

const char* k_monorepo = R"({
  "name": "mono", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": { "name": "mono", "workspaces": ["packages/*", "apps/**", "!packages/private"],
          "dependencies": { "local-lib": "file:libs/local-lib" },
          "devDependencies": { "tool": "^1.0.0" } },
    "node_modules/@m/ui": { "resolved": "packages/ui", "link": true },
    "node_modules/@m/web": { "resolved": "apps/site/web", "link": true },
    "node_modules/@m/private": { "resolved": "packages/private", "link": true },
    "node_modules/local-lib": { "resolved": "libs/local-lib", "link": true },
    "packages/ui": { "name": "@m/ui", "version": "1.0.0",
                     "dependencies": { "tar": "^7.0.0" }, "devDependencies": { "tool": "^1.0.0" } },
    "apps/site/web": { "name": "@m/web", "version": "1.0.0", "devDependencies": { "tar": "^7.0.0" } },
    "packages/private": { "name": "@m/private", "version": "1.0.0" },
    "libs/local-lib": { "name": "local-lib", "version": "1.0.0" },
    "node_modules/tar": { "version": "7.4.3" },
    "node_modules/tool": { "version": "1.0.0", "dev": true }
  }
})";

Lockfile parse_ok(const char* text) {
    auto lock = parse_lockfile(text, "package-lock.json");
    EXPECT_TRUE(lock) << (lock ? "" : lock.error().describe());
    return lock ? std::move(*lock) : Lockfile{};
}

const Package& at(const Lockfile& lock, std::string_view location) {
    const auto i = lock.find(location);
    EXPECT_NE(i, npos) << location;
    return lock.packages.at(i);
}

bool has_edge(const Lockfile& lock, std::string_view from, std::string_view to) {
    const auto& edges = at(lock, from).depends_on;
    return std::find(edges.begin(), edges.end(), lock.find(to)) != edges.end();
}

std::vector<std::size_t> unreachable(const Lockfile& lock) {
    std::vector<bool> seen(lock.packages.size(), false);
    std::deque<std::size_t> queue{0};
    seen[0] = true;
    while (!queue.empty()) {
        auto current = queue.front();
        queue.pop_front();
        for (auto next : lock.packages[current].depends_on) {
            if (!seen[next]) {
                seen[next] = true;
                queue.push_back(next);
            }
        }
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        if (!seen[i] && !lock.packages[i].extraneous) {
            out.push_back(i);
        }
    }
    return out;
}

} // namespace

TEST(Workspaces, OnlyGlobMatchedLinkTargetsAreWorkspaces) {
    const auto lock = parse_ok(k_monorepo);
    EXPECT_EQ(lock.root().workspaces,
              (std::vector<std::string_view>{"packages/*", "apps/**", "!packages/private"}));
    EXPECT_TRUE(at(lock, "packages/ui").is_workspace);
    EXPECT_TRUE(at(lock, "apps/site/web").is_workspace);     // ** spans folders
    EXPECT_FALSE(at(lock, "packages/private").is_workspace); // excluded by !glob
    // A plain file: dependency is a directory, not a workspace.
    EXPECT_EQ(at(lock, "libs/local-lib").source, Source::directory);
    EXPECT_FALSE(at(lock, "libs/local-lib").is_workspace);
}

TEST(Workspaces, WithoutAWorkspacesFieldNothingIsAWorkspace) {
    const auto lock = parse_ok(R"({"lockfileVersion": 3, "packages": {
      "": {"name": "r", "dependencies": {"x": "file:x"}},
      "node_modules/x": {"resolved": "x", "link": true},
      "x": {"name": "x", "version": "1.0.0"}}})");
    EXPECT_FALSE(at(lock, "x").is_workspace);
}

TEST(Workspaces, TheRootHasAnEdgeToEachWorkspaceMember) {
    const auto lock = parse_ok(k_monorepo);
    EXPECT_TRUE(has_edge(lock, "", "packages/ui"));
    EXPECT_TRUE(has_edge(lock, "", "apps/site/web"));
    EXPECT_TRUE(has_edge(lock, "", "libs/local-lib")); // the root's own file: dependency
    EXPECT_FALSE(has_edge(lock, "", "packages/private"));
    EXPECT_TRUE(has_edge(lock, "packages/ui", "node_modules/tar"));
    // everything a workspace installs is reachable; the excluded member is extraneous
    EXPECT_TRUE(unreachable(lock).empty());
    EXPECT_TRUE(at(lock, "packages/private").extraneous);
}

TEST(Workspaces, DevOnlyEdgesAreKnown) {
    const auto lock = parse_ok(k_monorepo);
    const auto tar = lock.find("node_modules/tar");
    const auto tool = lock.find("node_modules/tool");
    const auto& web = at(lock, "apps/site/web").dev_only;
    EXPECT_EQ(web, std::vector<std::size_t>{tar});
    const auto& ui = at(lock, "packages/ui").dev_only;
    EXPECT_EQ(ui, std::vector<std::size_t>{tool}); // tar is a runtime dependency of ui
    EXPECT_EQ(lock.root().dev_only, std::vector<std::size_t>{tool});
    // --omit keeps the indices right
    const auto prod = apply_omit(lock, Omit{.dev = true});
    EXPECT_TRUE(prod.root().dev_only.empty());
}

TEST(Workspaces, NpmFiveLockfilesWithoutRequiresFollowTheNesting) {
    const auto lock = parse_ok(R"({"name": "old", "lockfileVersion": 1, "dependencies": {
      "a": {"version": "1.0.0", "dependencies": {"b": {"version": "2.0.0"}}},
      "c": {"version": "1.0.0"}}})");
    EXPECT_TRUE(unreachable(lock).empty());
    EXPECT_TRUE(has_edge(lock, "node_modules/a", "node_modules/a/node_modules/b"));
    EXPECT_FALSE(at(lock, "node_modules/c").extraneous);
    EXPECT_NE(std::find_if(lock.warnings.begin(), lock.warnings.end(),
                           [](const std::string& w) {
                               return w.find("approximated from the folder nesting") !=
                                      std::string::npos;
                           }),
              lock.warnings.end());
}

// Every component of every corpus lockfile is reachable from the root (extraneous entries
// aside, which are marked). Needs ../shared; skipped without it.
TEST(CorpusGraph, EveryPackageIsReachableFromTheRoot) {
    const fs::path archive = fs::path(VOUCH_SHARED_DIR) / "corpus" / "unpack.sh";
    if (!fs::exists(archive)) {
        GTEST_SKIP() << VOUCH_SHARED_DIR << "/corpus not found (beside the project only in CI)";
    }
    std::string pattern = (fs::temp_directory_path() / "vouch-corpus-XXXXXX").string();
    const fs::path dir = ::mkdtemp(pattern.data());
    const std::string command =
        "bash '" + archive.string() + "' '" + dir.string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::size_t checked = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const auto name = entry.path().filename();
        if (name != "package-lock.json" && name != "npm-shrinkwrap.json") {
            continue;
        }
        auto lock = load_lockfile(entry.path());
        if (!lock) {
            continue; // the corpus holds deliberately broken lockfiles too
        }
        ++checked;
        const auto missing = unreachable(*lock);
        EXPECT_TRUE(missing.empty())
            << entry.path() << ": " << missing.size() << " unreachable, e.g. "
            << lock->packages[missing.front()].location;
    }
    EXPECT_GT(checked, 100u);
    fs::remove_all(dir);
}
