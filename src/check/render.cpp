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

void write_header(util::JsonWriter& w, const Inputs& in) {
    w.key("tool")
        .begin_object()
        .field("name", "vouch")
        .field("version", VOUCH_VERSION)
        .end_object();
    w.field("generated", in.generated);
    w.key("lockfile").begin_object();
    w.field("path", in.input.path.string()).field("sha256", in.input.sha256).end_object();
    w.key("policy").begin_object();
    w.field("path", in.policy.path).field("sha256", in.policy.sha256).end_object();
}

namespace {

void write_strings(util::JsonWriter& w, std::string_view key,
                   const std::vector<std::string>& list) {
    w.key(key).begin_array();
    for (const auto& item : list) {
        w.value(item);
    }
    w.end_array();
}

void write_expired(util::JsonWriter& w, const std::vector<const policy::Exception*>& expired) {
    w.key("expired_exceptions").begin_array();
    for (const auto* e : expired) {
        w.begin_object()
            .field("package", e->package)
            .field("check", e->check)
            .field("rule", e->rule)
            .field("expires", e->expires)
            .field("owner", e->owner)
            .field("line", e->line)
            .end_object();
    }
    w.end_array();
}

} // namespace

void write_licenses(util::JsonWriter& w, const LicenseReport& report) {
    w.key("summary").begin_object();
    w.field("packages", report.packages.size()).field("allowed", report.allowed);
    w.field("review", report.reviewed).field("denied", report.denied);
    w.field("failing", report.failing).end_object();
    w.key("packages").begin_array();
    for (const auto& p : report.packages) {
        w.begin_object()
            .field("name", p.name)
            .field("version", p.version)
            .field("location", p.location)
            .field("dev", p.dev)
            .field("declared", p.raw)
            .field("source", p.source)
            .field("license", p.license)
            .field("category", license::to_string(p.category))
            .field("action", policy::to_string(p.action))
            .field("fails", p.fails)
            .field("rule", p.rule)
            .field("detail", p.detail);
        write_strings(w, "notes", p.notes);
        w.end_object();
    }
    w.end_array();
    write_expired(w, report.expired);
}

void write_lint(util::JsonWriter& w, const lint::Report& report) {
    w.key("summary").begin_object();
    w.field("packages", report.packages).field("errors", report.errors);
    w.field("warnings", report.warnings).field("excepted", report.excepted).end_object();
    w.key("findings").begin_array();
    for (const auto& f : report.findings) {
        w.begin_object()
            .field("rule", f.rule)
            .field("level", policy::to_string(f.mode))
            .field("package", f.package)
            .field("version", f.version)
            .field("location", f.location)
            .field("detail", f.detail);
        if (!f.excepted.empty()) {
            w.field("excepted", f.excepted);
        }
        w.end_object();
    }
    w.end_array();
    write_expired(w, report.expired);
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
            const auto found = in.input.lockfile.package_at(r.location);
            if (found != lockfile::npos) {
                line = lockfile::line_of_location(in.input.text, in.input.lockfile, found);
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
