#pragma once
// One pass of every check over one parsed lockfile: what `vouch check` and `vouch report` show.
#include "inputs.hpp"

#include <string>
#include <vector>
#include <vouch/check/licenses.hpp>
#include <vouch/lint/lint.hpp>
#include <vouch/scan/run.hpp>

namespace vouch::check::detail {

struct Failure {
    std::string check; // "scan" | "licenses" | "lint"
    std::string rule;
    std::string package;
    std::string version;
    std::string detail;
};

struct Collected {
    Inputs in;
    scan::Outcome scan;
    LicenseReport licenses;
    lint::Report lint;
    std::vector<Failure> failures;
    std::string verdict; // "pass" | "fail" | "report-only"
    std::vector<std::string> warnings;
};

Result<Collected> collect(const Request& request);

} // namespace vouch::check::detail
