#include "resolve.hpp"

#include "names.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <vouch/util/encoding.hpp>

namespace vouch::lockfile {

namespace {

struct Algorithm {
    std::string_view name;
    std::size_t digest_size;
};
constexpr Algorithm k_algorithms[] = {{"sha512", 64}, {"sha384", 48}, {"sha256", 32}, {"sha1", 20}};

bool is_hex_commit(std::string_view s) {
    return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

Result<std::vector<Digest>> decode_integrity(std::string_view integrity) {
    std::vector<Digest> out;
    std::size_t start = 0;
    while (start < integrity.size()) {
        auto end = integrity.find_first_of(" \t\n", start);
        if (end == std::string_view::npos) {
            end = integrity.size();
        }
        std::string_view token = integrity.substr(start, end - start);
        start = end + 1;
        if (token.empty()) {
            continue;
        }
        const auto options = token.find('?');
        if (options != std::string_view::npos) {
            token = token.substr(0, options);
        }
        const auto dash = token.find('-');
        if (dash == std::string_view::npos) {
            return fail(Errc::parse,
                        "integrity \"" + std::string(token) + "\" is not <algorithm>-<base64>");
        }
        const std::string_view alg = token.substr(0, dash);
        const auto known = std::find_if(std::begin(k_algorithms), std::end(k_algorithms),
                                        [&](const Algorithm& a) { return a.name == alg; });
        if (known == std::end(k_algorithms)) {
            continue;
        }
        const auto bytes = util::base64_decode(token.substr(dash + 1));
        if (!bytes || bytes->size() != known->digest_size) {
            return fail(Errc::parse, "integrity " + std::string(alg) +
                                         " digest is not valid base64 of " +
                                         std::to_string(known->digest_size) + " bytes");
        }
        out.push_back({std::string(alg), util::to_hex(*bytes)});
    }
    std::stable_sort(out.begin(), out.end(), [](const Digest& a, const Digest& b) {
        auto rank = [](const Digest& d) {
            return std::find_if(std::begin(k_algorithms), std::end(k_algorithms),
                                [&](const Algorithm& x) { return x.name == d.algorithm; }) -
                   std::begin(k_algorithms);
        };
        return rank(a) < rank(b);
    });
    // The same algorithm twice is redundant; keep the first.
    out.erase(
        std::unique(out.begin(), out.end(),
                    [](const Digest& a, const Digest& b) { return a.algorithm == b.algorithm; }),
        out.end());
    return out;
}

std::size_t Lockfile::find(std::string_view location) const {
    std::string key(location);
    if (auto link = link_targets.find(key); link != link_targets.end()) {
        key = link->second;
    }
    const auto it = by_location.find(key);
    return it == by_location.end() ? npos : it->second;
}

namespace detail {

void decode_integrity_fields(Lockfile& lock) {
    for (auto& p : lock.packages) {
        if (p.integrity.empty() || (p.source == Source::git && is_hex_commit(p.integrity))) {
            continue;
        }
        if (auto digests = decode_integrity(p.integrity)) {
            p.digests = std::move(*digests);
        } else {
            lock.warnings.push_back((p.location.empty() ? std::string("the root") : p.location) +
                                    ": " + digests.error().message + "; no hash recorded");
            p.integrity.clear();
        }
    }
}

namespace {

// npm's require resolution: <loc>/node_modules/<name>, then each ancestor folder, then the root.
std::size_t resolve_from(const Lockfile& lock, std::string_view from, const std::string& name,
                         std::string& candidate) {
    std::string_view path = from;
    for (;;) {
        candidate.assign(path);
        if (!path.empty()) {
            candidate += '/';
        }
        candidate += "node_modules/";
        candidate += name;
        if (const auto hit = lock.by_location.find(candidate); hit != lock.by_location.end()) {
            return hit->second;
        }
        if (const auto link = lock.link_targets.find(candidate); link != lock.link_targets.end()) {
            const auto target = lock.by_location.find(link->second);
            // A link to a missing target is reported when links are indexed.
            return target == lock.by_location.end() ? npos : target->second;
        }
        if (path.empty()) {
            return npos;
        }
        const auto slash = path.rfind('/');
        path = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    }
}

void resolve_edges(Lockfile& lock) {
    std::string candidate;
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        Package& p = lock.packages[i];
        const bool top = i == 0 || p.source == Source::directory;
        std::vector<std::size_t> edges;
        auto add = [&](const std::map<std::string, std::string>& deps, bool optional_kind,
                       bool peer_kind) {
            for (const auto& [name, spec] : deps) {
                const std::size_t target = resolve_from(lock, p.location, name, candidate);
                if (target != npos) {
                    if (target != i) {
                        edges.push_back(target);
                    }
                    continue;
                }
                const bool peer_optional =
                    peer_kind && std::find(p.peer_optional.begin(), p.peer_optional.end(), name) !=
                                     p.peer_optional.end();
                if (optional_kind || peer_optional || p.extraneous ||
                    (peer_kind && lock.lockfile_version == 1)) {
                    continue;
                }
                const std::string where = p.location.empty() ? "the root project" : p.location;
                lock.warnings.push_back(where + " requires " + name + "@" + spec +
                                        ", which is not in the lockfile");
            }
        };
        add(p.dependencies, false, false);
        add(p.optional_dependencies, true, false);
        add(p.peer_dependencies, false, true);
        if (top) {
            add(p.dev_dependencies, false, false);
        }
        std::sort(edges.begin(), edges.end());
        edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
        p.depends_on = std::move(edges);
    }
}

// v1 lockfiles do not record the root's own dependencies; without package.json the best
// evidence is the set of top-level packages nothing else requires.
void infer_v1_root_dependencies(Lockfile& lock) {
    Package& root = lock.packages.front();
    if (!root.dependencies.empty() || !root.dev_dependencies.empty() ||
        !root.optional_dependencies.empty()) {
        return;
    }
    std::set<std::string> required;
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        for (const auto& dep : lock.packages[i].dependencies) {
            required.insert(dep.first);
        }
    }
    auto add_top_level = [&](const std::string& location, const std::string& install_name) {
        if (location == "node_modules/" + install_name && required.count(install_name) == 0) {
            root.dependencies.emplace(install_name, "*");
        }
    };
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        add_top_level(lock.packages[i].location, lock.packages[i].install_name);
    }
    for (const auto& link : lock.links) {
        add_top_level(link.location, install_name_of(link.location));
    }
}

} // namespace

void finish_model(Lockfile& lock) {
    std::sort(lock.packages.begin() + 1, lock.packages.end(),
              [](const Package& a, const Package& b) { return a.location < b.location; });
    std::sort(lock.links.begin(), lock.links.end(),
              [](const Link& a, const Link& b) { return a.location < b.location; });
    // A v1 `file:` link into the tree itself ("file:./node_modules/abbrev") names a location
    // that also has its own entry: keep the entry that knows its version.
    std::vector<Package> unique;
    unique.reserve(lock.packages.size());
    for (auto& p : lock.packages) {
        if (!unique.empty() && unique.size() > 1 && unique.back().location == p.location) {
            if (unique.back().version.empty() && !p.version.empty()) {
                unique.back() = std::move(p);
            } else if (!p.version.empty() && p.version != unique.back().version) {
                lock.warnings.push_back("package location " + p.location +
                                        " appears twice; the first entry is used");
            }
            continue;
        }
        unique.push_back(std::move(p));
    }
    lock.packages = std::move(unique);
    lock.by_location.clear();
    lock.by_location.reserve(lock.packages.size());
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        lock.by_location.emplace(lock.packages[i].location, i);
    }
    for (const auto& link : lock.links) {
        lock.link_targets[link.location] = link.target;
        const auto target = lock.by_location.find(link.target);
        if (target == lock.by_location.end()) {
            lock.warnings.push_back("link " + link.location + " points to " + link.target +
                                    ", which is not in the lockfile");
        } else if (target->second != 0) {
            lock.packages[target->second].is_workspace =
                lock.packages[target->second].source == Source::directory;
        }
    }
    if (lock.lockfile_version == 1) {
        infer_v1_root_dependencies(lock);
    }
    resolve_edges(lock);
}

} // namespace detail
} // namespace vouch::lockfile
