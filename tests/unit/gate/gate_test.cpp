// gate::run over a scripted transport: the decision, the promote call only on go, network
// failures as errors that never promote, and the decision log entry for each outcome.
#include "../verify/signed_payload.hpp"

#include <vouch/gate/gate.hpp>
#include <vouch/util/file.hpp>

using namespace vouch;

namespace {

class GateTest : public test::SignedPayloadTest {
  protected:
    void SetUp() override {
        SignedPayloadTest::SetUp();
        save(signed_envelope(statement(commit_members(real_commit))));
        attestation_sha = digest::sha256_hex(*util::read_file(envelope_path()));
    }

    std::string deployment(const std::string& state, const std::string& commit) const {
        return R"({"id":"dpl_1","projectId":"prj_1","readyState":")" + state +
               R"(","meta":{"vouchCommit":")" + commit + R"(","vouchAttestation":")" +
               attestation_sha + R"("}})";
    }

    vercel::Client client(std::vector<Result<vercel::HttpResponse>> get,
                          std::vector<Result<vercel::HttpResponse>> promote) {
        get_responses = std::move(get);
        promote_responses = std::move(promote);
        vercel::ClientConfig config;
        config.base_url = "https://api.test";
        config.token = "tok";
        config.max_retries = 1;
        config.sleep = [](std::chrono::milliseconds) {};
        return vercel::Client(
            config, [this](const vercel::HttpRequest& request) -> Result<vercel::HttpResponse> {
                auto& calls = request.method == "POST" ? promote_calls : get_calls;
                auto& responses = request.method == "POST" ? promote_responses : get_responses;
                ++calls;
                return responses[std::min<std::size_t>(calls, responses.size()) - 1];
            });
    }

    gate::Request gate_request(bool promote) const {
        gate::Request out;
        out.deployment = "dpl_1";
        out.promote = promote;
        out.verify = request();
        out.verify.expected_commit.reset(); // gate fills it from the deployment
        out.log = dir / "decisions.jsonl";
        out.actor = {{"ci", "test"}};
        return out;
    }

    static vercel::HttpResponse ok(std::string body, long status = 200) {
        return {status, std::move(body), std::nullopt};
    }

    std::string attestation_sha;
    std::vector<Result<vercel::HttpResponse>> get_responses, promote_responses;
    std::size_t get_calls = 0, promote_calls = 0;
};

} // namespace

TEST_F(GateTest, GoPromotesOnceAndLogs) {
    const auto c = client({ok(deployment("READY", real_commit))}, {ok("{}", 201)});
    const auto outcome = gate::run(gate_request(true), c);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_TRUE(outcome->go()) << (outcome->reasons.empty() ? "" : outcome->reasons[0]);
    EXPECT_EQ(outcome->promotion, gate::Promotion::promoted);
    EXPECT_EQ(promote_calls, 1u);
    const auto log = *util::read_file(dir / "decisions.jsonl");
    EXPECT_NE(log.find(R"("verdict":"go")"), std::string::npos);
    EXPECT_NE(log.find(R"("action":"promoted")"), std::string::npos);
    EXPECT_NE(log.find(R"("commit":")" + real_commit), std::string::npos);
}

TEST_F(GateTest, NoGoNeverPromotesAndListsEveryReason) {
    const auto c = client({ok(deployment("BUILDING", other_commit))}, {ok("{}", 201)});
    const auto outcome = gate::run(gate_request(true), c);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_FALSE(outcome->go());
    EXPECT_EQ(promote_calls, 0u);
    EXPECT_EQ(outcome->promotion, gate::Promotion::not_attempted);
    ASSERT_EQ(outcome->reasons.size(), 2u);
    EXPECT_NE(outcome->reasons[0].find("not READY"), std::string::npos);
    EXPECT_NE(outcome->reasons[1].find("commit"), std::string::npos);
}

TEST_F(GateTest, NetworkFailureIsAnErrorAndNeverAPromotion) {
    const auto c = client({fail(Errc::network, "Connection refused")}, {ok("{}", 201)});
    const auto outcome = gate::run(gate_request(true), c);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, Errc::network);
    EXPECT_EQ(get_calls, 2u); // one retry
    EXPECT_EQ(promote_calls, 0u);
}

TEST_F(GateTest, FailedPromoteIsAnErrorAndLoggedAsSuch) {
    const auto c = client({ok(deployment("READY", real_commit))}, {ok("{}", 500)});
    const auto outcome = gate::run(gate_request(true), c);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().code, Errc::network);
    const auto log = *util::read_file(dir / "decisions.jsonl");
    EXPECT_NE(log.find(R"("action":"promote-failed")"), std::string::npos);
}

TEST_F(GateTest, AttestationDigestMismatchIsNoGo) {
    attestation_sha = std::string(64, '0');
    const auto c = client({ok(deployment("READY", real_commit))}, {ok("{}", 201)});
    const auto outcome = gate::run(gate_request(true), c);
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->go());
    EXPECT_EQ(promote_calls, 0u);
    EXPECT_NE(outcome->reasons.at(0).find("meta.vouchAttestation"), std::string::npos);
}

TEST_F(GateTest, WithoutPromoteOnlyAnswers) {
    const auto c = client({ok(deployment("READY", real_commit))}, {ok("{}", 201)});
    const auto outcome = gate::run(gate_request(false), c);
    ASSERT_TRUE(outcome);
    EXPECT_TRUE(outcome->go());
    EXPECT_EQ(outcome->promotion, gate::Promotion::not_requested);
    EXPECT_EQ(promote_calls, 0u);
}
