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

std::string render_json(const Collected& c) {
    const auto& report = c.scan.report;
    util::JsonWriter w;
    // A generous estimate (pages never written cost nothing): the licence list is most of it,
    // and growing a 2 MB string by doubling copies it over and over.
    w.reserve(64 * 1024 + 640 * c.licenses.packages.size() + 512 * c.lint.findings.size());
    w.begin_object();
    w.field("verdict", c.verdict);
    w.field("gate", scan::to_string(report.gate));
    w.key("lockfile").begin_object();
    w.field("path", c.in.input.path.string()).field("sha256", c.in.input.sha256).end_object();
    w.key("database").begin_object().field("sha256", report.database.content_sha256);
    w.key("imported");
    if (report.database.imported_at.empty()) {
        w.null();
    } else {
        w.value(report.database.imported_at);
    }
    w.field("kind", report.database.kind).field("advisories", report.database.advisories);
    w.end_object();
    w.field("generated", c.in.generated);
    w.key("policy").begin_object();
    w.field("path", c.in.policy.path).field("sha256", c.in.policy.sha256).end_object();
    w.key("tool")
        .begin_object()
        .field("name", "vouch")
        .field("version", VOUCH_VERSION)
        .end_object();
    w.key("failures").begin_array();
    for (const auto& f : c.failures) {
        w.begin_object()
            .field("check", f.check)
            .field("rule", f.rule)
            .field("package", f.package)
            .field("version", f.version)
            .field("detail", f.detail)
            .end_object();
    }
    w.end_array();
    w.key("licenses").begin_object();
    write_licenses(w, c.licenses);
    w.end_object();
    w.key("lint").begin_object();
    write_lint(w, c.lint);
    w.end_object();
    w.key("warnings").begin_array();
    for (const auto& warning : c.warnings) {
        w.value(warning);
    }
    w.end_array();
    w.end_object();
    // The scan's own JSON document (vouch scan --format json) goes in as it is rendered.
    std::string text = w.finish();
    std::string scan_json = report::render_json(report, c.scan.verdict);
    while (!scan_json.empty() && (scan_json.back() == '\n' || scan_json.back() == ' ')) {
        scan_json.pop_back();
    }
    text.resize(text.rfind('}'));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    text.append(",\n  \"scan\": ").append(scan_json).append("\n}\n");
    return text;
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
    out.made_from = std::make_shared<const Collected>(std::move(c));
    return out;
}

} // namespace vouch::check
