// Gating and source locations.
#include <algorithm>
#include <unordered_map>
#include <vouch/scan/scan.hpp>

namespace vouch::scan {

bool counts_against(const Finding& finding, Level fail_on) {
    if (finding.suppression) {
        return false;
    }
    Level level = finding.malware ? Level::critical : finding.severity;
    return static_cast<int>(level) >= static_cast<int>(fail_on);
}

namespace {

// Line starts, computed once, so each lookup is a binary search instead of a scan from the top.
struct LineIndex {
    std::vector<std::size_t> starts{0};
    explicit LineIndex(std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') {
                starts.push_back(i + 1);
            }
        }
    }
    std::size_t line_of(std::size_t offset) const {
        return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                        starts.begin());
    }
};

// The offset of `"key"` used as an object key (followed by optional spaces and ':').
std::size_t find_key(std::string_view text, const std::string& quoted) {
    for (std::size_t at = text.find(quoted); at != std::string_view::npos;
         at = text.find(quoted, at + 1)) {
        std::size_t after = at + quoted.size();
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t' ||
                                       text[after] == '\r' || text[after] == '\n')) {
            ++after;
        }
        if (after < text.size() && text[after] == ':') {
            return at;
        }
    }
    return std::string_view::npos;
}

} // namespace

void locate_lines(std::vector<Finding>& findings, std::string_view text,
                  const lockfile::Lockfile& lockfile, bool is_lockfile) {
    LineIndex lines(text);
    std::unordered_map<std::size_t, std::size_t> cache; // package index -> line
    for (auto& finding : findings) {
        for (auto& install : finding.installs) {
            auto known = cache.find(install.index);
            if (known != cache.end()) {
                install.line = known->second;
                continue;
            }
            std::size_t line = 0;
            const std::string quoted = "\"" + install.location + "\"";
            if (is_lockfile && lockfile.lockfile_version < 2) {
                // v1 nests entries by name; the lockfile module knows how to walk that.
                line = lockfile::line_of_location(text, lockfile, install.index);
            } else {
                std::size_t at = is_lockfile ? find_key(text, quoted) : text.find(quoted);
                line = at == std::string_view::npos ? 0 : lines.line_of(at);
            }
            cache.emplace(install.index, line);
            install.line = line;
        }
    }
}

} // namespace vouch::scan
