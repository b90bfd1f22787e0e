// Table, JSON and SARIF renderings of an inspection. Findings hold only redacted excerpts, so no
// format can carry a secret.
#include <vouch/inspect/inspect.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/json_writer.hpp>
#include <vouch/util/text.hpp>

namespace vouch::inspect {

namespace {

std::string verdict_of(const Outcome& o) {
    if (o.threshold.kind == Threshold::Kind::none) {
        return "report-only";
    }
    return o.passed() ? "pass" : "fail";
}

std::string_view kind_name(OutputKind kind) {
    return kind == OutputKind::vercel_output ? "vercel-output" : "next";
}

std::string_view sarif_level(Severity s) {
    return s >= Severity::high ? "error" : (s == Severity::moderate ? "warning" : "note");
}

std::string_view security_severity(Severity s) {
    switch (s) {
    case Severity::critical:
        return "9.5";
    case Severity::high:
        return "8.0";
    case Severity::moderate:
        return "5.5";
    case Severity::low:
        return "2.0";
    }
    return "9.5";
}

} // namespace

std::string render_json(const Outcome& o) {
    util::JsonWriter w;
    w.begin_object();
    w.field("kind", kind_name(o.kind));
    w.field("root", o.root.empty() ? std::string(".") : o.root);
    w.field("verdict", verdict_of(o));
    w.field("threshold", threshold_name(o.threshold));
    w.key("findings").begin_array();
    for (const auto& f : o.findings) {
        w.begin_object();
        w.field("rule", f.rule);
        w.field("severity", severity_name(f.severity));
        w.field("file", f.file);
        w.field("line", f.line);
        w.field("column", f.column);
        w.field("excerpt", f.excerpt);
        w.field("detail", f.detail);
        if (f.suppressed_by) {
            w.field("suppressed", *f.suppressed_by);
        }
        w.end_object();
    }
    w.end_array();
    w.key("rule_counts").begin_object();
    for (const auto& [rule, n] : o.rule_counts()) {
        w.field(rule, n);
    }
    w.end_object();
    w.key("expired_exceptions").begin_array();
    for (const auto& e : o.expired) {
        w.begin_object();
        w.field("rule", e.rule);
        w.field("path", e.path);
        w.field("owner", e.owner);
        w.field("expires", e.expires);
        w.field("reason", e.reason);
        w.end_object();
    }
    w.end_array();
    w.field("files_scanned", o.files_scanned);
    w.field("bytes_scanned", static_cast<std::int64_t>(o.bytes_scanned));
    w.end_object();
    return w.finish();
}

std::string render_sarif(const Outcome& o) {
    util::JsonWriter w;
    w.begin_object();
    w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    w.field("version", "2.1.0");
    w.key("runs").begin_array().begin_object();
    w.key("tool").begin_object().key("driver").begin_object();
    w.field("name", "vouch-inspect");
    w.field("semanticVersion", VOUCH_VERSION);
    w.key("rules").begin_array();
    std::vector<std::string_view> ids = all_rule_ids();
    for (auto id : ids) {
        w.begin_object();
        w.field("id", id);
        w.key("shortDescription").begin_object().field("text", id).end_object();
        w.key("fullDescription")
            .begin_object()
            .field("text", "vouch inspect rule " + std::string(id) + " (docs/inspect.md)")
            .end_object();
        w.key("help")
            .begin_object()
            .field("text", "See docs/inspect.md#" + std::string(id))
            .end_object();
        w.key("properties").begin_object();
        w.key("tags").begin_array().value("security").end_array();
        w.end_object();
        w.end_object();
    }
    w.end_array();
    w.end_object().end_object(); // driver, tool
    w.key("results").begin_array();
    for (const auto& f : o.findings) {
        std::size_t index = 0;
        while (index < ids.size() && ids[index] != f.rule) {
            ++index;
        }
        w.begin_object();
        w.field("ruleId", f.rule);
        w.field("ruleIndex", index);
        w.field("level", sarif_level(f.severity));
        w.key("message")
            .begin_object()
            .field("text", f.detail + (f.excerpt.empty() ? "" : " (" + f.excerpt + ")"))
            .end_object();
        w.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
        w.key("artifactLocation").begin_object().field("uri", f.file).end_object();
        w.key("region")
            .begin_object()
            .field("startLine", f.line)
            .field("startColumn", f.column)
            .end_object();
        w.end_object().end_object().end_array();
        w.key("partialFingerprints")
            .begin_object()
            .field("primaryLocationLineHash", f.rule + ":" + f.file + ":" + f.excerpt)
            .end_object();
        w.key("properties")
            .begin_object()
            .field("security-severity", security_severity(f.severity))
            .end_object();
        if (f.suppressed_by) {
            w.key("suppressions").begin_array().begin_object();
            w.field("kind", "external");
            w.field("justification", *f.suppressed_by);
            w.end_object().end_array();
        }
        w.end_object();
    }
    w.end_array();
    w.end_object().end_array(); // run, runs
    w.end_object();
    return w.finish();
}

std::string render_table(const Outcome& o) {
    std::string out;
    for (const auto& f : o.findings) {
        std::string line = std::string(severity_name(f.severity));
        line.resize(10, ' ');
        line +=
            f.rule + "  " + f.file + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
        if (!f.excerpt.empty()) {
            line += "  " + f.excerpt;
        }
        line += "  " + f.detail;
        if (f.suppressed_by) {
            line += "  [suppressed: " + *f.suppressed_by + "]";
        }
        out += util::escape_for_terminal(line) + "\n";
    }
    for (const auto& e : o.expired) {
        out += util::escape_for_terminal("expired exception (no longer applied): " + e.rule + " " +
                                         e.path + " (" + e.owner + ", expired " + e.expires + ")") +
               "\n";
    }
    out += std::to_string(o.findings.size()) + " finding(s), " + std::to_string(o.failing()) +
           " at or above threshold " + threshold_name(o.threshold) + "; " +
           std::to_string(o.files_scanned) + " file(s) scanned: " + verdict_of(o) + "\n";
    return out;
}

} // namespace vouch::inspect
