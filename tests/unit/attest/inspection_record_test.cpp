// The inspection record of `vouch sign --inspect`: recorded at
// internalParameters.vouch.inspection, read back strictly, and made by make_provenance from the
// hashing read (a planted secret refuses the signature unless allowed; the statement holds
// counts, never the secret).
#include "sign_and_parse.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <stdexcept>
#include <unistd.h>
#include <vouch/attest/provenance.hpp>
#include <vouch/attest/statement.hpp>

using namespace vouch;
using namespace vouch::attest;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using test::sign_and_parse;

ProvenanceInput minimal_input() {
    ProvenanceInput input;
    input.subjects.push_back({"out", {{"sha256", std::string(64, 'a')}}, ""});
    input.commit = {std::string(40, 'c'), "main", "", false, {}};
    input.ci.builder_id = "https://vouch.dev/builders/local";
    return input;
}

InspectionRecord sample_record() {
    InspectionRecord r;
    r.performed = true;
    r.trigger = "--inspect";
    r.policy_path = "policies/strict.json";
    r.policy_sha256 = std::string(64, 'p');
    r.threshold = "high";
    r.subjects = {".vercel/output"};
    r.files_scanned = 12;
    r.bytes_scanned = 34567;
    r.total = 3;
    r.failing = 2;
    r.suppressed = 1;
    r.expired_exceptions = 1;
    r.rules["stripe-secret-key"]["critical"] = 1;
    r.rules["stripe-secret-key"]["high"] = 1;
    r.rules["header-hsts"]["moderate"] = 1;
    r.allow_findings = true;
    return r;
}

// The statement with internalParameters.vouch.inspection replaced by `record_json`.
std::string with_record(const std::string& record_json) {
    auto statement = json::parse(build_statement(minimal_input()));
    statement["predicate"]["buildDefinition"]["internalParameters"]["vouch"]["inspection"] =
        json::parse(record_json);
    return statement.dump();
}

} // namespace

TEST(InspectionRecord, RoundTrips) {
    auto input = minimal_input();
    input.inspection = sample_record();
    const auto parsed = sign_and_parse(build_statement(input));
    ASSERT_TRUE(parsed) << parsed.error().message;
    ASSERT_TRUE(parsed->inspection);
    const auto& r = *parsed->inspection;
    const auto expected = sample_record();
    EXPECT_TRUE(r.performed);
    EXPECT_EQ(r.trigger, expected.trigger);
    EXPECT_EQ(r.policy_path, expected.policy_path);
    EXPECT_EQ(r.policy_sha256, expected.policy_sha256);
    EXPECT_EQ(r.threshold, "high");
    EXPECT_EQ(r.subjects, expected.subjects);
    EXPECT_EQ(r.files_scanned, 12U);
    EXPECT_EQ(r.bytes_scanned, 34567U);
    EXPECT_EQ(r.total, 3U);
    EXPECT_EQ(r.failing, 2U);
    EXPECT_EQ(r.suppressed, 1U);
    EXPECT_EQ(r.expired_exceptions, 1U);
    EXPECT_EQ(r.rules, expected.rules);
    EXPECT_TRUE(r.allow_findings);
}

TEST(InspectionRecord, NotPerformedIsRecordedAsSuch) {
    const auto text = build_statement(minimal_input());
    const auto statement = json::parse(text);
    EXPECT_EQ(
        statement["predicate"]["buildDefinition"]["internalParameters"]["vouch"]["inspection"],
        json({{"performed", false}}));
    const auto parsed = sign_and_parse(text);
    ASSERT_TRUE(parsed);
    ASSERT_TRUE(parsed->inspection);
    EXPECT_FALSE(parsed->inspection->performed);
}

TEST(InspectionRecord, AbsentInAnOlderStatement) {
    auto statement = json::parse(build_statement(minimal_input()));
    statement["predicate"]["buildDefinition"]["internalParameters"]["vouch"].erase("inspection");
    const auto parsed = sign_and_parse(statement.dump());
    ASSERT_TRUE(parsed);
    EXPECT_FALSE(parsed->inspection);
}

TEST(InspectionRecord, WrongTypesAreRejected) {
    const std::string counts = R"("findings":{"total":0,"failing":0,"suppressed":0},)"
                               R"("filesScanned":1,"bytesScanned":1,"expiredExceptions":0)";
    for (const std::string& bad : std::vector<std::string>{
             R"("yes")",
             R"({"performed":"true"})",
             R"({"performed":true})", // no counts: never read as clean
             R"({"performed":true,"findings":{"total":0,"failing":-1,"suppressed":0},)"
             R"("filesScanned":1,"bytesScanned":1,"expiredExceptions":0})",
             R"({"performed":true,"findings":{"total":0,"failing":"0","suppressed":0},)"
             R"("filesScanned":1,"bytesScanned":1,"expiredExceptions":0})",
             R"({"performed":true,"findings":{"total":0,"failing":0.5,"suppressed":0},)"
             R"("filesScanned":1,"bytesScanned":1,"expiredExceptions":0})",
             R"({"performed":true,)" + counts + R"(,"rules":[]})",
             R"({"performed":true,)" + counts + R"(,"rules":{"x":{"high":"1"}}})",
             R"({"performed":true,)" + counts + R"(,"allowFindings":"no"})",
             R"({"performed":true,)" + counts + R"(,"subjects":[1]})",
         }) {
        const auto parsed = sign_and_parse(with_record(bad));
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, Errc::rejected) << bad;
        EXPECT_NE(parsed.error().message.find("inspection"), std::string::npos)
            << parsed.error().message;
    }
    const auto good = sign_and_parse(with_record(R"({"performed":true,)" + counts + "}"));
    ASSERT_TRUE(good) << good.error().message;
    EXPECT_EQ(good->inspection->failing, 0U);
}

// make_provenance with an inspection: the tree is inspected in the hashing read.
class SignInspection : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string pattern = (fs::temp_directory_path() / "vouch-sign-inspect-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        output = dir / "out";
        fs::create_directories(output / "static" / "_next" / "static" / "chunks");
        fs::create_directories(output / "functions" / "api.func");
        write("config.json",
              R"j({"version":3,"routes":[{"src":"/(.*)","headers":{)j"
              R"("Content-Security-Policy":"default-src 'self'; frame-ancestors 'none'",)"
              R"("Strict-Transport-Security":"max-age=63072000",)"
              R"("X-Content-Type-Options":"nosniff","Referrer-Policy":"same-origin"}}]})");
        write("static/index.html", "<html>hello</html>\n");
        write("static/_next/static/chunks/app.js", "console.log('shop');\n");
        // Server code is not served: a secret there is not the inspection's business.
        write("functions/api.func/index.js", "const k='" + secret + "';\n");
    }
    void TearDown() override { fs::remove_all(dir); }

    void write(const std::string& rel, const std::string& text) {
        std::ofstream(output / rel, std::ios::binary) << text;
    }

    ProvenanceRequest request(bool allow = false) const {
        ProvenanceRequest r;
        r.artifacts = {output};
        r.repo = dir; // no repository: the commit comes from the CI variable
        r.env = [](const std::string& name) -> std::optional<std::string> {
            if (name == "VERCEL_GIT_COMMIT_SHA") {
                return std::string(40, 'e');
            }
            return std::nullopt;
        };
        InspectionRequest inspection;
        inspection.policy_path = "builtin:default";
        inspection.policy_sha256 = std::string(64, 'd');
        inspection.trigger = "--inspect";
        inspection.allow_findings = allow;
        r.inspection = inspection;
        return r;
    }

    fs::path dir, output;
    // A Stripe live secret key (random-looking, not a documented example).
    const std::string secret = "sk_live_" + std::string("4fQz9XkLm2Pq7RtVw3Yb8NcDh6Js1GaE");
};

TEST_F(SignInspection, CleanTreeIsRecordedClean) {
    const auto out = make_provenance(request());
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_TRUE(out->inspection.performed);
    EXPECT_EQ(out->inspection.total, 0U);
    EXPECT_EQ(out->inspection.failing, 0U);
    EXPECT_EQ(out->inspection.files_scanned, 2U); // index.html and app.js
    const auto parsed = sign_and_parse(out->statement);
    ASSERT_TRUE(parsed);
    ASSERT_TRUE(parsed->inspection);
    EXPECT_TRUE(parsed->inspection->performed);
    EXPECT_EQ(parsed->inspection->policy_sha256, std::string(64, 'd'));
    EXPECT_EQ(parsed->inspection->subjects, std::vector<std::string>{output.generic_string()});
}

TEST_F(SignInspection, APlantedSecretRefusesTheSignature) {
    write("static/_next/static/chunks/app.js", "const stripe='" + secret + "';\n");
    const auto out = make_provenance(request());
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::rejected);
    EXPECT_NE(out.error().message.find("stripe-secret-key 1"), std::string::npos)
        << out.error().message;
    EXPECT_NE(out.error().message.find("app.js:1:15"), std::string::npos) << out.error().message;
    EXPECT_EQ(out.error().message.find(secret.substr(8)), std::string::npos);
}

TEST_F(SignInspection, AllowedFindingsAreCountedNeverCopied) {
    write("static/_next/static/chunks/app.js", "const stripe='" + secret + "';\n");
    write("static/.env.production", "X=1\n");
    const auto out = make_provenance(request(true));
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->inspection.failing, 2U);
    EXPECT_TRUE(out->inspection.allow_findings);
    EXPECT_EQ(out->inspection.rules.at("stripe-secret-key").at("critical"), 1U);
    EXPECT_EQ(out->inspection.rules.at("public-env-file").at("high"), 1U);
    EXPECT_EQ(out->statement.find(secret.substr(8, 12)), std::string::npos);
    EXPECT_EQ(out->statement.find("app.js"), std::string::npos) << "no file names, counts only";
    const auto parsed = sign_and_parse(out->statement);
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->inspection->allow_findings);
    EXPECT_EQ(parsed->inspection->failing, 2U);
}

TEST_F(SignInspection, TheThresholdDecidesWhatCounts) {
    write("static/.env.production", "X=1\n");
    auto r = request();
    r.inspection->config.threshold = *inspect::parse_threshold("critical");
    const auto out = make_provenance(r);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->inspection.total, 1U);
    EXPECT_EQ(out->inspection.failing, 0U);
    EXPECT_EQ(out->inspection.threshold, "critical");
}

TEST_F(SignInspection, AFileArtifactCannotBeInspected) {
    auto r = request();
    r.artifacts = {output / "static" / "index.html"};
    const auto out = make_provenance(r);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::unsupported);
}

TEST_F(SignInspection, ADirectoryThatIsNoBuildOutputCannotBeInspected) {
    auto r = request();
    r.artifacts = {output / "static"};
    const auto out = make_provenance(r);
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::unsupported);
}

TEST_F(SignInspection, PolicyExceptionsApplyAndExpiredOnesAreSaid) {
    write("static/.env.production", "X=1\n");
    write("static/app.js.map", "{}\n");
    auto r = request();
    inspect::Exception live{"public-env-file",
                            "static/.env*",
                            "placeholder values only",
                            "web",
                            "2999-01-01",
                            *util::parse_rfc3339("2999-01-01T00:00:00Z")};
    inspect::Exception expired{"public-source-map", "static/*.map",
                               "was reviewed",      "web",
                               "2000-01-01",        *util::parse_rfc3339("2000-01-01T00:00:00Z")};
    r.inspection->config.exceptions = {live, expired};
    const auto refused = make_provenance(r);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("public-source-map 1"), std::string::npos)
        << refused.error().message;
    EXPECT_NE(refused.error().message.find("1 policy exception(s) have expired"), std::string::npos)
        << refused.error().message;

    r.inspection->allow_findings = true;
    const auto out = make_provenance(r);
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->inspection.suppressed, 1U);
    EXPECT_EQ(out->inspection.failing, 1U);
    EXPECT_EQ(out->inspection.expired_exceptions, 1U);
    EXPECT_FALSE(out->inspection.rules.contains("public-env-file"));
    const bool warned =
        std::any_of(out->warnings.begin(), out->warnings.end(), [](const std::string& w) {
            return w.find("expired inspect exception") != std::string::npos;
        });
    EXPECT_TRUE(warned);
}
