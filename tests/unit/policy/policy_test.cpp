#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <vouch/policy/policy.hpp>

using namespace vouch;
using namespace vouch::policy;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string k_policies = std::string(VOUCH_TEST_DATA) + "/../../policies/";

Error error_of(std::string_view text) {
    auto parsed = parse(text, "p.json");
    EXPECT_FALSE(parsed.has_value()) << text;
    return parsed ? Error{} : parsed.error();
}

} // namespace

TEST(Policy, ShippedPoliciesParse) {
    for (const char* name : {"default.json", "strict.json"}) {
        auto parsed = load(k_policies + name);
        ASSERT_TRUE(parsed.has_value()) << parsed.error().describe();
        EXPECT_FALSE(parsed->description.empty());
        EXPECT_EQ(parsed->sha256.size(), 64u);
    }
    auto strict = *load(k_policies + "strict.json");
    EXPECT_TRUE(strict.licenses.review_fails);
    EXPECT_EQ(strict.scan.fail_on, "any");
    EXPECT_EQ(strict.lint.install_scripts.mode, Mode::error);
}

TEST(Policy, BuiltinIsDefaultJson) {
    EXPECT_EQ(builtin_default_text(), slurp(k_policies + "default.json"));
    const auto& p = builtin_default();
    EXPECT_EQ(p.path, "builtin:default");
    EXPECT_EQ(p.licenses.categories[static_cast<std::size_t>(Category::strong_copyleft)],
              Action::deny);
    EXPECT_EQ(p.dev.categories[static_cast<std::size_t>(Category::strong_copyleft)], Action::allow);
    EXPECT_EQ(p.lint.allowed_hosts.hosts, std::vector<std::string>{"registry.npmjs.org"});
    EXPECT_EQ(p.scan.fail_on, "any");
}

TEST(Policy, CommentsAreAllowed) {
    auto p = parse("// a\n{ /* b */ \"version\": 1, // c\n \"licenses\": {\"allow\": [\"MIT\"]}}",
                   "p.json");
    ASSERT_TRUE(p.has_value()) << p.error().describe();
    EXPECT_EQ(p->licenses.allow, std::vector<std::string>{"MIT"});
    // Without a licences section nothing is allowed; dev copies the main rules.
    EXPECT_EQ(p->licenses.categories[0], Action::deny);
    EXPECT_EQ(p->dev.allow, std::vector<std::string>{"MIT"});
}

TEST(Policy, UnknownKeyIsLocated) {
    auto e = error_of("{\"version\": 1,\n  \"lisences\": {}}");
    EXPECT_EQ(e.code, Errc::parse);
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.column, 3u);
    EXPECT_NE(e.message.find("unknown key \"lisences\""), std::string::npos);
    EXPECT_EQ(e.describe().rfind("p.json:2:3: ", 0), 0u) << e.describe();

    e = error_of(
        "{\"version\": 1, \"lint\": {\"typosquat\": {\"mode\": \"warn\", \"maxdist\": 2}}}");
    EXPECT_NE(e.message.find("unknown key \"maxdist\" in lint.typosquat"), std::string::npos);
    e = error_of("{\"version\": 1, \"licenses\": {\"categories\": {\"copyleft\": \"deny\"}}}");
    EXPECT_NE(e.message.find("unknown licence category"), std::string::npos);
}

TEST(Policy, WrongTypeIsLocated) {
    auto e = error_of("{\"version\": 1,\n\"licenses\": {\"allow\": \"MIT\"}}");
    EXPECT_EQ(e.line, 2u);
    EXPECT_EQ(e.column, 23u);
    EXPECT_NE(e.message.find("licenses.allow must be an array, not a string"), std::string::npos);
    e = error_of("{\"version\": 1, \"licenses\": {\"allow\": [1]}}");
    EXPECT_NE(e.message.find("must be a string"), std::string::npos);
    e = error_of("{\"version\": 1, \"licenses\": {\"review-fails\": \"yes\"}}");
    EXPECT_NE(e.message.find("must be a boolean"), std::string::npos);
    e = error_of("{\"version\": 1, \"lint\": {\"https-only\": true}}");
    EXPECT_NE(e.message.find("lint.https-only"), std::string::npos);
    e = error_of("{\"version\": 1, \"lint\": {\"https-only\": \"on\"}}");
    EXPECT_NE(e.message.find("\"off\", \"warn\" or \"error\""), std::string::npos);
    e = error_of("{\"version\": 1, \"scan\": {\"fail-on\": \"severe\"}}");
    EXPECT_NE(e.message.find("scan.fail-on"), std::string::npos);
    e = error_of("{\"version\": 1, \"scan\": {\"max-db-age\": -1}}");
    EXPECT_NE(e.message.find("negative"), std::string::npos);
    e = error_of("{\"version\": 1, \"lint\": {\"typosquat\": {\"max-distance\": 1.5}}}");
    EXPECT_NE(e.message.find("whole number"), std::string::npos);
    e = error_of("[]");
    EXPECT_NE(e.message.find("must be an object"), std::string::npos);
}

TEST(Policy, VersionIsRequired) {
    EXPECT_NE(error_of("{}").message.find("no \"version\""), std::string::npos);
    EXPECT_EQ(error_of("{\"version\": 2}").code, Errc::unsupported);
    EXPECT_EQ(error_of("{\"version\": \"1\"}").code, Errc::parse);
}

TEST(Policy, MalformedTruncatedHostile) {
    auto e = error_of("{\"version\": 1,");
    EXPECT_EQ(e.code, Errc::parse);
    EXPECT_NE(e.message.find("end of input"), std::string::npos);
    e = error_of("{\"version\": 1, }");
    EXPECT_NE(e.message.find("trailing comma"), std::string::npos);
    e = error_of("{\"version\": 1, \"version\": 1}");
    EXPECT_NE(e.message.find("duplicate key"), std::string::npos);
    e = error_of("{\"version\": 1 /* open");
    EXPECT_NE(e.message.find("unterminated /* comment"), std::string::npos);
    e = error_of("{\"version\": 1e999}");
    EXPECT_NE(e.message.find("out of range"), std::string::npos);
    e = error_of("{\"version\": 1, \"description\": \"a\nb\"}");
    EXPECT_NE(e.message.find("control character"), std::string::npos);
    e = error_of("{\"version\": 1, \"description\": \"\\ud800\"}");
    EXPECT_NE(e.message.find("surrogate"), std::string::npos);
    e = error_of("{\"version\": 1, \"description\": \"caf\xe9\"}");
    EXPECT_NE(e.message.find("invalid UTF-8"), std::string::npos);
    e = error_of("{\"version\": 1, \"description\": \"\xed\xa0\x80\"}");
    EXPECT_NE(e.message.find("invalid UTF-8"), std::string::npos);
    EXPECT_TRUE(
        parse("{\"version\": 1, \"description\": \"caf\xc3\xa9 \xf0\x9f\x94\x92\"}", "p.json"));
    e = error_of(std::string(100000, '[') + std::string(100000, ']'));
    EXPECT_NE(e.message.find("nesting"), std::string::npos);
    e = error_of(std::string(2 << 20, ' '));
    EXPECT_NE(e.message.find("larger than 1 MiB"), std::string::npos);
    e = error_of("");
    EXPECT_NE(e.message.find("end of input"), std::string::npos);
    EXPECT_EQ(load("/nonexistent/policy.json").error().code, Errc::io);
}

TEST(Policy, Exceptions) {
    const char* text = R"({"version": 1, "exceptions": [
      {"package": "caniuse-lite", "check": "licenses", "reason": "CC-BY-4.0 data, reviewed",
       "owner": "legal@shop.example", "expires": "2026-12-31"},
      {"package": "old", "version": "1.0.0", "check": "lint", "rule": "install-scripts",
       "reason": "r", "owner": "o", "expires": "2025-01-01"}]})";
    auto p = parse(text, "p.json");
    ASSERT_TRUE(p.has_value()) << p.error().describe();
    ASSERT_EQ(p->exceptions.size(), 2u);
    EXPECT_EQ(p->exceptions[0].line, 2u);
    std::vector<const Exception*> expired;
    EXPECT_NE(
        find_exception(*p, "caniuse-lite", "1.0.30001", "licenses", "", "2026-12-31", &expired),
        nullptr);
    EXPECT_EQ(find_exception(*p, "caniuse-lite", "1", "licenses", "", "2027-01-01", &expired),
              nullptr);
    EXPECT_EQ(find_exception(*p, "caniuse-lite", "1", "lint", "x", "2026-01-01", nullptr), nullptr);
    EXPECT_EQ(find_exception(*p, "old", "1.0.0", "lint", "install-scripts", "2026-01-01", &expired),
              nullptr);
    EXPECT_EQ(find_exception(*p, "old", "2.0.0", "lint", "install-scripts", "2024-01-01", nullptr),
              nullptr);
    EXPECT_NE(find_exception(*p, "old", "1.0.0", "lint", "install-scripts", "2024-01-01", nullptr),
              nullptr);
    ASSERT_EQ(expired.size(), 2u);

    auto e = error_of(R"({"version": 1, "exceptions": [{"package": "a", "check": "licenses",
       "reason": "r", "owner": "o"}]})");
    EXPECT_NE(e.message.find("without \"expires\""), std::string::npos);
    e = error_of(R"({"version": 1, "exceptions": [{"package": "a", "check": "licenses",
       "reason": "r", "owner": "o", "expires": "2026-13-01"}]})");
    EXPECT_NE(e.message.find("YYYY-MM-DD"), std::string::npos);
    e = error_of(R"({"version": 1, "exceptions": [{"package": "a", "check": "scan",
       "reason": "r", "owner": "o", "expires": "2026-12-01"}]})");
    EXPECT_NE(e.message.find("scan.ignore"), std::string::npos);
    e = error_of(R"({"version": 1, "exceptions": [{"package": "a", "check": "lint",
       "reason": "", "owner": "o", "expires": "2026-12-01"}]})");
    EXPECT_NE(e.message.find("must not be empty"), std::string::npos);
}
