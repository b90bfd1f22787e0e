// Gating and source locations.
#include <algorithm>
#include <cstring>
#include <string>
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
        for (const char* at = text.data(); (at = static_cast<const char*>(std::memchr(
                                                at, '\n', text.data() + text.size() - at)));) {
            ++at;
            starts.push_back(static_cast<std::size_t>(at - text.data()));
        }
    }
    std::size_t line_of(std::size_t offset) const {
        return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) -
                                        starts.begin());
    }
};

// The offset of the first use of each wanted string as an object key (a JSON string followed by
// optional whitespace and ':'), found in one pass over the text instead of one search per
// finding: a large lockfile is megabytes, and a scan can have hundreds of findings. Keys are
// compared as written (escapes not decoded), as package locations never need escaping.
std::unordered_map<std::string_view, std::size_t>
find_keys(std::string_view text, const std::unordered_map<std::string_view, std::size_t>& wanted) {
    std::unordered_map<std::string_view, std::size_t> found;
    std::size_t at = 0;
    while (found.size() < wanted.size()) {
        const std::size_t open = text.find('"', at);
        if (open == std::string_view::npos) {
            break;
        }
        std::size_t close = open + 1;
        while (close < text.size() && text[close] != '"') {
            close += text[close] == '\\' ? 2 : 1;
        }
        if (close >= text.size()) {
            break;
        }
        std::size_t after = close + 1;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t' ||
                                       text[after] == '\r' || text[after] == '\n')) {
            ++after;
        }
        if (after < text.size() && text[after] == ':') {
            const std::string_view key = text.substr(open + 1, close - open - 1);
            if (wanted.count(key) != 0) {
                found.emplace(key, open);
            }
        }
        at = close + 1;
    }
    return found;
}

} // namespace

void locate_lines(std::vector<Finding>& findings, std::string_view text,
                  const lockfile::Lockfile& lockfile, bool is_lockfile) {
    if (findings.empty()) {
        return;
    }
    const LineIndex lines(text);
    if (is_lockfile && lockfile.lockfile_version < 2) {
        // v1 nests entries by name; the lockfile module knows how to walk that.
        std::unordered_map<std::size_t, std::size_t> cache; // package index -> line
        for (auto& finding : findings) {
            for (auto& install : finding.installs) {
                auto [known, added] = cache.try_emplace(install.index, 0);
                if (added) {
                    known->second = lockfile::line_of_location(text, lockfile, install.index);
                }
                install.line = known->second;
            }
        }
        return;
    }
    std::unordered_map<std::string_view, std::size_t> wanted; // location -> (unused)
    for (const auto& finding : findings) {
        for (const auto& install : finding.installs) {
            wanted.emplace(install.location, 0);
        }
    }
    // A lockfile's package entries are object keys; in other inputs (package.json) the name may
    // also be a value, so any quoted occurrence counts there.
    std::unordered_map<std::string_view, std::size_t> offsets;
    if (is_lockfile) {
        offsets = find_keys(text, wanted);
    } else {
        for (const auto& [location, unused] : wanted) {
            const std::size_t at = text.find("\"" + std::string(location) + "\"");
            if (at != std::string_view::npos) {
                offsets.emplace(location, at);
            }
        }
    }
    for (auto& finding : findings) {
        for (auto& install : finding.installs) {
            const auto it = offsets.find(install.location);
            install.line = it == offsets.end() ? 0 : lines.line_of(it->second);
        }
    }
}

} // namespace vouch::scan
