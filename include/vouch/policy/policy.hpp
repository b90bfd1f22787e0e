#pragma once
// A vouch policy: what licences are acceptable (separately for dev-only packages), which lockfile
// supply-chain rules apply, the scan gate, and reviewed per-package exceptions. Read from JSON
// with comments (policies/README.md documents every field); an unknown key or a wrong type is an
// error with FILE:LINE:COL, so a typo can never silently weaken a policy.
#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/inspect/config.hpp>
#include <vouch/license/license.hpp>
#include <vouch/util/result.hpp>

namespace vouch::policy {

// What a licence rule says about a package.
enum class Action { allow, review, deny };
std::string_view to_string(Action action);

// Licence families (license::category_of).
using license::Category;
using license::k_category_count;
using license::parse_category;
using license::to_string;

struct LicenseRules {
    // SPDX ids (matched case-insensitively; "GPL-2.0-only WITH Classpath-exception-2.0" matches
    // that exact term, a bare id also matches it with any exception and its "+" form).
    std::vector<std::string> allow;
    std::vector<std::string> review;
    std::vector<std::string> deny;
    // The action for an id on none of the lists, by category.
    std::array<Action, k_category_count> categories{};
    // Whether a "review" result fails `vouch licenses` / `vouch check` (else it is a warning).
    bool review_fails = false;
};

enum class Mode { off, warn, error };
std::string_view to_string(Mode mode);

struct LintRules {
    struct Hosts {
        Mode mode = Mode::error;
        std::vector<std::string> hosts; // allowed registry hosts
    } allowed_hosts;
    Mode https_only = Mode::error;
    Mode integrity_present = Mode::error;
    Mode integrity_sha512 = Mode::error; // sha1 (or anything weaker than sha512) only
    Mode name_mismatch = Mode::error;    // tarball URL names another package
    Mode git_pinned = Mode::error;       // git dependency not pinned to a full commit SHA
    struct Sources {
        Mode mode = Mode::error;
        std::vector<std::string> allow; // "git", "remote-tarball", "local-tarball", "directory"
    } sources;
    struct Scripts {
        Mode mode = Mode::error;
        std::vector<std::string> allow; // package names allowed to run install scripts
    } install_scripts;
    Mode in_sync = Mode::error; // lockfile vs package.json
    struct Typosquat {
        Mode mode = Mode::warn;
        int max_distance = 1;
        std::vector<std::string> allow; // names that look like a popular one but are wanted
    } typosquat;
};

struct ScanRules {
    std::string fail_on = "any";     // "any" | low | moderate | high | critical | "none"
    double max_db_age = 7;           // days
    bool strict_db_age = false;      // an older database fails (else warns)
    std::vector<std::string> ignore; // ignore files, relative to the policy file
    std::vector<std::string> vex;    // VEX documents, relative to the policy file
};

// What `vouch gate` requires of an attestation before a deployment may be promoted (the
// "promote" section, docs/gate.md). An absent key requires nothing; gate flags can only add to it.
struct PromoteRules {
    bool require_sbom = false;                  // the provenance records a (checked) SBOM
    std::optional<std::string> require_verdict; // "pass"
    std::optional<std::string> require_gate;    // any | low | moderate | high | critical | none
    std::optional<std::chrono::seconds> max_age;
    std::string max_age_text;        // as written ("24h"), for output
    bool require_inspection = false; // a clean build-output inspection (vouch sign --inspect)
};

// A reviewed decision for one package: it is let through one check (or one lint rule).
struct Exception {
    std::string package;
    std::string version; // exact version, or empty for any
    std::string check;   // "licenses" | "lint"
    std::string rule;    // lint rule name; empty = every rule of the check
    std::string reason;
    std::string owner;
    std::string expires; // YYYY-MM-DD as written
    std::size_t line = 0;
};

struct Policy {
    std::string path;   // the file, or "builtin:default"
    std::string sha256; // of the file's bytes
    std::string description;
    LicenseRules licenses;
    LicenseRules dev; // for packages only dev dependencies need
    LintRules lint;
    ScanRules scan;
    std::vector<Exception> exceptions;
    inspect::Config inspect; // vouch inspect (docs/inspect.md)
    PromoteRules promote;    // vouch gate (docs/gate.md)
};

// Parses policy text. Errc::parse with line and column for malformed JSON, an unknown key, a
// wrong type or a bad value (an unknown category, a malformed date).
Result<Policy> parse(std::string_view text, const std::string& file);

// Reads and parses a policy file (Errc::io when unreadable).
Result<Policy> load(const std::string& path);

// policies/default.json, compiled in.
const Policy& builtin_default();
std::string_view builtin_default_text();

// The exception that applies to a package for `check`/`rule` at `today` (YYYY-MM-DD): unexpired
// and matching. Expired matches are appended to `expired` (when given).
const Exception* find_exception(const Policy& policy, std::string_view package,
                                std::string_view version, std::string_view check,
                                std::string_view rule, std::string_view today,
                                std::vector<const Exception*>* expired = nullptr);

} // namespace vouch::policy
