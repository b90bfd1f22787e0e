// Gating and source locations.
#include <vouch/scan/scan.hpp>
#include <vouch/util/file.hpp>

namespace vouch::scan {

bool counts_against(const Finding& finding, Level fail_on) {
    if (finding.suppression) {
        return false;
    }
    Level level = finding.malware ? Level::critical : finding.severity;
    return static_cast<int>(level) >= static_cast<int>(fail_on);
}

void locate_lines(std::vector<Finding>& findings, std::string_view text,
                  const lockfile::Lockfile& lockfile, bool is_lockfile) {
    for (auto& finding : findings) {
        for (auto& install : finding.installs) {
            if (is_lockfile) {
                install.line = lockfile::line_of_location(text, lockfile, install.index);
                continue;
            }
            std::string quoted = "\"" + install.location + "\"";
            std::size_t at = text.find(quoted);
            install.line = at == std::string_view::npos ? 0 : util::position_of(text, at).line;
        }
    }
}

} // namespace vouch::scan
