// links: vouch_scan
// Differential: locate_lines' one-pass search must give every install the line a find() from
// the top gives (the first occurrence used as a key for a lockfile, the first occurrence for an
// SBOM), on arbitrary text and locations taken from it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vouch/scan/scan.hpp>

namespace {

std::size_t line_at(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        line += text[i] == '\n' ? 1 : 0;
    }
    return line;
}

// The reference: find() from the top, as locate_lines did before the one-pass search.
std::size_t reference_line(std::string_view text, const std::string& location, bool as_key) {
    const std::string quoted = "\"" + location + "\"";
    for (std::size_t at = text.find(quoted); at != std::string_view::npos;
         at = text.find(quoted, at + 1)) {
        if (!as_key) {
            return line_at(text, at);
        }
        std::size_t after = at + quoted.size();
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t' ||
                                       text[after] == '\r' || text[after] == '\n')) {
            ++after;
        }
        if (after < text.size() && text[after] == ':') {
            return line_at(text, at);
        }
    }
    return 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // Locations: the text between the first dozen pairs of quotes, and a few byte runs.
    std::vector<std::string> locations;
    for (std::size_t open = text.find('"');
         open != std::string_view::npos && locations.size() < 12;) {
        const std::size_t close = text.find('"', open + 1);
        if (close == std::string_view::npos) {
            break;
        }
        locations.emplace_back(text.substr(open + 1, close - open - 1));
        open = text.find('"', close + 1);
    }
    for (std::size_t at = 0; at + 4 <= size && locations.size() < 16; at += size / 4 + 1) {
        locations.emplace_back(text.substr(at, 4));
    }
    vouch::lockfile::Lockfile lock;
    lock.lockfile_version = 3;
    for (const bool as_key : {true, false}) {
        std::vector<vouch::scan::Finding> findings(1);
        for (std::size_t i = 0; i < locations.size(); ++i) {
            vouch::scan::Install install;
            install.index = i + 1;
            install.location = locations[i];
            findings[0].installs.push_back(install);
        }
        vouch::scan::locate_lines(findings, text, lock, as_key);
        for (const auto& install : findings[0].installs) {
            // Installs of one index share the first answer; indices here are all distinct.
            if (install.line != reference_line(text, install.location, as_key)) {
                std::abort();
            }
        }
    }
    return 0;
}
