// Fixed versions and upgrade hints.
#include <vouch/scan/scan.hpp>

namespace vouch::scan {

namespace {

void add_candidate(std::vector<semver::Version>& out, std::string_view text) {
    if (auto version = semver::Version::parse(text)) {
        out.push_back(std::move(*version));
    }
}

// The versions an advisory names as range bounds: where a fix may start.
std::vector<semver::Version> candidates_of(const std::vector<const advisory::Affected*>& entries) {
    std::vector<semver::Version> out;
    for (const auto* affected : entries) {
        for (const auto& range : affected->ranges) {
            if (range.type == "SEMVER" || range.type == "ECOSYSTEM") {
                for (const auto& event : range.events) {
                    if (event.kind == advisory::Event::Kind::fixed ||
                        event.kind == advisory::Event::Kind::limit) {
                        add_candidate(out, event.version);
                    }
                }
            } else if (range.type == "NPM") {
                // The bounds of the vulnerable range and of the patched range (where a fix
                // starts, e.g. patched ">=2.15.0").
                for (const auto* text : {&range.npm_range, &range.npm_patched}) {
                    auto parsed = semver::Range::parse(*text);
                    if (text->empty() || !parsed) {
                        continue;
                    }
                    for (const auto& set : parsed->sets()) {
                        for (const auto& comparator : set) {
                            // npm ranges never match prereleases of other tuples, so a
                            // prerelease bound would look "fixed" without being so.
                            if (comparator.op != semver::Range::Comparator::Op::any &&
                                !comparator.version.is_prerelease()) {
                                out.push_back(comparator.version);
                            }
                        }
                    }
                }
            }
        }
    }
    return out;
}

// The range part of a dependency spec, or nullopt for git/file/tag specs.
std::optional<semver::Range> declared_range(std::string_view spec) {
    if (spec.rfind("npm:", 0) == 0) {
        spec.remove_prefix(4);
        std::size_t at = spec.find('@', spec.empty() || spec.front() != '@' ? 0 : 1);
        spec = at == std::string_view::npos ? std::string_view("*") : spec.substr(at + 1);
    }
    auto range = semver::Range::parse(spec);
    if (!range) {
        return std::nullopt;
    }
    return *range;
}

const std::string_view* spec_for(const lockfile::Package& requirer, std::string_view install_name) {
    for (const auto* deps : {&requirer.dependencies, &requirer.optional_dependencies,
                             &requirer.peer_dependencies, &requirer.dev_dependencies}) {
        auto it = deps->find(install_name);
        if (it != deps->end()) {
            return &it->second;
        }
    }
    return nullptr;
}

bool is_breaking(const semver::Version& from, const semver::Version& to) {
    if (to.major != from.major) {
        return true;
    }
    return from.major == 0 && to.minor != from.minor; // ^0.x treats minor as breaking
}

// Inclusive upper bounds: npm `<=X` comparators and OSV `last_affected` events.
std::vector<semver::Version>
inclusive_bounds_of(const std::vector<const advisory::Affected*>& entries) {
    std::vector<semver::Version> out;
    for (const auto* affected : entries) {
        for (const auto& range : affected->ranges) {
            if (range.type == "SEMVER" || range.type == "ECOSYSTEM") {
                for (const auto& event : range.events) {
                    if (event.kind == advisory::Event::Kind::last_affected) {
                        add_candidate(out, event.version);
                    }
                }
            } else if (range.type == "NPM") {
                auto parsed = semver::Range::parse(range.npm_range);
                if (!parsed) {
                    continue;
                }
                for (const auto& set : parsed->sets()) {
                    for (const auto& comparator : set) {
                        if (comparator.op == semver::Range::Comparator::Op::le) {
                            out.push_back(comparator.version);
                        }
                    }
                }
            }
        }
    }
    return out;
}

int rank(FixKind kind) {
    switch (kind) {
    case FixKind::update:
        return 0;
    case FixKind::bump:
        return 1;
    case FixKind::upgrade_parent:
        return 2;
    case FixKind::unknown:
    case FixKind::above:
        return 3;
    case FixKind::none:
        return 4;
    }
    return 4;
}

} // namespace

std::string_view to_string(FixKind kind) {
    switch (kind) {
    case FixKind::none:
        return "none";
    case FixKind::update:
        return "update";
    case FixKind::bump:
        return "bump";
    case FixKind::upgrade_parent:
        return "upgrade-parent";
    case FixKind::unknown:
        return "unknown";
    case FixKind::above:
        return "upgrade-above";
    }
    return "none";
}

std::optional<std::string> next_fixed(const std::vector<const advisory::Affected*>& entries,
                                      const semver::Version& installed) {
    std::optional<semver::Version> best;
    for (const auto& candidate : candidates_of(entries)) {
        if (!(installed < candidate) || (best && !(candidate < *best))) {
            continue;
        }
        const std::string text = candidate.to_string();
        bool still_affected = false;
        for (const auto* affected : entries) {
            if (affects(*affected, text, candidate)) {
                still_affected = true;
                break;
            }
        }
        if (!still_affected) {
            best = candidate;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return best->to_string();
}

std::optional<std::string> inclusive_bound(const std::vector<const advisory::Affected*>& entries,
                                           const semver::Version& installed) {
    std::optional<semver::Version> best;
    for (const auto& bound : inclusive_bounds_of(entries)) {
        if (bound < installed || (best && !(bound < *best))) {
            continue;
        }
        // The first release after X (X.Y.Z+1, no prerelease) stands for "above X".
        semver::Version probe = bound;
        probe.prerelease.clear();
        probe.build.clear();
        probe.patch += 1;
        const std::string text = probe.to_string();
        bool still_affected = false;
        for (const auto* affected : entries) {
            if (affects(*affected, text, probe)) {
                still_affected = true;
                break;
            }
        }
        if (!still_affected) {
            best = bound;
        }
    }
    if (!best) {
        return std::nullopt;
    }
    return best->to_string();
}

FixHint fix_hint(const lockfile::Lockfile& lockfile, const Finding& finding) {
    FixHint worst;
    if (!finding.fixed && finding.fixed_above) {
        worst.kind = FixKind::above;
        worst.advice = "No fixed release is named, but the affected range ends at " +
                       *finding.fixed_above + " (inclusive): upgrade " + finding.package +
                       " above " + *finding.fixed_above + ".";
        return worst;
    }
    if (!finding.fixed) {
        worst.kind = FixKind::none;
        worst.advice = "No fixed version is known: remove or replace " + finding.package + ".";
        return worst;
    }
    auto fixed = semver::Version::parse(*finding.fixed);
    auto installed = semver::Version::parse(finding.version);
    worst.kind = FixKind::update;
    bool judged = false;
    for (const auto& install : finding.installs) {
        auto chain = install.chain_indices.empty()
                         ? lockfile::path_from_root(lockfile, install.index)
                         : install.chain_indices;
        // A path through a workspace starts at the workspace (its declared range decides).
        if (chain.size() >= 3 && lockfile.packages[chain[1]].is_workspace) {
            chain.erase(chain.begin());
        }
        if (chain.size() < 2 || !fixed) {
            continue;
        }
        const auto& package = lockfile.packages[install.index];
        const auto& requirer = lockfile.packages[chain[chain.size() - 2]];
        const std::string_view install_name =
            package.install_name.empty() ? package.name : package.install_name;
        const std::string_view* spec = spec_for(requirer, install_name);
        auto range = spec ? declared_range(*spec) : std::nullopt;
        if (!range) {
            continue;
        }
        judged = true;
        bool direct = chain.size() == 2 || requirer.is_workspace ||
                      requirer.source == lockfile::Source::directory;
        FixHint hint;
        hint.requirer =
            chain.size() == 2 && chain[0] == 0 ? std::string("(root)") : std::string(requirer.name);
        hint.declared = *spec;
        hint.direct = chain.size() >= 2 ? lockfile.packages[chain[1]].name : package.name;
        if (direct) {
            hint.direct = package.name;
        }
        hint.major = installed && is_breaking(*installed, *fixed);
        if (range->satisfies(*fixed)) {
            hint.kind = FixKind::update;
        } else if (direct) {
            hint.kind = FixKind::bump;
        } else {
            hint.kind = FixKind::upgrade_parent;
        }
        if (rank(hint.kind) > rank(worst.kind) || worst.requirer.empty()) {
            worst = std::move(hint);
        }
    }
    const std::string& fix = *finding.fixed;
    if (!judged) {
        worst = FixHint{};
        worst.kind = FixKind::unknown;
        worst.major = fixed && installed && is_breaking(*installed, *fixed);
        worst.advice = "Upgrade " + finding.package + " to " + fix + " or later.";
        return worst;
    }
    switch (worst.kind) {
    case FixKind::update:
        worst.advice = "Run `npm update " + finding.package +
                       "`: the declared ranges already admit " + fix + ".";
        break;
    case FixKind::bump:
        worst.advice = "Change the declared range of " + finding.package + " (" + worst.declared +
                       ") to admit " + fix + ": `npm install " + finding.package + "@^" + fix +
                       "`" + (worst.major ? " (a major version bump)." : ".");
        break;
    case FixKind::upgrade_parent:
        worst.advice = worst.requirer + " requires " + finding.package + "@" + worst.declared +
                       ", which excludes " + fix + ": upgrade " + worst.direct +
                       " to a release that allows it, or add an npm `overrides` entry.";
        break;
    default:
        break;
    }
    return worst;
}

} // namespace vouch::scan
