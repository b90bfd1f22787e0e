#pragma once
// The CI's commit variables (verify::k_ci_commit_variables) that are set, read here in the CLI
// because the library never reads the environment. Shared by sign --append and verify.
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>
#include <vouch/verify/expected_commit.hpp>

namespace vouch::cli {

inline std::vector<std::pair<std::string, std::string>> ci_commit_variables() {
    std::vector<std::pair<std::string, std::string>> set;
    for (const auto name : verify::k_ci_commit_variables) {
        const char* value = std::getenv(std::string(name).c_str());
        if (value != nullptr && *value != '\0') {
            set.emplace_back(std::string(name), value);
        }
    }
    return set;
}

} // namespace vouch::cli
