#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>

namespace vouch::lockfile::detail {

// npm ignores an `integrity` it cannot parse (ssri), and so does vouch: the value is cleared
// and a warning names the package, so no made-up hash reaches an SBOM.
void decode_integrity_fields(Lockfile& lock);

// Sorts packages, indexes locations and links, marks workspaces and resolves dependency edges
// the way npm resolves a require (walking up the node_modules chain). Missing dependencies
// become warnings.
void finish_model(Lockfile& lock);

// Fills the root's dependency maps from package.json where the lockfile has none (v1).
void apply_package_json(Lockfile& lock, std::string_view package_json);

} // namespace vouch::lockfile::detail
