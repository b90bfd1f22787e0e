#pragma once
#include <string>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>

namespace vouch::lockfile::detail {

// parse_lockfile() of a string the model takes over (Lockfile::text): parsed in place when its
// capacity leaves simdjson's read-ahead room, else copied once into a padded buffer.
Result<Lockfile> parse_owned(std::string text, const std::string& file,
                             std::string_view package_json);

} // namespace vouch::lockfile::detail
