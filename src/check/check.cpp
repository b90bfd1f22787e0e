// vouch check: scan + licences + lint, one report, one verdict document.
#include "collect.hpp"
#include "render.hpp"

#include <map>
#include <vouch/check/run.hpp>
#include <vouch/report/report.hpp>
#include <vouch/util/text.hpp>

namespace vouch::check {

using namespace detail;

namespace {

ordered_json failures_json(const std::vector<Failure>& failures) {
    ordered_json out = ordered_json::array();
    for (const auto& f : failures) {
        out.push_back({{"check", f.check},
                       {"rule", f.rule},
                       {"package", f.package},
                       {"version", f.version},
                       {"detail", f.detail}});
    }
    return out;
}

std::string render_json(const Collected& c) {
    const auto& report = c.scan.report;
    ordered_json j;
    j["verdict"] = c.verdict;
    j["gate"] = std::string(scan::to_string(report.gate));
    j["lockfile"] = {{"path", c.in.input.path.string()}, {"sha256", c.in.input.sha256}};
    j["database"] = {{"sha256", report.database.content_sha256},
                     {"imported", report.database.imported_at.empty()
                                      ? ordered_json(nullptr)
                                      : ordered_json(report.database.imported_at)},
                     {"kind", report.database.kind},
                     {"advisories", report.database.advisories}};
    j["generated"] = c.in.generated;
    j["policy"] = {{"path", c.in.policy.path}, {"sha256", c.in.policy.sha256}};
    j["tool"] = {{"name", "vouch"}, {"version", VOUCH_VERSION}};
    j["failures"] = failures_json(c.failures);
    j["scan"] = ordered_json::parse(report::render_json(report, c.scan.verdict));
    j["licenses"] = licenses_json(c.licenses);
    j["lint"] = lint_json(c.lint);
    j["warnings"] = c.warnings;
    return j.dump(2) + "\n";
}

std::string render_table(const Collected& c, bool color) {
    std::string out = "== advisories ==\n";
    out += report::render_table(c.scan.report, c.scan.verdict, color);
    out += "\n== licences ==\n" + licenses_table(c.licenses, color);
    out += "\n== lint ==\n" + lint_table(c.lint, color);
    std::map<std::string, std::size_t> by_check;
    for (const auto& f : c.failures) {
        ++by_check[f.check];
    }
    out += "\nverdict: " + c.verdict;
    if (!c.failures.empty()) {
        out += " (";
        bool first = true;
        for (const auto& [check, n] : by_check) {
            out += (first ? "" : ", ") + check + " " + std::to_string(n);
            first = false;
        }
        out += ")\n";
        for (const auto& f : c.failures) {
            const std::string what = f.package.empty() ? "" : f.package + "@" + f.version + ": ";
            out += "  " + f.check + "/" + util::escape_for_terminal(f.rule) + "  " +
                   util::escape_for_terminal(what + f.detail) + "\n";
        }
    } else {
        out += "\n";
    }
    return out;
}

std::string render_sarif(const Collected& c) {
    std::vector<SarifResult> results;
    const auto& report = c.scan.report;
    std::vector<bool> failing(report.findings.size(), false);
    for (std::size_t i : c.scan.verdict.failing) {
        failing[i] = true;
    }
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
        const auto& f = report.findings[i];
        if (f.suppression) {
            continue;
        }
        for (const auto& install : f.installs) {
            results.push_back({"scan/" + f.id, failing[i] ? "error" : "warning",
                               f.package + "@" + f.version + ": " +
                                   std::string(scan::to_string(f.severity)) + ": " + f.title,
                               install.location});
        }
    }
    for (auto& r : licenses_sarif(c.licenses)) {
        results.push_back(std::move(r));
    }
    for (auto& r : lint_sarif(c.lint)) {
        results.push_back(std::move(r));
    }
    return sarif(c.in, results);
}

} // namespace

Result<Output> run_check(const Request& request) {
    if (request.format != "table" && request.format != "json" && request.format != "sarif") {
        return fail(Errc::usage, "unknown --format " + request.format + " (table, json, sarif)");
    }
    VOUCH_TRY_ASSIGN(auto c, collect(request));
    Output out;
    out.pass = c.verdict != "fail";
    out.warnings = c.warnings;
    if (!out.pass) {
        std::map<std::string, std::size_t> by_check;
        for (const auto& f : c.failures) {
            ++by_check[f.check];
        }
        for (const auto& [check, n] : by_check) {
            out.failure +=
                (out.failure.empty() ? "" : ", ") + std::to_string(n) + " " + check + " failure(s)";
        }
    }
    if (request.format == "json") {
        out.rendered = render_json(c);
    } else if (request.format == "sarif") {
        out.rendered = render_sarif(c);
    } else {
        out.rendered = render_table(c, request.color);
    }
    return out;
}

} // namespace vouch::check
