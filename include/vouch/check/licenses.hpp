#pragma once
// Licence policy over a lockfile: each installed package's declared licence (SPDX or npm's
// spellings) judged by the policy's `licenses` rules, or its `dev` rules for dev-only packages.
// Pure: no files, no clock (the caller passes today's date).
#include <string>
#include <string_view>
#include <vector>
#include <vouch/license/license.hpp>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/policy/policy.hpp>

namespace vouch::check {

struct LicenseResult {
    std::size_t index = 0; // into Lockfile::packages
    std::string name;
    std::string version;
    std::string location;
    bool dev = false;    // judged by the policy's dev rules
    std::string raw;     // as declared ("" = nothing known)
    std::string source;  // "lockfile" | "node_modules" | "none"
    std::string license; // the SPDX expression read (corrected), or the raw text
    license::NpmLicense::Kind kind = license::NpmLicense::Kind::none;
    license::Category category = license::Category::unknown; // of the deciding licence
    policy::Action action = policy::Action::deny;
    bool fails = false;
    std::string rule;   // the rule that decided: "licenses.allow", "dev.categories.unknown", ...
    std::string detail; // one sentence: "GPL-3.0-only is strong-copyleft: deny"
    std::vector<std::string> notes; // corrections, deprecated ids
};

struct LicenseReport {
    std::vector<LicenseResult> packages; // sorted by location
    std::vector<const policy::Exception*> expired;
    std::size_t allowed = 0, reviewed = 0, denied = 0, failing = 0;
    bool pass() const { return failing == 0; }
};

// `today` is YYYY-MM-DD (exceptions expire after that day). Root and workspace packages (the
// project's own code) are not judged.
LicenseReport evaluate_licenses(const lockfile::Lockfile& lockfile, const policy::Policy& policy,
                                std::string_view today);

// One licence term against one rule set (for tests): the action and the deciding rule.
struct TermDecision {
    policy::Action action = policy::Action::deny;
    std::string rule;
    std::string term;
    license::Category category = license::Category::unknown;
};
TermDecision decide_expression(const license::Expression& expression,
                               const policy::LicenseRules& rules, std::string_view section);

} // namespace vouch::check
