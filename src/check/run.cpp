// vouch licenses / vouch lint: read, decide, render.
#include "inputs.hpp"
#include "render.hpp"

#include <vouch/check/run.hpp>

namespace vouch::check {

using namespace detail;

namespace {

Status known_format(const std::string& format) {
    if (format != "table" && format != "json" && format != "sarif") {
        return fail(Errc::usage, "unknown --format " + format + " (table, json, sarif)");
    }
    return {};
}

} // namespace

Result<Output> run_licenses(const Request& request) {
    VOUCH_TRY(known_format(request.format));
    VOUCH_TRY_ASSIGN(auto in, read_inputs(request));
    const auto report = evaluate_licenses(in.input.lockfile, in.policy, in.today);
    Output out;
    out.pass = report.pass();
    for (const auto* e : report.expired) {
        out.warnings.push_back(expired_warning(*e));
    }
    if (!out.pass) {
        out.failure = std::to_string(report.failing) + " package(s) with a licence the policy " +
                      (report.denied > 0 ? "denies" : "sends to review");
    }
    if (request.format == "json") {
        util::JsonWriter w;
        w.begin_object();
        write_header(w, in);
        w.field("verdict", out.pass ? "pass" : "fail");
        write_licenses(w, report);
        w.end_object();
        out.rendered = w.finish();
    } else if (request.format == "sarif") {
        out.rendered = sarif(in, licenses_sarif(report));
    } else {
        out.rendered = licenses_table(report, request.color);
    }
    return out;
}

Result<Output> run_lint(const Request& request) {
    VOUCH_TRY(known_format(request.format));
    VOUCH_TRY_ASSIGN(auto in, read_inputs(request));
    if (in.input.kind != "package-lock") {
        return fail(Errc::unsupported,
                    "vouch lint needs an npm lockfile (an SBOM does not record where packages "
                    "come from)",
                    in.input.path.string());
    }
    VOUCH_TRY_ASSIGN(auto report,
                     lint::run(in.input.lockfile, in.package_json, in.policy, in.today));
    Output out;
    out.pass = report.pass();
    for (const auto* e : report.expired) {
        out.warnings.push_back(expired_warning(*e));
    }
    if (!out.pass) {
        out.failure = std::to_string(report.errors) + " lint error(s)";
    }
    if (request.format == "json") {
        util::JsonWriter w;
        w.begin_object();
        write_header(w, in);
        w.field("verdict", out.pass ? "pass" : "fail");
        write_lint(w, report);
        w.end_object();
        out.rendered = w.finish();
    } else if (request.format == "sarif") {
        out.rendered = sarif(in, lint_sarif(report));
    } else {
        out.rendered = lint_table(report, request.color);
    }
    return out;
}

} // namespace vouch::check
