// Scan inputs: lockfiles and CycloneDX SBOMs.
#include "json_locate.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/scan/input.hpp>
#include <vouch/scan/suppress.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::scan {

namespace {

using nlohmann::json;

std::string text_of(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

struct Component {
    std::string ref;
    std::string name;
    std::string version;
    std::vector<std::string> locations;
    bool dev = false;
    bool optional = false;
};

std::optional<Component> component_of(const json& item) {
    if (!item.is_object()) {
        return std::nullopt;
    }
    std::string purl = normalize_npm_purl(text_of(item, "purl"));
    if (purl.empty()) {
        return std::nullopt;
    }
    Component component;
    component.ref = text_of(item, "bom-ref");
    std::string rest = purl.substr(8);
    std::size_t at = rest.rfind('@');
    if (at == std::string::npos || at == 0) {
        component.name = rest;
    } else {
        component.name = rest.substr(0, at);
        component.version = rest.substr(at + 1);
    }
    std::string scope = text_of(item, "scope");
    component.dev = scope == "excluded";
    component.optional = scope == "optional";
    if (auto properties = item.find("properties");
        properties != item.end() && properties->is_array()) {
        for (const auto& property : *properties) {
            if (!property.is_object()) {
                continue;
            }
            std::string name = text_of(property, "name");
            std::string value = text_of(property, "value");
            if (name == "cdx:npm:package:path" && !value.empty()) {
                component.locations.push_back(value);
            } else if (name == "cdx:npm:package:development" && value == "true") {
                component.dev = true;
            }
        }
    }
    return component;
}

void collect(const json& list, std::vector<Component>& out, int depth) {
    if (!list.is_array() || depth > 64) {
        return;
    }
    for (const auto& item : list) {
        if (auto component = component_of(item)) {
            out.push_back(std::move(*component));
        }
        if (item.is_object() && item.contains("components")) {
            collect(item["components"], out, depth + 1);
        }
    }
}

} // namespace

Result<lockfile::Lockfile> lockfile_from_cyclonedx(std::string_view text, const std::string& file) {
    json document;
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    document = json::parse(text.begin(), text.end());
    if (!document.is_object() || text_of(document, "bomFormat") != "CycloneDX") {
        return tl::unexpected(detail::error_at(text, file, {}, "not a CycloneDX SBOM"));
    }
    if (auto components = document.find("components");
        components != document.end() && !components->is_array()) {
        return tl::unexpected(detail::error_at(text, file, {std::string("components")},
                                               "\"components\" must be an array"));
    }
    lockfile::Lockfile result;
    result.file = file;
    lockfile::Package root;
    root.source = lockfile::Source::root;
    std::string root_ref;
    if (auto metadata = document.find("metadata");
        metadata != document.end() && metadata->is_object() && metadata->contains("component")) {
        const json& main = (*metadata)["component"];
        if (main.is_object()) {
            root_ref = text_of(main, "bom-ref");
            std::string group = text_of(main, "group");
            root.name = result.keep(group.empty() ? text_of(main, "name")
                                                  : group + "/" + text_of(main, "name"));
            root.version = result.keep(text_of(main, "version"));
        }
    }
    std::vector<Component> components;
    if (document.contains("components")) {
        collect(document["components"], components, 0);
    }
    std::vector<lockfile::Package> packages;
    std::vector<std::string> refs; // bom-ref of each package, parallel to packages
    for (const auto& component : components) {
        std::vector<std::string> locations = component.locations;
        if (locations.empty()) {
            locations.push_back(component.ref.empty() ? "node_modules/" + component.name
                                                      : component.ref);
        }
        for (const auto& location : locations) {
            lockfile::Package package;
            // The model's views must outlive this document: keep them in its arena.
            package.location = result.keep(location);
            package.name = result.keep(component.name);
            package.install_name = package.name;
            package.version = result.keep(component.version);
            package.dev = component.dev;
            package.optional = component.optional;
            packages.push_back(std::move(package));
            refs.push_back(component.ref);
        }
    }
    std::vector<std::size_t> order(packages.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return packages[a].location < packages[b].location;
    });
    std::multimap<std::string, std::size_t> index_of_ref;
    index_of_ref.emplace(root_ref, 0);
    result.packages.push_back(std::move(root));
    for (std::size_t i : order) {
        index_of_ref.emplace(refs[i], result.packages.size());
        result.packages.push_back(std::move(packages[i]));
    }
    if (auto dependencies = document.find("dependencies");
        dependencies != document.end() && dependencies->is_array()) {
        for (const auto& edge : *dependencies) {
            if (!edge.is_object()) {
                continue;
            }
            std::string from = text_of(edge, "ref");
            auto targets = edge.find("dependsOn");
            if (from.empty() || targets == edge.end() || !targets->is_array()) {
                continue;
            }
            auto [from_begin, from_end] = index_of_ref.equal_range(from);
            for (const auto& target : *targets) {
                if (!target.is_string()) {
                    continue;
                }
                auto [to_begin, to_end] = index_of_ref.equal_range(target.get<std::string>());
                for (auto f = from_begin; f != from_end; ++f) {
                    for (auto t = to_begin; t != to_end; ++t) {
                        if (t->second != 0) {
                            result.packages[f->second].depends_on.push_back(t->second);
                        }
                    }
                }
            }
        }
    }
    for (std::size_t i = 0; i < result.packages.size(); ++i) {
        result.by_location.emplace(result.packages[i].location, i);
    }
    for (auto& package : result.packages) {
        std::sort(package.depends_on.begin(), package.depends_on.end());
        package.depends_on.erase(std::unique(package.depends_on.begin(), package.depends_on.end()),
                                 package.depends_on.end());
    }
    return result;
}

Result<ScanInput> load_input(const std::filesystem::path& path) {
    ScanInput input;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        VOUCH_TRY_ASSIGN(input.path, lockfile::locate_lockfile(path));
    } else {
        input.path = path;
    }
    VOUCH_TRY_ASSIGN(std::string text, util::read_file(input.path));
    std::string_view head = std::string_view(text).substr(0, 1 << 16);
    bool looks_cyclonedx = head.find("\"bomFormat\"") != std::string_view::npos &&
                           head.find("\"lockfileVersion\"") == std::string_view::npos;
    if (head.find("\"spdxVersion\"") != std::string_view::npos) {
        return fail(Errc::unsupported,
                    "SPDX documents cannot be scanned; give a lockfile or a CycloneDX SBOM",
                    input.path.string());
    }
    if (looks_cyclonedx) {
        input.kind = "cyclonedx";
        input.sha256 = digest::sha256_hex(text);
        VOUCH_TRY_ASSIGN(input.lockfile, lockfile_from_cyclonedx(text, input.path.string()));
        input.lockfile.text = input.lockfile.arena->adopt(std::move(text));
    } else {
        input.kind = "package-lock";
        // The text already read (and hashed) above: not read a second time, and not copied.
        VOUCH_TRY_ASSIGN(input.lockfile, lockfile::load_lockfile(input.path, std::move(text)));
        input.sha256 = input.lockfile.text_sha256; // hashed while it was parsed
    }
    input.text = input.lockfile.text;
    return input;
}

} // namespace vouch::scan
