#pragma once
// OSV `affected[].ranges[]` evaluation for SEMVER and ECOSYSTEM (npm) ranges, per the OSV schema's
// "Evaluation" pseudo-code. Versions are ordered by plain SemVer 2.0.0 precedence (compare());
// node-semver's prerelease rule for package.json ranges does NOT apply here.
#include <optional>
#include <string>
#include <vector>
#include <vouch/semver/semver.hpp>

namespace vouch::semver {

struct OsvEvent {
    enum class Kind { introduced, fixed, last_affected, limit } kind;
    std::string version; // "0" allowed for introduced
};

// One OSV `ranges[]` entry of type SEMVER or ECOSYSTEM (npm versions are semver): does it
// include `version`? Implements the schema's pseudo-code: events sorted by version,
// introduced "0" = from the start, fixed/last_affected/limit semantics, an implicit limit "*"
// when no limit event is present. Event versions that do not parse as SemVer are skipped
// ("0" for introduced and "*" for limit are understood).
bool osv_range_affects(const std::vector<OsvEvent>& events, const Version& version);

// The smallest `fixed` event version greater than `version` in these events, if any.
std::optional<Version> osv_next_fixed(const std::vector<OsvEvent>& events, const Version& version);

} // namespace vouch::semver
