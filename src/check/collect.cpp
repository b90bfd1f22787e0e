#include "collect.hpp"

#include <vouch/util/background.hpp>

namespace vouch::check::detail {

namespace {

// Policy paths are relative to the policy file (the built-in one: to the working directory).
std::filesystem::path beside_policy(const policy::Policy& policy, const std::string& path) {
    const std::filesystem::path p(path);
    if (p.is_absolute() || policy.path.rfind("builtin:", 0) == 0) {
        return p;
    }
    return std::filesystem::path(policy.path).parent_path() / p;
}

} // namespace

Result<Collected> collect(const Request& request) {
    Collected out;
    VOUCH_TRY_ASSIGN(out.in, read_inputs(request));
    const auto& in = out.in;
    if (in.input.kind != "package-lock") {
        return fail(Errc::unsupported,
                    "vouch check needs an npm lockfile (an SBOM does not record where packages "
                    "come from, so the lint rules could not run)",
                    in.input.path.string());
    }

    scan::Options scan_options;
    scan_options.input = &in.input;
    scan_options.database_dir = request.database_dir;
    scan_options.advisory_files = request.advisories;
    scan_options.tool_version = VOUCH_VERSION;
    scan_options.now = request.now;
    scan_options.working_dir = request.working_dir;
    auto& settings = scan_options.settings;
    settings.gate = *scan::parse_gate(in.policy.scan.fail_on); // validated by the policy reader
    settings.max_db_age_days = in.policy.scan.max_db_age;
    settings.strict = in.policy.scan.strict_db_age;
    for (const auto& file : in.policy.scan.ignore) {
        settings.ignore_files.push_back(beside_policy(in.policy, file));
    }
    for (const auto& file : in.policy.scan.vex) {
        settings.vex_files.push_back(beside_policy(in.policy, file));
    }
    // Scan, licences and lint only read the model (none adds to its arena), so lint runs on a
    // second core while this one scans and evaluates licences (about the same time on the
    // largest corpus lockfile): check costs little more than scan.
    auto linted = util::in_background(
        [&in] { return lint::run(in.input.lockfile, in.package_json, in.policy, in.today); });
    auto scanned = scan::run(scan_options);
    if (scanned) {
        out.licenses = evaluate_licenses(in.input.lockfile, in.policy, in.today);
    }
    auto lint = linted.get();
    VOUCH_TRY_ASSIGN(out.scan, std::move(scanned));
    VOUCH_TRY_ASSIGN(out.lint, std::move(lint));

    const auto& report = out.scan.report;
    for (std::size_t i : out.scan.verdict.failing) {
        const auto& f = report.findings[i];
        out.failures.push_back({"scan", f.id, f.package, f.version,
                                std::string(scan::to_string(f.severity)) + ": " + f.title});
    }
    if (!out.scan.verdict.pass && out.scan.verdict.failing.empty()) {
        for (const auto& reason : out.scan.verdict.reasons) {
            out.failures.push_back({"scan", "max-db-age", "", "", reason});
        }
    }
    for (const auto& p : out.licenses.packages) {
        if (p.fails) {
            out.failures.push_back({"licenses", p.rule, p.name, p.version, p.detail});
        }
    }
    for (const auto& f : out.lint.findings) {
        if (f.counts()) {
            out.failures.push_back({"lint", f.rule, f.package, f.version, f.detail});
        }
    }
    out.verdict = !out.failures.empty()          ? "fail"
                  : out.scan.verdict.report_only ? "report-only"
                                                 : "pass";
    for (std::size_t i = out.scan.lockfile_warnings; i < report.warnings.size(); ++i) {
        out.warnings.push_back(report.warnings[i]);
    }
    for (const auto* e : out.licenses.expired) {
        out.warnings.push_back(expired_warning(*e));
    }
    for (const auto* e : out.lint.expired) {
        if (std::find(out.licenses.expired.begin(), out.licenses.expired.end(), e) ==
            out.licenses.expired.end()) {
            out.warnings.push_back(expired_warning(*e));
        }
    }
    return out;
}

} // namespace vouch::check::detail
