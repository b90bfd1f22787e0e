#pragma once
// Shared pieces of the policy commands' JSON, SARIF and table renderings.
#include "inputs.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vouch/check/licenses.hpp>
#include <vouch/lint/lint.hpp>
#include <vouch/util/json_writer.hpp>

namespace vouch::check::detail {

using nlohmann::ordered_json;

// Members written into the object the writer is in (streamed: reports list thousands of
// packages, and a DOM of them costs more than the checks).
void write_header(util::JsonWriter& w, const Inputs& in); // tool, generated, lockfile, policy
void write_licenses(util::JsonWriter& w, const LicenseReport& report);
void write_lint(util::JsonWriter& w, const lint::Report& report);

std::string licenses_table(const LicenseReport& report, bool color);
std::string lint_table(const lint::Report& report, bool color);

// One SARIF result; `rules` collects the rule ids in order of first use.
struct SarifResult {
    std::string rule;  // "licenses/licenses.categories.strong-copyleft", "lint/install-scripts"
    std::string level; // "error" | "warning" | "note"
    std::string message;
    std::string location; // lockfile location (line looked up), may be empty
};
std::string sarif(const Inputs& in, const std::vector<SarifResult>& results);
std::vector<SarifResult> licenses_sarif(const LicenseReport& report);
std::vector<SarifResult> lint_sarif(const lint::Report& report);

} // namespace vouch::check::detail
