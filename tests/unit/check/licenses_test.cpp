#include <gtest/gtest.h>
#include <vouch/check/licenses.hpp>

using namespace vouch;
using namespace vouch::check;
using policy::Action;

namespace {

lockfile::Lockfile lock_of(const std::vector<std::tuple<std::string, std::string, bool>>& pkgs) {
    std::string text = R"({"name": "app", "lockfileVersion": 3, "packages": {"": {"name": "app"})";
    for (const auto& [name, licence, dev] : pkgs) {
        text += ",\n\"node_modules/" + name + "\": {\"version\": \"1.0.0\", \"license\": \"" +
                licence + "\"" + (dev ? ", \"dev\": true" : "") + "}";
    }
    text += "}}";
    auto lock = lockfile::parse_lockfile(text, "package-lock.json");
    EXPECT_TRUE(lock.has_value()) << (lock ? "" : lock.error().describe());
    return lock ? *lock : lockfile::Lockfile{};
}

const LicenseResult& result(const LicenseReport& r, const std::string& name) {
    for (const auto& p : r.packages) {
        if (p.name == name) {
            return p;
        }
    }
    throw std::runtime_error("no result for " + name);
}

TermDecision decide(const std::string& text, const policy::LicenseRules& rules) {
    auto e = license::parse_expression(text);
    EXPECT_TRUE(e.has_value()) << text;
    return decide_expression(*e, rules, "licenses");
}

} // namespace

TEST(Licenses, OrTakesTheBetterAndTheWorse) {
    const auto& rules = policy::builtin_default().licenses;
    EXPECT_EQ(decide("MIT OR GPL-3.0-only", rules).action, Action::allow);
    EXPECT_EQ(decide("MIT OR GPL-3.0-only", rules).rule, "licenses.allow");
    EXPECT_EQ(decide("MIT AND GPL-3.0-only", rules).action, Action::deny);
    EXPECT_EQ(decide("MIT AND GPL-3.0-only", rules).rule, "licenses.categories.strong-copyleft");
    EXPECT_EQ(decide("MIT AND (GPL-3.0-only OR LGPL-2.1-only)", rules).action, Action::review);
    EXPECT_EQ(decide("GPL-2.0-only WITH Classpath-exception-2.0", rules).action, Action::deny);
}

TEST(Licenses, ListsMatchTermsIdsAndPlus) {
    policy::LicenseRules rules;
    rules.categories.fill(Action::deny);
    rules.allow = {"gpl-2.0-only with classpath-exception-2.0", "Apache-2.0"};
    EXPECT_EQ(decide("GPL-2.0-only WITH Classpath-exception-2.0", rules).action, Action::allow);
    EXPECT_EQ(decide("GPL-2.0-only", rules).action, Action::deny);
    EXPECT_EQ(decide("Apache-2.0+", rules).action, Action::allow);
    rules.deny = {"Apache-2.0"};
    EXPECT_EQ(decide("Apache-2.0", rules).rule, "licenses.deny") << "deny wins over allow";
}

TEST(Licenses, PackagesNameTheirDecidingRule) {
    auto lock = lock_of({{"a", "MIT", false},
                         {"b", "GPL-3.0-only", false},
                         {"c", "GPL-3.0-only", true},
                         {"d", "", false},
                         {"e", "UNLICENSED", false},
                         {"f", "SEE LICENSE IN LICENSE", false},
                         {"g", "Apache 2.0", false},
                         {"h", "LGPL-2.1", false}});
    const auto& policy = policy::builtin_default();
    auto r = evaluate_licenses(lock, policy, "2026-11-25");
    ASSERT_EQ(r.packages.size(), 8u);
    EXPECT_EQ(result(r, "a").rule, "licenses.allow");
    EXPECT_EQ(result(r, "b").rule, "licenses.categories.strong-copyleft");
    EXPECT_TRUE(result(r, "b").fails);
    EXPECT_EQ(result(r, "c").rule, "dev.categories.strong-copyleft");
    EXPECT_FALSE(result(r, "c").fails) << "dev-only packages follow the dev rules";
    EXPECT_EQ(result(r, "d").rule, "licenses.categories.unknown");
    EXPECT_EQ(result(r, "d").action, Action::review);
    EXPECT_FALSE(result(r, "d").fails) << "review does not fail in the default policy";
    EXPECT_EQ(result(r, "e").rule, "licenses.categories.proprietary");
    EXPECT_EQ(result(r, "f").rule, "licenses.categories.unknown");
    EXPECT_EQ(result(r, "g").license, "Apache-2.0");
    EXPECT_EQ(result(r, "g").rule, "licenses.allow");
    EXPECT_FALSE(result(r, "g").notes.empty());
    EXPECT_EQ(result(r, "h").license, "LGPL-2.1-only");
    EXPECT_EQ(result(r, "h").rule, "licenses.categories.weak-copyleft");
    EXPECT_EQ(r.failing, 2u);
    EXPECT_FALSE(r.pass());
}

TEST(Licenses, ExceptionsAndReviewFails) {
    auto lock = lock_of({{"b", "GPL-3.0-only", false}, {"d", "", false}});
    auto policy = policy::builtin_default();
    policy.exceptions.push_back(
        {"b", "", "licenses", "", "only the CLI uses it", "legal@shop", "2026-12-31", 3});
    auto r = evaluate_licenses(lock, policy, "2026-11-25");
    EXPECT_EQ(result(r, "b").rule, "exception");
    EXPECT_FALSE(result(r, "b").fails);
    EXPECT_TRUE(r.pass());
    r = evaluate_licenses(lock, policy, "2027-01-01");
    EXPECT_TRUE(result(r, "b").fails) << "an expired exception stops applying";
    EXPECT_EQ(r.expired.size(), 1u);
    policy.licenses.review_fails = true;
    r = evaluate_licenses(lock, policy, "2026-11-25");
    EXPECT_TRUE(result(r, "d").fails);
}
