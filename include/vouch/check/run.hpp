#pragma once
// The library entry points of `vouch licenses`, `vouch lint`, `vouch check` and `vouch report`:
// each reads its inputs (lockfile, package.json, policy, advisories), decides, and renders one
// document; the CLI prints or writes it and picks the exit code.
#include <string>
#include <vector>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::check {

struct Request {
    std::string path = ".";  // lockfile, directory holding one, or (licences) a CycloneDX SBOM
    std::string policy_file; // empty: the built-in policies/default.json
    std::string format = "table";
    bool color = false;
    util::TimePoint now{};
    // vouch check / report: where the advisories come from (as vouch scan)
    std::string db;
    std::vector<std::string> advisories;
};

struct Output {
    std::string rendered;
    bool pass = true;
    std::vector<std::string> warnings; // for stderr (expired exceptions, ...)
    std::string failure;               // one line naming what failed, when !pass
};

Result<Output> run_licenses(const Request& request);
Result<Output> run_lint(const Request& request);

} // namespace vouch::check
