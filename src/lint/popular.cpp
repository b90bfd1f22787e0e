// data/popular-packages.txt (origin in its header and docs/policy.md), compiled in.
#include <sstream>
#include <vouch/lint/lint.hpp>

namespace vouch::lint {

namespace {
#include "popular_packages.inc"
}

const std::vector<Popular>& popular_packages() {
    static const std::vector<Popular> list = [] {
        std::vector<Popular> out;
        std::istringstream lines{std::string(k_popular_packages)};
        std::string line;
        while (std::getline(lines, line)) {
            if (line.empty() || line[0] == '#') {
                continue;
            }
            const auto tab = line.find('\t');
            Popular p;
            p.name = line.substr(0, tab);
            p.dependents = tab == std::string::npos ? 0 : std::stoul(line.substr(tab + 1));
            out.push_back(std::move(p));
        }
        return out;
    }();
    return list;
}

} // namespace vouch::lint
