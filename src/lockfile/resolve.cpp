#include "resolve.hpp"

#include "names.hpp"

#include <algorithm>
#include <deque>
#include <iterator>
#include <set>
#include <vouch/util/background.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/permute.hpp>

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

// The bytes of a digest whose base64 decode_integrity checked; 0 when it does not decode.
std::size_t digest_bytes(const Digest& digest, std::uint8_t (&bytes)[64]) {
    return util::base64_decode(digest.base64, bytes, sizeof bytes).value_or(0);
}

} // namespace

std::string Digest::hex() const {
    std::uint8_t bytes[64];
    return util::to_hex(bytes, digest_bytes(*this, bytes));
}

bool Digest::same_value(const Digest& other) const {
    if (algorithm != other.algorithm) {
        return false;
    }
    if (base64 == other.base64) {
        return true;
    }
    std::uint8_t mine[64];
    std::uint8_t theirs[64];
    const std::size_t size = digest_bytes(*this, mine);
    return size == digest_bytes(other, theirs) && std::equal(mine, mine + size, theirs);
}

namespace {

// Calls visit(algorithm, base64) for each token of a supported algorithm, in the order written,
// until it returns false; returns the first malformed token (no `-`) before that, or an empty
// view.
template <class Visit> std::string_view for_each_digest(std::string_view integrity, Visit&& visit) {
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
            return token;
        }
        const std::string_view alg = token.substr(0, dash);
        const auto known = std::find_if(std::begin(k_algorithms), std::end(k_algorithms),
                                        [&](const Algorithm& a) { return a.name == alg; });
        if (known != std::end(k_algorithms) && !visit(*known, token.substr(dash + 1))) {
            break;
        }
    }
    return {};
}

// Whether every supported digest of `integrity` decodes to its algorithm's size; the reason
// when one does not. Allocates nothing unless it fails (it runs on the decoding thread).
Status check_integrity(std::string_view integrity) {
    std::string_view bad_size;
    std::size_t expected = 0;
    const std::string_view malformed =
        for_each_digest(integrity, [&](const Algorithm& algorithm, std::string_view base64) {
            std::uint8_t bytes[64]; // on the stack: a lockfile has one of these per package
            const auto size = util::base64_decode(base64, bytes, sizeof bytes);
            if (!size || *size != algorithm.digest_size) {
                bad_size = algorithm.name;
                expected = algorithm.digest_size;
                return false;
            }
            return true;
        });
    if (!malformed.empty()) {
        return fail(Errc::parse,
                    "integrity \"" + std::string(malformed) + "\" is not <algorithm>-<base64>");
    }
    if (!bad_size.empty()) {
        return fail(Errc::parse, "integrity " + std::string(bad_size) +
                                     " digest is not valid base64 of " + std::to_string(expected) +
                                     " bytes");
    }
    return {};
}

// The digests of an `integrity` check_integrity accepted, strongest first, one per algorithm
// (the first written wins).
template <class Digests> void collect_digests(std::string_view integrity, Digests& out) {
    std::string_view by_rank[std::size(k_algorithms)]; // k_algorithms is strongest first
    for_each_digest(integrity, [&](const Algorithm& algorithm, std::string_view base64) {
        auto& slot = by_rank[&algorithm - std::begin(k_algorithms)];
        if (slot.empty()) {
            slot = base64;
        }
        return true;
    });
    for (std::size_t rank = 0; rank < std::size(k_algorithms); ++rank) {
        if (!by_rank[rank].empty()) {
            out.push_back({k_algorithms[rank].name, by_rank[rank]});
        }
    }
}

} // namespace

Result<std::vector<Digest>> decode_integrity(std::string_view integrity) {
    VOUCH_TRY(check_integrity(integrity));
    std::vector<Digest> out;
    collect_digests(integrity, out);
    return out;
}

std::size_t Lockfile::find(std::string_view location) const {
    std::string_view key = location;
    if (auto link = link_targets.find(key); link != link_targets.end()) {
        key = link->second;
    }
    return package_at(key);
}

std::size_t Lockfile::package_at(std::string_view location) const {
    if (!by_location.empty()) {
        const auto it = by_location.find(location);
        return it == by_location.end() ? npos : it->second;
    }
    if (packages.empty()) {
        return npos;
    }
    if (packages.front().location == location) {
        return 0;
    }
    const auto at =
        std::lower_bound(packages.begin() + 1, packages.end(), location,
                         [](const Package& p, std::string_view key) { return p.location < key; });
    return at != packages.end() && at->location == location
               ? static_cast<std::size_t>(at - packages.begin())
               : npos;
}

namespace detail {

util::Background<DecodedIntegrity> start_integrity_decoding(const Lockfile& lock) {
    // A snapshot of views (the packages themselves move while the model is finished). Made
    // here, like the result's flags: the decoding thread allocates nothing unless a digest is
    // bad, so it never grows a malloc arena of its own.
    std::vector<std::string_view> integrity(lock.packages.size());
    std::vector<std::string_view> location(lock.packages.size());
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        const Package& p = lock.packages[i];
        if (p.integrity.empty() || (p.source == Source::git && is_hex_commit(p.integrity))) {
            continue;
        }
        integrity[i] = p.integrity;
        location[i] = p.location;
    }
    DecodedIntegrity result;
    result.state.assign(lock.packages.size(), DecodedIntegrity::skipped);
    auto decode = [integrity = std::move(integrity), location = std::move(location),
                   out = std::move(result)]() mutable {
        for (std::size_t i = 0; i < integrity.size(); ++i) {
            if (integrity[i].empty()) {
                continue;
            }
            if (const auto checked = check_integrity(integrity[i])) {
                out.state[i] = DecodedIntegrity::valid;
            } else {
                out.state[i] = DecodedIntegrity::rejected;
                out.warnings.push_back(
                    (location[i].empty() ? std::string("the root") : std::string(location[i])) +
                    ": " + checked.error().message + "; no hash recorded");
            }
        }
        return std::move(out);
    };
    // A thread costs more than it saves on a small lockfile.
    constexpr std::size_t k_parallel_packages = 256;
    return util::in_background(std::move(decode), lock.packages.size() >= k_parallel_packages);
}

void apply_decoded_integrity(Lockfile& lock, DecodedIntegrity decoded,
                             const std::vector<std::size_t>& origin, std::size_t warnings_at) {
    for (std::size_t k = 0; k < lock.packages.size(); ++k) {
        Package& p = lock.packages[k];
        switch (decoded.state[origin[k]]) {
        case DecodedIntegrity::skipped:
            break;
        case DecodedIntegrity::valid:
            collect_digests(p.integrity, p.digests);
            break;
        case DecodedIntegrity::rejected:
            p.integrity = {};
            break;
        }
    }
    lock.warnings.insert(lock.warnings.begin() + static_cast<std::ptrdiff_t>(warnings_at),
                         std::make_move_iterator(decoded.warnings.begin()),
                         std::make_move_iterator(decoded.warnings.end()));
}

namespace {

template <class Indices> void sort_unique(Indices& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// One segment of a workspace glob against one path segment: `*` any run of characters, `?`
// one character (minimatch, without character classes).
bool segment_matches(std::string_view pattern, std::string_view text) {
    if (pattern.empty()) {
        return text.empty();
    }
    if (pattern.front() == '*') {
        for (std::size_t skip = 0; skip <= text.size(); ++skip) {
            if (segment_matches(pattern.substr(1), text.substr(skip))) {
                return true;
            }
        }
        return false;
    }
    if (text.empty() || (pattern.front() != '?' && pattern.front() != text.front())) {
        return false;
    }
    return segment_matches(pattern.substr(1), text.substr(1));
}

std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const auto segment = path.substr(0, slash);
        if (!segment.empty() && segment != ".") {
            out.push_back(segment);
        }
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool segments_match(const std::vector<std::string_view>& pattern, std::size_t p,
                    const std::vector<std::string_view>& path, std::size_t s) {
    if (p == pattern.size()) {
        return s == path.size();
    }
    if (pattern[p] == "**") {
        for (std::size_t skip = s; skip <= path.size(); ++skip) {
            if (segments_match(pattern, p + 1, path, skip)) {
                return true;
            }
        }
        return false;
    }
    return s < path.size() && segment_matches(pattern[p], path[s]) &&
           segments_match(pattern, p + 1, path, s + 1);
}

// Expands one level of `{a,b}` alternatives (npm's workspace globs use them rarely).
std::vector<std::string> expand_braces(const std::string& glob) {
    const auto open = glob.find('{');
    const auto close = open == std::string::npos ? std::string::npos : glob.find('}', open);
    if (close == std::string::npos) {
        return {glob};
    }
    std::vector<std::string> out;
    std::string_view options(glob.data() + open + 1, close - open - 1);
    while (true) {
        const auto comma = options.find(',');
        for (auto& rest : expand_braces(glob.substr(close + 1))) {
            out.push_back(glob.substr(0, open) + std::string(options.substr(0, comma)) + rest);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        options.remove_prefix(comma + 1);
    }
    return out;
}

// Whether `location` (a lockfile key such as "packages/ui") is a member by the root's globs;
// later `!glob` entries exclude again.
bool is_workspace_location(const util::CompactVector<std::string_view>& globs,
                           std::string_view location) {
    const auto path = segments_of(location);
    bool member = false;
    for (const auto glob : globs) {
        const bool negated = !glob.empty() && glob.front() == '!';
        for (const auto& expanded : expand_braces(std::string(negated ? glob.substr(1) : glob))) {
            if (segments_match(segments_of(expanded), 0, path, 0)) {
                member = !negated;
            }
        }
    }
    return member;
}

} // namespace

namespace {

// The next folder the require walk looks in, up from `path`: one segment up, and one more past
// a `node_modules` segment (npm forbids that name, so ".../node_modules/node_modules/x" is never
// looked up). The walk and the Resolver must agree on this step, so both take it from here.
std::string_view folder_above(std::string_view path) {
    const auto slash = path.rfind('/');
    path = slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    if (path == "node_modules" || path.ends_with("/node_modules")) {
        const auto up = path.rfind('/');
        path = up == std::string_view::npos ? std::string_view() : path.substr(0, up);
    }
    return path;
}

} // namespace

// npm's require resolution: <loc>/node_modules/<name>, then each ancestor folder, then the root.
std::size_t resolve_by_walk(const Lockfile& lock, std::string_view from, std::string_view name,
                            std::string& candidate) {
    std::string_view path = from;
    for (;;) {
        candidate.assign(path);
        if (!path.empty()) {
            candidate += '/';
        }
        candidate += "node_modules/";
        candidate += name;
        if (const auto hit = lock.package_at(candidate); hit != npos) {
            return hit;
        }
        if (!lock.link_targets.empty()) {
            if (const auto link = lock.link_targets.find(candidate);
                link != lock.link_targets.end()) {
                // A link to a missing target is reported when links are indexed.
                return lock.package_at(link->second);
            }
        }
        if (path.empty()) {
            return npos;
        }
        path = folder_above(path);
    }
}

namespace {

// A name npm can install: "x" or "@scope/x", never "node_modules" (npm forbids it). Only for
// these does the last "node_modules/" of a location split it into folder and name exactly.
bool is_plain_name(std::string_view name) {
    if (name.empty() || name == "node_modules") {
        return false;
    }
    const auto slash = name.find('/');
    if (slash == std::string_view::npos) {
        return true;
    }
    return name.front() == '@' && slash > 1 && slash + 1 < name.size() &&
           name.find('/', slash + 1) == std::string_view::npos &&
           name.substr(slash + 1) != "node_modules";
}

// Whether resolve_by_walk, going up from `from`, looks in `folder`'s node_modules.
bool walk_visits(std::string_view folder, std::string_view from) {
    if (folder == from || folder.empty()) {
        return true; // the first folder it looks in, and the last
    }
    if (folder.size() >= from.size() || !from.starts_with(folder) || from[folder.size()] != '/') {
        return false;
    }
    std::string_view path = from;
    while (path.size() > folder.size()) {
        path = folder_above(path);
    }
    return path == folder;
}

} // namespace

Resolver::Resolver(const Lockfile& lock)
    : m_lock(lock), m_memory((lock.packages.size() + lock.links.size()) * 128 + 1024) {
    auto index = [&](std::string_view location, std::size_t target, bool is_link) {
        // "<folder>/node_modules/<name>" or "node_modules/<name>": the last such segment.
        constexpr std::string_view nm = "node_modules/";
        std::size_t at = location.rfind(nm);
        while (at != std::string_view::npos && at != 0 && location[at - 1] != '/') {
            at = location.rfind(nm, at - 1);
        }
        if (at == std::string_view::npos) {
            return;
        }
        const std::string_view name = location.substr(at + nm.size());
        if (!is_plain_name(name)) {
            return;
        }
        const std::string_view folder = location.substr(0, at == 0 ? 0 : at - 1);
        auto& entries = m_by_name[name];
        for (auto& e : entries) {
            if (e.folder == folder) {
                // A package and a link at one location: the walk finds the package first.
                if (e.is_link && !is_link) {
                    e = {folder, target, false};
                }
                return;
            }
        }
        entries.push_back({folder, target, is_link});
    };
    m_by_name.reserve(lock.packages.size() + lock.links.size());
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        index(lock.packages[i].location, i, false);
    }
    for (const auto& link : lock.links) {
        // A link to a missing target resolves to nothing (reported when links are indexed).
        index(link.location, lock.package_at(link.target), true);
    }
}

std::size_t Resolver::resolve(std::string_view from, std::string_view name) {
    if (!is_plain_name(name)) {
        return resolve_by_walk(m_lock, from, name, m_candidate);
    }
    const auto found = m_by_name.find(name);
    if (found == m_by_name.end()) {
        return npos;
    }
    // The walk's first hit is the installed copy in the deepest folder it visits.
    const Entry* best = nullptr;
    for (const auto& e : found->second) {
        if ((best == nullptr || e.folder.size() > best->folder.size()) &&
            walk_visits(e.folder, from)) {
            best = &e;
        }
    }
    return best == nullptr ? npos : best->target;
}

namespace {

void resolve_edges(Lockfile& lock) {
    Resolver resolver(lock);
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        Package& p = lock.packages[i];
        const bool top = i == 0 || p.source == Source::directory;
        std::vector<std::size_t> edges;
        std::vector<std::size_t>* into = &edges;
        auto add = [&](const SpecMap& deps, bool optional_kind, bool peer_kind) {
            for (const auto& [name, spec] : deps) {
                const std::size_t target = resolver.resolve(p.location, name);
                if (target != npos) {
                    if (target != i) {
                        into->push_back(target);
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
                std::string warning =
                    p.location.empty() ? "the root project" : std::string(p.location);
                warning.append(" requires ").append(name).append("@").append(spec);
                warning += ", which is not in the lockfile";
                lock.warnings.push_back(std::move(warning));
            }
        };
        add(p.dependencies, false, false);
        add(p.optional_dependencies, true, false);
        add(p.peer_dependencies, false, true);
        if (i == 0) {
            // npm installs every workspace member for the root (and links it): a runtime edge.
            for (std::size_t w = 1; w < lock.packages.size(); ++w) {
                if (lock.packages[w].is_workspace) {
                    edges.push_back(w);
                }
            }
        }
        sort_unique(edges);
        std::vector<std::size_t> dev_edges;
        if (top) {
            into = &dev_edges;
            add(p.dev_dependencies, false, false);
            sort_unique(dev_edges);
        }
        std::vector<std::size_t> dev_only;
        std::set_difference(dev_edges.begin(), dev_edges.end(), edges.begin(), edges.end(),
                            std::back_inserter(dev_only));
        edges.insert(edges.end(), dev_only.begin(), dev_only.end());
        sort_unique(edges);
        p.depends_on = std::move(edges);
        p.dev_only = std::move(dev_only);
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
    std::set<std::string_view> required;
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        for (const auto& dep : lock.packages[i].dependencies) {
            required.insert(dep.first);
        }
    }
    auto add_top_level = [&](std::string_view location, std::string_view install_name) {
        constexpr std::string_view top = "node_modules/";
        if (location.size() == top.size() + install_name.size() && location.starts_with(top) &&
            location.ends_with(install_name) && required.count(install_name) == 0) {
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

// npm 5.0's v1 lockfiles record no `requires` at all: the graph is not in the file. The nesting
// is the evidence left: the root gets an edge to every top-level entry, each entry to the
// entries nested directly under it (a warning says so).
void approximate_v1_graph_from_nesting(Lockfile& lock) {
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        const auto& p = lock.packages[i];
        if (!p.dependencies.empty() || !p.optional_dependencies.empty()) {
            return; // `requires` is recorded: the real graph is used
        }
    }
    bool approximated = false;
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        const std::string_view location = lock.packages[i].location;
        const auto marker = location.rfind("/node_modules/");
        const std::string_view parent =
            marker == std::string_view::npos ? std::string_view() : location.substr(0, marker);
        const auto found = lock.package_at(parent);
        if (found == npos) {
            continue;
        }
        auto& edges = lock.packages[found].depends_on;
        if (std::find(edges.begin(), edges.end(), i) == edges.end()) {
            edges.push_back(i);
            approximated = true;
        }
    }
    for (auto& p : lock.packages) {
        sort_unique(p.depends_on);
    }
    if (approximated) {
        lock.warnings.push_back("the lockfile records no `requires` (npm 5.0): the dependency "
                                "graph is approximated from the folder nesting");
    }
}

// npm's definition of extraneous: nothing on a path from the root requires it. Such entries are
// marked, so every other package is reachable from the root in the model and the SBOM.
void mark_unreachable_extraneous(Lockfile& lock) {
    if (lock.packages.empty()) {
        return;
    }
    std::vector<bool> reached(lock.packages.size(), false);
    std::deque<std::size_t> queue{0};
    reached[0] = true;
    while (!queue.empty()) {
        const std::size_t current = queue.front();
        queue.pop_front();
        for (const std::size_t next : lock.packages[current].depends_on) {
            if (!reached[next]) {
                reached[next] = true;
                queue.push_back(next);
            }
        }
    }
    std::size_t marked = 0;
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        if (!reached[i] && !lock.packages[i].extraneous) {
            lock.packages[i].extraneous = true;
            ++marked;
        }
    }
    if (marked > 0) {
        lock.warnings.push_back(std::to_string(marked) +
                                " package(s) are not reachable from the root (nothing requires "
                                "them): marked extraneous");
    }
}

} // namespace

namespace {

// packages[1..] by location, stably. npm writes them in its locale order, which differs from
// byte order only here and there (one descent in saleor-dashboard's 3,772), so the sorted runs
// are merged rather than sorted again (a full sort compared long common-prefixed locations
// 45,000 times), and then each package moves once, in place.
std::vector<std::size_t> sort_packages_by_location(std::vector<Package>& packages) {
    std::vector<std::size_t> order(packages.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    if (packages.size() < 3) {
        return order;
    }
    const auto before = [&](std::size_t a, std::size_t b) {
        return packages[a].location < packages[b].location;
    };
    std::vector<std::size_t> runs; // where each ascending run of order[1..] starts, then the end
    runs.push_back(1);
    for (std::size_t i = 2; i < order.size(); ++i) {
        if (before(i, i - 1)) {
            runs.push_back(i);
        }
    }
    if (runs.size() == 1) {
        return order; // already sorted: the usual case for byte-ordered lockfiles
    }
    runs.push_back(order.size());
    while (runs.size() > 2) { // merge neighbouring runs, stably, until one is left
        std::vector<std::size_t> merged;
        for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
            merged.push_back(runs[r]);
            if (r + 2 < runs.size()) {
                std::inplace_merge(order.begin() + static_cast<std::ptrdiff_t>(runs[r]),
                                   order.begin() + static_cast<std::ptrdiff_t>(runs[r + 1]),
                                   order.begin() + static_cast<std::ptrdiff_t>(runs[r + 2]),
                                   before);
            }
        }
        merged.push_back(order.size());
        runs = std::move(merged);
    }
    util::apply_permutation(packages, order);
    return order;
}

} // namespace

std::vector<std::size_t> finish_model(Lockfile& lock) {
    // origin[k]: where the package now at k was on entry.
    std::vector<std::size_t> origin = sort_packages_by_location(lock.packages);
    std::sort(lock.links.begin(), lock.links.end(),
              [](const Link& a, const Link& b) { return a.location < b.location; });
    // A v1 `file:` link into the tree itself ("file:./node_modules/abbrev") names a location
    // that also has its own entry: keep the entry that knows its version.
    std::size_t kept = 0; // packages[0, kept) are unique
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        Package& p = lock.packages[i];
        if (kept > 1 && lock.packages[kept - 1].location == p.location) {
            Package& first = lock.packages[kept - 1];
            if (first.version.empty() && !p.version.empty()) {
                first = std::move(p);
                origin[kept - 1] = origin[i];
            } else if (!p.version.empty() && p.version != first.version) {
                lock.warnings.push_back("package location " + std::string(p.location) +
                                        " appears twice; the first entry is used");
            }
            continue;
        }
        if (kept != i) {
            lock.packages[kept] = std::move(p);
            origin[kept] = origin[i];
        }
        ++kept;
    }
    lock.packages.erase(lock.packages.begin() + static_cast<std::ptrdiff_t>(kept),
                        lock.packages.end());
    origin.resize(kept);
    lock.by_location.clear(); // the packages are in location order: package_at searches them
    for (const auto& link : lock.links) {
        lock.link_targets[link.location] = link.target;
        const auto target = lock.package_at(link.target);
        if (target == npos) {
            lock.warnings.push_back("link " + std::string(link.location) + " points to " +
                                    std::string(link.target) + ", which is not in the lockfile");
        } else if (target != 0) {
            auto& member = lock.packages[target];
            member.is_workspace = member.source == Source::directory &&
                                  is_workspace_location(lock.root().workspaces, member.location);
        }
    }
    if (lock.lockfile_version == 1) {
        infer_v1_root_dependencies(lock);
    }
    resolve_edges(lock);
    if (lock.lockfile_version == 1) {
        approximate_v1_graph_from_nesting(lock);
    }
    mark_unreachable_extraneous(lock);
    return origin;
}

} // namespace detail
} // namespace vouch::lockfile
