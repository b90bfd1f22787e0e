#pragma once
// Pure string rules from npm's arborist: install names from locations, sources from specs.
#include <optional>
#include <string>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>

namespace vouch::lockfile::detail {

// "a/node_modules/@s/b" -> "@s/b" (a view into `location`); "" when the location has no
// node_modules segment.
std::string_view install_name_of(std::string_view location);

// The folder-derived name of a directory package ("packages/@acme/ui" -> "@acme/ui").
std::string folder_name_of(std::string_view location);

// Classifies a `resolved` URL (or a v1 `version` that is a URL or path).
Source source_of(std::string_view resolved);

// For a registry tarball URL ".../<name>/-/<basename>-<version>.tgz" returns <version>;
// empty when the URL does not have that shape.
std::string version_from_tarball_url(std::string_view url, std::string_view name);

// https://registry.npmjs.org/@s/n/-/n-1.2.3.tgz -> {"@s/n", "1.2.3", "https://registry.npmjs.org/"}
struct RegistryTarball {
    std::string name;
    std::string version;
    std::string registry; // with a trailing slash
};
std::optional<RegistryTarball> parse_registry_tarball(std::string_view url);

// "a/b/../c" -> "a/c": npm writes link targets relative to the root, sometimes with "..".
std::string normalize_location(std::string_view location);

} // namespace vouch::lockfile::detail
