// SARIF 2.1.0 for GitHub code scanning (specs.md 8.3): one rule per advisory, one result per
// finding located at the package's line in the lockfile.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <vouch/report/report.hpp>

namespace vouch::report {

namespace {

using nlohmann::ordered_json;

std::string truncate(std::string text, std::size_t limit) {
    if (text.size() > limit) {
        text.resize(limit - 3);
        text += "...";
    }
    return text;
}

// GitHub maps security-severity to its levels: > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium,
// 0.1-3.9 low; it must be above 0.0. Without a CVSS score the level's midpoint stands in.
std::string security_severity(const scan::Finding& finding) {
    double score = 0;
    if (finding.malware) {
        score = 10.0;
    } else if (finding.cvss) {
        score = std::max(*finding.cvss, 0.1);
    } else {
        switch (finding.severity) {
        case scan::Level::critical:
            score = 9.5;
            break;
        case scan::Level::high:
            score = 8.0;
            break;
        case scan::Level::moderate:
            score = 5.5;
            break;
        case scan::Level::low:
            score = 2.0;
            break;
        }
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f", score);
    return buffer;
}

std::string level_of(scan::Level level) {
    switch (level) {
    case scan::Level::critical:
    case scan::Level::high:
        return "error";
    case scan::Level::moderate:
        return "warning";
    case scan::Level::low:
        return "note";
    }
    return "warning";
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) {
        out += (out.empty() ? "" : separator) + part;
    }
    return out;
}

ordered_json rule_of(const scan::Finding& finding) {
    ordered_json rule;
    rule["id"] = finding.id;
    rule["name"] = truncate(finding.package + "/" + finding.id, 255);
    std::string title = finding.title.empty() ? finding.id : finding.title;
    rule["shortDescription"] = {{"text", truncate(title, 1024)}};
    std::string full = finding.id;
    if (!finding.aliases.empty()) {
        full += " (" + join(finding.aliases, ", ") + ")";
    }
    full += ": " + title;
    rule["fullDescription"] = {{"text", truncate(full, 1024)}};
    std::string help;
    std::string markdown;
    if (finding.malware) {
        help = finding.package + " is a known malicious package: remove it and treat the machines "
                                 "that installed it as compromised.";
        markdown = "`" + finding.package +
                   "` is a **known malicious package**: remove it and "
                   "treat the machines that installed it as compromised.";
    } else if (finding.fixed) {
        help = "Upgrade " + finding.package + " to " + *finding.fixed + " or later.";
        markdown = "Upgrade `" + finding.package + "` to `" + *finding.fixed + "` or later.";
    } else {
        help = "No fixed version of " + finding.package + " is known; remove or replace it.";
        markdown = "No fixed version of `" + finding.package + "` is known; remove or replace it.";
    }
    if (!finding.url.empty()) {
        markdown += "\n\nAdvisory: " + finding.url;
        rule["helpUri"] = finding.url;
    }
    rule["help"] = {{"text", help}, {"markdown", markdown}};
    rule["defaultConfiguration"] = {{"level", level_of(finding.severity)}};
    ordered_json tags = {"security", "dependency", "npm"};
    if (finding.malware) {
        tags.push_back("malware");
    }
    rule["properties"] = {
        {"tags", tags},
        {"precision", "high"},
        {"problem.severity", finding.severity >= scan::Level::high ? "error" : "warning"},
        {"security-severity", security_severity(finding)}};
    return rule;
}

ordered_json location_of(const std::string& uri, const scan::Install& install) {
    std::size_t line = install.line == 0 ? 1 : install.line;
    return {{"physicalLocation",
             {{"artifactLocation", {{"uri", uri}}},
              {"region", {{"startLine", line}, {"startColumn", 1}, {"endLine", line}}}}},
            {"message", {{"text", install.location}}}};
}

} // namespace

std::string render_sarif(const ScanReport& report) {
    ordered_json rules = ordered_json::array();
    std::map<std::string, std::size_t> rule_index;
    ordered_json results = ordered_json::array();
    std::string uri = report.input_path;
    if (uri.rfind("./", 0) == 0) {
        uri = uri.substr(2);
    }
    for (const auto& finding : report.findings) {
        auto [it, inserted] = rule_index.emplace(finding.id, rules.size());
        if (inserted) {
            rules.push_back(rule_of(finding));
        }
        ordered_json result;
        result["ruleId"] = finding.id;
        result["ruleIndex"] = it->second;
        result["level"] = level_of(finding.severity);
        std::string where = finding.installs.empty() ? "" : finding.installs.front().location;
        std::string message = finding.package + "@" + finding.version + " (" + where +
                              ") is affected by " + finding.id;
        if (!finding.aliases.empty()) {
            message += " (" + join(finding.aliases, ", ") + ")";
        }
        if (finding.malware) {
            message += ": a known malicious package";
        }
        message += finding.fixed ? "; fixed in " + *finding.fixed + "." : "; no fixed version.";
        if (!finding.title.empty()) {
            message += " " + finding.title;
        }
        result["message"] = {{"text", message}};
        ordered_json locations = ordered_json::array();
        ordered_json related = ordered_json::array();
        for (std::size_t i = 0; i < finding.installs.size(); ++i) {
            auto location = location_of(uri, finding.installs[i]);
            if (i == 0) {
                locations.push_back(location);
            } else if (related.size() < 100) {
                location["id"] = i;
                related.push_back(location);
            }
        }
        if (locations.empty()) {
            locations.push_back(location_of(uri, scan::Install{}));
        }
        result["locations"] = locations;
        if (!related.empty()) {
            result["relatedLocations"] = related;
        }
        // Independent of line numbers, so lockfile edits do not reopen alerts.
        result["partialFingerprints"] = {
            {"primaryLocationLineHash",
             finding.package + "@" + finding.version + ":" + finding.id}};
        if (finding.suppression) {
            result["suppressions"] =
                ordered_json::array({{{"kind", "external"},
                                      {"status", "accepted"},
                                      {"justification", finding.suppression->reason}}});
        }
        result["properties"] = {{"severity", std::string(scan::to_string(finding.severity))},
                                {"malware", finding.malware}};
        results.push_back(result);
    }
    ordered_json driver = {{"name", "vouch"},
                           {"semanticVersion", report.tool_version},
                           {"version", report.tool_version},
                           {"rules", rules}};
    ordered_json run = {{"tool", {{"driver", driver}}},
                        {"automationDetails", {{"id", "vouch-scan/"}}},
                        {"results", results}};
    ordered_json log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                        {"version", "2.1.0"},
                        {"runs", ordered_json::array({run})}};
    return log.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace vouch::report
