#pragma once
// SPDX licence identifiers and expressions (SPDX 2.3 Annex D), as npm's `license` field uses them,
// checked against the SPDX licence list vendored in data/spdx/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::license {

// The SPDX licence list version compiled in ("3.28.0").
std::string_view spdx_list_version();

// The canonical spelling of an SPDX licence id (matching is case-insensitive), or nullopt.
// Deprecated ids (e.g. "GPL-2.0") are still ids.
std::optional<std::string> canonical_license_id(std::string_view id);
std::optional<std::string> canonical_exception_id(std::string_view id);
bool is_deprecated_id(std::string_view canonical_id);

// A parsed SPDX licence expression. Precedence per Annex D: WITH binds tighter than AND, AND
// tighter than OR; `+` is a suffix of a licence id.
struct Expression {
    enum class Kind { license, all_of /* AND */, any_of /* OR */ } kind = Kind::license;
    // Kind::license: a canonical SPDX id, "LicenseRef-x" or "DocumentRef-d:LicenseRef-x".
    std::string id;
    bool or_later = false;            // "id+"
    std::string exception;            // canonical exception id after WITH, or empty
    bool deprecated = false;          // `id` is a deprecated SPDX id
    std::vector<Expression> operands; // all_of / any_of: two or more, flattened
    bool parenthesized = false;       // written in parentheses (kept when re-spelling)

    bool is_reference() const {
        return id.rfind("LicenseRef-", 0) == 0 || id.rfind("DocumentRef-", 0) == 0;
    }
    // "GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0+" (Kind::license only).
    std::string term() const;
};

// Parses an SPDX expression. Errc::parse with a message naming the 1-based column, e.g.
// "column 5: unknown licence id \"Custom\"" or "column 4: expected a licence after OR".
Result<Expression> parse_expression(std::string_view text);

// Re-spelled canonically: ids in canonical case, single spaces, parentheses as written.
std::string to_string(const Expression& expression);

// A valid SPDX licence expression, re-spelled canonically; nullopt when it is not one.
std::optional<std::string> normalize_expression(std::string_view expression);

// Licence families for policy decisions.
enum class Category {
    permissive,
    weak_copyleft,
    strong_copyleft,
    network_copyleft,
    proprietary,
    unknown, // nothing declared, custom text, or an id vouch does not categorise
};
inline constexpr std::size_t k_category_count = 6;
std::string_view to_string(Category category); // "weak-copyleft"
std::optional<Category> parse_category(std::string_view text);
// The family of one licence (a canonical SPDX id or a LicenseRef): a table of well-known ids
// and families (src/license/category.cpp); everything else is unknown.
Category category_of(std::string_view id);

// What npm's `license` string means, SPDX or not.
struct NpmLicense {
    enum class Kind {
        none,       // empty: nothing declared (or nothing known)
        spdx,       // a valid SPDX expression, as written
        corrected,  // a common non-SPDX spelling read as SPDX ("Apache 2.0", "MIT/X11", "BSD",
                    // deprecated "GPL-2.0"); `notes` says how
        unlicensed, // "UNLICENSED": npm's "not licensed for use by others" (proprietary)
        custom,     // "SEE LICENSE IN <file>" or free text that is not SPDX
    } kind = Kind::none;
    std::optional<Expression> expression; // spdx and corrected
    std::string raw;
    std::vector<std::string> notes; // corrections and deprecated ids, for people
};
NpmLicense read_npm_license(std::string_view raw);

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
