#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_set>
#include <vouch/lint/lint.hpp>
#include <vouch/semver/semver.hpp>
#include <vouch/util/json_error.hpp>
#include <vouch/util/text.hpp>

namespace vouch::lint {

namespace {

using lockfile::Package;
using lockfile::Source;
using policy::Mode;

bool is_hex(std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](unsigned char c) { return std::isxdigit(c) && !std::isupper(c); });
}

std::string_view source_name(Source s) {
    switch (s) {
    case Source::git:
        return "git";
    case Source::remote_tarball:
        return "remote-tarball";
    case Source::local_tarball:
        return "local-tarball";
    case Source::directory:
        return "directory";
    case Source::registry:
        return "registry";
    case Source::root:
        return "root";
    }
    return "?";
}

class Linter {
  public:
    Linter(const lockfile::Lockfile& lock, const policy::Policy& policy, std::string_view today)
        : m_lock(lock), m_policy(policy), m_rules(policy.lint), m_today(today) {}

    void add(std::string rule, Mode mode, const Package* p, std::string detail) {
        if (mode == Mode::off) {
            return;
        }
        Finding f;
        f.rule = std::move(rule);
        f.mode = mode;
        f.detail = std::move(detail);
        if (p != nullptr) {
            f.package = p->name;
            f.version = p->version;
            f.location = p->location;
            if (const auto* e = policy::find_exception(m_policy, p->name, p->version, "lint",
                                                       f.rule, m_today, &m_report.expired)) {
                f.excepted = e->reason + " (" + e->owner + ", until " + e->expires + ")";
            }
        }
        m_report.findings.push_back(std::move(f));
    }

    void package(const Package& p) {
        const std::string resolved = util::strip_userinfo(p.resolved);
        const bool fetched = p.source == Source::registry || p.source == Source::remote_tarball;
        // Registry host and https.
        if (!p.resolved.empty() && (fetched || p.source == Source::git)) {
            const std::string host = host_of(p.resolved);
            if (p.source == Source::registry && !host.empty()) {
                const auto& hosts = m_rules.allowed_hosts.hosts;
                if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) {
                    add("allowed-hosts", m_rules.allowed_hosts.mode, &p,
                        "resolved from " + host + ", which is not an allowed registry host");
                }
            }
            // Schemes are case-insensitive to npm: "HTTP://" is fetched without TLS too.
            std::string scheme(p.resolved.substr(0, p.resolved.find("://") + 3));
            std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (scheme == "http://" || scheme == "git+http://" || scheme == "git://") {
                add("https-only", m_rules.https_only, &p, "fetched without TLS: " + resolved);
            }
        }
        // Integrity.
        if ((fetched || p.source == Source::local_tarball) && !p.in_bundle) {
            if (p.integrity.empty()) {
                add("integrity-present", m_rules.integrity_present, &p,
                    "no integrity hash: the tarball is not checked when installed");
            } else if (!p.digests.empty() && p.digests.front().algorithm != "sha512") {
                add("integrity-sha512", m_rules.integrity_sha512, &p,
                    "strongest integrity hash is " + std::string(p.digests.front().algorithm) +
                        " (sha512 expected)");
            }
        }
        // The tarball named in a registry URL must be this package's own.
        if (p.source == Source::registry && !p.resolved.empty() && !host_of(p.resolved).empty()) {
            check_name(p, resolved);
        }
        if (p.source == Source::git) {
            const auto hash = p.resolved.rfind('#');
            const std::string_view ref =
                hash == std::string_view::npos ? "" : p.resolved.substr(hash + 1);
            if (!((ref.size() == 40 || ref.size() == 64) && is_hex(ref))) {
                add("git-pinned", m_rules.git_pinned, &p,
                    "git dependency not pinned to a full commit SHA: " + resolved);
            }
        }
        if (p.source == Source::git || p.source == Source::remote_tarball ||
            p.source == Source::local_tarball ||
            (p.source == Source::directory && !p.is_workspace &&
             p.location.find("node_modules/") != std::string::npos)) {
            const auto kind = std::string(source_name(p.source));
            const auto& allow = m_rules.sources.allow;
            if (std::find(allow.begin(), allow.end(), kind) == allow.end()) {
                add("sources", m_rules.sources.mode, &p,
                    "installed from a " + kind + " source, not the registry: " +
                        (resolved.empty() ? std::string(p.location) : resolved));
            }
        }
        if (p.has_install_script) {
            const auto& allow = m_rules.install_scripts.allow;
            if (std::find(allow.begin(), allow.end(), p.name) == allow.end()) {
                add("install-scripts", m_rules.install_scripts.mode, &p,
                    "runs an install script (preinstall/install/postinstall) on npm install");
            }
        }
    }

    void check_name(const Package& p, const std::string& url) {
        // https://registry.npmjs.org/@scope/name/-/name-1.2.3.tgz
        std::string path = url.substr(url.find("://") + 3);
        path = path.substr(std::min(path.size(), path.find('/')));
        const auto query = path.find_first_of("?#");
        path = path.substr(0, query);
        const auto dash = path.rfind("/-/");
        if (dash == std::string::npos) {
            return; // not the registry's tarball layout (a proxy path); nothing to compare
        }
        std::string named = path.substr(0, dash);
        for (std::string encoded : {"%2f", "%2F"}) {
            for (auto at = named.find(encoded); at != std::string::npos; at = named.find(encoded)) {
                named.replace(at, 3, "/");
            }
        }
        const bool matches =
            named.size() >= p.name.size() &&
            named.compare(named.size() - p.name.size(), p.name.size(), p.name) == 0 &&
            (named.size() == p.name.size() || named[named.size() - p.name.size() - 1] == '/');
        if (!matches) {
            add("name-mismatch", m_rules.name_mismatch, &p,
                "the entry is " + std::string(p.name) +
                    " but its tarball URL names another package: " + url);
        }
    }

    Status in_sync(const std::optional<std::string>& package_json) {
        if (m_rules.in_sync == Mode::off) {
            return {};
        }
        if (!package_json) {
            add("in-sync", m_rules.in_sync, nullptr,
                "no package.json beside the lockfile: cannot check that the lockfile matches it");
            return {};
        }
        const std::string file = "package.json";
        if (auto malformed = util::check_json_syntax(*package_json, file)) {
            return tl::unexpected(std::move(*malformed));
        }
        const auto manifest = nlohmann::json::parse(*package_json);
        if (!manifest.is_object()) {
            return fail(Errc::parse, "package.json is not a JSON object", file);
        }
        for (const char* section : {"dependencies", "devDependencies", "optionalDependencies"}) {
            const auto it = manifest.find(section);
            if (it == manifest.end()) {
                continue;
            }
            if (!it->is_object()) {
                return fail(Errc::parse,
                            std::string("package.json: \"") + section + "\" must be an object",
                            file);
            }
            for (auto dep = it->begin(); dep != it->end(); ++dep) {
                const std::string spec = dep->is_string() ? dep->get<std::string>() : "";
                check_declared(dep.key(), spec, section);
            }
        }
        return {};
    }

    void check_declared(const std::string& name, std::string spec, const char* section) {
        const auto index = m_lock.find("node_modules/" + name);
        if (index == lockfile::npos) {
            // An optional dependency npm could not install is left out only on other platforms;
            // the lockfile still records it, so missing is out of sync in every section.
            add("in-sync", m_rules.in_sync, nullptr,
                std::string(section) + " declares " + name + "@" + spec +
                    " but the lockfile has no node_modules/" + name);
            return;
        }
        const auto& p = m_lock.packages[index];
        if (spec.rfind("npm:", 0) == 0) { // npm:real@range
            const auto at = spec.rfind('@');
            spec = at == std::string::npos || at < 5 ? "" : spec.substr(at + 1);
        }
        auto range = semver::Range::parse(spec);
        const auto version = semver::Version::parse(p.version);
        if (!range || !version) {
            return; // git, file:, URL, tag specs: presence is all that can be compared
        }
        if (!range->satisfies(*version)) {
            add("in-sync", m_rules.in_sync, &p,
                std::string(section) + " declares " + std::string(name) + "@" + std::string(spec) +
                    " but the lockfile installs " + std::string(p.version));
        }
    }

    void typosquats(const std::vector<Popular>& popular) {
        const auto& rule = m_rules.typosquat;
        if (rule.mode == Mode::off) {
            return;
        }
        std::vector<std::string_view> popular_names;
        for (const auto& entry : popular) {
            popular_names.push_back(entry.name);
        }
        std::sort(popular_names.begin(), popular_names.end());
        std::vector<CharCounts> popular_counts;
        popular_counts.reserve(popular.size());
        for (const auto& entry : popular) {
            popular_counts.push_back(char_counts(entry.name));
        }
        std::unordered_set<std::string_view> seen; // a name installed twice is judged once
        for (std::size_t i = 1; i < m_lock.packages.size(); ++i) {
            const auto& p = m_lock.packages[i];
            // Short names are all near each other ("ms", "qs"); the project's own are not squats.
            if (p.name.size() < 5 || p.is_workspace || p.source == Source::directory ||
                std::binary_search(popular_names.begin(), popular_names.end(), p.name) ||
                std::find(rule.allow.begin(), rule.allow.end(), p.name) != rule.allow.end() ||
                !seen.insert(p.name).second) {
                continue;
            }
            const CharCounts counts = char_counts(p.name);
            for (std::size_t k = 0; k < popular.size(); ++k) {
                const auto& entry = popular[k];
                const auto diff =
                    static_cast<long>(entry.name.size()) - static_cast<long>(p.name.size());
                if (std::abs(diff) > rule.max_distance ||
                    bag_distance(counts, popular_counts[k]) > rule.max_distance) {
                    continue;
                }
                const int d = edit_distance(p.name, entry.name, rule.max_distance);
                if (d <= rule.max_distance) {
                    add("typosquat", rule.mode, &p,
                        "name is " + std::to_string(d) + " edit(s) from the popular package " +
                            entry.name + " (" + std::to_string(entry.dependents) +
                            " dependents in the corpus)");
                    break;
                }
            }
        }
    }

    Report finish() {
        static const std::vector<std::string> order = {
            "allowed-hosts", "https-only", "integrity-present", "integrity-sha512", "name-mismatch",
            "git-pinned",    "sources",    "install-scripts",   "in-sync",          "typosquat"};
        auto rank = [](const std::string& rule) {
            return std::find(order.begin(), order.end(), rule) - order.begin();
        };
        std::stable_sort(
            m_report.findings.begin(), m_report.findings.end(),
            [&](const Finding& a, const Finding& b) { return rank(a.rule) < rank(b.rule); });
        for (const auto& f : m_report.findings) {
            if (!f.excepted.empty()) {
                ++m_report.excepted;
            } else if (f.mode == Mode::error) {
                ++m_report.errors;
            } else {
                ++m_report.warnings;
            }
        }
        return std::move(m_report);
    }

    Report m_report;

  private:
    const lockfile::Lockfile& m_lock;
    const policy::Policy& m_policy;
    const policy::LintRules& m_rules;
    std::string m_today;
};

} // namespace

std::string host_of(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return {};
    }
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        rest = rest.substr(at + 1);
    }
    if (const auto colon = rest.rfind(':');
        colon != std::string_view::npos && rest.find(']') == std::string_view::npos) {
        rest = rest.substr(0, colon);
    }
    std::string host(rest);
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return host;
}

// Optimal string alignment distance (adjacent transpositions count 1), capped at max + 1. Only
// the diagonal band |i - j| <= max is computed: a cell outside it is more than max anyway. This
// runs for every package against every popular name of a similar length.
int edit_distance(std::string_view a, std::string_view b, int max) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    if (max < 0 || static_cast<int>(n > m ? n - m : m - n) > max) {
        return max + 1;
    }
    const int beyond = max + 1;
    const auto band = static_cast<std::size_t>(max);
    // Three rows, reused across calls. Each row writes its band plus one cell either side, which
    // is every cell the next two rows read, so no row needs clearing.
    thread_local std::vector<int> before, previous, current;
    if (previous.size() < m + 2) {
        before.resize(m + 2);
        previous.resize(m + 2);
        current.resize(m + 2);
    }
    const std::size_t first_hi = std::min(m, band);
    for (std::size_t j = 0; j <= first_hi; ++j) {
        previous[j] = static_cast<int>(j);
    }
    previous[first_hi + 1] = beyond;
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > band ? i - band : 1;
        const std::size_t hi = std::min(m, i + band);
        current[lo - 1] = lo == 1 ? std::min(static_cast<int>(i), beyond) : beyond;
        int row_min = current[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                v = std::min(v, before[j - 2] + 1);
            }
            current[j] = std::min(v, beyond);
            row_min = std::min(row_min, current[j]);
        }
        current[hi + 1] = beyond;
        if (row_min > max) {
            return beyond;
        }
        before.swap(previous);
        previous.swap(current);
    }
    return std::min(previous[m], beyond);
}

CharCounts char_counts(std::string_view name) {
    CharCounts counts{};
    for (const char c : name) {
        ++counts[static_cast<unsigned char>(c) & 31U];
    }
    return counts;
}

int bag_distance(const CharCounts& a, const CharCounts& b) {
    int more = 0; // counts a has beyond b's
    int fewer = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const int d = static_cast<int>(a[i]) - static_cast<int>(b[i]);
        more += d > 0 ? d : 0;
        fewer += d < 0 ? -d : 0;
    }
    return std::max(more, fewer);
}

Result<Report> run(const lockfile::Lockfile& lockfile,
                   const std::optional<std::string>& package_json, const policy::Policy& policy,
                   std::string_view today, const std::vector<Popular>& popular) {
    Linter linter(lockfile, policy, today);
    for (std::size_t i = 1; i < lockfile.packages.size(); ++i) {
        linter.package(lockfile.packages[i]);
    }
    VOUCH_TRY(linter.in_sync(package_json));
    linter.typosquats(popular);
    Report report = linter.finish();
    report.packages = lockfile.packages.empty() ? 0 : lockfile.packages.size() - 1;
    return report;
}

} // namespace vouch::lint
