// Alias merging: records of the same vulnerability from several feeds become one Advisory.
#include "parsers.hpp"
#include "streaming.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>
#include <unordered_map>
#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory {

namespace {

int id_rank(std::string_view id) {
    if (id.rfind("GHSA-", 0) == 0)
        return 0;
    if (id.rfind("CVE-", 0) == 0)
        return 1;
    if (id.rfind("MAL-", 0) == 0)
        return 2;
    return 3;
}

class UnionFind {
  public:
    explicit UnionFind(std::size_t n) : m_parent(n), m_ghsa(n) {
        std::iota(m_parent.begin(), m_parent.end(), 0);
    }
    std::size_t find(std::size_t x) {
        while (m_parent[x] != x)
            x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    void set_ghsa(std::size_t x, const std::string& ghsa) { m_ghsa[x] = ghsa; }
    // Joins unless the two groups carry different GHSA ids.
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a == b)
            return;
        if (!m_ghsa[a].empty() && !m_ghsa[b].empty() && m_ghsa[a] != m_ghsa[b])
            return;
        if (m_ghsa[a].empty())
            m_ghsa[a] = m_ghsa[b];
        m_parent[b] = a;
    }

  private:
    std::vector<std::size_t> m_parent;
    std::vector<std::string> m_ghsa;
};

bool same_range(const Range& a, const Range& b) {
    if (a.type != b.type || a.npm_range != b.npm_range || a.npm_patched != b.npm_patched ||
        a.events.size() != b.events.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        if (a.events[i].kind != b.events[i].kind || a.events[i].version != b.events[i].version) {
            return false;
        }
    }
    return true;
}

void merge_affected(std::vector<Affected>& into, const std::vector<Affected>& from) {
    for (const auto& entry : from) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&](const Affected& a) { return a.package == entry.package; });
        if (it == into.end()) {
            into.push_back(entry);
            continue;
        }
        for (const auto& range : entry.ranges) {
            bool known = std::any_of(it->ranges.begin(), it->ranges.end(),
                                     [&](const Range& r) { return same_range(r, range); });
            if (!known)
                it->ranges.push_back(range);
        }
        for (const auto& version : entry.versions)
            detail::add_unique(it->versions, version);
    }
}

void merge_into(Advisory& into, Advisory&& from) {
    if (into.summary.empty())
        into.summary = std::move(from.summary);
    if (into.details.empty())
        into.details = std::move(from.details);
    if (!from.published.empty() && (into.published.empty() || from.published < into.published)) {
        into.published = from.published;
    }
    if (from.modified > into.modified)
        into.modified = from.modified;
    into.malicious = into.malicious || from.malicious;
    merge_affected(into.affected, from.affected);
    for (auto& v : from.cvss_vectors)
        detail::add_unique(into.cvss_vectors, std::move(v));
    into.feed_severity = std::max(into.feed_severity, from.feed_severity);
    for (auto& v : from.cwes)
        detail::add_unique(into.cwes, std::move(v));
    for (auto& v : from.references)
        detail::add_unique(into.references, std::move(v));
    for (auto& v : from.sources)
        detail::add_unique(into.sources, std::move(v));
}

std::string range_key(const Range& r) {
    std::string key = r.type + '\n' + r.npm_range + '\n' + r.npm_patched;
    for (const auto& e : r.events)
        key += '\n' + std::string(to_string(e.kind)) + '=' + e.version;
    return key;
}

// Sorted lists, so the stored form (and the content hash) does not depend on source order.
void canonicalise(Advisory& a) {
    auto sort_list = [](std::vector<std::string>& list) { std::sort(list.begin(), list.end()); };
    sort_list(a.sources);
    sort_list(a.cvss_vectors);
    sort_list(a.cwes);
    sort_list(a.references);
    for (auto& affected : a.affected) {
        sort_list(affected.versions);
        std::sort(affected.ranges.begin(), affected.ranges.end(),
                  [](const Range& x, const Range& y) { return range_key(x) < range_key(y); });
    }
    std::sort(a.affected.begin(), a.affected.end(),
              [](const Affected& x, const Affected& y) { return x.package < y.package; });
}

} // namespace

namespace {

// The best id of a list: GHSA before CVE before MAL before anything else, then the smallest.
// Over views, so planning 200,000 groups does not copy every id.
template <class Ids> std::string_view best_id(const Ids& ids) {
    std::string_view best;
    for (std::string_view id : ids) {
        if (id.empty())
            continue;
        if (best.empty() || id_rank(id) < id_rank(best) ||
            (id_rank(id) == id_rank(best) && id < best)) {
            best = id;
        }
    }
    return best;
}

} // namespace

std::string preferred_id(const std::vector<std::string>& ids) {
    return std::string(best_id(ids));
}

namespace detail {

std::vector<std::vector<std::size_t>> alias_groups(const std::vector<AliasIds>& records) {
    const std::size_t n = records.size();
    UnionFind groups(n);
    // id -> first record that names it; views into `records`, which outlive the map.
    std::unordered_map<std::string_view, std::size_t> owner;
    owner.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& record = records[i];
        if (record.id.rfind("GHSA-", 0) == 0) {
            groups.set_ghsa(i, record.id);
        } else {
            for (const auto& alias : record.aliases) {
                if (alias.rfind("GHSA-", 0) == 0) {
                    groups.set_ghsa(i, alias);
                    break;
                }
            }
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        auto visit = [&](const std::string& id) {
            auto [it, inserted] = owner.emplace(id, i);
            if (!inserted)
                groups.unite(it->second, i);
        };
        visit(records[i].id);
        for (const auto& alias : records[i].aliases)
            visit(alias);
    }
    // Members of each group in input order; groups in the order of their root record.
    std::vector<std::vector<std::size_t>> by_root(n);
    for (std::size_t i = 0; i < n; ++i)
        by_root[groups.find(i)].push_back(i);
    std::vector<std::vector<std::size_t>> out;
    for (auto& indices : by_root) {
        if (!indices.empty())
            out.push_back(std::move(indices));
    }
    return out;
}

std::string group_id(const std::vector<const AliasIds*>& members) {
    std::vector<std::string_view> ids;
    for (const auto* m : members) {
        ids.push_back(m->id);
        ids.insert(ids.end(), m->aliases.begin(), m->aliases.end());
    }
    return std::string(best_id(ids));
}

Advisory merge_group(std::vector<Advisory> members) {
    std::vector<std::string> ids;
    for (const auto& m : members) {
        ids.push_back(m.id);
        ids.insert(ids.end(), m.aliases.begin(), m.aliases.end());
    }
    std::string id = preferred_id(ids);
    // The record whose own id is preferred leads, so its summary and details win. Deterministic
    // whatever the input order: the preferred id's record with the most text leads; content
    // breaks remaining ties.
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), 0);
    if (members.size() > 1) {
        std::vector<std::string> keys;
        keys.reserve(members.size());
        for (const auto& m : members)
            keys.push_back(to_json(m, false));
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& x = members[a];
            const auto& y = members[b];
            auto rank = [&](const Advisory& r) {
                return std::make_tuple(r.id != id, r.details.empty(), r.summary.empty());
            };
            if (rank(x) != rank(y))
                return rank(x) < rank(y);
            return keys[a] < keys[b];
        });
    }
    Advisory result = std::move(members[order.front()]);
    for (std::size_t k = 1; k < order.size(); ++k)
        merge_into(result, std::move(members[order[k]]));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    result.aliases.clear();
    for (auto& other : ids) {
        if (other != id)
            result.aliases.push_back(std::move(other));
    }
    result.id = std::move(id);
    canonicalise(result);
    return result;
}

} // namespace detail

std::vector<Advisory> merge_aliases(std::vector<Advisory> advisories) {
    std::vector<detail::AliasIds> ids;
    ids.reserve(advisories.size());
    for (const auto& a : advisories)
        ids.push_back({a.id, a.aliases});
    std::vector<Advisory> merged;
    for (const auto& group : detail::alias_groups(ids)) {
        std::vector<Advisory> members;
        members.reserve(group.size());
        for (auto i : group)
            members.push_back(std::move(advisories[i]));
        merged.push_back(detail::merge_group(std::move(members)));
    }
    std::sort(merged.begin(), merged.end(),
              [](const Advisory& a, const Advisory& b) { return a.id < b.id; });
    return merged;
}

} // namespace vouch::advisory
