#include "names.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace vouch::lockfile::detail {

namespace {
bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
std::string lowercase_scheme(std::string_view url) {
    std::string out(url);
    const auto colon = out.find(':');
    if (colon == std::string::npos) {
        return out;
    }
    const bool scheme = std::all_of(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(colon),
                                    [](unsigned char c) { return std::isalpha(c) || c == '+'; });
    if (scheme) {
        std::transform(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(colon), out.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    return out;
}

} // namespace

std::string_view install_name_of(std::string_view location) {
    constexpr std::string_view marker = "node_modules/";
    std::size_t pos = location.rfind(marker);
    if (pos == std::string_view::npos || (pos > 0 && location[pos - 1] != '/')) {
        return {};
    }
    const std::string_view rest = location.substr(pos + marker.size());
    // An npm name is `name` or `@scope/name`; anything deeper (pnpm's .pnpm store, nested
    // folders of a linked tree) is a plain directory, named after its folder.
    const auto slashes = std::count(rest.begin(), rest.end(), '/');
    const bool scoped = !rest.empty() && rest.front() == '@';
    if (rest.empty() || rest.front() == '.' || slashes > (scoped ? 1 : 0) ||
        (scoped && slashes == 0)) {
        return {};
    }
    return rest;
}

std::string folder_name_of(std::string_view location) {
    const auto slash = location.rfind('/');
    if (slash == std::string_view::npos) {
        return std::string(location);
    }
    const std::string_view base = location.substr(slash + 1);
    const std::string_view parent_path = location.substr(0, slash);
    const auto parent_slash = parent_path.rfind('/');
    const std::string_view parent =
        parent_slash == std::string_view::npos ? parent_path : parent_path.substr(parent_slash + 1);
    if (!parent.empty() && parent.front() == '@') {
        return std::string(parent) + "/" + std::string(base);
    }
    return std::string(base);
}

Source source_of(std::string_view original) {
    if (original.empty()) {
        return Source::registry;
    }
    // npm reads URL schemes case-insensitively: "HTTP://host/x.tgz" is fetched like http://.
    const std::string lowered = lowercase_scheme(original);
    const std::string_view resolved = lowered;
    if (starts_with(resolved, "git+") || starts_with(resolved, "git://") ||
        starts_with(resolved, "github:") || starts_with(resolved, "gitlab:") ||
        starts_with(resolved, "bitbucket:") || starts_with(resolved, "gist:")) {
        return Source::git;
    }
    if (starts_with(resolved, "file:")) {
        return ends_with(resolved, ".tgz") || ends_with(resolved, ".tar.gz") ||
                       ends_with(resolved, ".tar")
                   ? Source::local_tarball
                   : Source::directory;
    }
    if (starts_with(resolved, "http://") || starts_with(resolved, "https://")) {
        // Registry tarballs live at <registry>/<name>/-/<basename>-<version>.tgz.
        return resolved.find("/-/") != std::string_view::npos && ends_with(resolved, ".tgz")
                   ? Source::registry
                   : Source::remote_tarball;
    }
    // A bare relative path (v2/v3 link targets) is a directory.
    return Source::directory;
}

std::string version_from_tarball_url(std::string_view url, std::string_view name) {
    const auto dash = url.rfind("/-/");
    if (dash == std::string_view::npos || !ends_with(url, ".tgz")) {
        return {};
    }
    std::string_view file = url.substr(dash + 3);
    file.remove_suffix(4);
    const auto slash = name.find('/');
    const std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    if (file.size() <= base.size() + 1 || file.substr(0, base.size()) != base ||
        file[base.size()] != '-') {
        return {};
    }
    return std::string(file.substr(base.size() + 1));
}

std::optional<RegistryTarball> parse_registry_tarball(std::string_view url) {
    const auto dash = url.rfind("/-/");
    if (dash == std::string_view::npos || !ends_with(url, ".tgz")) {
        return std::nullopt;
    }
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view before = url.substr(0, dash); // <registry>/<name> or <registry>/@scope%2fname
    auto name_start = before.rfind('/');
    if (name_start == std::string_view::npos || name_start < scheme + 3) {
        return std::nullopt;
    }
    std::string name(before.substr(name_start + 1));
    if (const auto scope_slash = before.rfind('/', name_start - 1);
        scope_slash != std::string_view::npos && scope_slash > scheme + 2 &&
        before.substr(scope_slash + 1, 1) == "@") {
        name = std::string(before.substr(scope_slash + 1)); // "@scope/name"
        name_start = scope_slash;
    }
    for (const char* encoded : {"%2f", "%2F"}) {
        if (const auto at = name.find(encoded); at != std::string::npos) {
            name.replace(at, 3, "/");
        }
    }
    const std::string version = version_from_tarball_url(url, name);
    if (version.empty() || name.empty()) {
        return std::nullopt;
    }
    return RegistryTarball{name, version, std::string(url.substr(0, name_start + 1))};
}

std::string normalize_location(std::string_view location) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= location.size()) {
        auto end = location.find('/', start);
        if (end == std::string_view::npos) {
            end = location.size();
        }
        const std::string_view part = location.substr(start, end - start);
        if (part == "..") {
            if (!parts.empty() && parts.back() != "..") {
                parts.pop_back();
            } else {
                parts.push_back(part);
            }
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& part : parts) {
        if (!out.empty()) {
            out += '/';
        }
        out += part;
    }
    return out;
}

} // namespace vouch::lockfile::detail
