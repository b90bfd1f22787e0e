// CVSS v4.0: not scored yet.
#include "cvss_internal.hpp"

namespace vouch::cvss::detail {

Result<double> score_v4(std::string_view, std::string_view) {
    return fail(Errc::unsupported, "CVSS 4.0 scoring is not implemented yet");
}

} // namespace vouch::cvss::detail
