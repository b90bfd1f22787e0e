// scan::run, the library entry point behind `vouch scan` and `vouch check` (issue 8 item 16):
// an already-parsed lockfile, the policy's settings, the report and verdict as data.
#include <gtest/gtest.h>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>

namespace vouch::scan {
namespace {

const std::string k_sample = std::string(VOUCH_TEST_DATA) + "/scan/sample";

Options sample_options() {
    Options options;
    options.advisory_files = {k_sample + "/advisories"};
    options.now = *util::parse_rfc3339("2026-11-23T12:00:00Z");
    options.tool_version = "test";
    return options;
}

TEST(Run, ScansAnAlreadyParsedLockfileWithTheDefaultGate) {
    const std::string path = k_sample + "/monorepo/package-lock.json";
    auto text = util::read_file(path);
    ASSERT_TRUE(text);
    auto lock = lockfile::parse_lockfile(*text, path);
    ASSERT_TRUE(lock) << lock.error().describe();
    const ScanInput input = input_from_lockfile(std::move(*lock), path, *text);
    auto options = sample_options();
    options.path = "/nonexistent"; // not read: the parsed input is used
    options.input = &input;
    auto outcome = run(options);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_EQ(outcome->report.gate, Gate::any);
    EXPECT_EQ(outcome->report.findings.size(), 2u);
    EXPECT_FALSE(outcome->verdict.pass);
    EXPECT_EQ(outcome->verdict.failing.size(), 2u);
    EXPECT_EQ(outcome->report.input_sha256, input.sha256);
    EXPECT_EQ(outcome->report.generated_at, "2026-11-23T12:00:00Z");
}

TEST(Run, SettingsCarryTheGateAndOmit) {
    auto options = sample_options();
    options.path = k_sample + "/monorepo";
    options.settings.gate = Gate::high;
    auto outcome = run(options);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    ASSERT_EQ(outcome->verdict.failing.size(), 1u); // lodash (high); mqtt is moderate
    EXPECT_EQ(outcome->report.findings[outcome->verdict.failing[0]].package, "lodash");
    options.settings.gate = Gate::none;
    outcome = run(options);
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->verdict.word(), "report-only");
}

TEST(Run, UsageAndInputErrors) {
    auto options = sample_options();
    options.path = k_sample + "/monorepo";
    options.settings.max_db_age_days = -1;
    auto negative = run(options);
    ASSERT_FALSE(negative);
    EXPECT_EQ(negative.error().code, Errc::usage);
    options = sample_options();
    options.advisory_files.clear(); // and no database directory
    options.path = k_sample + "/monorepo";
    auto none = run(options);
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code, Errc::usage);
    options = sample_options();
    options.path = k_sample + "/missing";
    auto missing = run(options);
    ASSERT_FALSE(missing);
    EXPECT_EQ(exit_code_for(missing.error().code), 3);
}

} // namespace
} // namespace vouch::scan
