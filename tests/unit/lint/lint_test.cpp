#include <gtest/gtest.h>
#include <vouch/lint/lint.hpp>

using namespace vouch;
using namespace vouch::lint;

namespace {

const char* k_good_integrity = "sha512-ZYBNzuhFP4fwOVGhxLt+p0rvc2IZsXdEt3zbDrzX/"
                               "sNPzs2wVW+q9vtxxCOf5LDTg2ypmh+03aRvXvDyyg6Ojg==";

// A lockfile with the root depending on `name` and one entry for it.
std::string lock_with(const std::string& name, const std::string& entry) {
    return R"({"name": "app", "lockfileVersion": 3, "packages": {
      "": {"name": "app", "version": "1.0.0", "dependencies": {")" +
           name + R"(": "^1.0.0"}},
      "node_modules/)" +
           name + "\": " + entry + "}}";
}

std::string registry_entry(const std::string& name, const std::string& extra = "") {
    return R"({"version": "1.0.0", "resolved": "https://registry.npmjs.org/)" + name + "/-/" +
           name.substr(name.find('/') + 1) + R"(-1.0.0.tgz", "integrity": ")" + k_good_integrity +
           "\"" + extra + "}";
}

const std::string k_package_json = R"({"dependencies": {"left-pad": "^1.0.0"}})";

Report lint_of(const std::string& lock_text,
               std::optional<std::string> package_json = k_package_json,
               const policy::Policy& policy = policy::builtin_default()) {
    auto lock = lockfile::parse_lockfile(lock_text, "package-lock.json");
    EXPECT_TRUE(lock.has_value()) << (lock ? "" : lock.error().describe());
    if (!lock) {
        return {};
    }
    const std::vector<Popular> popular = {{"lodash", 200}, {"express", 100}, {"left-pad", 5}};
    auto report = run(*lock, package_json, policy, "2026-11-25", popular);
    EXPECT_TRUE(report.has_value()) << (report ? "" : report.error().describe());
    return report ? *report : Report{};
}

std::vector<std::string> rules_of(const Report& r) {
    std::vector<std::string> out;
    for (const auto& f : r.findings) {
        out.push_back(f.rule);
    }
    return out;
}

using Rules = std::vector<std::string>;

} // namespace

TEST(Lint, CleanLockfileHasNoFindings) {
    auto r = lint_of(lock_with("left-pad", registry_entry("left-pad")));
    EXPECT_EQ(rules_of(r), Rules{});
    EXPECT_TRUE(r.pass());
    EXPECT_EQ(r.packages, 1u);
}

TEST(Lint, AllowedHosts) {
    std::string entry = registry_entry("left-pad");
    entry.replace(entry.find("registry.npmjs.org"), 18, "npm.evil.example");
    auto r = lint_of(lock_with("left-pad", entry));
    EXPECT_EQ(rules_of(r), Rules{"allowed-hosts"});
    EXPECT_FALSE(r.pass());
    EXPECT_NE(r.findings[0].detail.find("npm.evil.example"), std::string::npos);
    EXPECT_EQ(host_of("https://user:pw@Registry.Example:8443/x"), "registry.example");
    EXPECT_EQ(host_of("file:../x.tgz"), "");
}

TEST(Lint, HttpsOnly) {
    std::string entry = registry_entry("left-pad");
    entry.replace(entry.find("https://"), 8, "http://");
    EXPECT_EQ(rules_of(lint_of(lock_with("left-pad", entry))), Rules{"https-only"});
}

TEST(Lint, IntegrityPresentAndStrong) {
    auto r = lint_of(lock_with(
        "left-pad",
        R"({"version": "1.0.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.0.0.tgz"})"));
    EXPECT_EQ(rules_of(r), Rules{"integrity-present"});
    r = lint_of(lock_with(
        "left-pad",
        R"({"version": "1.0.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.0.0.tgz", "integrity": "sha1-fB0wPfm1QQnzSe3RZf5ZZrYvm0Q="})"));
    EXPECT_EQ(rules_of(r), Rules{"integrity-sha512"});
    EXPECT_EQ(r.findings[0].mode, policy::Mode::warn) << "the default policy warns on sha1";
    EXPECT_TRUE(r.pass());
}

TEST(Lint, NameMismatchIsDependencyConfusion) {
    std::string entry = registry_entry("left-pad");
    entry.replace(entry.find("left-pad/-/left-pad"), 19, "leftpad2/-/leftpad2");
    auto r = lint_of(lock_with("left-pad", entry));
    EXPECT_EQ(rules_of(r), Rules{"name-mismatch"});
    // Scoped names, encoded or not, match themselves.
    const std::string pj = R"({"dependencies": {"@acme/util": "^1.0.0"}})";
    EXPECT_EQ(rules_of(lint_of(lock_with("@acme/util", registry_entry("@acme/util")), pj)),
              Rules{});
    std::string encoded = registry_entry("@acme/util");
    encoded.replace(encoded.find("@acme/util/-/"), 13, "@acme%2futil/-/");
    EXPECT_EQ(rules_of(lint_of(lock_with("@acme/util", encoded), pj)), Rules{});
    std::string other = registry_entry("@acme/util");
    other.replace(other.find("@acme/util/-/"), 13, "@evil/util/-/");
    EXPECT_EQ(rules_of(lint_of(lock_with("@acme/util", other), pj)), Rules{"name-mismatch"});
}

TEST(Lint, GitPinnedAndSources) {
    const std::string pinned =
        R"({"version": "1.0.0", "resolved": "git+ssh://git@github.com/a/left-pad.git#0123456789abcdef0123456789abcdef01234567"})";
    auto r = lint_of(lock_with("left-pad", pinned));
    EXPECT_EQ(rules_of(r), Rules{"sources"}) << "the default policy warns on non-registry sources";
    const std::string branch =
        R"({"version": "1.0.0", "resolved": "git+ssh://git@github.com/a/left-pad.git#main"})";
    r = lint_of(lock_with("left-pad", branch));
    EXPECT_EQ(rules_of(r), Rules({"git-pinned", "sources"}));
    auto policy = policy::builtin_default();
    policy.lint.sources.allow = {"git"};
    EXPECT_EQ(rules_of(lint_of(lock_with("left-pad", pinned), k_package_json, policy)), Rules{});
    const std::string tarball =
        R"({"version": "1.0.0", "resolved": "file:../left-pad-1.0.0.tgz", "integrity": ")" +
        std::string(k_good_integrity) + "\"}";
    r = lint_of(lock_with("left-pad", tarball));
    EXPECT_EQ(rules_of(r), Rules{"sources"});
    EXPECT_NE(r.findings[0].detail.find("local-tarball"), std::string::npos);
}

TEST(Lint, InstallScriptsOutsideTheAllowlist) {
    auto r =
        lint_of(lock_with("left-pad", registry_entry("left-pad", ", \"hasInstallScript\": true")));
    EXPECT_EQ(rules_of(r), Rules{"install-scripts"});
    const std::string pj = R"({"dependencies": {"esbuild": "^1.0.0"}})";
    r = lint_of(lock_with("esbuild", registry_entry("esbuild", ", \"hasInstallScript\": true")),
                pj);
    EXPECT_EQ(rules_of(r), Rules{}) << "esbuild is on the default allowlist";
}

TEST(Lint, InSyncWithPackageJson) {
    const std::string lock = lock_with("left-pad", registry_entry("left-pad"));
    auto r = lint_of(lock, std::string(R"({"dependencies": {"left-pad": "^2.0.0"}})"));
    EXPECT_EQ(rules_of(r), Rules{"in-sync"});
    EXPECT_NE(r.findings[0].detail.find("installs 1.0.0"), std::string::npos);
    r = lint_of(lock, std::string(R"({"devDependencies": {"left-pad": "^1.0.0", "jest": "^29"}})"));
    EXPECT_EQ(rules_of(r), Rules{"in-sync"});
    EXPECT_NE(r.findings[0].detail.find("no node_modules/jest"), std::string::npos);
    // Aliases and non-semver specs.
    EXPECT_EQ(rules_of(lint_of(
                  lock, std::string(R"({"dependencies": {"left-pad": "npm:left-pad@^1"}})"))),
              Rules{});
    EXPECT_EQ(
        rules_of(lint_of(lock, std::string(R"({"dependencies": {"left-pad": "github:a/b"}})"))),
        Rules{});
    // No package.json: the rule could not check, which is a finding (fail closed).
    r = lint_of(lock, std::nullopt);
    EXPECT_EQ(rules_of(r), Rules{"in-sync"});
    EXPECT_FALSE(r.pass());
    // A malformed package.json is an input error.
    auto parsed = lockfile::parse_lockfile(lock, "package-lock.json");
    auto bad =
        run(*parsed, std::string("{\"dependencies\": "), policy::builtin_default(), "2026-11-25");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, Errc::parse);
}

TEST(Lint, Typosquats) {
    const std::string pj = R"({"dependencies": {"lodahs": "^1.0.0"}})";
    auto r = lint_of(lock_with("lodahs", registry_entry("lodahs")), pj);
    EXPECT_EQ(rules_of(r), Rules{"typosquat"});
    EXPECT_NE(r.findings[0].detail.find("popular package lodash"), std::string::npos);
    const std::string pj2 = R"({"dependencies": {"expresso": "^1.0.0"}})";
    EXPECT_EQ(rules_of(lint_of(lock_with("expresso", registry_entry("expresso")), pj2)),
              Rules{"typosquat"});
    // The popular package itself, a distant name, and an allowed name do not fire.
    const std::string pj3 = R"({"dependencies": {"lodash": "^1.0.0"}})";
    EXPECT_EQ(rules_of(lint_of(lock_with("lodash", registry_entry("lodash")), pj3)), Rules{});
    auto policy = policy::builtin_default();
    policy.lint.typosquat.allow = {"lodahs"};
    EXPECT_EQ(rules_of(lint_of(lock_with("lodahs", registry_entry("lodahs")), pj, policy)),
              Rules{});
    EXPECT_EQ(edit_distance("lodash", "lodahs", 3), 1);
    EXPECT_EQ(edit_distance("kitten", "sitting", 3), 3);
    EXPECT_EQ(edit_distance("kitten", "sitting", 1), 2);
    EXPECT_FALSE(popular_packages().empty());
    EXPECT_EQ(popular_packages().front().name, "tslib");
}

TEST(Lint, ExceptionsAndModes) {
    auto policy = policy::builtin_default();
    policy.exceptions.push_back(
        {"left-pad", "", "lint", "install-scripts", "needs node-gyp", "ops@shop", "2026-12-31", 1});
    auto r =
        lint_of(lock_with("left-pad", registry_entry("left-pad", ", \"hasInstallScript\": true")),
                k_package_json, policy);
    ASSERT_EQ(rules_of(r), Rules{"install-scripts"});
    EXPECT_FALSE(r.findings[0].excepted.empty());
    EXPECT_EQ(r.excepted, 1u);
    policy.exceptions[0].expires = "2026-01-01";
    policy.lint.install_scripts.mode = policy::Mode::error;
    r = lint_of(lock_with("left-pad", registry_entry("left-pad", ", \"hasInstallScript\": true")),
                k_package_json, policy);
    EXPECT_TRUE(r.findings[0].excepted.empty());
    EXPECT_EQ(r.expired.size(), 1u);
    EXPECT_FALSE(r.pass());
    policy.lint.install_scripts.mode = policy::Mode::off;
    EXPECT_EQ(rules_of(lint_of(
                  lock_with("left-pad", registry_entry("left-pad", ", \"hasInstallScript\": true")),
                  k_package_json, policy)),
              Rules{});
}

TEST(Lint, ProjectFoldersAreNotForeignSources) {
    // An extraneous workspace folder (documenso's apps/documentation) is the project's own code;
    // a file: directory installed under node_modules is a foreign source.
    const std::string lock = R"({"name": "app", "lockfileVersion": 3, "packages": {
      "": {"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "^1.0.0"}},
      "apps/docs": {"name": "@app/docs", "version": "0.1.0", "extraneous": true},
      "node_modules/left-pad": )" +
                             registry_entry("left-pad") + "}}";
    EXPECT_EQ(rules_of(lint_of(lock)), Rules{});
}

TEST(Lint, PackageJsonWrongTypesTruncatedHuge) {
    const std::string lock = lock_with("left-pad", registry_entry("left-pad"));
    auto parsed = lockfile::parse_lockfile(lock, "package-lock.json");
    ASSERT_TRUE(parsed.has_value());
    const auto& policy = policy::builtin_default();
    for (const char* bad : {"[]", "{\"dependencies\": []}", "{\"devDependencies\": 1}", "{\"depend",
                            "{\"dependencies\": {\"a\": 1e999}}"}) {
        auto r = run(*parsed, std::string(bad), policy, "2026-11-25");
        ASSERT_FALSE(r.has_value()) << bad;
        EXPECT_EQ(r.error().code, Errc::parse) << bad;
        EXPECT_EQ(r.error().file, "package.json") << bad;
    }
    // A non-string spec is compared by presence only; a huge manifest is fine.
    std::string huge =
        "{\"dependencies\": {\"left-pad\": {}}, \"x\": \"" + std::string(1 << 20, 'a') + "\"}";
    auto r = run(*parsed, huge, policy, "2026-11-25");
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->pass());
}
