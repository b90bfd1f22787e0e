#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/report/report.hpp>

namespace vouch::report {
namespace {

using nlohmann::json;

ScanReport sample() {
    ScanReport report;
    report.tool_version = "0.1.0";
    report.generated_at = "2026-11-23T12:00:00Z";
    report.input_path = "package-lock.json";
    report.input_kind = "package-lock";
    report.input_sha256 = std::string(64, 'a');
    report.project_name = "shop";
    report.database.kind = "database";
    report.database.path = "/db/advisories.sqlite";
    report.database.sources = {"osv.zip"};
    report.database.imported_at = "2026-11-20T12:00:00Z";
    report.database.age_days = 3.0;
    report.database.content_sha256 = std::string(64, 'b');
    report.database.advisories = 100;
    report.packages_scanned = 42;

    scan::Finding high;
    high.id = "GHSA-xvch-5gv4-984h";
    high.aliases = {"CVE-2021-44906"};
    high.package = "minimist";
    high.version = "1.2.0";
    high.title = "Prototype Pollution in minimist";
    high.severity = scan::Level::critical;
    high.cvss = 9.8;
    high.fixed = "1.2.6";
    high.installs.push_back({1, "node_modules/minimist", {"shop", "minimist"}, false, 12});
    high.installs.push_back(
        {2, "node_modules/a/node_modules/minimist", {"shop", "a", "minimist"}, true, 30});
    scan::Finding low;
    low.id = "GHSA-low";
    low.package = "a";
    low.version = "1.0.0";
    low.severity = scan::Level::low;
    low.installs.push_back({3, "node_modules/a", {"shop", "a"}, false, 20});
    low.suppression = scan::Suppression{"not reachable", "ignore", "ignore.json", 3, "bob", "", ""};
    scan::Finding mal;
    mal.id = "MAL-2024-1";
    mal.package = "evil";
    mal.version = "1.0.0";
    mal.malware = true;
    mal.severity = scan::Level::critical;
    mal.installs.push_back({4, "node_modules/evil", {"shop", "evil"}, false, 0});
    report.findings = {mal, high, low};
    return report;
}

TEST(Verdict, GateCountsUnsuppressedFindingsAtOrAboveTheThreshold) {
    auto report = sample();
    report.gate = scan::Gate::low;
    auto verdict = decide(report);
    EXPECT_FALSE(verdict.pass);
    EXPECT_EQ(verdict.reasons.at(0), "2 finding(s) at or above low"); // the low one is suppressed
    report.findings.erase(report.findings.begin(), report.findings.begin() + 2);
    EXPECT_TRUE(decide(report).pass);
    report.strict = true;
    report.database.too_old = true;
    EXPECT_FALSE(decide(report).pass);
}

TEST(Json, PublicFieldsHaveTheirDocumentedTypes) {
    auto report = sample();
    report.gate = scan::Gate::high;
    auto doc = json::parse(render_json(report, decide(report)));
    EXPECT_EQ(doc["verdict"], "fail");
    EXPECT_EQ(doc["lockfile"]["sha256"], std::string(64, 'a'));
    EXPECT_EQ(doc["database"]["content_sha256"], std::string(64, 'b'));
    EXPECT_EQ(doc["database"]["age_days"], 3.0);
    EXPECT_EQ(doc["summary"]["critical"], 2);
    EXPECT_EQ(doc["summary"]["suppressed"], 1);
    EXPECT_EQ(doc["summary"]["total_packages"], 42);
    ASSERT_EQ(doc["findings"].size(), 3u);
    for (const auto& f : doc["findings"]) {
        EXPECT_TRUE(f["id"].is_string());
        EXPECT_TRUE(f["aliases"].is_array());
        EXPECT_TRUE(f["package"].is_string());
        EXPECT_TRUE(f["version"].is_string());
        EXPECT_TRUE(f["severity"] == "low" || f["severity"] == "moderate" ||
                    f["severity"] == "high" || f["severity"] == "critical");
        EXPECT_TRUE(f["cvss"].is_number() || f["cvss"].is_null());
        EXPECT_TRUE(f["fixed"].is_string() || f["fixed"].is_null());
        EXPECT_TRUE(f["paths"].is_array());
        for (const auto& path : f["paths"]) {
            EXPECT_TRUE(path.is_array());
        }
        EXPECT_TRUE(f["suppressed"].is_string() || f["suppressed"].is_null());
    }
    const auto& minimist = doc["findings"][1];
    EXPECT_EQ(minimist["cvss"], 9.8);
    EXPECT_EQ(minimist["paths"][1], json({"shop", "a", "minimist"}));
    EXPECT_EQ(doc["findings"][2]["suppressed"], "not reachable");
    EXPECT_EQ(doc["findings"][0]["malware"], true);
}

TEST(Json, EmptyResultStillHasSummaryAndVerdict) {
    ScanReport report;
    report.database.kind = "advisories";
    auto doc = json::parse(render_json(report, decide(report)));
    EXPECT_EQ(doc["findings"], json::array());
    EXPECT_EQ(doc["summary"]["findings"], 0);
    EXPECT_EQ(doc["verdict"], "pass");
    EXPECT_TRUE(doc["database"]["age_days"].is_null());
}

TEST(Json, InvalidUtf8FromAFeedDoesNotThrow) {
    auto report = sample();
    report.findings[1].title = "bad \xff\xfe bytes";
    json parsed;
    EXPECT_NO_THROW(parsed = json::parse(render_json(report, decide(report))));
    EXPECT_TRUE(parsed.is_object());
    EXPECT_NO_THROW(parsed = json::parse(render_sarif(report)));
    EXPECT_TRUE(parsed.is_object());
}

TEST(Sarif, HasWhatGitHubCodeScanningRequires) {
    auto report = sample();
    auto log = json::parse(render_sarif(report));
    EXPECT_EQ(log["version"], "2.1.0");
    EXPECT_TRUE(log["$schema"].is_string());
    ASSERT_EQ(log["runs"].size(), 1u);
    const auto& run = log["runs"][0];
    EXPECT_EQ(run["tool"]["driver"]["name"], "vouch");
    const auto& rules = run["tool"]["driver"]["rules"];
    ASSERT_EQ(rules.size(), 3u); // one per advisory
    for (const auto& rule : rules) {
        EXPECT_FALSE(rule["id"].get<std::string>().empty());
        EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
        EXPECT_FALSE(rule["fullDescription"]["text"].get<std::string>().empty());
        EXPECT_FALSE(rule["help"]["text"].get<std::string>().empty());
        double score = std::stod(rule["properties"]["security-severity"].get<std::string>());
        EXPECT_GT(score, 0.0);
        EXPECT_LE(score, 10.0);
        EXPECT_EQ(rule["properties"]["tags"][0], "security");
    }
    EXPECT_EQ(rules[1]["properties"]["security-severity"], "9.8");
    const auto& results = run["results"];
    ASSERT_EQ(results.size(), 3u);
    for (const auto& result : results) {
        EXPECT_FALSE(result["message"]["text"].get<std::string>().empty());
        ASSERT_GE(result["locations"].size(), 1u);
        EXPECT_LE(result["locations"].size(), 10u);
        const auto& physical = result["locations"][0]["physicalLocation"];
        EXPECT_EQ(physical["artifactLocation"]["uri"], "package-lock.json");
        EXPECT_GE(physical["region"]["startLine"].get<int>(), 1);
        EXPECT_GE(physical["region"]["startColumn"].get<int>(), 1);
        EXPECT_TRUE(result["partialFingerprints"]["primaryLocationLineHash"].is_string());
        EXPECT_EQ(rules[result["ruleIndex"].get<std::size_t>()]["id"], result["ruleId"]);
    }
    EXPECT_EQ(results[1]["locations"][0]["physicalLocation"]["region"]["startLine"], 12);
    EXPECT_EQ(results[1]["relatedLocations"].size(), 1u);
    EXPECT_EQ(results[2]["suppressions"][0]["kind"], "external");
    EXPECT_EQ(results[2]["suppressions"][0]["justification"], "not reachable");
    EXPECT_FALSE(results[1].contains("suppressions"));
}

TEST(Table, GroupsBySeverityWithASummaryAndNoColourWhenAsked) {
    auto report = sample();
    report.gate = scan::Gate::critical;
    report.findings[1].title = "evil \033[2J title";
    auto text = render_table(report, decide(report), false);
    EXPECT_EQ(text.find('\033'), std::string::npos);
    auto critical = text.find("CRITICAL (2)");
    auto suppressed = text.find("SUPPRESSED");
    ASSERT_NE(critical, std::string::npos);
    ASSERT_NE(suppressed, std::string::npos);
    EXPECT_LT(critical, suppressed);
    EXPECT_NE(text.find("MALWARE"), std::string::npos);
    EXPECT_NE(text.find("via shop > a > minimist"), std::string::npos);
    EXPECT_NE(text.find("2 open finding(s): 2 critical"), std::string::npos);
    EXPECT_NE(text.find("1 suppressed"), std::string::npos);
    EXPECT_NE(text.find("Verdict: fail"), std::string::npos);
    EXPECT_NE(text.find("evil \\e[2J title"), std::string::npos); // escaped, still readable
    auto colored = render_table(report, decide(report), true);
    EXPECT_NE(colored.find("\033[1;35m"), std::string::npos);
}

} // namespace
} // namespace vouch::report
