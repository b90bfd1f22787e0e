// verify::cosign (sign --append): checks first, writes only when every check passed.
#include "signed_payload.hpp"

#include <vouch/util/file.hpp>
#include <vouch/verify/cosign.hpp>

using namespace vouch;

namespace {

class Cosign : public test::SignedPayloadTest {
  protected:
    verify::CosignRequest cosign_request() const {
        verify::CosignRequest out;
        out.checks = request();
        return out;
    }
    std::string envelope_bytes() const { return *util::read_file(envelope_path(), 1 << 20); }
    test::SigningKey second{"BBBBBBBBBBBBBBBB"};
};

} // namespace

TEST_F(Cosign, AddsASignatureWhenEveryCheckPasses) {
    save(signed_envelope(statement(commit_members(real_commit))));
    const auto outcome = verify::cosign(cosign_request(), second.signer());
    ASSERT_TRUE(outcome) << outcome.error().describe();
    ASSERT_TRUE(outcome->written) << verify::render_text(outcome->report);
    EXPECT_EQ(outcome->signatures, 2U);
    auto checks = request();
    checks.trusted = {key.trusted(), second.trusted()};
    checks.threshold = 2;
    EXPECT_TRUE(verify::run(checks).passed());
}

TEST_F(Cosign, OtherCommitLeavesTheEnvelopeUnchanged) {
    save(signed_envelope(statement(commit_members(other_commit))));
    const auto before = envelope_bytes();
    const auto outcome = verify::cosign(cosign_request(), second.signer());
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->written);
    EXPECT_EQ(outcome->report.first_failure()->name, "commit");
    EXPECT_EQ(envelope_bytes(), before);
}

TEST_F(Cosign, EveryExistingSignatureMustBeTrusted) {
    auto envelope = dsse::sign_envelope(std::string(dsse::k_in_toto_payload_type),
                                        statement(commit_members(real_commit)), key.signer());
    ASSERT_TRUE(dsse::add_signature(envelope, second.signer()));
    save(dsse::serialize_envelope(envelope));
    const auto before = envelope_bytes();
    test::SigningKey third{"CCCCCCCCCCCCCCCC"};
    const auto outcome = verify::cosign(cosign_request(), third.signer()); // trusts only `key`
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->written);
    EXPECT_EQ(outcome->report.first_failure()->name, "signatures");
    EXPECT_EQ(envelope_bytes(), before);
}

TEST_F(Cosign, EverySubjectMustBeAnArtifact) {
    const std::string subjects =
        "\"subject\":[{\"name\":\"app.bin\",\"digest\":{\"sha256\":\"" + artifact_sha() +
        "\"}},{\"name\":\"other.bin\",\"digest\":{\"sha256\":\"" + std::string(64, '0') + "\"}}]";
    save(signed_envelope(statement(commit_members(real_commit), subjects)));
    const auto before = envelope_bytes();
    // verify accepts a subset of the subjects...
    EXPECT_TRUE(verify::run(request()).passed());
    // ...the co-signer must have seen them all.
    const auto outcome = verify::cosign(cosign_request(), second.signer());
    ASSERT_TRUE(outcome);
    EXPECT_FALSE(outcome->written);
    EXPECT_EQ(outcome->report.first_failure()->name, "subjects");
    EXPECT_EQ(envelope_bytes(), before);
}
