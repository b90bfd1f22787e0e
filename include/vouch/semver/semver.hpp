#pragma once
// npm semver: versions and ranges with node-semver's default (non-loose) semantics.
// The contract the scanner relies on: satisfies() agrees with node-semver's
// semver.satisfies(version, range) for every input (includePrerelease = false).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::semver {

struct Identifier {
    bool numeric = false;
    std::uint64_t number = 0;
    std::string text; // the identifier as written (digits too, for numeric identifiers)
};

struct Version {
    std::uint64_t major = 0;
    std::uint64_t minor = 0;
    std::uint64_t patch = 0;
    std::vector<Identifier> prerelease;
    std::vector<std::string> build; // ignored for precedence

    // node-semver's `new SemVer(v)` (strict): accepts a leading "v" and surrounding whitespace
    // as node-semver does ("=1.2.3" is rejected there too; ranges accept "=" as an operator);
    // at most 256 characters; numbers above 2^53-1 are invalid. nullopt when invalid.
    static std::optional<Version> parse(std::string_view text);
    bool is_prerelease() const { return !prerelease.empty(); }
    std::string to_string() const; // without build metadata, like node-semver's .version
};

// SemVer 2.0.0 precedence (build metadata ignored): <0, 0, >0.
int compare(const Version& a, const Version& b);
inline bool operator<(const Version& a, const Version& b) {
    return compare(a, b) < 0;
}
inline bool operator==(const Version& a, const Version& b) {
    return compare(a, b) == 0;
}

// A parsed node-semver range: a union (||) of comparator sets.
class Range {
  public:
    // node-semver's `new Range(text)`: caret, tilde, x-ranges, hyphen ranges, ||, primitives,
    // "*", "" (any). Errc::parse with a message on an invalid range.
    static Result<Range> parse(std::string_view text);
    // node-semver's range.test(version): prerelease versions match only a comparator set
    // that has a prerelease comparator with the same [major, minor, patch].
    bool satisfies(const Version& version) const;
    const std::string& text() const { return m_text; }

    struct Comparator {
        enum class Op { lt, le, gt, ge, eq, any } op = Op::any;
        Version version;
    };
    const std::vector<std::vector<Comparator>>& sets() const { return m_sets; }

  private:
    std::string m_text;
    std::vector<std::vector<Comparator>> m_sets;
};

// node-semver's range.range: the normalized comparator sets, "||"-joined (for diagnostics and
// the fixture tests), e.g. "^1.2.3" -> ">=1.2.3 <2.0.0-0".
std::string to_string(const Range& range);

// Convenience: false when either side is invalid (as node-semver's satisfies()).
bool satisfies(std::string_view version, std::string_view range);

} // namespace vouch::semver
