#pragma once
// CVSS base scores from vector strings: v3.0/v3.1 (FIRST v3.1 equations and Roundup) and v4.0
// (FIRST's MacroVector lookup with severity-distance interpolation).
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::cvss {

struct Score {
    double base = 0;      // 0.0 .. 10.0, one decimal
    std::string severity; // none|low|medium|high|critical
    int major_version = 3;
};

// "CVSS:3.1/AV:N/AC:L/..." (3.0 scored with the 3.1 formula), or "CVSS:4.0/AV:N/...".
// Errc::parse on a malformed vector (unknown metric, missing mandatory metric, duplicate, bad
// value); Errc::unsupported for other CVSS versions (v2 vectors, "CVSS:5.0/...").
// For v3 the base score ignores temporal/environmental metrics (they are validated only);
// for v4 the score is CVSS-BTE: threat and environmental metrics take part, as FIRST defines.
Result<Score> score_vector(std::string_view vector);

// Qualitative rating of a score: none 0.0, low 0.1-3.9, medium 4.0-6.9, high 7.0-8.9,
// critical 9.0-10.0.
std::string severity_for(double score);

} // namespace vouch::cvss
