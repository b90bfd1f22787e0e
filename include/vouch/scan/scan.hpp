#pragma once
// The scanner's core: which installed packages are affected by which advisories, how severe,
// what fixes them. Pure functions over a Lockfile and an advisory lookup; no I/O.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/advisory/advisory.hpp>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/semver/semver.hpp>
#include <vouch/util/result.hpp>

namespace vouch::scan {

// The severity of a finding; the gate compares these.
enum class Level { low, moderate, high, critical };
std::string_view to_string(Level level);
// "low" | "moderate" | "high" | "critical" (also "medium" for moderate), any case.
std::optional<Level> parse_level(std::string_view text);

// Why a finding does not count against the gate.
struct Suppression {
    std::string reason;        // the JSON `suppressed` value
    std::string source;        // "ignore" | "openvex" | "cyclonedx-vex"
    std::string file;          // the ignore or VEX file
    std::size_t line = 0;      // of the ignore entry (0 for VEX)
    std::string owner;         // ignore entries
    std::string expires;       // ignore entries, as written
    std::string justification; // VEX
};

// One place a vulnerable package is installed.
struct Install {
    std::size_t index = 0; // into Lockfile::packages
    std::string location;  // "node_modules/next/node_modules/postcss"
    // package names from the root project (or the workspace that requires it) to this package
    std::vector<std::string> chain;
    bool dev = false;     // the path shown is a dev-only chain (no runtime chain reaches it)
    std::size_t line = 0; // of its entry in the input file (SARIF); 0 = unknown
    std::vector<std::size_t> chain_indices; // `chain` as package indices (empty: not computed)
};

// What it takes to get the fixed version, judged from the declared ranges in the lockfile.
enum class FixKind {
    none,           // no fixed version known
    update,         // every requiring range already admits the fix: `npm update` is enough
    bump,           // a direct dependency's declared range must change (see `major`)
    upgrade_parent, // a transitive dependency pinned below the fix: upgrade the direct dependency
    unknown,        // a fixed version is known but the declared ranges are not (e.g. SBOM input)
    above,          // no fixed version is named, but the range ends inclusively (<=X): go above X
};
std::string_view to_string(FixKind kind);

struct FixHint {
    FixKind kind = FixKind::none;
    bool major = false;   // the fixed version has a higher major than the installed one
    std::string direct;   // the root's / workspace's direct dependency on the worst path
    std::string requirer; // the package whose declared range decides (on the worst path)
    std::string declared; // that declared range
    std::string advice;   // one human sentence
};

struct Finding {
    std::string id;
    std::vector<std::string> aliases;
    std::string package;
    std::string version;
    std::string title;
    std::string url; // first reference, or the advisory's canonical page when known
    std::vector<std::string> cwes;
    Level severity = Level::moderate;
    std::optional<double> cvss;  // the highest base score among the advisory's vectors
    std::string cvss_vector;     // the vector that gave it
    std::string severity_source; // "cvss" | "feed" | "malware" | "default"
    bool malware = false;
    std::optional<std::string> fixed;
    // When no fixed version is named but the affected range has an inclusive upper bound X
    // (npm `<=X`, OSV `last_affected`): every version above X is outside it.
    std::optional<std::string> fixed_above;
    FixHint fix;
    std::vector<Install> installs;          // every install of package@version, sorted by location
    std::optional<Suppression> suppression; // set when suppressed
    std::vector<std::string> suppressed_locations; // installs covered by path-limited entries
    std::vector<std::string>
        notes; // e.g. a range that could not be evaluated (counted as affected)
};

// The advisories recorded for one npm package name.
using AdvisoryLookup =
    std::function<Result<std::vector<advisory::Advisory>>(std::string_view package_name)>;

struct MatchResult {
    std::vector<Finding> findings;    // sorted: severity (critical first), package, id
    std::vector<std::string> notes;   // non-semver versions, unparsable ranges, unscored vectors
    std::size_t packages_scanned = 0; // installed packages (root and workspaces excluded)
};

// Matches every installed package (real names, aliases resolved) against its advisories.
// Root and workspace directories are not matched (they are the project's own code).
Result<MatchResult> match(const lockfile::Lockfile& lockfile, const AdvisoryLookup& lookup);

// The gate: whether a finding counts against `--fail-on`. Suppressed findings never count;
// malware always counts as critical.
bool counts_against(const Finding& finding, Level fail_on);

// Fills Install::line from the input text: the lockfile key's line (lockfile::line_of_location)
// or, for an SBOM, the line of the quoted install location.
void locate_lines(std::vector<Finding>& findings, std::string_view text,
                  const lockfile::Lockfile& lockfile, bool is_lockfile);

// --- the parts of match(), exposed for tests ---

// Whether `version` (the installed version string) is affected by `affected`. `parsed` is the
// parsed version or nullopt when it is not valid semver (then only `versions` can match).
// A range that cannot be evaluated (an invalid npm range, an OSV event that is not a version)
// counts as affecting every version and is described in `notes` when given. An NPM range's
// `npm_patched` range excludes the versions it admits (npm audit's rule).
bool affects(const advisory::Affected& affected, std::string_view version,
             const std::optional<semver::Version>& parsed,
             std::vector<std::string>* notes = nullptr);

struct SeverityChoice {
    Level level = Level::moderate;
    std::optional<double> cvss;
    std::string vector;
    std::string source; // "cvss" | "feed" | "malware" | "default"
};
// Malware -> critical; else the highest CVSS base score among the vectors (CVSS none/low ->
// low, medium -> moderate, high, critical); else the feed's label; else moderate ("default").
SeverityChoice choose_severity(const advisory::Advisory& advisory,
                               std::vector<std::string>* notes = nullptr);

// The smallest version above `installed` that none of the entries affects, drawn from the
// versions the advisory names (OSV fixed/introduced/limit events, NPM range bounds);
// nullopt when none is known.
std::optional<std::string> next_fixed(const std::vector<const advisory::Affected*>& entries,
                                      const semver::Version& installed);

// The smallest inclusive upper bound X >= `installed` (npm `<=X`, OSV last_affected) such that
// versions just above X are affected by none of the entries; nullopt when there is none.
std::optional<std::string> inclusive_bound(const std::vector<const advisory::Affected*>& entries,
                                           const semver::Version& installed);

// Judges whether the declared ranges on the paths to `finding.installs` admit `finding.fixed`.
FixHint fix_hint(const lockfile::Lockfile& lockfile, const Finding& finding);

// "node_modules/a/node_modules/@s/b" -> {"a", "@s/b"}.
std::vector<std::string> names_in_location(std::string_view location);

} // namespace vouch::scan
