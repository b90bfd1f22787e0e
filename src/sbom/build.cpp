#include <algorithm>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <vouch/digest/sha256.hpp>
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/encoding.hpp>

namespace vouch::sbom {

namespace {

// The scope one install asks for; a component gets the widest of its installs'.
Component::Scope scope_of(const lockfile::Package& p) {
    if (p.dev) {
        return Component::Scope::excluded; // only a development tool needs it
    }
    if (p.optional || p.dev_optional) {
        return Component::Scope::optional;
    }
    return Component::Scope::required;
}

// A warning about package `package`: conflicts are found group by group and reported in
// lockfile order.
using Conflict = std::pair<std::size_t, std::string>;

// Every distinct digest of every install is kept. Two different digests of one algorithm for
// one name@version is what a tampered lockfile looks like, so it is reported. The component's
// hashes stay a view of its first install's until another install adds one; installs are
// merged one component at a time, so a list of its own is the last in merged_hashes.
void merge_hashes(Sbom& sbom, Component& c, const lockfile::Package& p, std::size_t index,
                  std::vector<Conflict>& conflicts) {
    for (const auto& digest : p.digests) {
        bool present = false;
        for (const auto& known : c.hashes) {
            if (known.algorithm == digest.algorithm) {
                if (known.same_value(digest)) {
                    present = true;
                } else {
                    conflicts.emplace_back(
                        index, std::string(p.location) + ": " + std::string(digest.algorithm) +
                                   " integrity differs from "
                                   "another install of " +
                                   std::string(c.name()) + "@" + std::string(c.version()));
                }
            }
        }
        if (present) {
            continue;
        }
        if (c.hashes.empty()) {
            c.hashes = {&digest, 1}; // the first digest seen is a view too
            continue;
        }
        const bool owned =
            !sbom.merged_hashes.empty() && c.hashes.data() == sbom.merged_hashes.back().data();
        if (!owned) {
            sbom.merged_hashes.emplace_back(c.hashes.begin(), c.hashes.end());
        }
        sbom.merged_hashes.back().push_back(digest);
        c.hashes = sbom.merged_hashes.back();
    }
}

// Adds install `p` (packages[index]) to `c`, the component of its name@version.
void merge_install(Sbom& sbom, Component& c, const lockfile::Package& p, std::size_t index,
                   std::vector<Conflict>& conflicts,
                   std::unordered_map<std::string_view, const license::Classified*>& classified) {
    const bool first = c.package == nullptr;
    if (first) {
        c.package = &p;
        c.source = p.source;
        c.development = true;
        c.extraneous = true;
        c.bundled = true;
        c.hashes = p.digests;
    } else {
        merge_hashes(sbom, c, p, index, conflicts);
    }
    if (c.resolved.empty()) {
        c.resolved = p.source == lockfile::Source::git
                         ? sbom.arena->keep(canonical_git_url(p.resolved))
                         : p.resolved;
    }
    // Flags hold for the component only when they hold for every install of it.
    c.development = c.development && p.dev;
    c.extraneous = c.extraneous && p.extraneous;
    c.bundled = c.bundled && p.in_bundle;
    c.workspace = c.workspace || p.is_workspace;
    c.has_install_script = c.has_install_script || p.has_install_script;
    c.scope = std::max(c.scope, scope_of(p));
    if (c.license_source == Component::LicenseSource::unknown && !p.license.empty()) {
        // A few licence strings cover thousands of packages: each is classified once.
        auto known = classified.find(p.license);
        if (known == classified.end()) {
            sbom.licenses.push_back(license::classify(p.license));
            known = classified.emplace(p.license, &sbom.licenses.back()).first;
        }
        c.license = known->second;
        c.license_source = p.license_from_node_modules ? Component::LicenseSource::node_modules
                                                       : Component::LicenseSource::lockfile;
    }
}

} // namespace

Result<Sbom> build_sbom(const lockfile::Lockfile& lock) {
    return build_sbom(lock, lockfile::Selection(lock.packages.size(), true));
}

Result<Sbom> build_sbom(const lockfile::Lockfile& lock, const lockfile::Selection& kept) {
    const auto& packages = lock.packages;
    auto is_kept = [&](std::size_t i) { return i == 0 || (i < kept.size() && kept[i]); };
    Sbom sbom;
    sbom.warnings = lock.warnings;
    sbom.arena = lock.arena;
    lockfile::TextArena& arena = *sbom.arena;

    // One component per purl: the kept packages (the root apart: it is never merged with a
    // dependency of the same name@version) sorted by purl, stably, so that each run of equal
    // purls is one component's installs in lockfile order, and the runs come in bom-ref order.
    std::vector<std::string_view> purl_of(packages.size());
    std::vector<std::uint32_t> installs;
    installs.reserve(packages.size());
    std::string purl;
    for (std::size_t i = 0; i < packages.size(); ++i) {
        if (is_kept(i)) {
            purl = purl_for(packages[i]);
            purl_of[i] = arena.keep(purl);
            if (i != 0) {
                installs.push_back(static_cast<std::uint32_t>(i));
            }
        }
    }
    std::stable_sort(installs.begin(), installs.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return purl_of[a] < purl_of[b]; });

    constexpr auto k_left_out = static_cast<std::uint32_t>(-1);
    std::vector<std::uint32_t> component_of(packages.size(), k_left_out);
    std::unordered_map<std::string_view, const license::Classified*> classified;
    std::vector<Conflict> conflicts;
    sbom.path_pool.reserve(installs.size());
    sbom.components.reserve(1 + installs.size());
    std::vector<std::size_t> first_path; // where each component's paths start; then the end
    first_path.reserve(1 + installs.size() + 1);

    Component root;
    root.purl = purl_of[0];
    merge_install(sbom, root, packages[0], 0, conflicts, classified);
    root.development = false;
    root.extraneous = false;
    root.bundled = false;
    root.scope = Component::Scope::none;
    component_of[0] = 0;
    sbom.components.push_back(root);
    first_path.push_back(0);
    for (std::size_t at = 0; at < installs.size();) {
        const auto ci = static_cast<std::uint32_t>(sbom.components.size());
        Component c;
        c.purl = purl_of[installs[at]];
        first_path.push_back(sbom.path_pool.size());
        for (; at < installs.size() && purl_of[installs[at]] == c.purl; ++at) {
            const std::size_t i = installs[at];
            merge_install(sbom, c, packages[i], i, conflicts, classified);
            component_of[i] = ci;
            sbom.path_pool.push_back(packages[i].location);
        }
        // Already in order for a parsed model (its packages are sorted by location).
        std::sort(sbom.path_pool.begin() + static_cast<std::ptrdiff_t>(first_path.back()),
                  sbom.path_pool.end());
        sbom.components.push_back(c);
    }
    first_path.push_back(sbom.path_pool.size());
    std::stable_sort(conflicts.begin(), conflicts.end(),
                     [](const Conflict& a, const Conflict& b) { return a.first < b.first; });
    for (auto& conflict : conflicts) {
        sbom.warnings.push_back(std::move(conflict.second));
    }

    // Each component's edges, to the components of its installs' dependencies: appended in
    // component order, then each slice sorted and made unique in place.
    const std::size_t n = sbom.components.size();
    std::vector<std::size_t> first_edge(n + 1, 0);
    auto add_edges = [&](std::size_t i, std::size_t ci) {
        for (const std::size_t d : packages[i].depends_on) {
            if (is_kept(d) && component_of[d] != ci) {
                sbom.edge_pool.push_back(component_of[d]);
            }
        }
    };
    for (std::size_t ci = 0, at = 0; ci < n; ++ci) {
        const std::size_t from = sbom.edge_pool.size();
        if (ci == 0) {
            add_edges(0, 0);
        } else {
            for (; at < installs.size() && component_of[installs[at]] == ci; ++at) {
                add_edges(installs[at], ci);
            }
        }
        const auto slice = sbom.edge_pool.begin() + static_cast<std::ptrdiff_t>(from);
        std::sort(slice, sbom.edge_pool.end());
        sbom.edge_pool.erase(std::unique(slice, sbom.edge_pool.end()), sbom.edge_pool.end());
        first_edge[ci] = from;
        first_edge[ci + 1] = sbom.edge_pool.size();
    }
    sbom.edge_pool.shrink_to_fit();
    for (std::size_t ci = 0; ci < n; ++ci) {
        Component& c = sbom.components[ci];
        c.paths = {sbom.path_pool.data() + first_path[ci], first_path[ci + 1] - first_path[ci]};
        c.depends_on = {sbom.edge_pool.data() + first_edge[ci],
                        first_edge[ci + 1] - first_edge[ci]};
        c.bom_ref = c.purl;
    }
    // The root's purl can coincide with a dependency's (a package that depends on a copy of
    // the project itself); bom-refs must stay unique.
    auto& components = sbom.components;
    for (std::size_t i = 1; i < n; ++i) {
        if (components[i].bom_ref == components[0].bom_ref) {
            components[0].bom_ref = arena.join({components[0].bom_ref, "#root"});
            break;
        }
    }
    return sbom;
}

std::string_view scope_name(Component::Scope scope) {
    constexpr std::string_view k_names[] = {"", "excluded", "optional", "required"};
    return k_names[static_cast<std::size_t>(scope)];
}

std::string_view license_source_name(Component::LicenseSource source) {
    constexpr std::string_view k_names[] = {"unknown", "lockfile", "node_modules"};
    return k_names[static_cast<std::size_t>(source)];
}

std::string sha256_hex(std::string_view data) {
    return digest::sha256_hex(data);
}

namespace {
std::string format_uuid(std::uint8_t bytes[16]) {
    const std::string hex = util::to_hex(bytes, 16);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}
} // namespace

std::string content_uuid(std::string_view seed) {
    const auto digest = util::from_hex(sha256_hex(seed));
    std::uint8_t bytes[16];
    std::copy_n(digest->begin(), 16, bytes);
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x80); // version 8: custom
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80); // RFC 9562 variant
    return format_uuid(bytes);
}

std::string random_uuid() {
    std::random_device device;
    std::uint8_t bytes[16];
    for (auto& b : bytes) {
        b = static_cast<std::uint8_t>(device());
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80);
    return format_uuid(bytes);
}

} // namespace vouch::sbom
