#pragma once
// The advisory database location: the environment is read here, at the edge, and passed in.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vouch/advisory/database.hpp>

namespace vouch::cli {

inline std::string env_or_empty(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

inline Result<std::filesystem::path> database_dir(const std::string& flag) {
    return advisory::resolve_database_dir(
        flag, {env_or_empty("VOUCH_DB"), env_or_empty("XDG_CACHE_HOME"), env_or_empty("HOME")});
}

} // namespace vouch::cli
