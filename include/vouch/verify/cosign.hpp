#pragma once
// `vouch sign --append`: a second signature is a second pair of eyes (change approval), so the
// co-signer first checks what it signs, with verify's own checks on the exact bytes it extends:
// every ARTIFACT re-hashed and the artifacts equal to the statement's subjects, every existing
// signature verifying under a trusted key, the commit as verify checks it. Only then is the
// signature added and the envelope written (atomically); on any failure nothing is written.
#include <cstddef>
#include <filesystem>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/result.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::verify {

struct CosignRequest {
    // attestation = the ENVELOPE, artifacts, trusted (--pub), the expected commit (from
    // resolve_expected_commit), repo, allow_dirty, threads, now. every_signature and every_subject
    // are forced on.
    Request checks;
    std::filesystem::path output; // empty: the envelope file itself
};

struct CosignOutcome {
    Report report;              // the checks made before signing
    bool written = false;       // false when a check failed: the envelope is untouched
    std::size_t signatures = 0; // in the written envelope
    std::filesystem::path output;
};

// Errc::rejected when the signer's key already signed the envelope; Errc::io when the output
// cannot be written. A failed check is not an error: see CosignOutcome::report.
Result<CosignOutcome> cosign(const CosignRequest& request, const dsse::Signer& signer);

} // namespace vouch::verify
