#pragma once
// node-semver's Range parsing is a pipeline of textual rewrites (classes/range.js parseRange,
// parseComparator and helpers) ending in a list of primitive comparators. Reproducing each
// rewrite step literally is what makes vouch agree with npm on odd inputs such as
// "> =1.2.3", "1.2.3 - 2.x" or "~> 1.2".
#include <string>
#include <string_view>
#include <vector>

namespace vouch::semver::detail {

// Removes every "+build.meta" (BUILDSTRIPRE, global and unbounded).
std::string strip_builds(std::string_view s);
// "1.2.3 - 2.3.4" => ">=1.2.3 <=2.3.4" (HYPHENRANGE); other text is returned unchanged.
std::string replace_hyphen(std::string_view s);
// "> 1.2.3 < 2" => ">1.2.3 <2" (COMPARATORTRIM).
std::string trim_comparator_whitespace(std::string_view s);
// "~ 1.2" / "~> 1.2" => "~1.2" (TILDETRIM); "^ 1.2" => "^1.2" (CARETTRIM).
std::string trim_tilde(std::string_view s);
std::string trim_caret(std::string_view s);
// One space-separated piece through carets, tildes, x-ranges and stars (parseComparator).
std::string rewrite_comparator(std::string_view comp);
// ">=0.0.0" => "" (any).
std::string replace_gte0(std::string_view comp);
// JavaScript's s.split(/\s+/): empty leading/trailing pieces are kept.
std::vector<std::string> split_spaces(std::string_view s);
// JavaScript's s.split(separator) with a literal, non-empty separator.
std::vector<std::string> split_literal(std::string_view s, std::string_view separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

} // namespace vouch::semver::detail
