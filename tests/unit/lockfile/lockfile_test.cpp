#include <gtest/gtest.h>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch;
using namespace vouch::lockfile;

namespace {

const char* k_v3 = R"({
  "name": "storefront",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "storefront",
      "version": "1.0.0",
      "workspaces": ["packages/*"],
      "dependencies": { "lodash": "^4.17.21", "str": "npm:string-width@^4.2.3", "@acme/util": "*" },
      "devDependencies": { "@types/node": "^20.0.0" }
    },
    "node_modules/lodash": {
      "version": "4.17.21",
      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
      "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==",
      "license": "MIT"
    },
    "node_modules/str": {
      "name": "string-width",
      "version": "4.2.3",
      "license": "MIT",
      "dependencies": { "strip-ansi": "^6.0.1" }
    },
    "node_modules/str/node_modules/strip-ansi": { "version": "6.0.1", "dev": true },
    "node_modules/strip-ansi": { "version": "7.0.0" },
    "node_modules/@types/node": { "version": "20.11.5", "dev": true, "license": "MIT" },
    "node_modules/@acme/util": { "resolved": "packages/util", "link": true },
    "packages/util": { "name": "@acme/util", "version": "0.1.0", "license": "MIT",
                       "dependencies": { "lodash": "^4" } },
    "node_modules/opt": { "version": "1.0.0", "optional": true },
    "node_modules/devopt": { "version": "1.0.0", "devOptional": true },
    "node_modules/gitdep": { "version": "1.2.0",
      "resolved": "git+ssh://git@github.com/acme/gitdep.git#0123456789abcdef0123456789abcdef01234567" }
  }
})";

const char* k_v1 = R"({
  "name": "legacy",
  "version": "2.0.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "a": { "version": "1.0.0", "requires": { "b": "^2.0.0" },
           "dependencies": { "b": { "version": "2.0.0" } } },
    "b": { "version": "1.0.0", "dev": true },
    "alias": { "version": "npm:real-name@3.1.4" },
    "old": { "version": "https://registry.npmjs.org/old/-/old-0.1.2.tgz", "bundled": "true" },
    "linked": { "version": "file:libs/linked", "requires": { "a": "1" } }
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

std::vector<std::string> dep_locations(const Lockfile& lock, std::string_view location) {
    std::vector<std::string> out;
    for (auto d : at(lock, location).depends_on) {
        out.emplace_back(lock.packages[d].location);
    }
    return out;
}

} // namespace

TEST(LockfileV3, ReadsPackagesWithRealNamesAndSources) {
    const auto lock = parse_ok(k_v3);
    EXPECT_EQ(lock.lockfile_version, 3);
    EXPECT_EQ(lock.root().name, "storefront");
    EXPECT_EQ(lock.root().source, Source::root);
    const auto& alias = at(lock, "node_modules/str");
    EXPECT_EQ(alias.name, "string-width");
    EXPECT_EQ(alias.install_name, "str");
    EXPECT_EQ(at(lock, "node_modules/gitdep").source, Source::git);
    EXPECT_EQ(at(lock, "node_modules/lodash").source, Source::registry);
    const auto& util = at(lock, "packages/util");
    EXPECT_EQ(util.source, Source::directory);
    EXPECT_TRUE(util.is_workspace);
    // The link resolves to its target.
    EXPECT_EQ(lock.find("node_modules/@acme/util"), lock.find("packages/util"));
    // strip-ansi 7, opt, devopt and gitdep are required by nothing: npm calls them extraneous.
    ASSERT_EQ(lock.warnings.size(), 1u);
    EXPECT_NE(lock.warnings[0].find("4 package(s) are not reachable"), std::string::npos);
    EXPECT_TRUE(at(lock, "node_modules/gitdep").extraneous);
    EXPECT_FALSE(at(lock, "node_modules/lodash").extraneous);
}

TEST(LockfileV3, ResolvesRequiresByWalkingUpNodeModules) {
    const auto lock = parse_ok(k_v3);
    // The alias's nested strip-ansi shadows the hoisted one.
    EXPECT_EQ(dep_locations(lock, "node_modules/str"),
              std::vector<std::string>{"node_modules/str/node_modules/strip-ansi"});
    // A workspace resolves from its own folder up to the root's node_modules.
    EXPECT_EQ(dep_locations(lock, "packages/util"),
              std::vector<std::string>{"node_modules/lodash"});
    const auto root_deps = dep_locations(lock, "");
    EXPECT_EQ(root_deps,
              (std::vector<std::string>{"node_modules/@types/node", "node_modules/lodash",
                                        "node_modules/str", "packages/util"}));
}

TEST(LockfileV3, OmitFollowsNpmRules) {
    const auto lock = parse_ok(k_v3);
    const auto prod = apply_omit(lock, Omit{.dev = true});
    EXPECT_EQ(prod.find("node_modules/@types/node"), npos);
    EXPECT_EQ(prod.find("node_modules/str/node_modules/strip-ansi"), npos);
    EXPECT_NE(prod.find("node_modules/devopt"), npos) << "devOptional stays with --omit dev alone";
    EXPECT_NE(prod.find("node_modules/opt"), npos);
    const auto lean = apply_omit(lock, Omit{.dev = true, .optional = true});
    EXPECT_EQ(lean.find("node_modules/devopt"), npos);
    EXPECT_EQ(lean.find("node_modules/opt"), npos);
    // Edges to removed packages are gone, the rest re-indexed.
    for (const auto& p : prod.packages) {
        for (auto d : p.depends_on) {
            EXPECT_LT(d, prod.packages.size());
        }
    }
    EXPECT_EQ(prod.packages[prod.find("node_modules/str")].depends_on.size(), 0u);
}

TEST(LockfileV3, PathFromRootAndLines) {
    const auto lock = parse_ok(k_v3);
    const auto nested = lock.find("node_modules/str/node_modules/strip-ansi");
    const auto chain = path_from_root(lock, nested);
    ASSERT_EQ(chain.size(), 3u);
    EXPECT_EQ(lock.packages[chain[1]].location, "node_modules/str");
    EXPECT_EQ(line_of_location(k_v3, lock, lock.find("node_modules/lodash")), 14u);
    EXPECT_TRUE(path_from_root(lock, lock.find("node_modules/strip-ansi")).empty())
        << "nothing requires the hoisted strip-ansi";
}

TEST(LockfileV1, ConvertsTheNestedTree) {
    const auto lock = parse_ok(k_v1);
    EXPECT_EQ(lock.lockfile_version, 1);
    EXPECT_EQ(lock.root().name, "legacy");
    EXPECT_EQ(at(lock, "node_modules/a/node_modules/b").version, "2.0.0");
    EXPECT_EQ(dep_locations(lock, "node_modules/a"),
              std::vector<std::string>{"node_modules/a/node_modules/b"});
    const auto& alias = at(lock, "node_modules/alias");
    EXPECT_EQ(alias.name, "real-name");
    EXPECT_EQ(alias.version, "3.1.4");
    const auto& old = at(lock, "node_modules/old");
    EXPECT_EQ(old.version, "0.1.2") << "version recovered from an ancient tarball URL";
    EXPECT_TRUE(old.in_bundle);
    EXPECT_EQ(lock.find("node_modules/linked"), lock.find("libs/linked"));
    EXPECT_EQ(at(lock, "libs/linked").source, Source::directory);
    // Without package.json, the root depends on what nothing else requires.
    const auto root_deps = dep_locations(lock, "");
    EXPECT_EQ(root_deps,
              (std::vector<std::string>{"libs/linked", "node_modules/alias", "node_modules/old"}));
}

TEST(LockfileV1, RootDependenciesFromPackageJson) {
    auto lock = parse_lockfile(k_v1, "package-lock.json",
                               R"({"dependencies": {"a": "1"}, "devDependencies": {"b": "1"}})");
    ASSERT_TRUE(lock);
    std::vector<std::string> deps;
    for (auto d : lock->root().depends_on) {
        deps.emplace_back(lock->packages[d].location);
    }
    EXPECT_EQ(deps, (std::vector<std::string>{"node_modules/a", "node_modules/b"}));
}

TEST(LockfileErrors, MalformedJsonIsLocated) {
    auto lock = parse_lockfile("{\n  \"lockfileVersion\": 3,\n  \"packages\": {,}\n}", "x.json");
    ASSERT_FALSE(lock);
    EXPECT_EQ(lock.error().code, Errc::parse);
    EXPECT_EQ(lock.error().file, "x.json");
    EXPECT_EQ(lock.error().line, 3u);
    EXPECT_GT(lock.error().column, 0u);
}

TEST(LockfileErrors, UnknownVersionFailsClosed) {
    for (const char* text :
         {R"({"lockfileVersion": 4, "packages": {}})", R"({"lockfileVersion": 0})"}) {
        auto lock = parse_lockfile(text, "x.json");
        ASSERT_FALSE(lock);
        EXPECT_EQ(lock.error().code, Errc::unsupported);
    }
    auto missing = parse_lockfile(R"({"name": "x", "dependencies": {}})", "x.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::parse);
}

TEST(LockfileErrors, WrongTypesNameTheField) {
    auto lock = parse_lockfile(
        "{\"lockfileVersion\": 3, \"packages\": {\n\"node_modules/a\": {\"version\": 1}}}",
        "x.json");
    ASSERT_FALSE(lock);
    EXPECT_NE(lock.error().message.find("packages[\"node_modules/a\"].version"), std::string::npos);
    EXPECT_EQ(lock.error().line, 2u);
    for (const char* text :
         {"[]", "\"text\"", R"({"lockfileVersion": "3"})",
          R"({"lockfileVersion": 3, "packages": []})",
          R"({"lockfileVersion": 3, "packages": {"node_modules/a": []}})",
          R"({"lockfileVersion": 1, "dependencies": {"a": {"requires": []}}})",
          R"({"lockfileVersion": 3, "packages": {"node_modules/a": {"dev": 1}}})"}) {
        auto bad = parse_lockfile(text, "x.json");
        EXPECT_FALSE(bad) << text;
        if (!bad) {
            EXPECT_EQ(bad.error().code, Errc::parse) << text;
        }
    }
}

TEST(LockfileErrors, HostileInputs) {
    EXPECT_FALSE(parse_lockfile("", "x.json"));
    EXPECT_FALSE(parse_lockfile(std::string(100000, '['), "x.json"));
    EXPECT_FALSE(
        parse_lockfile("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"name\": \"x", "x.json"));
    // Deep v1 nesting is refused, not recursed into without bound.
    std::string deep = R"({"lockfileVersion": 1, "dependencies": )";
    for (int i = 0; i < 300; ++i) {
        deep += R"({"a": {"version": "1.0.0", "dependencies": )";
    }
    deep += "{}";
    for (int i = 0; i < 300; ++i) {
        deep += "}}";
    }
    deep += "}";
    auto lock = parse_lockfile(deep, "x.json");
    ASSERT_FALSE(lock);
    EXPECT_EQ(lock.error().code, Errc::parse);
}

TEST(LockfileTree, ProblemsAreWarningsNotErrors) {
    const char* text = R"({"lockfileVersion": 3, "packages": {
      "": {"name": "r", "dependencies": {"missing": "^1"}, "optionalDependencies": {"gone": "1"}},
      "node_modules/a": {"version": "1.0.0", "integrity": "sha512-notbase64!",
                         "peerDependencies": {"p": "1"}, "peerDependenciesMeta": {"p": {"optional": true}}},
      "node_modules/l": {"resolved": "nowhere", "link": true}}})";
    const auto lock = parse_ok(text);
    ASSERT_EQ(lock.warnings.size(), 4u); // the three problems, and `a` is required by nothing
    EXPECT_EQ(at(lock, "node_modules/a").integrity, "") << "an undecodable integrity is dropped";
}

TEST(Integrity, DecodesStrongestFirstAndSkipsUnknown) {
    const std::string integrity =
        "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= md5-xxx sha512-" + std::string(86, 'A') + "==";
    auto digests = decode_integrity(integrity);
    ASSERT_TRUE(digests);
    ASSERT_EQ(digests->size(), 2u);
    EXPECT_EQ((*digests)[0].algorithm, "sha512");
    EXPECT_EQ((*digests)[1].algorithm, "sha1");
    EXPECT_EQ((*digests)[1].hex(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_FALSE(decode_integrity("sha256-abc"));
}

TEST(LockfileFind, SearchesTheSortedPackagesWithoutAnIndex) {
    // npm's locale order puts "node_modules/a-b" before "node_modules/a/..." in places; the model
    // sorts by bytes, and every location is found by binary search.
    const auto lock = parse_ok(R"({"lockfileVersion": 3, "packages": {
      "": {"name": "app", "dependencies": {"a": "1", "a-b": "1", "z": "1"}},
      "node_modules/z": {"version": "1.0.0"},
      "node_modules/a-b": {"version": "1.0.0"},
      "node_modules/a": {"version": "1.0.0", "dependencies": {"c": "1"}},
      "node_modules/a/node_modules/c": {"version": "1.0.0"},
      "node_modules/link": {"resolved": "packages/l", "link": true},
      "packages/l": {"version": "2.0.0"}
    }})");
    EXPECT_TRUE(lock.by_location.empty());
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        EXPECT_EQ(lock.package_at(lock.packages[i].location), i) << lock.packages[i].location;
        EXPECT_EQ(lock.find(lock.packages[i].location), i);
    }
    EXPECT_EQ(lock.package_at("node_modules/link"), npos) << "a link is not a package";
    EXPECT_EQ(lock.find("node_modules/link"), lock.package_at("packages/l"));
    EXPECT_EQ(lock.find("node_modules/b"), npos);
    EXPECT_EQ(lock.find("node_modules/zz"), npos);
    EXPECT_EQ(lock.find("\xff"), npos);
}

TEST(Integrity, DigestsAreViewsIntoTheIntegrityString) {
    const std::string integrity = "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=?opt";
    auto digests = decode_integrity(integrity);
    ASSERT_TRUE(digests);
    ASSERT_EQ(digests->size(), 1u);
    EXPECT_EQ((*digests)[0].base64, "2jmj7l5rSw0yVb/vlWAYkK/YBwk=");
    EXPECT_EQ((*digests)[0].base64.data(), integrity.data() + 5);
}

TEST(Integrity, SameValueComparesTheBytesNotTheSpelling) {
    const Digest padded{"sha1", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="};
    const Digest unpadded{"sha1", "2jmj7l5rSw0yVb_vlWAYkK_YBwk"}; // URL-safe, no padding
    const Digest other{"sha1", "AAAAAAAAAAAAAAAAAAAAAAAAAAA="};
    EXPECT_TRUE(padded.same_value(unpadded));
    EXPECT_EQ(padded.hex(), unpadded.hex());
    EXPECT_FALSE(padded.same_value(other));
    EXPECT_FALSE(padded.same_value(Digest{"sha256", padded.base64}));
}

TEST(LockfileNames, PathsThatAreNotPackageNamesAreDirectories) {
    const auto lock = parse_ok(R"({"lockfileVersion": 3, "packages": {
      "node_modules/.pnpm/registry.npmjs.org/a/1.0.0": {"version": "1.0.0", "name": "a"},
      "../m/node_modules/n/o": {"version": "1.0.0"},
      "node_modules/@s/x": {"version": "1.0.0"},
      "node_modules/placeholder": {}}})");
    EXPECT_EQ(at(lock, "node_modules/.pnpm/registry.npmjs.org/a/1.0.0").source, Source::directory);
    EXPECT_EQ(at(lock, "../m/node_modules/n/o").name, "o");
    EXPECT_EQ(at(lock, "node_modules/@s/x").name, "@s/x");
    EXPECT_EQ(lock.find("node_modules/placeholder"), npos) << "empty entries are skipped";
}

TEST(LockfileV1, AncientRegistryUrlNamesTheRealPackage) {
    const auto lock = parse_ok(R"({"lockfileVersion": 1, "dependencies": {
      "remote": {"version": "https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz"},
      "scoped": {"version": "https://registry.npmjs.org/@s/n/-/n-2.0.0.tgz"}}})");
    EXPECT_EQ(at(lock, "node_modules/remote").name, "abbrev");
    EXPECT_EQ(at(lock, "node_modules/remote").version, "1.1.1");
    EXPECT_EQ(at(lock, "node_modules/scoped").name, "@s/n");
    EXPECT_EQ(at(lock, "node_modules/scoped").version, "2.0.0");
}

TEST(LockfileV1, LinkIntoTheTreeDoesNotDuplicateTheTarget) {
    const auto lock = parse_ok(R"({"lockfileVersion": 1, "dependencies": {
      "abbrev": {"version": "1.1.1"},
      "symlink-in-tree": {"version": "file:./node_modules/abbrev"}}})");
    std::size_t at_abbrev = 0;
    for (const auto& p : lock.packages) {
        at_abbrev += p.location == "node_modules/abbrev" ? 1 : 0;
    }
    EXPECT_EQ(at_abbrev, 1u);
    EXPECT_EQ(at(lock, "node_modules/abbrev").version, "1.1.1");
    EXPECT_EQ(lock.find("node_modules/symlink-in-tree"), lock.find("node_modules/abbrev"));
    EXPECT_TRUE(lock.warnings.empty());
}
