#pragma once
// SPDX licence identifiers and expressions (SPDX 2.3 Annex D), as npm's `license` field uses them.
#include <optional>
#include <string>
#include <string_view>

namespace vouch::license {

// The canonical spelling of an SPDX licence id (matching is case-insensitive), or nullopt.
// Deprecated ids (e.g. "GPL-2.0") are still ids.
std::optional<std::string> canonical_license_id(std::string_view id);
std::optional<std::string> canonical_exception_id(std::string_view id);

// A valid SPDX licence expression, re-spelled canonically (ids in canonical case, single
// spaces, no space inside parentheses); nullopt when it is not one.
std::optional<std::string> normalize_expression(std::string_view expression);

// How an SBOM should carry a raw licence string.
struct Classified {
    enum class Kind {
        unknown,    // empty: nothing declared or nothing known
        id,         // one SPDX licence id
        expression, // a compound SPDX expression (or a LicenseRef)
        name,       // free text that is not SPDX ("SEE LICENSE IN ...", "Custom")
    } kind = Kind::unknown;
    std::string value;
};
Classified classify(std::string_view raw);

} // namespace vouch::license
