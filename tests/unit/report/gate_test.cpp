// The gate's default and its record in the verdict document (issue 8 items 1 and 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/report/report.hpp>

namespace vouch::report {
namespace {

using nlohmann::json;

scan::Finding finding(std::string id, std::string package, scan::Level level) {
    scan::Finding f;
    f.id = std::move(id);
    f.package = std::move(package);
    f.version = "1.0.0";
    f.severity = level;
    f.installs.push_back({1, "node_modules/" + f.package, {"app", f.package}, false, 0});
    return f;
}

ScanReport one_low_finding() {
    ScanReport report;
    report.database.kind = "database";
    report.database.content_sha256 = std::string(64, 'c');
    report.database.imported_at = "2026-11-20T12:00:00Z";
    report.findings.push_back(finding("GHSA-low1", "tiny", scan::Level::low));
    return report;
}

TEST(Gate, DefaultFailsOnAnyUnsuppressedFinding) {
    ScanReport report = one_low_finding();
    EXPECT_EQ(report.gate, scan::Gate::any); // the default, no --fail-on
    auto verdict = decide(report);
    EXPECT_FALSE(verdict.pass);
    ASSERT_EQ(verdict.failing.size(), 1u);
    EXPECT_EQ(verdict.word(), "fail");
    report.findings[0].suppression =
        scan::Suppression{"not used", "ignore", "i.json", 1, "", "", ""};
    EXPECT_TRUE(decide(report).pass);
}

TEST(Gate, MalwareAlwaysCountsAsCritical) {
    ScanReport report;
    auto mal = finding("MAL-1", "evil", scan::Level::low);
    mal.malware = true;
    report.findings.push_back(mal);
    report.gate = scan::Gate::critical;
    EXPECT_FALSE(decide(report).pass);
}

TEST(Gate, NoneIsReportOnlyAndNeverPass) {
    ScanReport report = one_low_finding();
    report.gate = scan::Gate::none;
    auto verdict = decide(report);
    EXPECT_TRUE(verdict.pass);
    EXPECT_TRUE(verdict.report_only);
    EXPECT_EQ(verdict.word(), "report-only");
    auto doc = json::parse(render_json(report, verdict));
    EXPECT_EQ(doc["verdict"], "report-only");
    EXPECT_EQ(doc["gate"], "none");
    report.findings.clear();
    EXPECT_EQ(decide(report).word(), "report-only"); // even with nothing found
}

TEST(Gate, LevelNamesAnyCaseAndMediumIsModerate) {
    EXPECT_EQ(scan::parse_gate("MEDIUM"), scan::Gate::moderate);
    EXPECT_EQ(scan::parse_gate("Moderate"), scan::Gate::moderate);
    EXPECT_EQ(scan::parse_gate("High"), scan::Gate::high);
    EXPECT_EQ(scan::parse_gate("ANY"), scan::Gate::any);
    EXPECT_EQ(scan::parse_gate("None"), scan::Gate::none);
    EXPECT_FALSE(scan::parse_gate("severe"));
    EXPECT_FALSE(scan::parse_gate(""));
}

TEST(Gate, StrictnessOrder) {
    using scan::Gate;
    EXPECT_TRUE(scan::at_least_as_strict(Gate::any, Gate::critical));
    EXPECT_TRUE(scan::at_least_as_strict(Gate::high, Gate::high));
    EXPECT_TRUE(scan::at_least_as_strict(Gate::low, Gate::moderate));
    EXPECT_FALSE(scan::at_least_as_strict(Gate::critical, Gate::high));
    EXPECT_FALSE(scan::at_least_as_strict(Gate::none, Gate::critical));
    EXPECT_FALSE(scan::at_least_as_strict(Gate::low, Gate::any));
}

TEST(Gate, VerdictRecordsGateDatabaseIdentityAndFailingFindings) {
    ScanReport report = one_low_finding();
    report.findings.push_back(finding("GHSA-hi", "big", scan::Level::high));
    report.gate = scan::Gate::moderate;
    auto doc = json::parse(render_json(report, decide(report)));
    EXPECT_EQ(doc["verdict"], "fail");
    EXPECT_EQ(doc["gate"], "moderate");
    EXPECT_EQ(doc["database"]["sha256"], std::string(64, 'c'));
    EXPECT_EQ(doc["database"]["imported"], "2026-11-20T12:00:00Z");
    ASSERT_EQ(doc["failing"].size(), 1u);
    EXPECT_EQ(doc["failing"][0]["id"], "GHSA-hi");
    EXPECT_EQ(doc["failing"][0]["package"], "big");
    EXPECT_EQ(doc["failing"][0]["severity"], "high");
}

TEST(Gate, FailingLinesNameIdPackageVersionAndSeverityEscaped) {
    ScanReport report = one_low_finding();
    report.findings[0].id = "GHSA-\033[2Kx";
    const auto lines = failing_lines(report, decide(report));
    EXPECT_NE(lines.find("GHSA-\\e[2Kx  tiny@1.0.0  low"), std::string::npos) << lines;
    EXPECT_EQ(lines.find('\033'), std::string::npos);
    const auto table = render_table(report, decide(report), false);
    EXPECT_NE(table.find("Failed the gate (any):"), std::string::npos);
}

TEST(Table, PathsAreMarkedDevOrRuntime) {
    ScanReport report = one_low_finding();
    report.findings[0].installs.push_back(
        {2, "node_modules/x/node_modules/tiny", {"app", "x", "tiny"}, true, 0});
    const auto table = render_table(report, decide(report), false);
    EXPECT_NE(table.find("via app > tiny (runtime)"), std::string::npos);
    EXPECT_NE(table.find("via app > x > tiny (dev)"), std::string::npos);
    auto doc = json::parse(render_json(report, decide(report)));
    EXPECT_EQ(doc["findings"][0]["path_scopes"], json({"runtime", "dev"}));
}

} // namespace
} // namespace vouch::report
