// The JSON report: the public output of `vouch scan --format json` and a verdict document.
#include <cmath>
#include <nlohmann/json.hpp>
#include <vouch/report/report.hpp>

namespace vouch::report {

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json nullable(const std::optional<std::string>& value) {
    return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json number_or_null(const std::optional<double>& value) {
    if (!value) {
        return nullptr;
    }
    return std::round(*value * 10.0) / 10.0;
}

ordered_json finding_json(const scan::Finding& finding) {
    ordered_json out;
    out["id"] = finding.id;
    out["aliases"] = finding.aliases;
    out["package"] = finding.package;
    out["version"] = finding.version;
    out["severity"] = std::string(scan::to_string(finding.severity));
    out["cvss"] = number_or_null(finding.cvss);
    out["fixed"] = nullable(finding.fixed);
    out["fixed_above"] = nullable(finding.fixed_above);
    ordered_json paths = ordered_json::array();
    ordered_json locations = ordered_json::array();
    bool all_dev = !finding.installs.empty();
    for (const auto& install : finding.installs) {
        paths.push_back(install.chain);
        locations.push_back(install.location);
        all_dev = all_dev && install.dev;
    }
    out["paths"] = paths;
    out["suppressed"] =
        finding.suppression ? ordered_json(finding.suppression->reason) : ordered_json(nullptr);
    out["malware"] = finding.malware;
    out["title"] = finding.title;
    out["url"] = finding.url.empty() ? ordered_json(nullptr) : ordered_json(finding.url);
    out["cwes"] = finding.cwes;
    out["cvss_vector"] =
        finding.cvss_vector.empty() ? ordered_json(nullptr) : ordered_json(finding.cvss_vector);
    out["severity_source"] = finding.severity_source;
    out["install_paths"] = locations;
    // Per path: "runtime" or "dev" (a dev-only chain must not be read as the runtime exposure).
    ordered_json scopes = ordered_json::array();
    for (const auto& install : finding.installs) {
        scopes.push_back(install.dev ? "dev" : "runtime");
    }
    out["path_scopes"] = scopes;
    out["dev"] = all_dev;
    ordered_json fix;
    fix["kind"] = std::string(scan::to_string(finding.fix.kind));
    fix["major"] = finding.fix.major;
    fix["direct"] =
        finding.fix.direct.empty() ? ordered_json(nullptr) : ordered_json(finding.fix.direct);
    fix["requirer"] =
        finding.fix.requirer.empty() ? ordered_json(nullptr) : ordered_json(finding.fix.requirer);
    fix["declared"] =
        finding.fix.declared.empty() ? ordered_json(nullptr) : ordered_json(finding.fix.declared);
    fix["advice"] = finding.fix.advice;
    out["fix"] = fix;
    out["notes"] = finding.notes;
    if (finding.suppression) {
        const auto& s = *finding.suppression;
        ordered_json suppression;
        suppression["source"] = s.source;
        suppression["file"] = s.file;
        suppression["line"] = s.line == 0 ? ordered_json(nullptr) : ordered_json(s.line);
        suppression["owner"] = s.owner.empty() ? ordered_json(nullptr) : ordered_json(s.owner);
        suppression["expires"] =
            s.expires.empty() ? ordered_json(nullptr) : ordered_json(s.expires);
        suppression["justification"] =
            s.justification.empty() ? ordered_json(nullptr) : ordered_json(s.justification);
        out["suppression"] = suppression;
    } else {
        out["suppression"] = nullptr;
    }
    if (!finding.suppressed_locations.empty() && !finding.suppression) {
        out["suppressed_paths"] = finding.suppressed_locations;
    }
    return out;
}

} // namespace

std::string render_json(const ScanReport& report, const Verdict& verdict) {
    ordered_json out;
    out["tool"] = {{"name", "vouch"}, {"version", report.tool_version}};
    out["generated_at"] = report.generated_at;
    out["verdict"] = std::string(verdict.word());
    out["verdict_reasons"] = verdict.reasons;
    // The threshold applied (docs/scan.md); `vouch verify --require-gate` compares it.
    out["gate"] = std::string(scan::to_string(report.gate));
    out["gate_options"] = {{"strict", report.strict}, {"max_db_age_days", report.max_db_age_days}};
    ordered_json failing = ordered_json::array();
    for (std::size_t index : verdict.failing) {
        const auto& finding = report.findings.at(index);
        failing.push_back(
            {{"id", finding.id},
             {"package", finding.package},
             {"version", finding.version},
             {"severity", finding.malware ? std::string("critical")
                                          : std::string(scan::to_string(finding.severity))},
             {"malware", finding.malware}});
    }
    out["failing"] = failing;
    out["lockfile"] = {
        {"path", report.input_path}, {"sha256", report.input_sha256}, {"kind", report.input_kind}};
    out["project"] = {{"name", report.project_name}, {"version", report.project_version}};
    const auto& db = report.database;
    ordered_json database;
    // The database's identity, as the verdict contract names it: content hash and import time.
    database["sha256"] =
        db.content_sha256.empty() ? ordered_json(nullptr) : ordered_json(db.content_sha256);
    database["imported"] =
        db.imported_at.empty() ? ordered_json(nullptr) : ordered_json(db.imported_at);
    database["kind"] = db.kind;
    database["path"] = db.path.empty() ? ordered_json(nullptr) : ordered_json(db.path);
    database["sources"] = db.sources;
    database["imported_at"] =
        db.imported_at.empty() ? ordered_json(nullptr) : ordered_json(db.imported_at);
    database["age_days"] = number_or_null(db.age_days);
    database["content_sha256"] =
        db.content_sha256.empty() ? ordered_json(nullptr) : ordered_json(db.content_sha256);
    database["advisories"] = db.advisories;
    database["too_old"] = db.too_old;
    out["database"] = database;

    std::size_t counts[4] = {0, 0, 0, 0};
    std::size_t suppressed = 0;
    std::size_t malware = 0;
    ordered_json findings = ordered_json::array();
    for (const auto& finding : report.findings) {
        if (finding.suppression) {
            ++suppressed;
        } else {
            ++counts[static_cast<int>(finding.severity)];
            malware += finding.malware ? 1 : 0;
        }
        findings.push_back(finding_json(finding));
    }
    ordered_json summary;
    summary["total_packages"] = report.packages_scanned;
    summary["findings"] = report.findings.size();
    summary["critical"] = counts[3];
    summary["high"] = counts[2];
    summary["moderate"] = counts[1];
    summary["low"] = counts[0];
    summary["malware"] = malware;
    summary["suppressed"] = suppressed;
    summary["verdict"] = std::string(verdict.word());
    out["summary"] = summary;
    out["findings"] = findings;
    ordered_json expired = ordered_json::array();
    for (const auto& entry : report.expired) {
        expired.push_back({{"id", entry.id},
                           {"package", entry.package.empty() ? ordered_json(nullptr)
                                                             : ordered_json(entry.package)},
                           {"owner", entry.owner},
                           {"reason", entry.reason},
                           {"expires", entry.expires},
                           {"file", entry.file},
                           {"line", entry.line},
                           {"matched", entry.matched}});
    }
    out["expired_suppressions"] = expired;
    out["warnings"] = report.warnings;
    out["notes"] = report.notes;
    return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

} // namespace vouch::report
