// Renderings: JSON and SARIF are valid and complete, the table escapes untrusted text.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/inspect/inspect.hpp>

using namespace vouch::inspect;

namespace {

Outcome sample() {
    Outcome o;
    o.root = ".vercel/output";
    Finding f;
    f.rule = "github-token";
    f.severity = Severity::critical;
    f.file = ".vercel/output/static/\x1b[31mevil.js";
    f.line = 3;
    f.column = 7;
    f.excerpt = "ghp_ab...";
    f.detail = "a GitHub token";
    o.findings.push_back(f);
    f.rule = "public-source-map";
    f.severity = Severity::moderate;
    f.file = ".vercel/output/static/a.js.map";
    f.suppressed_by = "reviewed (web, until 2030-01-01)";
    o.findings.push_back(f);
    o.files_scanned = 2;
    return o;
}

} // namespace

TEST(Render, Json) {
    const auto doc = nlohmann::json::parse(render_json(sample()));
    EXPECT_EQ(doc["verdict"], "fail");
    EXPECT_EQ(doc["findings"].size(), 2U);
    EXPECT_EQ(doc["findings"][0]["line"], 3);
    EXPECT_EQ(doc["findings"][0]["excerpt"], "ghp_ab...");
    EXPECT_EQ(doc["findings"][1]["suppressed"], "reviewed (web, until 2030-01-01)");
    EXPECT_EQ(doc["rule_counts"], nlohmann::json({{"github-token", 1}}));
}

TEST(Render, Sarif) {
    const auto doc = nlohmann::json::parse(render_sarif(sample()));
    EXPECT_EQ(doc["version"], "2.1.0");
    const auto& run = doc["runs"][0];
    const auto& results = run["results"];
    ASSERT_EQ(results.size(), 2U);
    const std::size_t index = results[0]["ruleIndex"];
    EXPECT_EQ(run["tool"]["driver"]["rules"][index]["id"], "github-token");
    EXPECT_EQ(results[0]["level"], "error");
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
    EXPECT_EQ(results[1]["suppressions"][0]["kind"], "external");
}

TEST(Render, TableEscapesAndSummarises) {
    const std::string table = render_table(sample());
    EXPECT_EQ(table.find('\x1b'), std::string::npos);
    EXPECT_NE(table.find("\\e[31mevil.js:3:7"), std::string::npos) << table;
    EXPECT_NE(table.find("2 finding(s), 1 at or above threshold any"), std::string::npos);
    Outcome none = sample();
    none.threshold.kind = Threshold::Kind::none;
    EXPECT_NE(render_table(none).find("report-only"), std::string::npos);
}
