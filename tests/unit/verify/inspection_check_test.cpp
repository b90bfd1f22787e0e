// verify --require-inspection (and --require-inspection-policy): passes only on a recorded,
// performed, clean inspection; fails closed on everything else, naming why.
#include "signed_payload.hpp"

#include <vouch/attest/statement.hpp>

using namespace vouch;

namespace {

class InspectionCheck : public test::SignedPayloadTest {
  protected:
    attest::InspectionRecord clean() const {
        attest::InspectionRecord r;
        r.performed = true;
        r.trigger = "--inspect";
        r.policy_path = "policies/strict.json";
        r.policy_sha256 = std::string(64, 'f');
        r.threshold = "any";
        r.subjects = {"app.bin"};
        return r;
    }
    // A statement about the test's artifact and commit, with `record` (or none at all).
    void sign_with(const std::optional<attest::InspectionRecord>& record) {
        attest::ProvenanceInput input;
        input.subjects.push_back({"app.bin", {{"sha256", artifact_sha()}}, ""});
        input.commit = {real_commit, "main", "", false, {}};
        input.ci.builder_id = "https://vouch.dev/builders/local";
        input.started = input.finished = *util::parse_rfc3339("2026-11-20T12:00:00Z");
        if (record) {
            input.inspection = *record;
        }
        std::string statement = attest::build_statement(input);
        if (!record) { // as an older vouch wrote it: no inspection member at all
            const std::string member = R"("inspection":{"performed":false})";
            const auto at = statement.find(member);
            ASSERT_NE(at, std::string::npos);
            statement.erase(at - 1, member.size() + 1); // with the comma before it
        }
        save(signed_envelope(statement));
    }
    verify::Report run_required(std::optional<std::string> policy = std::nullopt) const {
        auto r = request();
        r.require_inspection = true;
        r.require_inspection_policy = std::move(policy);
        return verify::run(r);
    }
    void expect_failed(const verify::Report& report, const std::string& reason) const {
        const auto* failed = report.first_failure();
        ASSERT_NE(failed, nullptr) << verify::render_text(report);
        EXPECT_EQ(failed->name, "inspection");
        EXPECT_NE(failed->detail.find(reason), std::string::npos) << failed->detail;
    }
};

} // namespace

TEST_F(InspectionCheck, CleanInspectionPasses) {
    sign_with(clean());
    const auto report = run_required();
    EXPECT_TRUE(report.passed()) << verify::render_text(report);
    EXPECT_EQ(report.checks.back().name, "inspection");
    EXPECT_EQ(report.checks.back().status, verify::CheckStatus::pass);
}

TEST_F(InspectionCheck, NotRequiredIsSkippedWhateverWasRecorded) {
    auto r = clean();
    r.failing = r.total = 3;
    r.allow_findings = true;
    sign_with(r);
    const auto report = verify::run(request());
    EXPECT_TRUE(report.passed()) << verify::render_text(report);
    EXPECT_EQ(report.checks.back().status, verify::CheckStatus::skipped);
}

TEST_F(InspectionCheck, NoRecordFails) {
    sign_with(std::nullopt);
    expect_failed(run_required(), "records no inspection");
}

TEST_F(InspectionCheck, NotPerformedFails) {
    sign_with(attest::InspectionRecord{});
    expect_failed(run_required(), "was not inspected");
}

TEST_F(InspectionCheck, RecordedFindingsFail) {
    auto r = clean();
    r.total = r.failing = 2;
    sign_with(r);
    expect_failed(run_required(), "2 inspection finding(s)");
}

TEST_F(InspectionCheck, TheOptOutFailsEvenWithoutFindings) {
    auto r = clean();
    r.allow_findings = true;
    sign_with(r);
    expect_failed(run_required(), "--allow-inspection-findings");
}

TEST_F(InspectionCheck, ReportOnlyWithFindingsFails) {
    auto r = clean();
    r.threshold = "none";
    r.total = 1;
    sign_with(r);
    expect_failed(run_required(), "threshold 'none'");
}

TEST_F(InspectionCheck, FindingsBelowTheThresholdOrSuppressedPass) {
    auto r = clean();
    r.threshold = "high";
    r.total = 2;
    r.suppressed = 1;
    r.rules["header-hsts"]["moderate"] = 2;
    sign_with(r);
    EXPECT_TRUE(run_required().passed());
}

TEST_F(InspectionCheck, ThePolicyCanBePinned) {
    sign_with(clean());
    EXPECT_TRUE(run_required(std::string(64, 'f')).passed());
    expect_failed(run_required(std::string(64, 'e')), "--require-inspection-policy");
    // The pin alone implies the requirement.
    auto r = request();
    r.require_inspection_policy = std::string(64, 'f');
    sign_with(attest::InspectionRecord{});
    const auto report = verify::run(r);
    expect_failed(report, "was not inspected");
}
