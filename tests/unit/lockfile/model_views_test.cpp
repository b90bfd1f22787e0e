// The model's strings are views into the Lockfile's TextArena: they must outlive the text that
// was parsed, survive copies and moves of the Lockfile, and keep std::map's semantics for
// dependency lists (sorted by name, first duplicate wins).
#include <gtest/gtest.h>
#include <string>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch::lockfile;

namespace {

// Built at run time so that nothing of it lives in static storage.
std::string v3_text() {
    return std::string(R"({"name": "app", "version": "1.0.0", "lockfileVersion": 3, "packages": {
      "": {"name": "app", "version": "1.0.0",
           "dependencies": {"zeta": "^1.0.0", "alpha": "^2.0.0", "alpha": "^9.9.9"}},
      "node_modules/alpha": {"version": "2.1.0", "license": "MIT",
        "resolved": "https://user:s3cret@registry.example/alpha/-/alpha-2.1.0.tgz",
        "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
        "engines": {"node": ">=18", "npm": ">=9", "node": ">=1"}},
      "node_modules/zeta": {"version": "1.0.0", "dependencies": {"alpha": "*"}}
    }})");
}

Lockfile parse_and_forget_text() {
    std::string text = v3_text();
    auto lock = parse_lockfile(text, "package-lock.json");
    EXPECT_TRUE(lock) << (lock ? "" : lock.error().describe());
    // Scribble over the text before it goes: a view into it would now read garbage.
    std::fill(text.begin(), text.end(), '#');
    return lock ? std::move(*lock) : Lockfile{};
}

} // namespace

TEST(ModelViews, OutliveTheParsedText) {
    const Lockfile lock = parse_and_forget_text();
    ASSERT_EQ(lock.packages.size(), 3u);
    const Package& alpha = lock.packages[lock.find("node_modules/alpha")];
    EXPECT_EQ(alpha.location, "node_modules/alpha");
    EXPECT_EQ(alpha.name, "alpha");
    EXPECT_EQ(alpha.install_name, "alpha");
    EXPECT_EQ(alpha.version, "2.1.0");
    EXPECT_EQ(alpha.license, "MIT");
    // The credential-stripped URL is derived text, kept in the arena too.
    EXPECT_EQ(alpha.resolved, "https://registry.example/alpha/-/alpha-2.1.0.tgz");
    ASSERT_EQ(alpha.digests.size(), 1u);
    EXPECT_EQ(alpha.digests[0].algorithm, "sha1");
    EXPECT_EQ(alpha.digests[0].hex(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(lock.root().name, "app");
}

TEST(ModelViews, SurviveCopiesAndTheOriginalsEnd) {
    Lockfile copy;
    {
        const Lockfile original = parse_and_forget_text();
        copy = original; // shares the arena
    }
    Lockfile moved = std::move(copy);
    EXPECT_EQ(moved.packages[moved.find("node_modules/zeta")].version, "1.0.0");
    EXPECT_EQ(moved.package_at("node_modules/alpha"), moved.find("node_modules/alpha"));
    // Text kept later lives as long as the model as well.
    const std::string scratch = "kept-" + std::to_string(42);
    moved.packages[1].name = moved.keep(scratch);
    EXPECT_EQ(moved.packages[1].name, "kept-42");
}

TEST(ModelViews, DependencyListsAreSortedAndTheFirstDuplicateWins) {
    const Lockfile lock = parse_and_forget_text();
    const SpecMap& deps = lock.root().dependencies;
    ASSERT_EQ(deps.size(), 2u);
    EXPECT_EQ(deps.begin()->first, "alpha");
    EXPECT_EQ(deps.begin()->second, "^2.0.0"); // as std::map::emplace kept the first
    EXPECT_EQ(deps.value_of("zeta"), "^1.0.0");
    EXPECT_EQ(deps.value_of("missing"), "");
    EXPECT_FALSE(deps.contains("missing"));
    const SpecMap& engines = lock.packages[lock.find("node_modules/alpha")].engines;
    ASSERT_EQ(engines.size(), 2u);
    EXPECT_EQ(engines.value_of("node"), ">=18");
    EXPECT_EQ(std::next(engines.begin())->first, "npm");
}

TEST(ModelViews, SpecMapAssignReplacesAndEmplaceKeeps) {
    SpecMap map;
    map.emplace("b", "1");
    map.emplace("a", "2");
    map.emplace("b", "3");
    EXPECT_EQ(map.value_of("b"), "1");
    map.assign("b", "4");
    map.assign("c", "5");
    std::string joined;
    for (const auto& [name, value] : map) {
        joined.append(name).append("=").append(value).append(";");
    }
    EXPECT_EQ(joined, "a=2;b=4;c=5;");
}

TEST(TextArena, KeepsLargeAndManyPiecesStable) {
    TextArena arena;
    std::vector<std::string_view> views;
    std::vector<std::string> expected;
    for (int i = 0; i < 5000; ++i) {
        expected.push_back("piece-" + std::to_string(i) +
                           std::string(static_cast<std::size_t>(i % 97), 'x'));
        views.push_back(arena.keep(expected.back()));
    }
    const std::string big(300 * 1024, 'b'); // larger than a block
    const auto big_view = arena.keep(big);
    for (std::size_t i = 0; i < views.size(); ++i) {
        ASSERT_EQ(views[i], expected[i]);
    }
    EXPECT_EQ(big_view, big);
    EXPECT_EQ(arena.join({"node_modules/", "", "@s/b"}), "node_modules/@s/b");
    EXPECT_TRUE(arena.keep("").empty());
}

TEST(ModelViews, ParsesInPlaceWhenTheBufferHasReadAheadRoom) {
    std::string text = v3_text();
    text.reserve(text.size() + 64);
    const auto in_place = parse_lockfile(text, "package-lock.json", {}, text.capacity());
    const auto copied = parse_lockfile(text, "package-lock.json", {}, text.size());
    ASSERT_TRUE(in_place) << in_place.error().describe();
    ASSERT_TRUE(copied) << copied.error().describe();
    ASSERT_EQ(in_place->packages.size(), copied->packages.size());
    for (std::size_t i = 0; i < copied->packages.size(); ++i) {
        EXPECT_EQ(in_place->packages[i].location, copied->packages[i].location);
        EXPECT_EQ(in_place->packages[i].version, copied->packages[i].version);
        EXPECT_EQ(in_place->packages[i].dependencies, copied->packages[i].dependencies);
    }
    // Malformed input in place: the same error as from a copy.
    std::string broken = text.substr(0, text.size() / 2);
    broken.reserve(broken.size() + 64);
    const auto error = parse_lockfile(broken, "package-lock.json", {}, broken.capacity());
    ASSERT_FALSE(error);
    EXPECT_EQ(error.error().code, vouch::Errc::parse);
}
