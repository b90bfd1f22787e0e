// vouch report: one self-contained HTML page (or Markdown) for a supplier reviewer: summary with
// inline SVG charts, every package, the policy and database identities, the control mapping.
#include "collect.hpp"
#include "controls.hpp"

#include <deque>
#include <map>
#include <vouch/check/run.hpp>
#include <vouch/util/text.hpp>

namespace vouch::check {

using namespace detail;

namespace {

// Lockfile, policy and feed text: control characters (an ESC from a package name would act when
// the Markdown or HTML file is shown in a terminal) become visible escapes, then HTML is escaped.
std::string html(std::string_view raw) {
    const std::string text = util::escape_for_terminal(raw);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// Markdown table cell: pipes and newlines would break the table; HTML is escaped too (GitHub
// renders inline HTML in comments).
std::string md(std::string_view text) {
    std::string out;
    for (char c : html(text)) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (c == '`' || c == '*' || c == '_' || c == '[' || c == ']') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

std::string_view source_name(lockfile::Source s) {
    switch (s) {
    case lockfile::Source::registry:
        return "registry";
    case lockfile::Source::git:
        return "git";
    case lockfile::Source::remote_tarball:
        return "remote-tarball";
    case lockfile::Source::local_tarball:
        return "local-tarball";
    case lockfile::Source::directory:
        return "directory";
    case lockfile::Source::root:
        return "root";
    }
    return "?";
}

struct Row {
    std::string name, version, license, category, licence_verdict, rule, advisories, worst;
    std::string source, integrity, path;
    bool dev = false, scripts = false, fails = false;
    std::size_t lint_findings = 0;
};

struct Model {
    std::vector<Row> rows;
    std::vector<std::pair<std::string, std::size_t>> categories, severities, sources;
    std::size_t install_scripts = 0, open_findings = 0, suppressed = 0;
};

// Shortest dependency path of every package, by one breadth-first walk from the root.
std::vector<std::string> paths_from_root(const lockfile::Lockfile& lock) {
    std::vector<std::size_t> parent(lock.packages.size(), lockfile::npos);
    std::vector<bool> seen(lock.packages.size(), false);
    std::deque<std::size_t> queue{0};
    seen[0] = true;
    while (!queue.empty()) {
        const std::size_t at = queue.front();
        queue.pop_front();
        for (std::size_t next : lock.packages[at].depends_on) {
            if (next < seen.size() && !seen[next]) {
                seen[next] = true;
                parent[next] = at;
                queue.push_back(next);
            }
        }
    }
    std::vector<std::string> out(lock.packages.size());
    for (std::size_t i = 1; i < lock.packages.size(); ++i) {
        if (!seen[i]) {
            out[i] = "(not reachable from the root)";
            continue;
        }
        std::vector<std::string> names;
        for (std::size_t at = i; at != lockfile::npos && at != 0 && names.size() < 64;
             at = parent[at]) {
            names.emplace_back(lock.packages[at].name);
        }
        for (auto it = names.rbegin(); it != names.rend(); ++it) {
            out[i] += (out[i].empty() ? "" : " > ") + *it;
        }
    }
    return out;
}

Model build_model(const Collected& c) {
    Model m;
    const auto& lock = c.in.input.lockfile;
    const auto paths = paths_from_root(lock);
    std::map<std::string, std::vector<const scan::Finding*>> findings_by_package;
    std::map<std::string, std::size_t> severities;
    for (const auto& f : c.scan.report.findings) {
        findings_by_package[f.package + "@" + f.version].push_back(&f);
        if (f.suppression) {
            ++m.suppressed;
        } else {
            ++m.open_findings;
            ++severities[std::string(scan::to_string(f.severity))];
        }
    }
    std::map<std::string, std::size_t> lint_by_location;
    for (const auto& f : c.lint.findings) {
        ++lint_by_location[f.location];
    }
    std::map<std::string, std::size_t> categories, sources;
    for (const auto& p : c.licenses.packages) {
        const auto& pkg = lock.packages[p.index];
        Row r;
        r.name = p.name;
        r.version = p.version;
        r.license = p.license.empty() ? "(none)" : p.license;
        r.category = std::string(license::to_string(p.category));
        r.licence_verdict = std::string(policy::to_string(p.action));
        r.rule = p.rule;
        r.fails = p.fails;
        r.dev = p.dev;
        r.scripts = pkg.has_install_script;
        r.source = std::string(source_name(pkg.source));
        r.integrity = pkg.digests.empty() ? (pkg.integrity.empty() ? "none" : "unrecognised")
                                          : pkg.digests.front().algorithm;
        r.path = paths[p.index];
        r.lint_findings = lint_by_location[std::string(pkg.location)];
        if (const auto it = findings_by_package.find(p.name + "@" + p.version);
            it != findings_by_package.end()) {
            for (const auto* f : it->second) {
                r.advisories += (r.advisories.empty() ? "" : " ") + f->id +
                                (f->suppression ? " (suppressed)" : "");
                if (!f->suppression && r.worst.empty()) {
                    r.worst = std::string(scan::to_string(f->severity)); // sorted worst first
                }
            }
        }
        ++categories[r.category];
        ++sources[r.source];
        m.install_scripts += r.scripts ? 1 : 0;
        m.rows.push_back(std::move(r));
    }
    for (const char* name : {"permissive", "weak-copyleft", "strong-copyleft", "network-copyleft",
                             "proprietary", "unknown"}) {
        m.categories.emplace_back(name, categories[name]);
    }
    for (const char* name : {"critical", "high", "moderate", "low"}) {
        m.severities.emplace_back(name, severities[name]);
    }
    for (const auto& [name, n] : sources) {
        m.sources.emplace_back(name, n);
    }
    return m;
}

// A small horizontal bar chart.
std::string svg_bars(const std::string& title,
                     const std::vector<std::pair<std::string, std::size_t>>& bars,
                     const char* color) {
    std::size_t max = 1;
    for (const auto& [_, n] : bars) {
        max = std::max(max, n);
    }
    const int row = 22, label = 130, width = 360;
    const int height = static_cast<int>(bars.size()) * row + 8;
    std::string out = "<figure><figcaption>" + html(title) +
                      "</figcaption><svg role=\"img\" "
                      "aria-label=\"" +
                      html(title) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\">";
    int y = 4;
    for (const auto& [name, n] : bars) {
        const int w = static_cast<int>((width - label - 50) * n / max);
        out += "<text x=\"0\" y=\"" + std::to_string(y + 14) + "\">" + html(name) + "</text>";
        out += "<rect x=\"" + std::to_string(label) + "\" y=\"" + std::to_string(y + 3) +
               "\" width=\"" + std::to_string(std::max(w, n > 0 ? 2 : 0)) +
               "\" height=\"14\" fill=\"" + color + "\"/>";
        out += "<text x=\"" + std::to_string(label + w + 6) + "\" y=\"" + std::to_string(y + 14) +
               "\">" + std::to_string(n) + "</text>";
        y += row;
    }
    return out + "</svg></figure>";
}

constexpr const char* k_css = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1b1f24;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
.verdict{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:600;color:#fff}
.pass{background:#1a7f37}.fail{background:#cf222e}.report-only{background:#9a6700}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:20px}
.charts{display:flex;flex-wrap:wrap;gap:24px}figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#1b1f24}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa;position:sticky;top:0}th.sortable{cursor:pointer}th.sortable:after{content:" \2195";color:#8c959f}
tr.fails td{background:#ffebe9}td.path{color:#57606a;font-size:12px}
.controls td{font-size:12.5px}code{font-size:12px;word-break:break-all}
.filters{margin:8px 0;display:flex;gap:8px;align-items:center}input,select{font:inherit;padding:3px 6px}
footer{margin-top:32px;color:#57606a;font-size:12px}
)css";

constexpr const char* k_js = R"js(
(function(){
  var table=document.getElementById('packages');var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  var text=document.getElementById('filter');var which=document.getElementById('which');
  var shown=document.getElementById('shown');
  function apply(){
    var q=text.value.toLowerCase();var w=which.value;var n=0;
    rows.forEach(function(r){
      var ok=(!q||r.textContent.toLowerCase().indexOf(q)>=0)&&
             (w==='all'||(w==='fails'&&r.classList.contains('fails'))||
              (w==='advisories'&&r.dataset.advisories==='1')||(w==='scripts'&&r.dataset.scripts==='1')||
              (w==='review'&&r.dataset.licence!=='allow'));
      r.style.display=ok?'':'none';if(ok)n++;
    });
    shown.textContent=n+' of '+rows.length+' packages shown';
  }
  text.addEventListener('input',apply);which.addEventListener('change',apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    th.classList.add('sortable');
    th.addEventListener('click',function(){
      var dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';
      rows.sort(function(a,b){
        var x=a.cells[i].textContent,y=b.cells[i].textContent;
        var nx=parseFloat(x),ny=parseFloat(y);
        if(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x&&String(ny)===y)return dir*(nx-ny);
        return dir*x.localeCompare(y);
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  apply();
})();
)js";

std::string render_html(const Collected& c, const Model& m) {
    const auto& report = c.scan.report;
    const auto& db = report.database;
    std::string project = report.project_name.empty()
                              ? "(unnamed project)"
                              : report.project_name + " " + report.project_version;
    std::string o;
    o.reserve(4096 + m.rows.size() * 600);
    o += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>Supplier report: " +
         html(project) + "</title><style>" + k_css + "</style></head><body>\n";
    o += "<h1>Supplier report: " + html(project) + "</h1>\n";
    o += "<p>Verdict <span id=\"verdict\" class=\"verdict " + c.verdict + "\">" + c.verdict +
         "</span> under policy <code>" + html(c.in.policy.path) + "</code>. Generated " +
         html(c.in.generated) + " by vouch " VOUCH_VERSION " from <code>" +
         html(c.in.input.path.string()) + "</code> (sha256 <code>" + c.in.input.sha256 +
         "</code>).</p>\n";

    o += "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">";
    auto card = [&](const std::string& label, std::size_t n) {
        o += "<div class=\"card\"><b>" + std::to_string(n) + "</b>" + html(label) + "</div>";
    };
    card("packages", m.rows.size());
    card("open advisories", m.open_findings);
    card("suppressed advisories", m.suppressed);
    card("licences denied", c.licenses.denied);
    card("licences to review", c.licenses.reviewed);
    card("lint errors", c.lint.errors);
    card("lint warnings", c.lint.warnings);
    card("install scripts", m.install_scripts);
    o += "</div><div class=\"charts\">";
    o += svg_bars("Licence categories", m.categories, "#0969da");
    o += svg_bars("Open advisories by severity", m.severities, "#cf222e");
    o += svg_bars("Package sources", m.sources, "#8250df");
    o += "</div></section>\n";

    o += "<section id=\"failures\"><h2>What fails the policy (" +
         std::to_string(c.failures.size()) + ")</h2>";
    if (c.failures.empty()) {
        o += "<p>Nothing: every check passed.</p>";
    } else {
        o += "<table><thead><tr><th>check</th><th>rule</th><th>package</th><th>detail</th></tr>"
             "</thead><tbody>";
        for (const auto& f : c.failures) {
            o += "<tr><td>" + html(f.check) + "</td><td>" + html(f.rule) + "</td><td>" +
                 html(f.package.empty() ? "(project)" : f.package + "@" + f.version) + "</td><td>" +
                 html(f.detail) + "</td></tr>";
        }
        o += "</tbody></table>";
    }
    o += "</section>\n";

    o += "<section><h2>Packages</h2><div class=\"filters\"><input id=\"filter\" "
         "type=\"search\" placeholder=\"Filter packages\" aria-label=\"Filter packages\">"
         "<select id=\"which\" aria-label=\"Show\"><option value=\"all\">all</option>"
         "<option value=\"fails\">failing</option><option value=\"review\">licence not "
         "allowed</option><option value=\"advisories\">with advisories</option><option "
         "value=\"scripts\">with install scripts</option></select><span id=\"shown\"></span>"
         "</div>";
    o += "<table id=\"packages\"><thead><tr><th>name</th><th>version</th><th>licence</th>"
         "<th>licence verdict</th><th>advisories</th><th>source</th><th>integrity</th>"
         "<th>install script</th><th>lint</th><th>dependency path</th></tr></thead><tbody>\n";
    for (const auto& r : m.rows) {
        o += "<tr class=\"pkg" + std::string(r.fails ? " fails" : "") + "\" data-licence=\"" +
             r.licence_verdict + "\" data-advisories=\"" + (r.advisories.empty() ? "0" : "1") +
             "\" data-scripts=\"" + (r.scripts ? "1" : "0") + "\"><td>" + html(r.name) +
             (r.dev ? " <small>(dev)</small>" : "") + "</td><td>" + html(r.version) + "</td><td>" +
             html(r.license) + "<br><small>" + html(r.category) + "</small></td><td>" +
             html(r.licence_verdict) + "<br><small>" + html(r.rule) + "</small></td><td>" +
             html(r.advisories.empty()
                      ? ""
                      : r.advisories + (r.worst.empty() ? "" : " [" + r.worst + "]")) +
             "</td><td>" + html(r.source) + "</td><td>" + html(r.integrity) + "</td><td>" +
             (r.scripts ? "yes" : "no") + "</td><td>" + std::to_string(r.lint_findings) +
             "</td><td class=\"path\">" + html(r.path) + "</td></tr>\n";
    }
    o += "</tbody></table></section>\n";

    o += "<section id=\"inputs\"><h2>Policy and advisory database</h2><table><tbody>";
    o += "<tr><th>policy</th><td><code>" + html(c.in.policy.path) + "</code> sha256 <code>" +
         c.in.policy.sha256 + "</code><br>" + html(c.in.policy.description) + "</td></tr>";
    o += "<tr><th>advisory gate</th><td>" + html(std::string(scan::to_string(report.gate))) +
         "</td></tr>";
    o += "<tr><th>advisories</th><td>" + html(db.kind) + ", " + std::to_string(db.advisories) +
         " advisories, content sha256 <code>" + html(db.content_sha256) + "</code>" +
         (db.imported_at.empty() ? std::string(", read for this run")
                                 : ", imported " + html(db.imported_at)) +
         "</td></tr>";
    std::string sources;
    for (const auto& s : db.sources) {
        sources += (sources.empty() ? "" : "<br>") + html(s);
    }
    o += "<tr><th>advisory sources</th><td>" + sources + "</td></tr>";
    o += "<tr><th>SPDX licence list</th><td>" + html(license::spdx_list_version()) + "</td></tr>";
    o += "</tbody></table></section>\n";

    o += "<section id=\"controls\"><h2>Audit controls this evidence supports</h2><p>vouch "
         "produces evidence <em>for</em> these controls; it does not satisfy or implement them. "
         "Scope: the npm packages in the lockfile only.</p><table class=\"controls\"><thead><tr>"
         "<th>check</th><th>control (ISO 27001 2013 / 2022, SOC 2, SSDF)</th><th>evidence in "
         "this report</th><th>what an auditor still needs</th></tr></thead><tbody>";
    for (const auto& row : control_rows()) {
        o += "<tr><td>" + html(row.check) + "</td><td>" + html(row.control) + "</td><td>" +
             html(row.evidence) + "</td><td>" + html(row.still_needed) + "</td></tr>";
    }
    o += "</tbody></table><p>Not evidenced by vouch:</p><ul>";
    for (auto line : not_evidenced()) {
        o += "<li>" + html(line) + "</li>";
    }
    o += "</ul></section>\n";
    o += "<footer>This page summarises machine checks; it is not an assurance report and carries "
         "no auditor opinion. It is only as trustworthy as the signed artifacts it summarises: "
         "check them (vouch verify). Declared licences are not concluded licences.</footer>\n";
    o += "<script>" + std::string(k_js) + "</script></body></html>\n";
    return o;
}

std::string render_markdown(const Collected& c, const Model& m) {
    const auto& report = c.scan.report;
    const auto& db = report.database;
    std::string o =
        "## vouch supplier report: " +
        md(report.project_name.empty() ? "(unnamed project)"
                                       : report.project_name + " " + report.project_version) +
        "\n\n";
    // Paths are the user's file names: md(), not a code span (a backtick would end it).
    o += "**Verdict: " + c.verdict + "** under policy " + md(c.in.policy.path) + " (sha256 `" +
         c.in.policy.sha256.substr(0, 16) + "…`), generated " + md(c.in.generated) + " from " +
         md(c.in.input.path.string()) + " (sha256 `" + c.in.input.sha256.substr(0, 16) + "…`).\n\n";
    o += "| packages | open advisories | suppressed | licences denied | to review | lint errors "
         "| lint warnings | install scripts |\n|---|---|---|---|---|---|---|---|\n";
    o += "| " + std::to_string(m.rows.size()) + " | " + std::to_string(m.open_findings) + " | " +
         std::to_string(m.suppressed) + " | " + std::to_string(c.licenses.denied) + " | " +
         std::to_string(c.licenses.reviewed) + " | " + std::to_string(c.lint.errors) + " | " +
         std::to_string(c.lint.warnings) + " | " + std::to_string(m.install_scripts) + " |\n\n";
    auto counts = [&](const std::vector<std::pair<std::string, std::size_t>>& v) {
        std::string s;
        for (const auto& [name, n] : v) {
            s += (s.empty() ? "" : ", ") + name + " " + std::to_string(n);
        }
        return s;
    };
    o += "Licence categories: " + counts(m.categories) +
         ".  \nOpen advisories: " + counts(m.severities) + ".  \nSources: " + counts(m.sources) +
         ".\n\n";
    o += "### What fails the policy (" + std::to_string(c.failures.size()) + ")\n\n";
    if (c.failures.empty()) {
        o += "Nothing: every check passed.\n\n";
    } else {
        o += "| check | rule | package | detail |\n|---|---|---|---|\n";
        for (const auto& f : c.failures) {
            o += "| " + f.check + " | " + md(f.rule) + " | " +
                 md(f.package.empty() ? "(project)" : f.package + "@" + f.version) + " | " +
                 md(f.detail) + " |\n";
        }
        o += "\n";
    }
    o += "<details><summary>All " + std::to_string(m.rows.size()) +
         " packages</summary>\n\n| name | version | licence | licence verdict | advisories | "
         "source | integrity | install script | dependency path |\n|---|---|---|---|---|---|---|"
         "---|---|\n";
    for (const auto& r : m.rows) {
        o += "| " + md(r.name) + (r.dev ? " (dev)" : "") + " | " + md(r.version) + " | " +
             md(r.license) + " | " + md(r.licence_verdict + " (" + r.rule + ")") + " | " +
             md(r.advisories) + " | " + r.source + " | " + r.integrity + " | " +
             (r.scripts ? "yes" : "no") + " | " + md(r.path) + " |\n";
    }
    o += "\n</details>\n\n### Policy and advisory database\n\n";
    o += "- policy " + md(c.in.policy.path) + " sha256 `" + c.in.policy.sha256 +
         "`: " + md(c.in.policy.description) + "\n";
    o += "- advisory gate: " + std::string(scan::to_string(report.gate)) + "\n";
    o += "- advisories: " + db.kind + ", " + std::to_string(db.advisories) +
         " advisories, content sha256 `" + db.content_sha256 + "`" +
         (db.imported_at.empty() ? ", read for this run" : ", imported " + db.imported_at) + "\n";
    o += "- SPDX licence list " + std::string(license::spdx_list_version()) + "\n\n";
    o += "### Audit controls this evidence supports\n\nvouch produces evidence *for* these "
         "controls; it does not satisfy or implement them. Scope: the npm packages in the "
         "lockfile only.\n\n| check | control | evidence | what an auditor still needs |\n"
         "|---|---|---|---|\n";
    for (const auto& row : control_rows()) {
        o += "| " + md(row.check) + " | " + md(row.control) + " | " + md(row.evidence) + " | " +
             md(row.still_needed) + " |\n";
    }
    o += "\nNot evidenced by vouch: ";
    bool first = true;
    for (auto line : not_evidenced()) {
        o += (first ? "" : "; ") + md(line);
        first = false;
    }
    o += ".\n\n_Not an assurance report; no auditor opinion. Only as trustworthy as the signed "
         "artifacts it summarises. Declared licences are not concluded licences._\n";
    return o;
}

} // namespace

Result<Output> run_report(const Request& request) {
    if (request.format != "html" && request.format != "markdown") {
        return fail(Errc::usage, "unknown --format " + request.format + " (html, markdown)");
    }
    VOUCH_TRY_ASSIGN(auto c, collect(request));
    const Model m = build_model(c);
    Output out;
    // The report documents the state; writing it succeeds whatever the verdict (vouch check
    // gates).
    out.pass = true;
    out.warnings = c.warnings;
    out.rendered = request.format == "html" ? render_html(c, m) : render_markdown(c, m);
    return out;
}

} // namespace vouch::check
