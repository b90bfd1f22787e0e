#pragma once
// The library entry points of `vouch licenses`, `vouch lint`, `vouch check` and `vouch report`:
// each reads its inputs (lockfile, package.json, policy, advisories), decides, and renders one
// document; the CLI prints or writes it and picks the exit code.
#include <filesystem>
#include <memory>
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
    // vouch check / report: where the advisories come from (as vouch scan): files read for this
    // run when non-empty, else the database directory (resolved by the caller).
    std::filesystem::path database_dir;
    std::vector<std::filesystem::path> advisories;
    std::filesystem::path working_dir; // SARIF paths are made relative to it
};

struct Output {
    std::string rendered;
    bool pass = true;
    std::vector<std::string> warnings; // for stderr (expired exceptions, ...)
    std::string failure;               // one line naming what failed, when !pass
    // What the report was made from (the parsed lockfile, scan, licence and lint results), held
    // only so that a caller about to exit can leave it to the kernel instead of freeing it piece
    // by piece (cli::release_at_exit); nothing reads it. Empty when there is nothing large.
    std::shared_ptr<const void> made_from;
};

Result<Output> run_licenses(const Request& request);
Result<Output> run_lint(const Request& request);
// Scan + licences + lint over one parsed lockfile; JSON is the verdict document (contracts §1).
Result<Output> run_check(const Request& request);
// The supplier report (format "html" or "markdown") over the same checks; always "pass": it
// documents the state, `vouch check` gates.
Result<Output> run_report(const Request& request);

} // namespace vouch::check
