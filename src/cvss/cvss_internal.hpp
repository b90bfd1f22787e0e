#pragma once
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::cvss::detail {

// CVSS v3.1 Appendix A Roundup.
double roundup(double x);
// Base score of a v3 vector; `body` lacks the "CVSS:3.x/" prefix.
Result<double> score_v3(std::string_view body, std::string_view vector);
// CVSS-BTE score of a v4.0 vector; `body` lacks the "CVSS:4.0/" prefix.
Result<double> score_v4(std::string_view body, std::string_view vector);

} // namespace vouch::cvss::detail
