// Reads lockfileVersion 1 (nested `dependencies`) and 2/3 (`packages` map) into the model.
#include "json_errors.hpp"
#include "names.hpp"
#include "resolve.hpp"

#include <algorithm>
#include <set>
#include <simdjson.h>
#include <unordered_map>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>

namespace vouch::lockfile {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

const char* type_name(element_type type) {
    switch (type) {
    case element_type::ARRAY:
        return "an array";
    case element_type::OBJECT:
        return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE:
        return "a number";
    case element_type::STRING:
        return "a string";
    case element_type::BOOL:
        return "a boolean";
    case element_type::NULL_VALUE:
        return "null";
    }
    return "something else";
}

class Reader {
  public:
    Reader(std::string_view text, const std::string& file, TextArena& arena)
        : m_text(text), m_file(file), m_arena(arena) {}

    // A type error located at the entry it belongs to (`anchor` is the entry's key).
    Error type_error(std::string_view anchor, const std::string& path, const char* expected,
                     element value) const {
        Error error = make_error(
            Errc::parse, path + ": expected " + expected + ", got " + type_name(value.type()),
            m_file);
        locate(error, anchor);
        return error;
    }
    Error error_at(std::string_view anchor, std::string message) const {
        Error error = make_error(Errc::parse, std::move(message), m_file);
        locate(error, anchor);
        return error;
    }

    // A string value, kept in the model's arena (the parser's buffers die with the parse).
    Result<std::string_view> string(element value, std::string_view anchor,
                                    const std::string& path) const {
        std::string_view s;
        if (value.get(s) != simdjson::SUCCESS) {
            return fail(type_error(anchor, path, "a string", value));
        }
        return m_arena.keep(s);
    }
    std::string_view keep(std::string_view s) const { return m_arena.keep(s); }
    Result<bool> boolean(element value, std::string_view anchor, const std::string& path) const {
        bool b = false;
        if (value.get(b) == simdjson::SUCCESS) {
            return b;
        }
        // npm reads these flags for truthiness; old npm wrote "true" as a string.
        std::string_view s;
        if (value.get(s) == simdjson::SUCCESS && (s == "true" || s == "false")) {
            return s == "true";
        }
        return fail(type_error(anchor, path, "true or false", value));
    }
    Result<SpecMap> string_map(element value, std::string_view anchor,
                               const std::string& path) const {
        object obj;
        if (value.get(obj) != simdjson::SUCCESS) {
            return fail(type_error(anchor, path, "an object", value));
        }
        SpecMap out;
        out.reserve(obj.size());
        for (auto field : obj) {
            std::string_view spec;
            if (field.value.get(spec) != simdjson::SUCCESS) {
                return fail(type_error(anchor, path + "." + std::string(field.key), "a string",
                                       field.value));
            }
            if (!out.contains(field.key)) {
                out.emplace(m_arena.keep(field.key), m_arena.keep(spec));
            }
        }
        return out;
    }
    const std::string& file() const { return m_file; }

  private:
    // The line of `"anchor":` in the text, so an editor can jump to the entry.
    void locate(Error& error, std::string_view anchor) const {
        if (anchor.empty()) {
            return;
        }
        const std::string needle = "\"" + std::string(anchor) + "\"";
        std::size_t pos = 0;
        while ((pos = m_text.find(needle, pos)) != std::string_view::npos) {
            std::size_t after = pos + needle.size();
            while (after < m_text.size() && (m_text[after] == ' ' || m_text[after] == '\t' ||
                                             m_text[after] == '\n' || m_text[after] == '\r')) {
                ++after;
            }
            if (after < m_text.size() && m_text[after] == ':') {
                const auto p = util::position_of(m_text, pos);
                error.line = p.line;
                error.column = p.column;
                return;
            }
            pos += needle.size();
        }
    }

    std::string_view m_text;
    const std::string& m_file;
    TextArena& m_arena;
};

std::vector<std::string_view> string_list_or_empty(const Reader& r, element value) {
    std::vector<std::string_view> out;
    simdjson::dom::array arr;
    if (value.get(arr) == simdjson::SUCCESS) {
        out.reserve(arr.size());
        for (auto item : arr) {
            std::string_view s;
            if (item.get(s) == simdjson::SUCCESS) {
                out.push_back(r.keep(s));
            }
        }
    }
    return out;
}

// `license` is a string in lockfiles, but old package.json files used {type} objects, and some
// lockfiles carry an array of them (the package is available under any one: joined with OR).
std::string license_text(element value) {
    std::string_view s;
    if (value.get(s) == simdjson::SUCCESS) {
        return std::string(s);
    }
    object obj;
    if (value.get(obj) == simdjson::SUCCESS) {
        if (obj["type"].get(s) == simdjson::SUCCESS) {
            return std::string(s);
        }
    }
    simdjson::dom::array items;
    if (value.get(items) == simdjson::SUCCESS) {
        std::string out;
        for (element item : items) {
            const std::string one = item.type() == simdjson::dom::element_type::ARRAY
                                        ? std::string()
                                        : license_text(item);
            if (!one.empty()) {
                out += (out.empty() ? "" : " OR ") + one;
            }
        }
        return out;
    }
    return {};
}

// Fields shared by v1 entries and v2/v3 `packages` entries.
Status read_common_field(const Reader& r, std::string_view key, element value, Package& p,
                         std::string_view anchor, const std::string& path) {
    const std::string field_path = path + "." + std::string(key);
    if (key == "resolved") {
        VOUCH_TRY_ASSIGN(p.resolved, r.string(value, anchor, field_path));
    } else if (key == "integrity") {
        VOUCH_TRY_ASSIGN(p.integrity, r.string(value, anchor, field_path));
    } else if (key == "dev") {
        VOUCH_TRY_ASSIGN(p.dev, r.boolean(value, anchor, field_path));
    } else if (key == "optional") {
        VOUCH_TRY_ASSIGN(p.optional, r.boolean(value, anchor, field_path));
    } else if (key == "devOptional") {
        VOUCH_TRY_ASSIGN(p.dev_optional, r.boolean(value, anchor, field_path));
    } else if (key == "peer") {
        VOUCH_TRY_ASSIGN(p.peer, r.boolean(value, anchor, field_path));
    } else if (key == "extraneous") {
        VOUCH_TRY_ASSIGN(p.extraneous, r.boolean(value, anchor, field_path));
    } else if (key == "inBundle" || key == "bundled") {
        VOUCH_TRY_ASSIGN(p.in_bundle, r.boolean(value, anchor, field_path));
    } else if (key == "hasInstallScript") {
        VOUCH_TRY_ASSIGN(p.has_install_script, r.boolean(value, anchor, field_path));
    } else if (key == "hasShrinkwrap") {
        VOUCH_TRY_ASSIGN(p.has_shrinkwrap, r.boolean(value, anchor, field_path));
    } else if (key == "license") {
        std::string_view s;
        p.license = value.get(s) == simdjson::SUCCESS ? r.keep(s) : r.keep(license_text(value));
    } else if (key == "deprecated") {
        std::string_view s;
        if (value.get(s) == simdjson::SUCCESS) {
            p.deprecated = r.keep(s);
        }
    } else if (key == "engines") {
        object obj;
        if (value.get(obj) == simdjson::SUCCESS) { // very old packages used an array: ignored
            for (auto field : obj) {
                std::string_view s;
                if (field.value.get(s) == simdjson::SUCCESS && !p.engines.contains(field.key)) {
                    p.engines.emplace(r.keep(field.key), r.keep(s));
                }
            }
        }
    } else if (key == "os") {
        p.os = string_list_or_empty(r, value);
    } else if (key == "cpu") {
        p.cpu = string_list_or_empty(r, value);
    }
    return {};
}

Result<Package> read_packages_entry(const Reader& r, std::string_view location, element value,
                                    bool& is_link) {
    const std::string path = "packages[\"" + std::string(location) + "\"]";
    object obj;
    if (value.get(obj) != simdjson::SUCCESS) {
        return fail(r.type_error(location, path, "an object", value));
    }
    Package p;
    p.location = r.keep(location);
    is_link = false;
    for (auto field : obj) {
        const std::string_view key = field.key;
        const std::string field_path = path + "." + std::string(key);
        if (key == "version") {
            VOUCH_TRY_ASSIGN(p.version, r.string(field.value, location, field_path));
        } else if (key == "name") {
            VOUCH_TRY_ASSIGN(p.name, r.string(field.value, location, field_path));
        } else if (key == "link") {
            VOUCH_TRY_ASSIGN(is_link, r.boolean(field.value, location, field_path));
        } else if (key == "dependencies") {
            VOUCH_TRY_ASSIGN(p.dependencies, r.string_map(field.value, location, field_path));
        } else if (key == "optionalDependencies") {
            VOUCH_TRY_ASSIGN(p.optional_dependencies,
                             r.string_map(field.value, location, field_path));
        } else if (key == "peerDependencies") {
            VOUCH_TRY_ASSIGN(p.peer_dependencies, r.string_map(field.value, location, field_path));
        } else if (key == "devDependencies") {
            VOUCH_TRY_ASSIGN(p.dev_dependencies, r.string_map(field.value, location, field_path));
        } else if (key == "workspaces") {
            // An array of globs, or (as package.json allows) {"packages": [...]}.
            object holder;
            if (field.value.get(holder) == simdjson::SUCCESS) {
                element packages;
                if (holder["packages"].get(packages) == simdjson::SUCCESS) {
                    p.workspaces = string_list_or_empty(r, packages);
                }
            } else {
                p.workspaces = string_list_or_empty(r, field.value);
            }
        } else if (key == "peerDependenciesMeta") {
            object meta;
            if (field.value.get(meta) == simdjson::SUCCESS) {
                for (auto dep : meta) {
                    bool optional = false;
                    if (dep.value["optional"].get(optional) == simdjson::SUCCESS && optional) {
                        p.peer_optional.push_back(r.keep(dep.key));
                    }
                }
            }
        } else {
            VOUCH_TRY(read_common_field(r, key, field.value, p, location, path));
        }
    }
    return p;
}

Status read_packages_map(const Reader& r, object packages, Lockfile& lock) {
    lock.packages.reserve(packages.size() + 1); // + the root, when the map lacks it
    for (auto field : packages) {
        const std::string_view location = field.key;
        bool is_link = false;
        VOUCH_TRY_ASSIGN(Package p, read_packages_entry(r, location, field.value, is_link));
        if (is_link) {
            if (p.resolved.empty()) {
                lock.warnings.push_back("link " + std::string(location) + " has no target");
                continue;
            }
            lock.links.push_back({p.location, lock.keep(detail::normalize_location(p.resolved))});
            continue;
        }
        if (!location.empty() && p.version.empty() && p.resolved.empty() && p.integrity.empty() &&
            p.name.empty() && p.dependencies.empty() && p.optional_dependencies.empty()) {
            lock.warnings.push_back("empty entry " + std::string(location) + " skipped");
            continue;
        }
        if (location.empty()) {
            p.source = Source::root;
            lock.packages.insert(lock.packages.begin(), std::move(p));
            continue;
        }
        p.install_name = detail::install_name_of(p.location);
        if (p.install_name.empty()) {
            p.source = Source::directory;
            if (p.name.empty()) {
                p.name = lock.keep(detail::folder_name_of(location));
            }
        } else {
            if (p.name.empty()) {
                p.name = p.install_name;
            }
            p.source = detail::source_of(p.resolved);
        }
        lock.packages.push_back(std::move(p));
    }
    return {};
}

// npm v5/v6: a nested tree keyed by install name; versions may carry the source
// ("npm:real@1.0.0", "file:../x", git URLs, tarball URLs).
Status read_v1_tree(const Reader& r, object deps, std::string_view parent_location, Lockfile& lock,
                    std::set<std::string_view>& link_targets, int depth) {
    if (depth > 256) {
        return fail(r.error_at({}, "dependencies nested more than 256 levels deep"));
    }
    for (auto field : deps) {
        const std::string_view location = lock.arena->join(
            {parent_location, parent_location.empty() ? "" : "/", "node_modules/", field.key});
        // The install name is the tail of the location: no copy of its own.
        const std::string_view install_name = location.substr(location.size() - field.key.size());
        const std::string path = "dependencies[\"" + std::string(install_name) + "\"]";
        object obj;
        if (field.value.get(obj) != simdjson::SUCCESS) {
            return fail(r.type_error(install_name, path, "an object", field.value));
        }
        Package p;
        p.location = location;
        p.install_name = install_name;
        p.name = install_name;
        std::string_view version_spec;
        object children;
        bool has_children = false;
        for (auto entry : obj) {
            const std::string_view key = entry.key;
            const std::string field_path = path + "." + std::string(key);
            if (key == "version") {
                VOUCH_TRY_ASSIGN(version_spec, r.string(entry.value, install_name, field_path));
            } else if (key == "requires") {
                VOUCH_TRY_ASSIGN(p.dependencies,
                                 r.string_map(entry.value, install_name, field_path));
            } else if (key == "dependencies") {
                if (entry.value.get(children) != simdjson::SUCCESS) {
                    return fail(r.type_error(install_name, field_path, "an object", entry.value));
                }
                has_children = true;
            } else {
                VOUCH_TRY(read_common_field(r, key, entry.value, p, install_name, path));
            }
        }
        std::string_view spec = version_spec;
        if (spec.substr(0, 4) == "npm:") { // alias: npm:<real-name>@<version>
            const std::string_view rest = spec.substr(4);
            const auto at = rest.rfind('@');
            if (at == std::string_view::npos || at == 0) {
                return fail(r.error_at(install_name, path + ".version: malformed npm: alias"));
            }
            p.name = rest.substr(0, at);
            p.version = rest.substr(at + 1);
            p.source = detail::source_of(p.resolved);
        } else if (spec.substr(0, 5) == "file:") {
            p.source = detail::source_of(spec);
            if (p.source == Source::directory) {
                // npm v6 symlinks file: directories; the entry's children are installed
                // inside the target, and several links may share one target.
                const std::string_view target =
                    lock.keep(detail::normalize_location(spec.substr(5)));
                lock.links.push_back({location, target});
                if (!link_targets.insert(target).second) {
                    continue;
                }
                Package target_pkg = std::move(p);
                target_pkg.location = target;
                target_pkg.install_name = {};
                const std::string folder = detail::folder_name_of(target);
                target_pkg.name =
                    folder.empty() || folder == ".." ? install_name : lock.keep(folder);
                lock.packages.push_back(std::move(target_pkg));
                if (has_children) {
                    VOUCH_TRY(read_v1_tree(r, children, target, lock, link_targets, depth + 1));
                }
                continue;
            }
            p.resolved = spec;
        } else if (detail::source_of(spec) == Source::git) {
            p.source = Source::git;
            p.resolved = spec;
        } else if (spec.substr(0, 7) == "http://" || spec.substr(0, 8) == "https://") {
            // Ancient lockfiles put the registry tarball URL where the version belongs; it
            // names the real package too (an alias installed under another name).
            p.resolved = spec;
            p.source = detail::source_of(spec);
            if (const auto tarball = detail::parse_registry_tarball(spec)) {
                p.name = lock.keep(tarball->name);
                p.version = lock.keep(tarball->version);
            }
        } else {
            p.version = spec;
            p.source = detail::source_of(p.resolved);
        }
        lock.packages.push_back(std::move(p));
        if (has_children) {
            VOUCH_TRY(read_v1_tree(r, children, location, lock, link_targets, depth + 1));
        }
    }
    return {};
}

Result<int> read_lockfile_version(const Reader& r, object root) {
    element value;
    if (root["lockfileVersion"].get(value) != simdjson::SUCCESS) {
        return fail(r.error_at({},
                               "no lockfileVersion: not an npm lockfile, or one written by "
                               "npm older than v5 (run npm install with npm >= 7 to upgrade it)"));
    }
    int64_t version = 0;
    if (value.get(version) != simdjson::SUCCESS) {
        return fail(r.type_error("lockfileVersion", "lockfileVersion", "a number", value));
    }
    if (version < 1 || version > 3) {
        Error error =
            r.error_at("lockfileVersion", "lockfileVersion " + std::to_string(version) +
                                              " is not supported (vouch reads 1, 2 and 3)");
        error.code = Errc::unsupported;
        return fail(error);
    }
    return static_cast<int>(version);
}

} // namespace

Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file) {
    return parse_lockfile(text, file, {});
}

Result<Lockfile> parse_lockfile(std::string_view text, const std::string& file,
                                std::string_view package_json, std::size_t readable) {
    simdjson::dom::parser parser;
    // In place when the caller's buffer has the read-ahead room simdjson needs (a 3 MB lockfile
    // is then not copied), else into a padded copy.
    const bool in_place = readable >= text.size() + simdjson::SIMDJSON_PADDING;
    element doc;
    const auto parsed = in_place ? parser.parse(text.data(), text.size(), false)
                                 : parser.parse(text.data(), text.size(), true);
    if (parsed.get(doc) != simdjson::SUCCESS) {
        if (const auto marker = text.find("\n<<<<<<< "); marker != std::string_view::npos) {
            Error error = make_error(Errc::parse,
                                     "git merge conflict markers in the lockfile: resolve the "
                                     "conflict (npm install can) and commit the result",
                                     file);
            const auto pos = util::position_of(text, marker + 1);
            error.line = pos.line;
            error.column = pos.column;
            return fail(error);
        }
        return fail(detail::json_syntax_error(text, file));
    }
    Lockfile lock;
    lock.file = file;
    // One block for (almost) every string the model keeps: at most the document's size.
    lock.arena->reserve(text.size() / 2 + 4096);
    const Reader r(text, file, *lock.arena);
    object root;
    if (doc.get(root) != simdjson::SUCCESS) {
        return fail(r.type_error({}, "the document", "an object", doc));
    }
    VOUCH_TRY_ASSIGN(lock.lockfile_version, read_lockfile_version(r, root));

    object packages;
    const bool has_packages = root["packages"].get(packages) == simdjson::SUCCESS;
    if (lock.lockfile_version >= 2 && has_packages) {
        VOUCH_TRY(read_packages_map(r, packages, lock));
    } else {
        object deps;
        if (auto field = root["dependencies"]; field.error() == simdjson::SUCCESS) {
            if (field.get(deps) != simdjson::SUCCESS) {
                return fail(r.type_error("dependencies", "dependencies", "an object",
                                         field.value_unsafe()));
            }
            std::set<std::string_view> link_targets;
            VOUCH_TRY(read_v1_tree(r, deps, "", lock, link_targets, 0));
        } else if (lock.lockfile_version == 1 ||
                   root["packages"].error() != simdjson::NO_SUCH_FIELD) {
            if (root["packages"].error() != simdjson::NO_SUCH_FIELD) {
                return fail(r.type_error("packages", "packages", "an object",
                                         root["packages"].value_unsafe()));
            }
        }
    }

    // The root: v2/v3 list it under ""; v1 (and v3 hidden lockfiles) do not.
    if (lock.packages.empty() || lock.packages.front().source != Source::root) {
        Package root_pkg;
        root_pkg.source = Source::root;
        lock.packages.insert(lock.packages.begin(), std::move(root_pkg));
    }
    Package& root_pkg = lock.packages.front();
    std::string_view s;
    if (root_pkg.name.empty() && root["name"].get(s) == simdjson::SUCCESS) {
        root_pkg.name = lock.keep(s);
    }
    if (root_pkg.version.empty() && root["version"].get(s) == simdjson::SUCCESS) {
        root_pkg.version = lock.keep(s);
    }
    detail::decode_integrity_fields(lock);
    // A private registry's token in a `resolved` URL must never reach an SBOM, report or
    // terminal: the model holds no credential, and the lockfile's owner hears about it once.
    for (auto& p : lock.packages) {
        if (p.resolved.find('@') == std::string_view::npos) {
            continue; // no userinfo possible: skip the copy strip_userinfo makes
        }
        if (auto stripped = util::strip_userinfo(p.resolved); stripped != p.resolved) {
            p.resolved = lock.keep(stripped);
            lock.warnings.push_back("'" + std::string(p.location) +
                                    "': its resolved URL carries credentials (removed from "
                                    "every output); use an .npmrc auth token instead");
        }
    }
    if (!package_json.empty()) {
        detail::apply_package_json(lock, package_json);
    }
    detail::finish_model(lock);
    return lock;
}

} // namespace vouch::lockfile
