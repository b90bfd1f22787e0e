#pragma once
// What every policy command reads first: the policy, then the lockfile (or SBOM) and the
// project's package.json beside it.
#include <optional>
#include <string>
#include <vouch/check/run.hpp>
#include <vouch/policy/policy.hpp>
#include <vouch/scan/input.hpp>

namespace vouch::check::detail {

struct Inputs {
    policy::Policy policy;
    scan::ScanInput input;
    std::optional<std::string> package_json; // nullopt when there is none (or input is an SBOM)
    std::string today;                       // YYYY-MM-DD of request.now
    std::string generated;                   // RFC 3339 of request.now
};

Result<Inputs> read_inputs(const Request& request);

std::string expired_warning(const policy::Exception& e);

} // namespace vouch::check::detail
