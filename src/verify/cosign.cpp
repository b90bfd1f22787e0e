#include "run_on_text.hpp"

#include <vouch/util/file.hpp>
#include <vouch/verify/cosign.hpp>

namespace vouch::verify {

Result<CosignOutcome> cosign(const CosignRequest& request, const dsse::Signer& signer) {
    Request checks = request.checks;
    checks.every_signature = true;
    checks.every_subject = true;
    CosignOutcome outcome;
    outcome.output = request.output.empty() ? checks.attestation : request.output;

    // One read: the bytes checked are the bytes extended.
    const auto text = util::read_file(checks.attestation, dsse::k_max_envelope_bytes);
    outcome.report = run_on_text(checks, text);
    if (!outcome.report.passed()) {
        return outcome;
    }
    VOUCH_TRY_ASSIGN(auto envelope, dsse::parse_envelope(*text, checks.attestation.string()));
    VOUCH_TRY(dsse::add_signature(envelope, signer));
    // As for a first signature: the new one must verify with the key's public half.
    if (!dsse::verify(envelope, {{signer.keyid, signer.public_key}}, 1)) {
        return fail(Errc::internal, "the new signature does not verify with the key's public half");
    }
    VOUCH_TRY(util::write_file_atomic(outcome.output, dsse::serialize_envelope(envelope)));
    outcome.written = true;
    outcome.signatures = envelope.signatures.size();
    return outcome;
}

} // namespace vouch::verify
