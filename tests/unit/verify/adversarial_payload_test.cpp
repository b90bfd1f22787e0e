// Adversarial envelopes with VALID signatures (issue 7 item 4): every payload or file another
// JSON reader could read differently is refused, naming why.
#include "signed_payload.hpp"

using namespace vouch;
using namespace std::string_literals;

namespace {

class Adversarial : public test::SignedPayloadTest {
  protected:
    void expect_refused(const std::string& check, const std::string& reason) {
        const auto report = verify::run(request());
        const auto* failed = report.first_failure();
        ASSERT_NE(failed, nullptr) << verify::render_text(report);
        EXPECT_EQ(failed->name, check) << failed->detail;
        EXPECT_NE(failed->detail.find(reason), std::string::npos) << failed->detail;
        EXPECT_EQ(failed->detail.find('\n'), std::string::npos) << failed->detail;
    }
};

} // namespace

TEST_F(Adversarial, TheUnmutatedStatementPasses) {
    save(signed_envelope(statement(commit_members(real_commit))));
    const auto report = verify::run(request());
    EXPECT_TRUE(report.passed()) << verify::render_text(report);
}

TEST_F(Adversarial, DuplicateGitCommit) {
    save(signed_envelope(
        statement("\"gitCommit\":\"" + other_commit + "\",\"gitCommit\":\"" + real_commit + "\"")));
    expect_refused("statement", "duplicate key \"gitCommit\"");
}

TEST_F(Adversarial, GitCommitDuplicatedThroughAnEscape) {
    save(signed_envelope(statement("\"gitComm\\u0069t\":\"" + other_commit + "\",\"gitCommit\":\"" +
                                   real_commit + "\"")));
    expect_refused("statement", "duplicate key \"gitCommit\"");
}

TEST_F(Adversarial, TwoSubjectKeys) {
    const std::string subjects =
        "\"subject\":[{\"name\":\"other\",\"digest\":{\"sha256\":\"" + std::string(64, '0') +
        "\"}}],\"subject\":[{\"name\":\"app.bin\",\"digest\":{\"sha256\":\"" + artifact_sha() +
        "\"}}]";
    save(signed_envelope(statement(commit_members(real_commit), subjects)));
    expect_refused("statement", "duplicate key \"subject\"");
}

TEST_F(Adversarial, TwoTypeKeys) {
    save(signed_envelope(statement(commit_members(real_commit), "",
                                   "\"_type\":\"https://example.com/Other\","
                                   "\"_type\":\"https://in-toto.io/Statement/v1\"")));
    expect_refused("statement", "duplicate key \"_type\"");
}

TEST_F(Adversarial, TypeKeyDuplicatedThroughAnE65Escape) {
    save(signed_envelope(statement(commit_members(real_commit), "",
                                   "\"_typ\\u0065\":\"https://example.com/Other\","
                                   "\"_type\":\"https://in-toto.io/Statement/v1\"")));
    expect_refused("statement", "duplicate key \"_type\"");
}

TEST_F(Adversarial, SecondDocumentAfterANulInsideThePayload) {
    save(signed_envelope(statement(commit_members(real_commit)) + "\0{\"subject\":[]}"s));
    expect_refused("statement", "NUL");
}

TEST_F(Adversarial, SecondDocumentInsideThePayload) {
    save(signed_envelope(statement(commit_members(real_commit)) + "\n{\"subject\":[]}"));
    expect_refused("statement", "malformed JSON");
}

TEST_F(Adversarial, BytesAfterANulAfterTheEnvelope) {
    save(signed_envelope(statement(commit_members(real_commit))) + "\0{\"payload\":\"\"}"s);
    expect_refused("envelope", "NUL");
}

TEST_F(Adversarial, ByteOrderMarkBeforeTheEnvelope) {
    save("\xEF\xBB\xBF" + signed_envelope(statement(commit_members(real_commit))));
    expect_refused("envelope", "byte order mark");
}

TEST_F(Adversarial, DuplicatePayloadInTheEnvelope) {
    const std::string good = signed_envelope(statement(commit_members(real_commit)));
    save("{\"payload\":\"e30=\"," + good.substr(1));
    expect_refused("envelope", "duplicate key \"payload\"");
}

// The commit check fails closed (issue 7 item 1), also for library callers such as the gate.
TEST_F(Adversarial, NoRecordedCommitFailsEvenWithAnyCommit) {
    save(signed_envelope(statement("\"sha1\":\"" + real_commit + "\"")));
    auto checks = request();
    checks.expected_commit.reset();
    checks.any_commit = true;
    const auto report = verify::run(checks);
    ASSERT_NE(report.first_failure(), nullptr);
    EXPECT_EQ(report.first_failure()->name, "commit");
}

TEST_F(Adversarial, NoExpectedCommitWithoutTheOptOutFails) {
    save(signed_envelope(statement(commit_members(real_commit))));
    auto checks = request();
    checks.expected_commit.reset();
    const auto report = verify::run(checks);
    ASSERT_NE(report.first_failure(), nullptr);
    EXPECT_EQ(report.first_failure()->name, "commit");
}

TEST_F(Adversarial, AnyCommitSkipsTheComparisonVisibly) {
    save(signed_envelope(statement(commit_members(other_commit))));
    auto checks = request();
    checks.expected_commit.reset();
    checks.any_commit = true;
    const auto report = verify::run(checks);
    EXPECT_TRUE(report.passed()) << verify::render_text(report);
    EXPECT_NE(verify::render_json(report, checks).find("\"any_commit\": true"), std::string::npos);
    for (const auto& check : report.checks) {
        if (check.name == "commit") {
            EXPECT_EQ(check.status, verify::CheckStatus::skipped);
            EXPECT_NE(check.detail.find("--any-commit"), std::string::npos);
        }
    }
}
