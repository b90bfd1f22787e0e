#include "next_public_env.hpp"

#include <string_view>

extern char** environ; // POSIX

namespace vouch::cli {

std::vector<std::pair<std::string, std::string>> next_public_environment() {
    std::vector<std::pair<std::string, std::string>> out;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        const std::string_view entry(*e);
        const std::size_t eq = entry.find('=');
        if (entry.starts_with("NEXT_PUBLIC_") && eq != std::string_view::npos) {
            out.emplace_back(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
        }
    }
    return out;
}

} // namespace vouch::cli
