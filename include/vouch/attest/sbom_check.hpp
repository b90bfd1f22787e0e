#pragma once
// What `vouch sign --sbom FILE` checks before recording an SBOM: that it is a CycloneDX or SPDX 2.x
// JSON SBOM, and which lockfile it says it describes (vouch's own SBOMs record the lockfile's
// SHA-256: the CycloneDX property "vouch:lockfile:sha256", the SPDX creationInfo comment
// "... sha256 <hex>)").
#include <optional>
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::attest {

struct SbomFacts {
    std::string format;                         // "CycloneDX" or "SPDX"
    std::optional<std::string> lockfile_sha256; // lowercase hex, when the SBOM names its lockfile
};

// Errc::parse (FILE:LINE:COL) for malformed JSON; Errc::rejected when the document is not a
// CycloneDX ("bomFormat": "CycloneDX" with a string "specVersion") or SPDX ("spdxVersion":
// "SPDX-...") JSON SBOM, or names two different lockfile digests.
Result<SbomFacts> inspect_sbom(std::string_view text, const std::string& file);

} // namespace vouch::attest
