#pragma once
// Character-level helpers shared by the version and range parsers. They reproduce the pieces of
// node-semver's regular expressions (internal/re.js, "safe" variants with bounded repetition)
// that vouch needs, as hand-written scanners: no std::regex, no recursion, linear time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vouch::semver::detail {

// Bounds from node-semver's safe regexes: \d* -> \d{0,256}, [a-zA-Z0-9-]* -> {0,250}.
inline constexpr std::size_t max_length = 256;
inline constexpr std::size_t max_build_length = 250;
inline constexpr std::uint64_t max_safe_integer = 9007199254740991ULL;

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_ident_char(char c) {
    return is_digit(c) || is_letter(c) || c == '-';
}
inline bool is_ascii_space(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

// Character at i, or '\0' past the end (none of the scanners accept '\0').
inline char at(std::string_view s, std::size_t i) {
    return i < s.size() ? s[i] : '\0';
}

// Byte length of a JavaScript whitespace character (\s, String.prototype.trim) encoded in
// UTF-8 at s[i], or 0 when there is none.
std::size_t js_space_length(std::string_view s, std::size_t i);
// String.prototype.trim().
std::string_view js_trim(std::string_view s);
// s.trim().replace(/\s+/g, ' ').
std::string js_trim_collapse(std::string_view s);
// Length of s in UTF-16 code units, as JavaScript's String.length.
std::size_t utf16_length(std::string_view s);

// A decimal digit string without leading zeros: is its value <= 2^53 - 1?
bool fits_safe_integer(std::string_view digits);
// Decimal increment of a digit string ("9" -> "10").
std::string increment_decimal(std::string_view digits);

// End of a strict numeric identifier (0|[1-9]\d{0,256}) at i, or i when none.
std::size_t numeric_end(std::string_view s, std::size_t i);
// End of a strict prerelease identifier (nonnumeric tried first, then numeric), or i.
std::size_t prerelease_id_end(std::string_view s, std::size_t i, bool loose);
// End of "-id(.id)*" (strict) or "-?id(.id)*" (loose) at i, or i when absent.
std::size_t prerelease_end(std::string_view s, std::size_t i, bool loose);
// End of "+id(.id)*" at i with ids of 1..limit characters, or i when absent.
std::size_t build_end(std::string_view s, std::size_t i, std::size_t limit = max_build_length);

// One match of node-semver's XRANGEPLAIN ([v=\s]*XID(.XID(.XID PRERELEASE? BUILD?)?)?) at pos,
// greedy. Components that were not matched are empty strings.
struct XRangePlain {
    std::size_t begin = 0; // start of the match, including the [v=\s]* prefix
    std::size_t end = 0;   // one past the match
    std::string major, minor, patch, prerelease;
};
std::optional<XRangePlain> match_xrange_plain(std::string_view s, std::size_t pos);
// End of LOOSEPLAIN's version part (\d+.\d+.\d+ -?pre +build) at pos, or pos when none.
std::size_t loose_full_end(std::string_view s, std::size_t pos);

// node-semver's isX(): empty, "x", "X" or "*".
inline bool is_x(std::string_view id) {
    return id.empty() || id == "x" || id == "X" || id == "*";
}

} // namespace vouch::semver::detail
