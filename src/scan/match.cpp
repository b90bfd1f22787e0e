// Matching installed packages against advisories (OSV ranges, npm ranges, explicit versions).
#include <algorithm>
#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <vouch/scan/scan.hpp>
#include <vouch/semver/osv_range.hpp>

namespace vouch::scan {

namespace {

// GHSA records sometimes carry partial versions ("introduced": "1.0"); an event the range
// evaluator cannot parse is dropped, which would silently narrow the range, so "1" and "1.0" are
// read as 1.0.0 (their evident meaning). "0" stays OSV's "before every version".
std::string pad_partial(const std::string& version) {
    if (version == "0" || version.empty() || version.size() > 40) {
        return version;
    }
    int dots = 0;
    for (char c : version) {
        if (c == '.') {
            ++dots;
        } else if (c < '0' || c > '9') {
            return version;
        }
    }
    if (dots >= 2 || version.back() == '.' || version.front() == '.' ||
        version.find("..") != std::string::npos) {
        return version;
    }
    return version + (dots == 0 ? ".0.0" : ".0");
}

std::vector<semver::OsvEvent> to_osv_events(const std::vector<advisory::Event>& events) {
    std::vector<semver::OsvEvent> out;
    out.reserve(events.size());
    for (const auto& event : events) {
        semver::OsvEvent converted{semver::OsvEvent::Kind::introduced, pad_partial(event.version)};
        switch (event.kind) {
        case advisory::Event::Kind::introduced:
            converted.kind = semver::OsvEvent::Kind::introduced;
            break;
        case advisory::Event::Kind::fixed:
            converted.kind = semver::OsvEvent::Kind::fixed;
            break;
        case advisory::Event::Kind::last_affected:
            converted.kind = semver::OsvEvent::Kind::last_affected;
            break;
        case advisory::Event::Kind::limit:
            converted.kind = semver::OsvEvent::Kind::limit;
            break;
        }
        out.push_back(std::move(converted));
    }
    return out;
}

// OSV's IncludedInVersions is string equality; npm versions may carry a leading "v" or "=" in
// old lockfiles, so both sides are normalised the same way when both parse.
bool same_version(std::string_view listed, std::string_view installed,
                  const std::optional<semver::Version>& parsed) {
    if (listed == installed) {
        return true;
    }
    if (!parsed) {
        return false;
    }
    auto other = semver::Version::parse(listed);
    return other && semver::compare(*other, *parsed) == 0 && other->build == parsed->build;
}

bool is_local(const lockfile::Package& package) {
    return package.source == lockfile::Source::root ||
           package.source == lockfile::Source::directory || package.is_workspace;
}

std::string title_of(const advisory::Advisory& advisory) {
    std::string title = advisory.summary;
    if (title.empty()) {
        title = advisory.details.substr(0, advisory.details.find('\n'));
    }
    if (title.size() > 200) {
        title = title.substr(0, 197) + "...";
    }
    return title;
}

std::string url_of(const advisory::Advisory& advisory) {
    if (advisory.id.rfind("GHSA-", 0) == 0) {
        return "https://github.com/advisories/" + advisory.id;
    }
    if (advisory.id.rfind("MAL-", 0) == 0) {
        return "https://osv.dev/vulnerability/" + advisory.id;
    }
    if (!advisory.references.empty()) {
        return advisory.references.front();
    }
    return {};
}

// Shortest chains from the root, for every package at once: one BFS instead of one per install.
// A runtime chain (no devDependencies edge of the root or a workspace) is preferred; only a
// package without one gets a dev chain. Visiting depends_on in order keeps chains stable.
struct Chains {
    std::vector<std::size_t> runtime_parent;
    std::vector<std::size_t> any_parent;
    explicit Chains(const lockfile::Lockfile& lockfile)
        : runtime_parent(bfs(lockfile, true)), any_parent(bfs(lockfile, false)) {}

    static std::vector<std::size_t> bfs(const lockfile::Lockfile& lockfile, bool runtime_only) {
        std::vector<std::size_t> parent(lockfile.packages.size(), lockfile::npos);
        if (parent.empty()) {
            return parent;
        }
        std::deque<std::size_t> queue{0};
        parent[0] = 0;
        while (!queue.empty()) {
            std::size_t current = queue.front();
            queue.pop_front();
            const auto& package = lockfile.packages[current];
            for (std::size_t next : package.depends_on) {
                if (next >= parent.size() || parent[next] != lockfile::npos) {
                    continue;
                }
                if (runtime_only &&
                    std::binary_search(package.dev_only.begin(), package.dev_only.end(), next)) {
                    continue;
                }
                parent[next] = current;
                queue.push_back(next);
            }
        }
        return parent;
    }
    static std::vector<std::size_t> walk(const std::vector<std::size_t>& parent,
                                         std::size_t index) {
        if (index >= parent.size() || parent[index] == lockfile::npos) {
            return {};
        }
        std::vector<std::size_t> chain{index};
        while (chain.back() != 0) {
            chain.push_back(parent[chain.back()]);
        }
        return {chain.rbegin(), chain.rend()};
    }
    // The chain to `index` and whether it is a runtime one.
    std::pair<std::vector<std::size_t>, bool> to(std::size_t index) const {
        auto runtime = walk(runtime_parent, index);
        if (!runtime.empty()) {
            return {std::move(runtime), true};
        }
        return {walk(any_parent, index), false};
    }
};

std::vector<std::string> chain_names(const lockfile::Lockfile& lockfile,
                                     const std::vector<std::size_t>& chain, std::size_t index) {
    std::vector<std::string> names;
    const std::string root_name =
        lockfile.root().name.empty() ? std::string("(root)") : std::string(lockfile.root().name);
    if (chain.empty()) {
        // Unreachable from the root (extraneous): the folder nesting is the best we know.
        names.push_back(root_name);
        for (auto& name : names_in_location(lockfile.packages[index].location)) {
            names.push_back(std::move(name));
        }
        if (names.size() == 1) {
            names.emplace_back(lockfile.packages[index].name);
        }
        return names;
    }
    // A path through a workspace starts at the workspace that requires the package.
    const bool via_workspace = chain.size() >= 2 && lockfile.packages[chain[1]].is_workspace;
    for (std::size_t i = via_workspace ? 1 : 0; i < chain.size(); ++i) {
        const std::size_t step = chain[i];
        const auto& package = lockfile.packages[step];
        names.push_back(step == 0              ? root_name
                        : package.name.empty() ? std::string(package.location)
                                               : std::string(package.name));
    }
    return names;
}

int level_rank(Level level) {
    return static_cast<int>(level);
}

} // namespace

std::vector<std::string> names_in_location(std::string_view location) {
    std::vector<std::string> names;
    constexpr std::string_view marker = "node_modules/";
    std::size_t pos = location.find(marker);
    while (pos != std::string_view::npos) {
        std::size_t start = pos + marker.size();
        std::size_t next = location.find(marker, start);
        std::string_view segment = location.substr(
            start, next == std::string_view::npos ? std::string_view::npos : next - start);
        while (!segment.empty() && segment.back() == '/') {
            segment.remove_suffix(1);
        }
        if (!segment.empty()) {
            names.emplace_back(segment);
        }
        pos = next;
    }
    return names;
}

bool affects(const advisory::Affected& affected, std::string_view version,
             const std::optional<semver::Version>& parsed, std::vector<std::string>* notes) {
    for (const auto& listed : affected.versions) {
        if (same_version(listed, version, parsed)) {
            return true;
        }
    }
    if (!parsed) {
        return false; // ranges need a semver version
    }
    // A range vouch cannot evaluate counts as affecting every version: a scanner errs on the
    // side of reporting (the note says why).
    auto unevaluable = [&](const std::string& why) {
        if (notes) {
            notes->push_back(why + "; reported as affecting every version of " + affected.package);
        }
        return true;
    };
    for (const auto& range : affected.ranges) {
        if (range.type == "SEMVER" || range.type == "ECOSYSTEM") {
            auto events = to_osv_events(range.events);
            for (const auto& event : events) {
                const bool special =
                    (event.kind == semver::OsvEvent::Kind::introduced && event.version == "0") ||
                    (event.kind == semver::OsvEvent::Kind::limit && event.version == "*");
                if (!special && !semver::Version::parse(event.version)) {
                    return unevaluable("advisory range event '" + event.version + "' for " +
                                       affected.package + " is not a version");
                }
            }
            if (semver::osv_range_affects(events, *parsed)) {
                return true;
            }
        } else if (range.type == "NPM") {
            auto npm_range = semver::Range::parse(range.npm_range);
            if (!npm_range) {
                return unevaluable("advisory range '" + range.npm_range + "' for " +
                                   affected.package +
                                   " is not a valid npm range: " + npm_range.error().message);
            }
            if (!npm_range->satisfies(*parsed)) {
                continue;
            }
            // npm audit's rule: affected = satisfies vulnerable_versions and not patched_versions.
            if (!range.npm_patched.empty()) {
                auto patched = semver::Range::parse(range.npm_patched);
                if (!patched) {
                    if (notes) {
                        notes->push_back("patched range '" + range.npm_patched + "' for " +
                                         affected.package + " is not a valid npm range (" +
                                         patched.error().message + "); ignored");
                    }
                } else if (patched->satisfies(*parsed)) {
                    continue;
                }
            }
            return true;
        }
        // GIT ranges name commits, which npm versions cannot be compared with.
    }
    return false;
}

Result<MatchResult> match(const lockfile::Lockfile& lockfile, const AdvisoryLookup& lookup) {
    MatchResult result;
    std::set<std::string> notes;
    const Chains chains(lockfile);
    // name -> version -> indices of every install of that name@version
    std::map<std::string_view, std::map<std::string_view, std::vector<std::size_t>>> installed;
    for (std::size_t i = 1; i < lockfile.packages.size(); ++i) {
        const auto& package = lockfile.packages[i];
        if (is_local(package) || package.name.empty()) {
            continue;
        }
        ++result.packages_scanned;
        installed[package.name][package.version].push_back(i);
    }

    for (const auto& [name, versions] : installed) {
        VOUCH_TRY_ASSIGN(auto advisories, lookup(name));
        if (advisories.empty()) {
            continue;
        }
        for (const auto& [version, indices] : versions) {
            auto parsed = semver::Version::parse(version);
            if (!parsed) {
                notes.insert(std::string(name) + "@" + std::string(version) +
                             ": not a semver version (git, tarball or tag); matched only against "
                             "advisories' explicit version lists");
            }
            for (const auto& advisory : advisories) {
                std::vector<const advisory::Affected*> matched;
                std::vector<const advisory::Affected*> entries;
                std::vector<std::string> range_notes;
                for (const auto& affected : advisory.affected) {
                    if (affected.package != name) {
                        continue;
                    }
                    entries.push_back(&affected);
                    if (affects(affected, version, parsed, &range_notes)) {
                        matched.push_back(&affected);
                    }
                }
                for (const auto& note : range_notes) {
                    notes.insert(advisory.id + ": " + note);
                }
                if (matched.empty()) {
                    continue;
                }
                Finding finding;
                finding.notes = std::move(range_notes);
                finding.id = advisory.id;
                finding.aliases = advisory.aliases;
                finding.package = name;
                finding.version = version;
                finding.title = title_of(advisory);
                finding.url = url_of(advisory);
                finding.cwes = advisory.cwes;
                finding.malware = advisory.malicious;
                std::vector<std::string> severity_notes;
                auto severity = choose_severity(advisory, &severity_notes);
                for (auto& note : severity_notes) {
                    notes.insert(advisory.id + ": " + note);
                }
                finding.severity = severity.level;
                finding.cvss = severity.cvss;
                finding.cvss_vector = severity.vector;
                finding.severity_source = severity.source;
                if (parsed) {
                    finding.fixed = next_fixed(entries, *parsed);
                    if (!finding.fixed) {
                        finding.fixed_above = inclusive_bound(entries, *parsed);
                    }
                }
                for (std::size_t index : indices) {
                    const auto& package = lockfile.packages[index];
                    Install install;
                    install.index = index;
                    install.location = package.location;
                    auto [chain, runtime] = chains.to(index);
                    install.chain_indices = std::move(chain);
                    install.chain = chain_names(lockfile, install.chain_indices, index);
                    // The path's scope: dev when only a devDependencies chain reaches it (or,
                    // unreachable, when npm flags it dev).
                    install.dev = install.chain_indices.empty()
                                      ? package.dev || package.dev_optional
                                      : !runtime;
                    finding.installs.push_back(std::move(install));
                }
                finding.fix = fix_hint(lockfile, finding);
                result.findings.push_back(std::move(finding));
            }
        }
    }

    std::sort(result.findings.begin(), result.findings.end(),
              [](const Finding& a, const Finding& b) {
                  return std::make_tuple(-level_rank(a.severity), a.package, a.version, a.id) <
                         std::make_tuple(-level_rank(b.severity), b.package, b.version, b.id);
              });
    result.notes.assign(notes.begin(), notes.end());
    return result;
}

} // namespace vouch::scan
