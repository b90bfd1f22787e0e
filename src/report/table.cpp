// The terminal table: findings grouped by severity, then a summary line.
#include <cstdio>
#include <vouch/report/report.hpp>
#include <vouch/util/text.hpp>

namespace vouch::report {

namespace {

struct Style {
    bool color;
    std::string wrap(const char* code, const std::string& text) const {
        return color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
    }
};

const char* color_of(scan::Level level) {
    switch (level) {
    case scan::Level::critical:
        return "1;35";
    case scan::Level::high:
        return "1;31";
    case scan::Level::moderate:
        return "33";
    case scan::Level::low:
        return "36";
    }
    return "0";
}

// Feed and lockfile text reaches a terminal: control sequences become visible escapes.
std::string clean(std::string_view text) {
    return util::escape_for_terminal(text);
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : separator) + part;
    }
    return out;
}

std::string score_text(const scan::Finding& finding) {
    if (!finding.cvss) {
        return "";
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "cvss %.1f", *finding.cvss);
    return buffer;
}

void print_finding(std::string& out, const scan::Finding& finding, const Style& style) {
    out += "  " + style.wrap("1", clean(finding.id)) + "  " + clean(finding.package) + "@" +
           clean(finding.version);
    if (finding.malware) {
        out += "  " + style.wrap("1;35", "MALWARE");
    }
    if (auto score = score_text(finding); !score.empty()) {
        out += "  " + score;
    }
    out += "  fixed: " + clean(finding.fixed         ? *finding.fixed
                               : finding.fixed_above ? "above " + *finding.fixed_above
                                                     : std::string("none"));
    out += "\n";
    if (!finding.title.empty()) {
        out += "      " + clean(finding.title) + "\n";
    }
    const std::size_t shown = std::min<std::size_t>(finding.installs.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& install = finding.installs[i];
        out += "      via " + clean(join(install.chain, " > ")) +
               (install.dev ? " (dev)" : " (runtime)") + "\n";
    }
    if (finding.installs.size() > shown) {
        out += "      ... and " + std::to_string(finding.installs.size() - shown) +
               " more path(s) (see --format json)\n";
    }
    for (const auto& note : finding.notes) {
        out += "      note: " + clean(note) + "\n";
    }
    if (!finding.fix.advice.empty()) {
        out += "      fix: " + clean(finding.fix.advice) + "\n";
    }
    if (!finding.url.empty()) {
        out += "      " + style.wrap("2", clean(finding.url)) + "\n";
    }
}

} // namespace

std::string failing_lines(const ScanReport& report, const Verdict& verdict) {
    std::string out;
    if (verdict.failing.empty()) {
        return out;
    }
    out += "Failed the gate (" + std::string(scan::to_string(report.gate)) + "):\n";
    for (std::size_t index : verdict.failing) {
        const auto& finding = report.findings.at(index);
        out += "  " + clean(finding.id) + "  " + clean(finding.package) + "@" +
               clean(finding.version) + "  " +
               (finding.malware ? std::string("malware (critical)")
                                : std::string(scan::to_string(finding.severity))) +
               "\n";
    }
    return out;
}

std::string render(std::string_view format, const ScanReport& report, const Verdict& verdict,
                   bool color) {
    if (format == "json") {
        return render_json(report, verdict);
    }
    if (format == "sarif") {
        return render_sarif(report);
    }
    return render_table(report, verdict, color);
}

std::string render_table(const ScanReport& report, const Verdict& verdict, bool color) {
    Style style{color};
    std::string out;
    std::size_t counts[4] = {0, 0, 0, 0};
    std::size_t suppressed = 0;
    for (int level = 3; level >= 0; --level) {
        std::vector<const scan::Finding*> group;
        for (const auto& finding : report.findings) {
            if (!finding.suppression && static_cast<int>(finding.severity) == level) {
                group.push_back(&finding);
            }
        }
        counts[level] = group.size();
        if (group.empty()) {
            continue;
        }
        auto as_level = static_cast<scan::Level>(level);
        out += style.wrap(color_of(as_level), upper(scan::to_string(as_level)) + " (" +
                                                  std::to_string(group.size()) + ")") +
               "\n";
        for (const auto* finding : group) {
            print_finding(out, *finding, style);
        }
        out += "\n";
    }
    for (const auto& finding : report.findings) {
        if (!finding.suppression) {
            continue;
        }
        if (suppressed++ == 0) {
            out += style.wrap("2", "SUPPRESSED") + "\n";
        }
        out += "  " + clean(finding.id) + "  " + clean(finding.package) + "@" +
               clean(finding.version) + "  (" + finding.suppression->source + ": " +
               clean(finding.suppression->reason) + ")\n";
    }
    if (suppressed > 0) {
        out += "\n";
    }
    std::size_t open = counts[0] + counts[1] + counts[2] + counts[3];
    out += "Scanned " + std::to_string(report.packages_scanned) + " packages (" +
           clean(report.input_path) + ") against " + std::to_string(report.database.advisories) +
           " advisories: ";
    if (open == 0) {
        out += "no open findings";
    } else {
        out += std::to_string(open) + " open finding(s): " + std::to_string(counts[3]) +
               " critical, " + std::to_string(counts[2]) + " high, " + std::to_string(counts[1]) +
               " moderate, " + std::to_string(counts[0]) + " low";
    }
    if (suppressed > 0) {
        out += "; " + std::to_string(suppressed) + " suppressed";
    }
    out += ".\n";
    out += "Verdict: " + (!verdict.pass         ? style.wrap("1;31", "fail")
                          : verdict.report_only ? style.wrap("1;33", "report-only")
                                                : style.wrap("1;32", "pass"));
    out += " (gate: " + std::string(scan::to_string(report.gate)) + ")";
    if (!verdict.reasons.empty()) {
        out += " (" + join(verdict.reasons, "; ") + ")";
    }
    out += "\n";
    out += failing_lines(report, verdict);
    return out;
}

} // namespace vouch::report
