#include "render.hpp"

#include <map>
#include <vouch/util/text.hpp>

namespace vouch::check::detail {

namespace {

std::string safe(std::string_view text) {
    return util::escape_for_terminal(text);
}

std::string paint(const std::string& text, const char* code, bool color) {
    return color ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
}

std::string pad(std::string text, std::size_t width) {
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

} // namespace

ordered_json header_json(const Inputs& in) {
    ordered_json j;
    j["tool"] = {{"name", "vouch"}, {"version", VOUCH_VERSION}};
    j["generated"] = in.generated;
    j["lockfile"] = {{"path", in.input.path.string()}, {"sha256", in.input.sha256}};
    j["policy"] = {{"path", in.policy.path}, {"sha256", in.policy.sha256}};
    return j;
}

ordered_json licenses_json(const LicenseReport& report) {
    ordered_json j;
    j["summary"] = {{"packages", report.packages.size()},
                    {"allowed", report.allowed},
                    {"review", report.reviewed},
                    {"denied", report.denied},
                    {"failing", report.failing}};
    ordered_json packages = ordered_json::array();
    for (const auto& p : report.packages) {
        packages.push_back({{"name", p.name},
                            {"version", p.version},
                            {"location", p.location},
                            {"dev", p.dev},
                            {"declared", p.raw},
                            {"source", p.source},
                            {"license", p.license},
                            {"category", license::to_string(p.category)},
                            {"action", policy::to_string(p.action)},
                            {"fails", p.fails},
                            {"rule", p.rule},
                            {"detail", p.detail},
                            {"notes", p.notes}});
    }
    j["packages"] = std::move(packages);
    ordered_json expired = ordered_json::array();
    for (const auto* e : report.expired) {
        expired.push_back({{"package", e->package},
                           {"check", e->check},
                           {"expires", e->expires},
                           {"owner", e->owner},
                           {"line", e->line}});
    }
    j["expired_exceptions"] = std::move(expired);
    return j;
}

ordered_json lint_json(const lint::Report& report) {
    ordered_json j;
    j["summary"] = {{"packages", report.packages},
                    {"errors", report.errors},
                    {"warnings", report.warnings},
                    {"excepted", report.excepted}};
    ordered_json findings = ordered_json::array();
    for (const auto& f : report.findings) {
        ordered_json one = {{"rule", f.rule},         {"level", policy::to_string(f.mode)},
                            {"package", f.package},   {"version", f.version},
                            {"location", f.location}, {"detail", f.detail}};
        if (!f.excepted.empty()) {
            one["excepted"] = f.excepted;
        }
        findings.push_back(std::move(one));
    }
    j["findings"] = std::move(findings);
    ordered_json expired = ordered_json::array();
    for (const auto* e : report.expired) {
        expired.push_back({{"package", e->package},
                           {"check", e->check},
                           {"rule", e->rule},
                           {"expires", e->expires},
                           {"owner", e->owner},
                           {"line", e->line}});
    }
    j["expired_exceptions"] = std::move(expired);
    return j;
}

std::string licenses_table(const LicenseReport& report, bool color) {
    std::string out;
    for (const auto& p : report.packages) {
        if (p.action == policy::Action::allow) {
            continue;
        }
        const std::string status =
            p.fails ? paint("FAIL  ", "31", color) : paint("REVIEW", "33", color);
        out += status + "  " + pad(safe(p.name + "@" + p.version), 40) + "  " +
               pad(safe(p.license.empty() ? "(none)" : p.license), 24) + "  " + p.rule +
               (p.dev ? "  [dev]" : "") + "\n";
        for (const auto& note : p.notes) {
            out += "        note: " + safe(note) + "\n";
        }
    }
    // Category counts, then the verdict line.
    std::map<std::string, std::size_t> categories;
    for (const auto& p : report.packages) {
        ++categories[std::string(license::to_string(p.category))];
    }
    out += "licences: " + std::to_string(report.packages.size()) + " packages, " +
           std::to_string(report.allowed) + " allowed, " + std::to_string(report.reviewed) +
           " to review, " + std::to_string(report.denied) + " denied (";
    bool first = true;
    for (const auto& [name, count] : categories) {
        out += (first ? "" : ", ") + name + " " + std::to_string(count);
        first = false;
    }
    out += ")\n";
    return out;
}

std::string lint_table(const lint::Report& report, bool color) {
    std::string out;
    for (const auto& f : report.findings) {
        std::string status = !f.excepted.empty()             ? paint("EXCEPT", "36", color)
                             : f.mode == policy::Mode::error ? paint("FAIL  ", "31", color)
                                                             : paint("WARN  ", "33", color);
        const std::string what = f.package.empty() ? "(project)" : f.package + "@" + f.version;
        out += status + "  " + pad(f.rule, 18) + "  " + pad(safe(what), 36) + "  " +
               safe(f.detail) + "\n";
    }
    out += "lint: " + std::to_string(report.packages) + " packages, " +
           std::to_string(report.errors) + " error(s), " + std::to_string(report.warnings) +
           " warning(s), " + std::to_string(report.excepted) + " excepted\n";
    return out;
}

std::vector<SarifResult> licenses_sarif(const LicenseReport& report) {
    std::vector<SarifResult> out;
    for (const auto& p : report.packages) {
        if (p.action == policy::Action::allow) {
            continue;
        }
        out.push_back({"licenses/" + p.rule, p.fails ? "error" : "warning",
                       p.name + "@" + p.version + ": " + p.detail, p.location});
    }
    return out;
}

std::vector<SarifResult> lint_sarif(const lint::Report& report) {
    std::vector<SarifResult> out;
    for (const auto& f : report.findings) {
        if (!f.excepted.empty()) {
            continue;
        }
        const std::string what = f.package.empty() ? "" : f.package + "@" + f.version + ": ";
        out.push_back({"lint/" + f.rule, f.mode == policy::Mode::error ? "error" : "warning",
                       what + f.detail, f.location});
    }
    return out;
}

std::string sarif(const Inputs& in, const std::vector<SarifResult>& results) {
    ordered_json rules = ordered_json::array();
    std::map<std::string, std::size_t> rule_index;
    ordered_json out_results = ordered_json::array();
    for (const auto& r : results) {
        auto [it, added] = rule_index.emplace(r.rule, rule_index.size());
        if (added) {
            rules.push_back({{"id", r.rule}, {"shortDescription", {{"text", r.rule}}}});
        }
        std::size_t line = 0;
        if (in.input.kind == "package-lock" && !r.location.empty()) {
            const auto found = in.input.lockfile.by_location.find(r.location);
            if (found != in.input.lockfile.by_location.end()) {
                line = lockfile::line_of_location(in.input.text, in.input.lockfile, found->second);
            }
        }
        ordered_json physical = {{"artifactLocation", {{"uri", in.input.path.string()}}}};
        if (line > 0) {
            physical["region"] = {{"startLine", line}};
        }
        out_results.push_back({{"ruleId", r.rule},
                               {"ruleIndex", it->second},
                               {"level", r.level},
                               {"message", {{"text", r.message}}},
                               {"locations", {{{"physicalLocation", physical}}}}});
    }
    ordered_json doc = {
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         {{{"tool",
            {{"driver", {{"name", "vouch"}, {"version", VOUCH_VERSION}, {"rules", rules}}}}},
           {"results", out_results}}}}};
    return doc.dump(2) + "\n";
}

} // namespace vouch::check::detail
