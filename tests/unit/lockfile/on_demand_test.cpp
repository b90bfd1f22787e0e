// The lockfile is read with simdjson's On-Demand API, which checks only what it reads. These
// tests hold it to a full parse's strictness (bad JSON anywhere is refused, even in fields vouch
// ignores, and a syntax error wins over a type error) and check that the model points into the
// text it owns, that escaped strings are unescaped, and that field order does not matter.
#include <gtest/gtest.h>
#include <string>
#include <vouch/lockfile/lockfile.hpp>

using namespace vouch;
using namespace vouch::lockfile;

namespace {

// A v3 lockfile with `extra` spliced into the entry of node_modules/a (after its version) and
// `tail` after the document.
std::string v3_with(const std::string& extra, const std::string& tail = "") {
    return "{\n\"name\": \"app\",\n\"lockfileVersion\": 3,\n\"packages\": {\n"
           "\"\": {\"name\": \"app\", \"dependencies\": {\"a\": \"^1.0.0\"}},\n"
           "\"node_modules/a\": {\"version\": \"1.0.0\",\n" +
           extra + "\n}\n}\n}" + tail;
}

const Package& at(const Lockfile& lock, std::string_view location) {
    const auto i = lock.find(location);
    EXPECT_NE(i, npos) << location;
    return lock.packages[i == npos ? 0 : i];
}

void expect_invalid_json(const std::string& text, std::size_t line, const std::string& why) {
    const auto lock = parse_lockfile(text, "package-lock.json");
    ASSERT_FALSE(lock) << why;
    EXPECT_EQ(lock.error().code, Errc::parse) << why;
    EXPECT_EQ(lock.error().message.rfind("invalid JSON", 0), 0u)
        << why << ": " << lock.error().message;
    if (line != 0) {
        EXPECT_EQ(lock.error().line, line) << why << ": " << lock.error().message;
    }
}

} // namespace

TEST(OnDemand, TheBaseDocumentParses) {
    const auto lock = parse_lockfile(v3_with("\"funding\": {\"url\": \"https://x\"}"), "x.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    EXPECT_EQ(at(*lock, "node_modules/a").version, "1.0.0");
}

TEST(OnDemand, BadAtomsInIgnoredFieldsAreRefused) {
    // Line 7 holds the spliced field.
    for (const char* bad : {"tru", "nul", "falsey", "1.2.3", "01", "-", "1e400", "2.", "+1", ".5",
                            "'x'", "undefined"}) {
        expect_invalid_json(v3_with(std::string("\"funding\": ") + bad), 7, bad);
        expect_invalid_json(v3_with(std::string("\"funding\": {\"url\": [1, ") + bad + "]}"), 7,
                            bad);
    }
    // simdjson refuses integers beyond 64 bits; the locator (nlohmann) does not, so no line.
    expect_invalid_json(v3_with("\"funding\": 123456789012345678901234567890"), 0, "bigint");
}

TEST(OnDemand, BadStringsInIgnoredFieldsAreRefused) {
    for (const char* bad : {R"("\q")", R"("\u12")", R"("\ud800")", R"("\udc00x")", R"("\x41")"}) {
        expect_invalid_json(v3_with(std::string("\"funding\": ") + bad), 7, bad);
        expect_invalid_json(v3_with(std::string("\"bin\": {") + bad + ": \"x\"}"), 7, bad);
    }
    // A raw control character, and bytes that are not UTF-8.
    expect_invalid_json(v3_with("\"funding\": \"a\tb\""), 0, "tab in a string");
    expect_invalid_json(v3_with("\"funding\": \"\xff\xfe\""), 0, "not UTF-8");
}

TEST(OnDemand, BadStructureInIgnoredFieldsIsRefused) {
    for (const char* bad :
         {R"({"a" "b"})", R"({"a": 1,})", "[1,]", "[1 2]", R"({"a"})", R"({"a": })", R"({,})", "[",
          R"({"a": [}])", R"({1: 2})", R"({"a": "b": "c"})", R"(["a": "b"])"}) {
        expect_invalid_json(v3_with(std::string("\"bin\": ") + bad), 0, bad);
    }
}

TEST(OnDemand, BadJsonWhereverVouchLooksAwayIsRefused) {
    // Values vouch reads only when they have the shape it wants: the rest is still checked.
    for (const char* field :
         {R"("license": {"type": "MIT", "url": tru})", R"("license": [["MIT", nul]])",
          R"("engines": {"node": ">=18", "npm": 1.2.3})", R"("engines": [tru])",
          R"("os": ["linux", {"a": nul}])", R"("cpu": nul)", R"("deprecated": [tru])",
          R"("peerDependenciesMeta": {"p": {"optional": tru}})",
          R"("peerDependenciesMeta": {"p": {"optional": true, "x": nul}})",
          R"("peerDependenciesMeta": {"p": [tru]})", R"("workspaces": {"packages": [], "x": tru})",
          R"("workspaces": {"x": tru})", R"("workspaces": [1.2.3])"}) {
        expect_invalid_json(v3_with(field), 7, field);
    }
    // At the top, and in the v1 tree a v2 lockfile also carries (vouch reads `packages`).
    expect_invalid_json("{\"lockfileVersion\": 3, \"requires\": tru, \"packages\": {}}", 1,
                        "top-level field");
    expect_invalid_json("{\"lockfileVersion\": 2, \"packages\": {},\n\"dependencies\": "
                        "{\"a\": {\"version\": \"1.0.0\", \"dev\": tru}}}",
                        2, "the v1 tree of a v2 lockfile");
    // In a v1 entry.
    expect_invalid_json("{\"lockfileVersion\": 1, \"dependencies\": {\"a\": {\"version\": "
                        "\"1.0.0\",\n\"bundleDependencies\": [nul]}}}",
                        2, "a v1 entry");
}

TEST(OnDemand, AStringThatAColonFollowsIsRefused) {
    // Skipping such a string, On-Demand would take it for a key and the colon for its own, and
    // an extra brace later would balance the books: each string is consumed instead.
    for (const char* text :
         {R"({"lockfileVersion":3,"packages":{},"x":"a":{}}})",
          R"({"lockfileVersion":3,"packages":{"node_modules/a":{"resolved":"x":{}}}}})",
          R"({"lockfileVersion":3,"packages":{"node_modules/a":{"funding":{"url":"x":{}}}}}})",
          R"({"lockfileVersion":3,"packages":{"node_modules/a":{"dependencies":{"b":"x":{}}}}}})",
          R"({"lockfileVersion":2,"packages":{},"dependencies":{"a":{"resolved":"x":{}}}}})",
          R"({"lockfileVersion":1,"dependencies":{"a":{"version":"1.0.0":{}}}}})"}) {
        expect_invalid_json(text, 1, text);
    }
}

TEST(OnDemand, TrailingContentIsRefused) {
    for (const char* tail : {" x", "}", "{}", " \"a\"", ",", " 1", "]"}) {
        expect_invalid_json(v3_with("\"dev\": true", tail), 0, tail);
    }
    // Whitespace after the document is fine.
    EXPECT_TRUE(parse_lockfile(v3_with("\"dev\": true", " \n\t\r\n "), "x.json"));
}

TEST(OnDemand, NestingAsDeepAsAFullParseAllowsIsAccepted) {
    // simdjson's full parse allows 1024 levels, the root object included.
    const auto nested = [](int arrays) {
        return v3_with("\"funding\": 0", "")
            .insert(1, "\"deep\": " + std::string(arrays, '[') + std::string(arrays, ']') + ",\n");
    };
    EXPECT_TRUE(parse_lockfile(nested(1023), "x.json"));
    expect_invalid_json(nested(1024), 0, "1025 levels");
    expect_invalid_json(nested(100000), 0, "far too deep");
}

TEST(OnDemand, ASyntaxErrorWinsOverATypeError) {
    // A full parse refuses the text before looking at the version's type: so does vouch.
    expect_invalid_json(v3_with("\"dev\": 1", " x"), 0, "type error, then trailing text");
    expect_invalid_json("{\"lockfileVersion\": \"3\", \"x\": tru}", 1, "bad version, bad atom");
    // Without the syntax error, the type error is reported.
    const auto typed = parse_lockfile(v3_with("\"dev\": 1"), "x.json");
    ASSERT_FALSE(typed);
    EXPECT_NE(typed.error().message.find("packages[\"node_modules/a\"].dev: expected true or "
                                         "false, got a number"),
              std::string::npos)
        << typed.error().message;
}

TEST(OnDemand, MergeConflictMarkersAreStillNamed) {
    const std::string text = "{\n\"lockfileVersion\": 3,\n<<<<<<< HEAD\n\"packages\": {}\n"
                             "=======\n\"packages\": {}\n>>>>>>> other\n}";
    const auto lock = parse_lockfile(text, "x.json");
    ASSERT_FALSE(lock);
    EXPECT_NE(lock.error().message.find("merge conflict"), std::string::npos);
    EXPECT_EQ(lock.error().line, 3u);
}

TEST(OnDemand, StringsPointIntoTheTextTheLockfileOwns) {
    const auto lock =
        parse_lockfile(v3_with("\"resolved\": \"https://r.example/a/-/a-1.0.0.tgz\""), "x.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    const std::string_view text = lock->text;
    EXPECT_EQ(text, v3_with("\"resolved\": \"https://r.example/a/-/a-1.0.0.tgz\""));
    const auto inside = [&](std::string_view s) {
        return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
    };
    const Package& a = at(*lock, "node_modules/a");
    EXPECT_TRUE(inside(a.location));
    EXPECT_TRUE(inside(a.version));
    EXPECT_TRUE(inside(a.resolved));
    EXPECT_TRUE(inside(lock->root().dependencies.begin()->first));
    EXPECT_TRUE(inside(lock->root().dependencies.begin()->second));
}

TEST(OnDemand, LoadLockfileTakesTheTextOverWithoutACopy) {
    const std::string dir = ::testing::TempDir() + "vouch-on-demand";
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/package-lock.json";
    std::string text = v3_with("\"dev\": true");
    text.reserve(text.size() + 64); // read-ahead room, as util::read_file leaves
    const char* const buffer = text.data();
    auto lock = load_lockfile(file, std::move(text));
    ASSERT_TRUE(lock) << lock.error().describe();
    EXPECT_EQ(lock->text.data(), buffer) << "parsed in place";
    EXPECT_EQ(lock->text, v3_with("\"dev\": true"));
    EXPECT_EQ(at(*lock, "node_modules/a").version.data() - buffer,
              static_cast<std::ptrdiff_t>(v3_with("\"dev\": true").find("\"1.0.0\"") + 1));
    // Without the room, one padded copy: the same model.
    std::string tight = v3_with("\"dev\": true");
    tight.shrink_to_fit();
    auto copied = load_lockfile(file, std::move(tight));
    ASSERT_TRUE(copied) << copied.error().describe();
    EXPECT_EQ(copied->text, lock->text);
    EXPECT_TRUE(at(*copied, "node_modules/a").dev);
    std::filesystem::remove_all(dir);
}

TEST(OnDemand, EscapedStringsAndKeysAreUnescaped) {
    const std::string text = R"({"lockfileVersion": 3, "packages": {
      "": {"name": "app\u0021", "dependencies": {"\u0061": "^1.0.0 || \"2\""}},
      "node_modules/\u0061": {"ver\u0073ion": "1.0.\u0030", "license": "MIT\/X",
                              "d\u0065v": true, "engines": {"node": ">=\t18"}}}})";
    const auto lock = parse_lockfile(text, "x.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    EXPECT_EQ(lock->root().name, "app!");
    EXPECT_EQ(lock->root().dependencies.value_of("a"), "^1.0.0 || \"2\"");
    const Package& a = at(*lock, "node_modules/a");
    EXPECT_EQ(a.version, "1.0.0");
    EXPECT_EQ(a.license, "MIT/X");
    EXPECT_TRUE(a.dev);
    EXPECT_EQ(a.engines.value_of("node"), ">=\t18");
    EXPECT_EQ(a.name, "a");
}

TEST(OnDemand, FieldOrderDoesNotMatter) {
    // lockfileVersion after the tree, `dependencies` before `packages`: read all the same.
    const auto late = parse_lockfile(R"({"packages": {"": {"name": "r"},
        "node_modules/a": {"version": "1.0.0"}}, "dependencies": {"zzz": {"version": "9.9.9"}},
        "name": "r", "lockfileVersion": 3})",
                                     "x.json");
    ASSERT_TRUE(late) << late.error().describe();
    EXPECT_EQ(late->lockfile_version, 3);
    EXPECT_EQ(at(*late, "node_modules/a").version, "1.0.0");
    EXPECT_EQ(late->find("node_modules/zzz"), npos) << "v1 tree ignored when packages exist";

    const auto v2 = parse_lockfile(R"({"lockfileVersion": 2, "dependencies": {"zzz": {"version":
        "9.9.9"}}, "packages": {"": {}, "node_modules/a": {"version": "1.0.0"}}})",
                                   "x.json");
    ASSERT_TRUE(v2) << v2.error().describe();
    EXPECT_NE(v2->find("node_modules/a"), npos);
    EXPECT_EQ(v2->find("node_modules/zzz"), npos);

    const auto v1 = parse_lockfile(R"({"dependencies": {"a": {"version": "1.0.0"}},
        "lockfileVersion": 1})",
                                   "x.json");
    ASSERT_TRUE(v1) << v1.error().describe();
    EXPECT_EQ(at(*v1, "node_modules/a").version, "1.0.0");

    // A v2 lockfile whose `packages` is not an object falls back to its v1 tree, wherever it is.
    const auto fallback = parse_lockfile(R"({"lockfileVersion": 2, "dependencies": {"a":
        {"version": "1.0.0"}}, "packages": null})",
                                         "x.json");
    ASSERT_TRUE(fallback) << fallback.error().describe();
    EXPECT_EQ(at(*fallback, "node_modules/a").version, "1.0.0");
}

TEST(OnDemand, AV1EntryIsReadBeforeItsChildrenWhateverTheKeyOrder) {
    // `dependencies` before `version`: the children of a file: link still go under its target.
    const auto lock = parse_lockfile(R"({"lockfileVersion": 1, "dependencies": {
      "linked": {"dependencies": {"kid": {"version": "2.0.0"}}, "version": "file:libs/linked"},
      "plain": {"dependencies": {"kid": {"version": "3.0.0"}}, "version": "1.0.0", "dev": true}}})",
                                     "x.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    EXPECT_EQ(at(*lock, "libs/linked/node_modules/kid").version, "2.0.0");
    EXPECT_EQ(at(*lock, "node_modules/plain/node_modules/kid").version, "3.0.0");
    EXPECT_TRUE(at(*lock, "node_modules/plain").dev);
    // The last `dependencies` of an entry is its children, as a full parse's lookup keeps it.
    const auto twice = parse_lockfile(R"({"lockfileVersion": 1, "dependencies": {"a": {
      "version": "1.0.0", "dependencies": {"old": {"version": "1.0.0"}},
      "dependencies": {"new": {"version": "2.0.0"}}}}})",
                                      "x.json");
    ASSERT_TRUE(twice) << twice.error().describe();
    EXPECT_EQ(twice->find("node_modules/a/node_modules/old"), npos);
    EXPECT_NE(twice->find("node_modules/a/node_modules/new"), npos);
    // ... and the one it does not read is still checked.
    expect_invalid_json(R"({"lockfileVersion": 1, "dependencies": {"a": {
      "version": "1.0.0", "dependencies": {"old": {"version": tru}},
      "dependencies": {"new": {"version": "2.0.0"}}}}})",
                        0, "an unread dependencies object");
    // So are the children of a second link to the same target.
    expect_invalid_json(R"({"lockfileVersion": 1, "dependencies": {
      "l1": {"version": "file:libs/x"}, "l2": {"version": "file:libs/x",
      "dependencies": {"kid": {"version": nul}}}}})",
                        0, "children of a second link");
}

TEST(OnDemand, DuplicateKeysKeepTheirMeaning) {
    const auto lock = parse_lockfile(R"({"lockfileVersion": 3, "lockfileVersion": 9,
      "name": "first", "name": "second", "packages": {
      "": {"dependencies": {"a": "1", "a": "2"}},
      "node_modules/a": {"version": "1.0.0", "version": "1.0.1",
        "engines": {"node": "a", "node": "b"}}}, "packages": {"node_modules/b": {}}})",
                                     "x.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    EXPECT_EQ(lock->lockfile_version, 3) << "the first lockfileVersion";
    EXPECT_EQ(lock->root().name, "first") << "the first name";
    EXPECT_EQ(lock->root().dependencies.value_of("a"), "1") << "the first of a map's names";
    EXPECT_EQ(at(*lock, "node_modules/a").engines.value_of("node"), "a");
    EXPECT_EQ(at(*lock, "node_modules/a").version, "1.0.1") << "the last of a field";
    EXPECT_EQ(lock->find("node_modules/b"), npos) << "the first packages map";
}

TEST(OnDemand, TypeErrorsStillNameFieldAndLine) {
    const auto lock = parse_lockfile(v3_with("\"dependencies\": {\"b\": 2}"), "x.json");
    ASSERT_FALSE(lock);
    EXPECT_EQ(lock.error().message,
              "packages[\"node_modules/a\"].dependencies.b: expected a string, got a number");
    EXPECT_EQ(lock.error().line, 6u);
    const auto v1 =
        parse_lockfile("{\"lockfileVersion\": 1, \"dependencies\": {\n\"a\": {\"version\": \"1\", "
                       "\"requires\": {\"b\": null}}}}",
                       "x.json");
    ASSERT_FALSE(v1);
    EXPECT_EQ(v1.error().message, "dependencies[\"a\"].requires.b: expected a string, got null");
    EXPECT_EQ(v1.error().line, 2u);
    const auto packages = parse_lockfile(R"({"lockfileVersion": 1, "packages": {}})", "x.json");
    ASSERT_FALSE(packages);
    EXPECT_EQ(packages.error().message, "packages: expected an object, got an object");
}
