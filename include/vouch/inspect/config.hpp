#pragma once
// The inspection's settings: the "inspect" section of a vouch policy (docs/inspect.md), read by
// policy::load.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/inspect/finding.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::inspect {

// Which findings fail the run: "any" (every finding), a severity (findings at or above it),
// or "none" (report only).
struct Threshold {
    enum class Kind { any, at_least, none };
    Kind kind = Kind::any;
    Severity level = Severity::low; // with at_least
    bool counts(Severity s) const {
        return kind == Kind::any || (kind == Kind::at_least && s >= level);
    }
};
std::optional<Threshold>
parse_threshold(std::string_view text); // case-insensitive; medium = moderate
std::string threshold_name(const Threshold& threshold);

// A reviewed, owned, expiring exception for one rule on the files matching a glob
// ("*" within a path component, "**" across components).
struct Exception {
    std::string rule;
    std::string path;
    std::string reason;
    std::string owner;
    std::string expires; // as written
    util::TimePoint expires_at{};
};

struct Config {
    bool on_sign = false; // `vouch sign` runs the inspection in the same read as hashing
    Threshold threshold;
    bool strict = false;
    std::set<std::string, std::less<>> disabled; // rule ids switched off
    bool allow_unsafe_inline = false;
    bool allow_unsafe_eval = false;
    bool allow_source_maps = false;
    bool allow_cors_wildcard = false;
    std::vector<Exception> exceptions;
};

// Every rule id (content, file and header rules).
const std::vector<std::string_view>& all_rule_ids();

// Does `path` (relative, '/'-separated) match `glob`?
bool glob_matches(std::string_view glob, std::string_view path);

} // namespace vouch::inspect
