// The indexed Resolver must answer every require exactly as npm's walk up the node_modules
// chain (resolve_by_walk) does: nested copies, scoped names, links (also dangling ones),
// workspaces, v1 trees, and names npm could never install.
#include "../../../src/lockfile/resolve.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>
#include <string>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch;
using namespace vouch::lockfile;

namespace {

const char* k_tricky = R"({"name": "shop", "lockfileVersion": 3, "packages": {
  "": {"name": "shop", "workspaces": ["packages/*"], "dependencies": {"a": "*", "@s/b": "*",
       "ui": "*", "gone": "*", "a/b/c": "*", "node_modules": "*"}},
  "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "*", "@s/b": "*", "c": "*"}},
  "node_modules/a/node_modules/b": {"version": "2.0.0", "dependencies": {"c": "*", "a": "*"}},
  "node_modules/a/node_modules/b/node_modules/c": {"version": "3.0.0"},
  "node_modules/b": {"version": "1.0.0"},
  "node_modules/c": {"version": "1.0.0", "dependencies": {"b": "*", "ui": "*"}},
  "node_modules/@s/b": {"version": "1.0.0", "dependencies": {"a": "*", "c": "*"}},
  "node_modules/@s/b/node_modules/a": {"version": "9.0.0"},
  "node_modules/ui": {"resolved": "packages/ui", "link": true},
  "node_modules/gone": {"resolved": "packages/gone", "link": true},
  "node_modules/a/b/c": {"version": "0.0.1"},
  "node_modules/a/node_modules/node_modules/c": {"version": "6.6.6"},
  "node_modules/a/node_modules/node_modules/e": {"version": "6.6.6"},
  "node_modules/e": {"version": "1.0.0"},
  "packages/ui": {"name": "ui", "version": "0.1.0", "dependencies": {"a": "*", "b": "*", "d": "*"}},
  "packages/ui/node_modules/a": {"version": "5.0.0", "dependencies": {"b": "*"}},
  "packages/ui/node_modules/d": {"version": "1.0.0", "dependencies": {"a": "*", "c": "*"}}
}})";

const char* k_v1 = R"({"name": "old", "lockfileVersion": 1, "requires": true, "dependencies": {
  "a": {"version": "1.0.0", "requires": {"b": "^2"}, "dependencies": {
    "b": {"version": "2.0.0", "requires": {"c": "*"}}}},
  "b": {"version": "1.0.0"},
  "c": {"version": "1.0.0", "requires": {"a": "*"}},
  "local": {"version": "file:libs/local", "requires": {"b": "*"}, "dependencies": {
    "b": {"version": "3.0.0"}}}
}})";

std::string read(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Every package (and a few places that are not packages) asking for every name in the file.
void expect_same_answers(const Lockfile& lock, const std::string& what) {
    // Every name used below, plus names npm could never install.
    std::set<std::string> names = {
        "e", "zzz", "a/b/c", "node_modules", "@s/node_modules", "a/node_modules/b", ""};
    std::set<std::string> froms = {"", "node_modules", "packages", "node_modules/@s",
                                   "node_modules/x/node_modules/y"};
    for (const auto& p : lock.packages) {
        froms.insert(std::string(p.location));
        for (const auto* deps : {&p.dependencies, &p.optional_dependencies, &p.peer_dependencies,
                                 &p.dev_dependencies}) {
            for (const auto& [name, spec] : *deps) {
                names.insert(std::string(name));
            }
        }
    }
    for (const auto& link : lock.links) {
        froms.insert(std::string(link.location));
    }
    detail::Resolver resolver(lock);
    std::string scratch;
    std::size_t resolved = 0;
    for (const auto& from : froms) {
        for (const auto& name : names) {
            const auto walked = detail::resolve_by_walk(lock, from, name, scratch);
            EXPECT_EQ(resolver.resolve(from, name), walked)
                << what << ": " << name << " from '" << from << "'";
            resolved += walked != npos;
        }
    }
    EXPECT_GT(resolved, 0U) << what << ": nothing resolved at all";
}

} // namespace

TEST(Resolver, AnswersAsTheWalkOnATrickyTree) {
    const auto lock = parse_lockfile(k_tricky, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    expect_same_answers(*lock, "tricky v3");
    // Spot checks of what the walk itself answers.
    detail::Resolver resolver(*lock);
    EXPECT_EQ(lock->packages[resolver.resolve("node_modules/a/node_modules/b", "c")].version,
              "3.0.0");
    EXPECT_EQ(lock->packages[resolver.resolve("node_modules/a/node_modules/b", "a")].version,
              "1.0.0");
    EXPECT_EQ(lock->packages[resolver.resolve("packages/ui/node_modules/d", "a")].version, "5.0.0");
    EXPECT_EQ(lock->packages[resolver.resolve("node_modules/c", "ui")].location, "packages/ui");
    EXPECT_EQ(resolver.resolve("", "gone"), npos); // a dangling link
}

TEST(Resolver, AnswersAsTheWalkOnAV1Tree) {
    const auto lock = parse_lockfile(k_v1, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    expect_same_answers(*lock, "v1");
}

TEST(Resolver, AnswersAsTheWalkOnEveryFixtureLockfile) {
    std::size_t files = 0;
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(std::filesystem::path(VOUCH_TEST_DATA))) {
        if (entry.path().filename() != "package-lock.json" &&
            entry.path().filename() != "minimal-v3.json") {
            continue;
        }
        const auto lock = parse_lockfile(read(entry.path()), entry.path().string());
        if (lock) {
            expect_same_answers(*lock, entry.path().string());
            ++files;
        }
    }
    EXPECT_GE(files, 3U);
}

TEST(PackageOrder, ScrambledEntriesEndUpSortedByLocation) {
    // Five descending runs of different lengths (npm's own order breaks byte order only here
    // and there; a hand-edited lockfile can be in any order).
    const char* names[] = {"q", "z", "b", "y", "c", "d", "x", "a", "w", "e", "f", "g", "@s/k"};
    std::string text = R"({"lockfileVersion": 3, "packages": {"": {"name": "r"})";
    for (const char* name : names) {
        text += std::string(",\"node_modules/") + name + "\": {\"version\": \"1.0.0\"}";
    }
    text += "}}";
    const auto lock = parse_lockfile(text, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    ASSERT_EQ(lock->packages.size(), std::size(names) + 1);
    EXPECT_EQ(lock->packages[0].location, "");
    for (std::size_t i = 2; i < lock->packages.size(); ++i) {
        EXPECT_LT(lock->packages[i - 1].location, lock->packages[i].location) << i;
    }
    EXPECT_EQ(lock->packages[1].location, "node_modules/@s/k");
    EXPECT_EQ(lock->packages[lock->find("node_modules/y")].location, "node_modules/y");
}
