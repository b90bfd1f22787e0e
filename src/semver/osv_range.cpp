// OSV range evaluation (specs.md 7.2).
#include <algorithm>
#include <vouch/semver/osv_range.hpp>

namespace vouch::semver {

namespace {

using Kind = OsvEvent::Kind;

// An event with its version resolved: `zero` is introduced "0" (before every version),
// `infinite` is limit "*" (after every version).
struct Bound {
    Kind kind;
    Version version;
    bool zero = false;
    bool infinite = false;
};

// OSV event versions are SemVer without a leading "v", but GHSA data sometimes carries one;
// accept what node-semver accepts (leading "v", surrounding whitespace).
std::optional<Bound> resolve(const OsvEvent& event) {
    Bound bound{event.kind, {}};
    if (event.kind == Kind::introduced && event.version == "0") {
        bound.zero = true;
        return bound;
    }
    if (event.kind == Kind::limit && event.version == "*") {
        bound.infinite = true;
        return bound;
    }
    auto version = Version::parse(event.version);
    if (!version) {
        return std::nullopt;
    }
    bound.version = std::move(*version);
    return bound;
}

// Ordering for sorted(range.events): "0" first, "*" last, SemVer precedence in between.
int order(const Bound& a, const Bound& b) {
    if (a.zero || b.zero) {
        return a.zero == b.zero ? 0 : (a.zero ? -1 : 1);
    }
    if (a.infinite || b.infinite) {
        return a.infinite == b.infinite ? 0 : (a.infinite ? 1 : -1);
    }
    return compare(a.version, b.version);
}

// v >= bound / v > bound / v < bound, with the sentinels honoured.
bool at_or_after(const Version& v, const Bound& b) {
    return b.zero || (!b.infinite && compare(v, b.version) >= 0);
}
bool after(const Version& v, const Bound& b) {
    return b.zero || (!b.infinite && compare(v, b.version) > 0);
}
bool before(const Version& v, const Bound& b) {
    return b.infinite || (!b.zero && compare(v, b.version) < 0);
}

std::vector<Bound> resolve_all(const std::vector<OsvEvent>& events) {
    std::vector<Bound> bounds;
    for (const auto& event : events) {
        if (auto bound = resolve(event)) {
            bounds.push_back(std::move(*bound));
        }
    }
    // Stable: events at equal versions keep their document order (the spec leaves ties open).
    std::stable_sort(bounds.begin(), bounds.end(),
                     [](const Bound& a, const Bound& b) { return order(a, b) < 0; });
    return bounds;
}

} // namespace

bool osv_range_affects(const std::vector<OsvEvent>& events, const Version& version) {
    const auto bounds = resolve_all(events);
    // BeforeLimits: with no limit events an implicit "*" applies.
    bool has_limit = false;
    bool before_a_limit = false;
    for (const auto& b : bounds) {
        if (b.kind == Kind::limit) {
            has_limit = true;
            before_a_limit = before_a_limit || before(version, b);
        }
    }
    if (has_limit && !before_a_limit) {
        return false;
    }
    bool vulnerable = false;
    for (const auto& b : bounds) {
        switch (b.kind) {
        case Kind::introduced:
            if (at_or_after(version, b)) {
                vulnerable = true;
            }
            break;
        case Kind::fixed:
            if (at_or_after(version, b)) {
                vulnerable = false;
            }
            break;
        case Kind::last_affected:
            if (after(version, b)) {
                vulnerable = false;
            }
            break;
        case Kind::limit:
            break;
        }
    }
    return vulnerable;
}

std::optional<Version> osv_next_fixed(const std::vector<OsvEvent>& events, const Version& version) {
    std::optional<Version> best;
    for (const auto& event : events) {
        if (event.kind != Kind::fixed) {
            continue;
        }
        auto fixed = Version::parse(event.version);
        if (fixed && compare(*fixed, version) > 0 && (!best || compare(*fixed, *best) < 0)) {
            best = std::move(fixed);
        }
    }
    return best;
}

} // namespace vouch::semver
