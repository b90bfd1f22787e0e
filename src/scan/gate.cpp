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

bool is_key_at(std::string_view text, std::size_t after) {
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t' ||
                                   text[after] == '\r' || text[after] == '\n')) {
        ++after;
    }
    return after < text.size() && text[after] == ':';
}

// The first offset of each of `quoted` (strings "..." with no '"' inside) in one pass over the
// text's quotes, where a find() per string would rescan the text from the top each time: an
// occurrence of such a string starts at a quote and ends at the very next one. With `as_key`,
// only occurrences used as an object key count (find_key). Absent strings map to npos.
std::unordered_map<std::string_view, std::size_t>
first_offsets(std::string_view text, const std::vector<std::string>& quoted, bool as_key) {
    std::unordered_map<std::string_view, std::size_t> found;
    std::size_t longest = 0;
    for (const auto& q : quoted) {
        found.emplace(q, std::string_view::npos);
        longest = std::max(longest, q.size());
    }
    std::vector<bool> length_wanted(longest + 1, false);
    for (const auto& q : quoted) {
        length_wanted[q.size()] = true;
    }
    std::size_t missing = found.size();
    for (std::size_t open = text.find('"'); open != std::string_view::npos && missing > 0;) {
        const std::size_t close = text.find('"', open + 1);
        if (close == std::string_view::npos) {
            break;
        }
        const std::size_t size = close - open + 1;
        if (size <= longest && length_wanted[size] && (!as_key || is_key_at(text, close + 1))) {
            if (const auto it = found.find(text.substr(open, size));
                it != found.end() && it->second == std::string_view::npos) {
                it->second = open;
                --missing;
            }
        }
        open = close; // the closing quote may open the next candidate
    }
    return found;
}

} // namespace

void locate_lines(std::vector<Finding>& findings, std::string_view text,
                  const lockfile::Lockfile& lockfile, bool is_lockfile) {
    const bool nested_v1 = is_lockfile && lockfile.lockfile_version < 2;
    // A v2/v3 entry's location is a view of its key in the text itself (the parser copies no
    // unescaped string): its offset is known without searching.
    auto key_offset = [&](std::size_t index) -> std::size_t {
        if (!is_lockfile || nested_v1 || index >= lockfile.packages.size()) {
            return std::string_view::npos;
        }
        const std::string_view location = lockfile.packages[index].location;
        const char* const begin = text.data();
        if (location.empty() || location.data() <= begin ||
            location.data() + location.size() >= begin + text.size()) {
            return std::string_view::npos;
        }
        const auto at = static_cast<std::size_t>(location.data() - begin) - 1;
        return text[at] == '"' && text[at + 1 + location.size()] == '"' &&
                       is_key_at(text, at + 2 + location.size())
                   ? at
                   : std::string_view::npos;
    };
    // The rest by text, found in one pass.
    std::vector<std::string> wanted;
    if (!nested_v1) {
        for (const auto& finding : findings) {
            for (const auto& install : finding.installs) {
                if (key_offset(install.index) == std::string_view::npos &&
                    install.location.find('"') == std::string::npos) {
                    wanted.push_back("\"" + install.location + "\"");
                }
            }
        }
    }
    const auto offsets = wanted.empty() ? std::unordered_map<std::string_view, std::size_t>()
                                        : first_offsets(text, wanted, is_lockfile);
    // Offsets first, then their lines in one counting pass over the text in offset order.
    std::vector<std::pair<std::size_t, Install*>> located;
    std::unordered_map<std::size_t, std::size_t> v1_lines; // package index -> line
    for (auto& finding : findings) {
        for (auto& install : finding.installs) {
            if (nested_v1) {
                // v1 nests entries by name; the lockfile module knows how to walk that.
                auto known = v1_lines.find(install.index);
                if (known == v1_lines.end()) {
                    known = v1_lines
                                .emplace(install.index,
                                         lockfile::line_of_location(text, lockfile, install.index))
                                .first;
                }
                install.line = known->second;
                continue;
            }
            std::size_t at = key_offset(install.index);
            if (at == std::string_view::npos) {
                const std::string quoted = "\"" + install.location + "\"";
                const auto known_offset = offsets.find(quoted);
                at = known_offset != offsets.end() ? known_offset->second
                     : is_lockfile                 ? find_key(text, quoted)
                                                   : text.find(quoted);
            }
            install.line = 0;
            if (at != std::string_view::npos) {
                located.emplace_back(at, &install);
            }
        }
    }
    std::sort(located.begin(), located.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t line = 1;
    std::size_t counted = 0; // text[0, counted) has `line - 1` newlines
    for (auto& [at, install] : located) {
        line += static_cast<std::size_t>(
            std::count(text.begin() + static_cast<std::ptrdiff_t>(counted),
                       text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        counted = at;
        install->line = line;
    }
}

} // namespace vouch::scan
