// The file-system edge of the lockfile concern: finding the lockfile, package.json beside it,
// and licences from an installed node_modules tree.
#include "parse.hpp"
#include "resolve.hpp"

#include <deque>
#include <nlohmann/json.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/background.hpp>
#include <vouch/util/file.hpp>

namespace vouch::lockfile {

namespace fs = std::filesystem;

namespace detail {

void apply_package_json(Lockfile& lock, std::string_view package_json) {
    const auto manifest = nlohmann::json::parse(package_json, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object()) {
        lock.warnings.push_back("package.json beside the lockfile is not valid JSON; ignored");
        return;
    }
    Package& root = lock.packages.front();
    auto fill = [&](const char* key, SpecMap& out) {
        const auto it = manifest.find(key);
        if (!out.empty() || it == manifest.end() || !it->is_object()) {
            return;
        }
        for (const auto& [name, spec] : it->items()) {
            if (!out.contains(name)) {
                out.emplace(lock.keep(name), spec.is_string()
                                                 ? lock.keep(spec.get_ref<const std::string&>())
                                                 : std::string_view("*"));
            }
        }
    };
    fill("dependencies", root.dependencies);
    fill("devDependencies", root.dev_dependencies);
    fill("optionalDependencies", root.optional_dependencies);
    fill("peerDependencies", root.peer_dependencies);
    if (root.name.empty() && manifest.contains("name") && manifest["name"].is_string()) {
        root.name = lock.keep(manifest["name"].get_ref<const std::string&>());
    }
}

} // namespace detail

Result<fs::path> locate_lockfile(const fs::path& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (const char* name : {"npm-shrinkwrap.json", "package-lock.json"}) {
            if (fs::is_regular_file(path / name, ec)) {
                return path / name;
            }
        }
        return fail(Errc::io, "no npm-shrinkwrap.json or package-lock.json in this directory",
                    path.string());
    }
    if (!fs::exists(path, ec)) {
        return fail(Errc::io, "no such file or directory", path.string());
    }
    return path;
}

namespace {

// npm >= 10.3 no longer writes `license` for every entry; an installed tree still has it.
void read_licences_from_node_modules(Lockfile& lock, const fs::path& project_dir) {
    std::error_code ec;
    if (!fs::is_directory(project_dir / "node_modules", ec)) {
        return;
    }
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        Package& p = lock.packages[i];
        if (!p.license.empty()) {
            continue;
        }
        auto text = util::read_file(project_dir / p.location / "package.json", 16 << 20);
        if (!text) {
            continue;
        }
        const auto manifest = nlohmann::json::parse(*text, nullptr, false);
        if (manifest.is_discarded() || !manifest.is_object()) {
            continue;
        }
        if (const auto it = manifest.find("license"); it != manifest.end()) {
            if (it->is_string()) {
                p.license = lock.keep(it->get_ref<const std::string&>());
            } else if (it->is_object() && it->contains("type") && (*it)["type"].is_string()) {
                p.license = lock.keep((*it)["type"].get_ref<const std::string&>());
            }
        } else if (const auto legacy = manifest.find("licenses");
                   legacy != manifest.end() && legacy->is_array()) {
            // Deprecated array form: the package is available under any one of them.
            std::string expression;
            for (const auto& entry : *legacy) {
                const auto type =
                    entry.is_object() && entry.contains("type") && entry["type"].is_string()
                        ? entry["type"].get<std::string>()
                        : std::string();
                if (!type.empty()) {
                    expression += (expression.empty() ? "" : " OR ") + type;
                }
            }
            p.license = lock.keep(expression);
        }
        if (!p.license.empty()) {
            p.license_from_node_modules = true;
        }
    }
}

} // namespace

Result<Lockfile> load_lockfile(const fs::path& path) {
    VOUCH_TRY_ASSIGN(const fs::path file, locate_lockfile(path));
    VOUCH_TRY_ASSIGN(std::string text, util::read_file(file));
    return load_lockfile(file, std::move(text));
}

Result<Lockfile> load_lockfile(const fs::path& file, std::string text) {
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::string package_json;
    if (auto manifest = util::read_file(dir / "package.json", 64 << 20)) {
        package_json = std::move(*manifest);
    }
    // Hashed on a second core while it is parsed; `arena` keeps the text alive until both are
    // done, whatever the parse returns.
    auto arena = std::make_shared<TextArena>();
    const std::string& held = detail::adopt_padded(*arena, std::move(text));
    auto hashed = util::in_background([&held] { return digest::sha256_hex(held); });
    auto parsed = detail::parse_adopted(arena, held, file.string(), package_json);
    std::string sha256 = hashed.get();
    VOUCH_TRY_ASSIGN(Lockfile lock, std::move(parsed));
    lock.text_sha256 = std::move(sha256);
    read_licences_from_node_modules(lock, dir);
    if (lock.packages.front().name.empty()) {
        // npm names an unnamed project after its folder.
        std::error_code ec;
        const auto absolute = fs::weakly_canonical(fs::absolute(dir, ec), ec);
        lock.packages.front().name = lock.keep(absolute.filename().string());
    }
    return lock;
}

bool is_omitted(const Package& p, const Omit& omit) {
    // arborist: dev, optional and peer nodes go with their --omit; devOptional nodes only when
    // both dev and optional are omitted.
    return (p.dev && omit.dev) || (p.optional && omit.optional) ||
           (p.dev_optional && omit.dev && omit.optional) || (p.peer && omit.peer);
}

Selection select_installed(const Lockfile& lock, const Omit& omit) {
    Selection kept(lock.packages.size(), true);
    if (omit.any()) {
        for (std::size_t i = 1; i < lock.packages.size(); ++i) {
            kept[i] = !is_omitted(lock.packages[i], omit);
        }
    }
    return kept;
}

Lockfile apply_omit(const Lockfile& lock, const Omit& omit) {
    if (!omit.any()) {
        return lock;
    }
    return apply_selection(lock, select_installed(lock, omit));
}

Lockfile apply_selection(const Lockfile& lock, const Selection& kept) {
    Lockfile out;
    out.arena = lock.arena; // the kept packages' views point into it
    out.text = lock.text;
    out.file = lock.file;
    out.lockfile_version = lock.lockfile_version;
    out.warnings = lock.warnings;
    std::vector<std::size_t> new_index(lock.packages.size(), npos);
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        if (i == 0 || (i < kept.size() && kept[i])) {
            new_index[i] = out.packages.size();
            out.packages.push_back(lock.packages[i]);
        }
    }
    auto remap = [&](util::CompactVector<std::size_t>& edges) {
        util::CompactVector<std::size_t> kept;
        for (const std::size_t dep : edges) {
            if (new_index[dep] != npos) {
                kept.push_back(new_index[dep]);
            }
        }
        edges = std::move(kept);
    };
    for (auto& p : out.packages) {
        remap(p.depends_on);
        remap(p.dev_only);
    }
    for (const auto& link : lock.links) {
        const auto target = lock.package_at(link.target);
        if (target != npos && new_index[target] != npos) {
            out.links.push_back(link);
            out.link_targets[link.location] = link.target;
        }
    }
    if (!lock.by_location.empty()) { // else the kept packages stay in location order
        for (std::size_t i = 0; i < out.packages.size(); ++i) {
            out.by_location.emplace(out.packages[i].location, i);
        }
    }
    return out;
}

std::vector<std::size_t> path_from_root(const Lockfile& lock, std::size_t index) {
    if (index >= lock.packages.size()) {
        return {};
    }
    std::vector<std::size_t> parent(lock.packages.size(), npos);
    std::deque<std::size_t> queue{0};
    parent[0] = 0;
    while (!queue.empty() && parent[index] == npos) {
        const std::size_t current = queue.front();
        queue.pop_front();
        for (const std::size_t next : lock.packages[current].depends_on) {
            if (parent[next] == npos) {
                parent[next] = current;
                queue.push_back(next);
            }
        }
    }
    if (parent[index] == npos) {
        return {};
    }
    std::vector<std::size_t> chain{index};
    while (chain.back() != 0) {
        chain.push_back(parent[chain.back()]);
    }
    return {chain.rbegin(), chain.rend()};
}

std::size_t line_of_location(std::string_view text, const Lockfile& lock, std::size_t index) {
    if (index >= lock.packages.size()) {
        return 0;
    }
    const std::string_view location = lock.packages[index].location;
    std::vector<std::string> needles;
    if (lock.lockfile_version >= 2) {
        needles.push_back("\"" + std::string(location) + "\"");
    } else {
        // v1 nests entries by install name: find each segment after the previous one.
        std::size_t start = 0;
        constexpr std::string_view marker = "node_modules/";
        while ((start = location.find(marker, start)) != std::string_view::npos) {
            start += marker.size();
            auto end = location.find("/node_modules/", start);
            needles.push_back("\"" +
                              std::string(location.substr(
                                  start, end == std::string_view::npos ? end : end - start)) +
                              "\"");
        }
    }
    std::size_t pos = 0;
    for (const auto& needle : needles) {
        for (;;) {
            pos = text.find(needle, pos);
            if (pos == std::string_view::npos) {
                return 0;
            }
            std::size_t after = pos + needle.size();
            while (after < text.size() && (text[after] == ' ' || text[after] == '\n' ||
                                           text[after] == '\r' || text[after] == '\t')) {
                ++after;
            }
            if (after < text.size() && text[after] == ':' && after + 1 < text.size()) {
                std::size_t value = after + 1;
                while (value < text.size() && (text[value] == ' ' || text[value] == '\n' ||
                                               text[value] == '\r' || text[value] == '\t')) {
                    ++value;
                }
                if (value < text.size() && text[value] == '{') {
                    break; // an entry, not a "name": "spec" pair inside `requires`
                }
            }
            pos += needle.size();
        }
    }
    return needles.empty() ? 0 : util::position_of(text, pos).line;
}

} // namespace vouch::lockfile
