#include "sign_and_parse.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <vouch/attest/provenance.hpp>
#include <vouch/attest/statement.hpp>
#include <vouch/digest/sha256.hpp>

using namespace vouch;
using namespace vouch::attest;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using test::sign_and_parse;

ProvenanceInput sample_input() {
    ProvenanceInput input;
    input.subjects.push_back({"app.tar.gz", {{"sha256", std::string(64, 'a')}}, ""});
    input.subjects.push_back({".vercel/output",
                              {{"sha256", digest::sha256_hex("vouch-manifest v1\n")}},
                              "vouch-manifest v1\n"});
    input.commit = {std::string(40, 'c'), "main", "https://example.com/acme/shop.git", false, {}};
    input.lockfile = DigestedFile{"package-lock.json", std::string(64, 'l')};
    input.sbom = DigestedFile{"sbom.cdx.json", std::string(64, 's')};
    input.verdict = VerdictRecord{{"verdict.json", std::string(64, 'v')},
                                  "pass",
                                  {"package-lock.json", std::string(64, 'l')}};
    input.ci.provider = "local";
    input.ci.builder_id = "https://vouch.dev/builders/local";
    input.ci.invocation_id = "urn:uuid:1";
    input.started = *util::parse_rfc3339("2026-11-20T14:02:11Z");
    input.finished = *util::parse_rfc3339("2026-11-20T14:06:48Z");
    return input;
}

} // namespace

TEST(Statement, BuildsSlsaProvenanceV1Shape) {
    const auto statement = json::parse(build_statement(sample_input()));
    EXPECT_EQ(statement["_type"], "https://in-toto.io/Statement/v1");
    EXPECT_EQ(statement["predicateType"], "https://slsa.dev/provenance/v1");
    EXPECT_EQ(statement["subject"][0]["name"], "app.tar.gz");
    const auto& build = statement["predicate"]["buildDefinition"];
    EXPECT_EQ(build["buildType"], std::string(k_build_type));
    const auto& deps = build["resolvedDependencies"];
    EXPECT_EQ(deps[0]["uri"], "git+https://example.com/acme/shop.git@main");
    EXPECT_EQ(deps[0]["digest"]["gitCommit"], std::string(40, 'c'));
    EXPECT_EQ(deps[3]["annotations"]["verdict"], "pass");
    EXPECT_EQ(build["internalParameters"]["vouch"]["allowDirty"], false);
    const auto& run = statement["predicate"]["runDetails"];
    EXPECT_EQ(run["metadata"]["startedOn"], "2026-11-20T14:02:11Z");
    EXPECT_EQ(run["byproducts"][0]["mediaType"], "application/vnd.vouch.manifest.v1");
}

TEST(Statement, RoundTripsThroughParse) {
    auto parsed = sign_and_parse(build_statement(sample_input()));
    ASSERT_TRUE(parsed) << parsed.error().describe();
    ASSERT_EQ(parsed->subjects.size(), 2U);
    EXPECT_EQ(parsed->subjects[1].manifest, "vouch-manifest v1\n");
    EXPECT_TRUE(parsed->subjects[0].manifest.empty());
    ASSERT_TRUE(parsed->commit);
    EXPECT_EQ(parsed->commit->sha, std::string(40, 'c'));
    EXPECT_FALSE(parsed->commit->dirty);
    ASSERT_TRUE(parsed->sbom && parsed->verdict && parsed->lockfile);
    EXPECT_EQ(parsed->verdict->verdict, "pass");
    EXPECT_EQ(parsed->verdict->lockfile.sha256, std::string(64, 'l'));
    EXPECT_EQ(util::format_rfc3339(*parsed->finished), "2026-11-20T14:06:48Z");
}

TEST(Statement, AcceptsStatementV01) {
    auto statement = json::parse(build_statement(sample_input()));
    statement["_type"] = "https://in-toto.io/Statement/v0.1";
    EXPECT_TRUE(sign_and_parse(statement.dump()));
}

TEST(Statement, RejectsWrongTypesAndShapes) {
    const auto good = json::parse(build_statement(sample_input()));
    std::vector<std::function<void(json&)>> mutations = {
        [](json& s) { s["_type"] = "https://in-toto.io/Statement/v2"; },
        [](json& s) { s.erase("_type"); },
        [](json& s) { s["predicateType"] = "https://slsa.dev/provenance/v0.2"; },
        [](json& s) { s["subject"] = json::array(); },
        [](json& s) { s["subject"] = "x"; },
        [](json& s) { s["subject"][0].erase("digest"); },
        [](json& s) { s["subject"][0]["digest"]["sha256"] = 5; },
        [](json& s) { s["predicate"].erase("runDetails"); },
        [](json& s) { s["predicate"]["runDetails"]["metadata"]["finishedOn"] = "yesterday"; },
        [](json& s) { s["predicate"]["runDetails"]["byproducts"][0]["content"] = "bm90IGl0"; },
        [](json& s) { s["predicate"]["runDetails"]["byproducts"][0]["name"] = "other"; },
        [](json& s) {
            auto& deps = s["predicate"]["buildDefinition"]["resolvedDependencies"];
            deps.push_back(deps[0]);
        },
        [](json& s) {
            s["predicate"]["buildDefinition"]["internalParameters"]["vouch"]["dirty"] = "no";
        },
    };
    for (std::size_t i = 0; i < mutations.size(); ++i) {
        auto statement = good;
        mutations[i](statement);
        auto parsed = sign_and_parse(statement.dump());
        EXPECT_FALSE(parsed) << "mutation " << i;
        if (!parsed) {
            EXPECT_EQ(parsed.error().code, Errc::rejected);
        }
    }
    for (const std::string bad : {"", "[]", "{", "null", "{\"_type\": 1}"}) {
        EXPECT_FALSE(sign_and_parse(bad)) << bad;
    }
}

TEST(Statement, ParsesTheSigstoreConformanceStatement) {
    const fs::path path =
        fs::path(VOUCH_SHARED_DIR) / "corpus/attestation/sigstore-conformance/statement.json";
    if (!fs::exists(path)) {
        GTEST_SKIP() << "shared corpus not present";
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = sign_and_parse(text.str());
    ASSERT_TRUE(parsed) << parsed.error().describe();
    EXPECT_EQ(parsed->subjects[0].name, "a.txt");
    EXPECT_EQ(parsed->subjects[0].digest.at("sha256"),
              "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
    EXPECT_FALSE(parsed->commit.has_value() && parsed->commit->sha.empty());
}

TEST(Ci, DetectsGithubVercelGenericAndLocal) {
    std::map<std::string, std::string> env = {{"GITHUB_ACTIONS", "true"},
                                              {"GITHUB_REPOSITORY", "acme/shop"},
                                              {"GITHUB_RUN_ID", "42"},
                                              {"GITHUB_RUN_ATTEMPT", "2"},
                                              {"RUNNER_ENVIRONMENT", "github-hosted"},
                                              {"GITHUB_TOKEN", "secret-token"}};
    auto lookup = [&](const std::string& name) -> std::optional<std::string> {
        const auto it = env.find(name);
        return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    auto github = detect_ci(lookup);
    EXPECT_EQ(github.provider, "github-actions");
    EXPECT_EQ(github.builder_id, "https://github.com/actions/runner/github-hosted");
    EXPECT_EQ(github.invocation_id, "https://github.com/acme/shop/actions/runs/42/attempts/2");
    EXPECT_EQ(github.variables.count("GITHUB_TOKEN"), 0U); // never recorded
    env = {{"VERCEL", "1"}, {"VERCEL_DEPLOYMENT_ID", "dpl_1"}, {"VERCEL_OIDC_TOKEN", "x"}};
    auto vercel = detect_ci(lookup);
    EXPECT_EQ(vercel.provider, "vercel");
    EXPECT_EQ(vercel.invocation_id, "dpl_1");
    EXPECT_EQ(vercel.variables.count("VERCEL_OIDC_TOKEN"), 0U);
    env = {{"CI", "true"}};
    EXPECT_EQ(detect_ci(lookup).provider, "generic-ci");
    env = {};
    EXPECT_EQ(detect_ci(lookup).provider, "local");
}

TEST(Verdict, ReadsAndRejects) {
    auto verdict = read_verdict(fs::path(VOUCH_TEST_DATA) / "attest/verdict-pass.json");
    ASSERT_TRUE(verdict) << verdict.error().describe();
    EXPECT_EQ(verdict->verdict, "pass");
    EXPECT_EQ(verdict->lockfile.path, "package-lock.json");
    EXPECT_EQ(verdict->document.sha256.size(), 64U);

    std::string pattern = (fs::temp_directory_path() / "vouch-verdict-XXXXXX").string();
    const fs::path dir = ::mkdtemp(pattern.data());
    for (const std::string bad :
         {"", "{", "[]", R"({"verdict":"maybe","lockfile":{"sha256":"a"}})",
          R"({"verdict":"pass"})", R"({"verdict":"pass","lockfile":{"sha256":1}})",
          R"({"verdict":true,"lockfile":{"sha256":"a"}})"}) {
        std::ofstream(dir / "v.json") << bad;
        auto result = read_verdict(dir / "v.json");
        EXPECT_FALSE(result) << bad;
        if (!result) {
            EXPECT_EQ(result.error().code, Errc::parse) << bad;
        }
    }
    auto missing = read_verdict(dir / "missing.json");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::io);
    fs::remove_all(dir);
}

TEST(Provenance, SubjectNamesAreNormalised) {
    EXPECT_EQ(subject_name(".vercel/output/"), ".vercel/output");
    EXPECT_EQ(subject_name("./a/../b.txt"), "b.txt");
}
