#include <algorithm>
#include <random>
#include <unordered_map>
#include <vouch/digest/sha256.hpp>
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/permute.hpp>

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

// Every distinct digest of every install is kept. Two different digests of one algorithm for
// one name@version is what a tampered lockfile looks like, so it is reported. The component's
// hashes stay a view of its first install's until another install adds one.
void merge_hashes(Sbom& sbom, Component& c, const lockfile::Package& p) {
    for (const auto& digest : p.digests) {
        bool present = false;
        for (const auto& known : c.hashes) {
            if (known.algorithm == digest.algorithm) {
                if (known.same_value(digest)) {
                    present = true;
                } else {
                    sbom.warnings.push_back(std::string(p.location) + ": " +
                                            std::string(digest.algorithm) +
                                            " integrity differs from "
                                            "another install of " +
                                            std::string(c.name()) + "@" + std::string(c.version()));
                }
            }
        }
        if (present) {
            continue;
        }
        const bool owned =
            !sbom.merged_hashes.empty() && c.hashes.data() == sbom.merged_hashes.back().data();
        if (!owned && !c.hashes.empty()) {
            sbom.merged_hashes.emplace_back(c.hashes.begin(), c.hashes.end());
        }
        if (!owned && c.hashes.empty()) {
            c.hashes = {&digest, 1}; // the first digest seen is a view too
            continue;
        }
        sbom.merged_hashes.back().push_back(digest);
        c.hashes = sbom.merged_hashes.back();
    }
}

} // namespace

Result<Sbom> build_sbom(const lockfile::Lockfile& lock) {
    return build_sbom(lock, lockfile::Selection(lock.packages.size(), true));
}

Result<Sbom> build_sbom(const lockfile::Lockfile& lock, const lockfile::Selection& kept) {
    auto is_kept = [&](std::size_t i) { return i == 0 || (i < kept.size() && kept[i]); };
    Sbom sbom;
    sbom.warnings = lock.warnings;
    sbom.arena = lock.arena;
    lockfile::TextArena& arena = *sbom.arena;
    std::unordered_map<std::string_view, std::size_t> by_purl;
    by_purl.reserve(lock.packages.size());
    sbom.components.reserve(lock.packages.size());
    constexpr std::size_t k_left_out = static_cast<std::size_t>(-1);
    std::vector<std::size_t> component_of(lock.packages.size(), k_left_out);
    std::string purl;
    std::unordered_map<std::string_view, const license::Classified*> classified;

    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        if (!is_kept(i)) {
            continue;
        }
        const auto& p = lock.packages[i];
        purl = purl_for(p);
        // The root is never merged with a dependency of the same name@version.
        const auto found = i == 0 ? by_purl.end() : by_purl.find(purl);
        const bool inserted = found == by_purl.end();
        const std::size_t ci = inserted ? sbom.components.size() : found->second;
        if (inserted) {
            Component c;
            c.purl = arena.keep(purl);
            if (i != 0) {
                by_purl.emplace(c.purl, ci);
            }
            c.package = &p;
            c.source = p.source;
            c.development = true;
            c.extraneous = true;
            c.bundled = true;
            c.hashes = p.digests;
            sbom.components.push_back(c);
        }
        component_of[i] = ci;
        Component& c = sbom.components[ci];
        if (c.resolved.empty()) {
            c.resolved = p.source == lockfile::Source::git
                             ? arena.keep(canonical_git_url(p.resolved))
                             : p.resolved;
        }
        if (!inserted) {
            merge_hashes(sbom, c, p);
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

    // Root first, everything else by bom-ref (the purl), so output is stable.
    const std::size_t n = sbom.components.size();
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::sort(order.begin() + 1, order.end(), [&](std::size_t a, std::size_t b) {
        return sbom.components[a].purl < sbom.components[b].purl;
    });
    std::vector<std::size_t> new_index(n);
    for (std::size_t i = 0; i < n; ++i) {
        new_index[order[i]] = i;
    }
    for (auto& ci : component_of) {
        if (ci != k_left_out) {
            ci = new_index[ci];
        }
    }
    util::apply_permutation(sbom.components, order);

    // Paths and edges go into one pool each, a slice per component in component order: counted
    // first, then filled, then each slice sorted (and the edges made unique).
    std::vector<std::size_t> path_at(n + 1, 0);
    std::vector<std::size_t> edge_at(n + 1, 0);
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        if (component_of[i] != k_left_out) {
            ++path_at[component_of[i] + 1];
            edge_at[component_of[i] + 1] += lock.packages[i].depends_on.size();
        }
    }
    edge_at[component_of[0] + 1] += lock.packages[0].depends_on.size();
    for (std::size_t c = 0; c < n; ++c) {
        path_at[c + 1] += path_at[c];
        edge_at[c + 1] += edge_at[c];
    }
    sbom.path_pool.resize(path_at[n]);
    sbom.edge_pool.resize(edge_at[n]);
    std::vector<std::size_t> path_end(path_at.begin(), path_at.end() - 1);
    std::vector<std::size_t> edge_end(edge_at.begin(), edge_at.end() - 1);
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        const std::size_t ci = component_of[i];
        if (ci == k_left_out) {
            continue;
        }
        if (i != 0) {
            sbom.path_pool[path_end[ci]++] = lock.packages[i].location;
        }
        for (const std::size_t d : lock.packages[i].depends_on) {
            if (is_kept(d) && component_of[d] != ci) {
                sbom.edge_pool[edge_end[ci]++] = component_of[d];
            }
        }
    }
    std::size_t edges = 0; // slices move down as duplicate edges are squeezed out
    for (std::size_t ci = 0; ci < n; ++ci) {
        const auto paths = sbom.path_pool.begin() + static_cast<std::ptrdiff_t>(path_at[ci]);
        std::sort(paths, sbom.path_pool.begin() + static_cast<std::ptrdiff_t>(path_end[ci]));
        const auto from = sbom.edge_pool.begin() + static_cast<std::ptrdiff_t>(edge_at[ci]);
        const auto to = sbom.edge_pool.begin() + static_cast<std::ptrdiff_t>(edge_end[ci]);
        std::sort(from, to);
        const auto unique_end = std::unique(from, to);
        std::move(from, unique_end, sbom.edge_pool.begin() + static_cast<std::ptrdiff_t>(edges));
        edge_at[ci] = edges;
        edges += static_cast<std::size_t>(unique_end - from);
        edge_end[ci] = edges;
    }
    sbom.edge_pool.resize(edges);
    sbom.edge_pool.shrink_to_fit();
    for (std::size_t ci = 0; ci < n; ++ci) {
        Component& c = sbom.components[ci];
        c.paths = {sbom.path_pool.data() + path_at[ci], path_end[ci] - path_at[ci]};
        c.depends_on = {sbom.edge_pool.data() + edge_at[ci], edge_end[ci] - edge_at[ci]};
        if (ci == 0) {
            c.development = false;
            c.extraneous = false;
            c.bundled = false;
            c.scope = Component::Scope::none;
        }
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
    switch (scope) {
    case Component::Scope::excluded:
        return "excluded";
    case Component::Scope::optional:
        return "optional";
    case Component::Scope::required:
        return "required";
    case Component::Scope::none:
        break;
    }
    return "";
}

std::string_view license_source_name(Component::LicenseSource source) {
    switch (source) {
    case Component::LicenseSource::lockfile:
        return "lockfile";
    case Component::LicenseSource::node_modules:
        return "node_modules";
    case Component::LicenseSource::unknown:
        break;
    }
    return "unknown";
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
