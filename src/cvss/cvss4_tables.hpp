#pragma once
// Data of the CVSS v4.0 scoring method (FIRST CVSS v4.0 specification, section 8, and its
// reference calculator): MacroVector scores, highest-severity vectors per EQ class and the
// depth of each class.
#include <array>
#include <string_view>

namespace vouch::cvss::detail {

struct MacroScore {
    std::string_view macro_vector; // six EQ digits, e.g. "000200"
    double score;
};
// All 270 MacroVectors (EQ3 = 2 only exists with EQ6 = 1).
const std::array<MacroScore, 270>& macro_vector_scores();

} // namespace vouch::cvss::detail
