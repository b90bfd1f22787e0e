// scan::run: the whole scan pipeline behind `vouch scan` and `vouch check`.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vouch/advisory/database.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/scan/run.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/text.hpp>

namespace vouch::scan {

namespace adv = vouch::advisory;

std::string_view to_string(Gate gate) {
    switch (gate) {
    case Gate::any:
        return "any";
    case Gate::low:
        return "low";
    case Gate::moderate:
        return "moderate";
    case Gate::high:
        return "high";
    case Gate::critical:
        return "critical";
    case Gate::none:
        return "none";
    }
    return "any";
}

std::optional<Gate> parse_gate(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "any") {
        return Gate::any;
    }
    if (lower == "none") {
        return Gate::none;
    }
    if (auto level = parse_level(lower)) {
        switch (*level) {
        case Level::low:
            return Gate::low;
        case Level::moderate:
            return Gate::moderate;
        case Level::high:
            return Gate::high;
        case Level::critical:
            return Gate::critical;
        }
    }
    return std::nullopt;
}

bool at_least_as_strict(Gate applied, Gate required) {
    // The enum is declared strictest first.
    return static_cast<int>(applied) <= static_cast<int>(required);
}

bool fails_gate(const Finding& finding, Gate gate) {
    switch (gate) {
    case Gate::none:
        return false;
    case Gate::any:
        return !finding.suppression;
    case Gate::low:
        return counts_against(finding, Level::low);
    case Gate::moderate:
        return counts_against(finding, Level::moderate);
    case Gate::high:
        return counts_against(finding, Level::high);
    case Gate::critical:
        return counts_against(finding, Level::critical);
    }
    return true;
}

Verdict decide(const Report& report) {
    Verdict verdict;
    verdict.report_only = report.gate == Gate::none;
    for (std::size_t i = 0; i < report.findings.size(); ++i) {
        if (fails_gate(report.findings[i], report.gate)) {
            verdict.failing.push_back(i);
        }
    }
    if (!verdict.failing.empty()) {
        verdict.pass = false;
        const std::string count = std::to_string(verdict.failing.size());
        verdict.reasons.push_back(report.gate == Gate::any
                                      ? count + " unsuppressed finding(s) (gate: any finding)"
                                      : count + " finding(s) at or above " +
                                            std::string(to_string(report.gate)));
    }
    if (report.strict && report.database.too_old) {
        verdict.pass = false;
        char age[32];
        std::snprintf(age, sizeof age, "%.1f", report.database.age_days.value_or(0));
        verdict.reasons.push_back(
            "the advisory database is " + std::string(age) + " days old (--max-db-age " +
            std::to_string(static_cast<long>(report.max_db_age_days)) + ", --strict)");
    }
    return verdict;
}

ScanInput input_from_lockfile(lockfile::Lockfile lockfile, std::filesystem::path path,
                              std::string text) {
    ScanInput input;
    input.path = std::move(path);
    input.kind = "package-lock";
    input.sha256 = digest::sha256_hex(text);
    if (lockfile.text.empty()) { // a model built in code: keep the text with it
        lockfile.text = lockfile.arena->adopt(std::move(text));
    }
    input.lockfile = std::move(lockfile);
    input.text = input.lockfile.text;
    return input;
}

namespace {

// The advisory source for this run: an imported database or files read now.
struct Advisories {
    std::unique_ptr<adv::AdvisoryLookup> lookup;
    DatabaseProvenance provenance;
};

Result<Advisories> open_advisories(const Options& opts, util::TimePoint now) {
    Advisories out;
    if (!opts.advisory_files.empty()) {
        VOUCH_TRY_ASSIGN(auto index, adv::MemoryIndex::load(opts.advisory_files));
        out.provenance.kind = "advisories";
        for (const auto& source : index.sources()) {
            out.provenance.sources.push_back(util::strip_userinfo(source.location));
        }
        out.provenance.advisories = index.advisories().size();
        out.provenance.content_sha256 = adv::content_hash(index.advisories());
        out.lookup = std::make_unique<adv::MemoryIndex>(std::move(index));
        return out;
    }
    if (opts.database_dir.empty()) {
        return fail(Errc::usage, "no advisory database directory and no advisory files given");
    }
    VOUCH_TRY_ASSIGN(auto database, adv::Database::open(opts.database_dir));
    const auto& info = database.info();
    out.provenance.kind = "database";
    out.provenance.path = info.path;
    for (const auto& source : info.sources) {
        out.provenance.sources.push_back(util::strip_userinfo(source.location));
    }
    out.provenance.imported_at = info.imported_at;
    out.provenance.advisories = info.advisories;
    out.provenance.content_sha256 = info.content_sha256;
    auto imported = util::parse_rfc3339(info.imported_at);
    if (!imported) {
        return fail(Errc::parse, "the database records no valid import time", info.path);
    }
    double seconds = static_cast<double>((now - *imported).count());
    out.provenance.age_days = std::max(0.0, seconds / 86400.0);
    out.provenance.too_old = *out.provenance.age_days > opts.settings.max_db_age_days;
    out.lookup = std::make_unique<adv::Database>(std::move(database));
    return out;
}

std::string relative_if_under(const std::filesystem::path& path,
                              const std::filesystem::path& working_dir) {
    if (!working_dir.empty() && path.is_absolute()) {
        const auto relative = path.lexically_relative(working_dir);
        if (!relative.empty() && *relative.begin() != "..") {
            return relative.string();
        }
    }
    return path.string();
}

} // namespace

Result<Outcome> run(const Options& opts) {
    const Settings& settings = opts.settings;
    util::TimePoint now{};
    if (opts.now) {
        now = *opts.now;
    } else {
        VOUCH_TRY_ASSIGN(now, util::now());
    }
    if (settings.max_db_age_days < 0) {
        return fail(Errc::usage, "--max-db-age must not be negative");
    }
    // Suppression files first: a typo in them should fail before any slow work.
    std::vector<IgnoreFile> ignores;
    for (const auto& file : settings.ignore_files) {
        VOUCH_TRY_ASSIGN(auto text, util::read_file(file, std::uintmax_t{16} << 20));
        VOUCH_TRY_ASSIGN(auto parsed, parse_ignore_file(text, file.string()));
        ignores.push_back(std::move(parsed));
    }
    std::vector<VexDocument> vex;
    for (const auto& file : settings.vex_files) {
        VOUCH_TRY_ASSIGN(auto text, util::read_file(file, std::uintmax_t{64} << 20));
        VOUCH_TRY_ASSIGN(auto parsed, parse_vex(text, file.string()));
        vex.push_back(std::move(parsed));
    }

    ScanInput loaded;
    const ScanInput* input = opts.input;
    if (input == nullptr) {
        VOUCH_TRY_ASSIGN(loaded, load_input(opts.path));
        input = &loaded;
    }
    // A filtered copy only when something is left out (the scan needs a whole model).
    lockfile::Lockfile omitted;
    if (settings.omit.any()) {
        omitted = lockfile::apply_omit(input->lockfile, settings.omit);
    }
    const lockfile::Lockfile& scanned = settings.omit.any() ? omitted : input->lockfile;

    VOUCH_TRY_ASSIGN(auto advisories, open_advisories(opts, now));
    const adv::AdvisoryLookup& lookup = *advisories.lookup;
    VOUCH_TRY_ASSIGN(auto matched, match(scanned, [&lookup](std::string_view name) {
                         return lookup.for_package(name);
                     }));
    locate_lines(matched.findings, input->text, scanned, input->kind == "package-lock");
    auto suppressed = apply_suppressions(matched.findings, ignores, vex, now, scanned.root().name);

    Outcome outcome;
    Report& report = outcome.report;
    report.tool_version = opts.tool_version;
    report.generated_at = util::format_rfc3339(now);
    report.input_path = relative_if_under(input->path, opts.working_dir);
    report.input_kind = input->kind;
    report.input_sha256 = input->sha256;
    report.project_name = scanned.root().name;
    report.project_version = scanned.root().version;
    report.database = std::move(advisories.provenance);
    report.findings = std::move(matched.findings);
    report.notes = std::move(matched.notes);
    report.warnings = scanned.warnings;
    outcome.lockfile_warnings = scanned.warnings.size();
    report.warnings.insert(report.warnings.end(), suppressed.warnings.begin(),
                           suppressed.warnings.end());
    if (report.database.too_old) {
        char age[32];
        std::snprintf(age, sizeof age, "%.1f", report.database.age_days.value_or(0));
        report.warnings.push_back(
            "the advisory database is " + std::string(age) + " days old (more than --max-db-age " +
            std::to_string(static_cast<long>(settings.max_db_age_days)) + "): run vouch db update");
    }
    report.expired = std::move(suppressed.expired);
    report.packages_scanned = matched.packages_scanned;
    report.gate = settings.gate;
    report.strict = settings.strict;
    report.max_db_age_days = settings.max_db_age_days;
    outcome.verdict = decide(report);
    return outcome;
}

} // namespace vouch::scan
