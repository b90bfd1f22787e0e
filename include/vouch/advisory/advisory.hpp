#pragma once
// The advisory model shared by every feed parser, the offline database and the scanner.
// One Advisory = one vulnerability after alias merging (GHSA, CVE, npm and security-wg ids of
// the same issue become one record).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::advisory {

enum class Severity { unknown, low, moderate, high, critical };
std::string_view to_string(Severity); // "unknown","low","moderate","high","critical"
std::optional<Severity>
    parse_severity(std::string_view); // low|moderate|medium|high|critical (any case)

struct Event {
    enum class Kind { introduced, fixed, last_affected, limit } kind;
    std::string version;
};
std::string_view to_string(Event::Kind);

struct Range {
    std::string type;          // "SEMVER" | "ECOSYSTEM" (OSV events) | "NPM" (a node-semver range)
    std::vector<Event> events; // OSV types
    std::string npm_range;     // type "NPM": e.g. ">=2.0.0 <2.1.4" or "<1.2.3 || >=2.0.0 <2.0.5"
    // type "NPM": the feed's `patched_versions` (security-wg, npm quick audit); a version that
    // satisfies it is not affected, as in npm's audit. Empty = none given (not node-semver's "*").
    std::string npm_patched;
};

struct Affected {
    std::string package; // npm package name
    std::vector<Range> ranges;
    std::vector<std::string> versions; // explicit OSV `versions` list
};

struct Advisory {
    std::string id;                   // preferred id: GHSA-... if known, else CVE/MAL/npm id
    std::vector<std::string> aliases; // every other id it is known by
    std::string summary;
    std::string details;
    std::string published, modified;       // RFC 3339 as given
    bool malicious = false;                // MAL-* records (reported as critical, labelled malware)
    std::vector<Affected> affected;        // npm entries only
    std::vector<std::string> cvss_vectors; // "CVSS:3.1/..." / "CVSS:4.0/..." as given
    Severity feed_severity = Severity::unknown; // the feed's own label (fallback when no vector)
    std::vector<std::string> cwes;
    std::vector<std::string> references; // URLs
    std::vector<std::string> sources;    // which imported source(s) it came from
};

} // namespace vouch::advisory
