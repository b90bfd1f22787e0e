#include <charconv>
#include <nlohmann/json.hpp>
#include <vouch/util/text.hpp>
#include <vouch/verify/pipeline.hpp>

namespace vouch::verify {

Result<std::chrono::seconds> parse_duration(std::string_view text) {
    auto bad = [&] {
        return fail(Errc::usage, "--max-age: '" + std::string(text) +
                                     "' is not a duration like 30m, 24h, 7d, 2w or 45s");
    };
    if (text.size() < 2) {
        return bad();
    }
    const char unit = text.back();
    const auto digits = text.substr(0, text.size() - 1);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc{} || end != digits.data() + digits.size() || value <= 0 ||
        value > 100LL * 365 * 24 * 3600) {
        return bad();
    }
    std::int64_t scale = 0;
    switch (unit) {
    case 's':
        scale = 1;
        break;
    case 'm':
        scale = 60;
        break;
    case 'h':
        scale = 3600;
        break;
    case 'd':
        scale = 86400;
        break;
    case 'w':
        scale = 7 * 86400;
        break;
    default:
        return bad();
    }
    return std::chrono::seconds{value * scale};
}

std::string format_duration(std::chrono::seconds duration) {
    auto left = duration.count();
    if (left == 0) {
        return "0s";
    }
    std::string out;
    const std::pair<std::int64_t, const char*> units[] = {
        {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
    for (const auto& [size, name] : units) {
        if (left >= size) {
            if (!out.empty()) {
                out += ' ';
            }
            out += std::to_string(left / size);
            out += name;
            left %= size;
        }
    }
    return out;
}

std::string status_name(CheckStatus status) {
    switch (status) {
    case CheckStatus::pass:
        return "pass";
    case CheckStatus::fail:
        return "fail";
    case CheckStatus::skipped:
        return "skipped";
    }
    return "fail";
}

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

// What was signed, for the person deciding: every value comes from the attestation, so escaped.
std::string render_recorded(const Report& report) {
    std::string out;
    auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            std::string name = label;
            name.resize(13, ' ');
            out += "  " + name + util::escape_for_terminal(value) + "\n";
        }
    };
    if (report.recorded || !report.envelope_key_ids.empty()) {
        out += "recorded:\n";
    }
    if (const auto& recorded = report.recorded) {
        std::string commit = recorded->commit.empty() ? "(none)" : recorded->commit;
        if (!recorded->commit_source.empty()) {
            commit += " (from " + recorded->commit_source + ")";
        }
        line("commit", commit);
        line("ref", recorded->ref);
        line("repository", recorded->repository);
        line("builder", recorded->builder_id);
        line("ci run", recorded->ci_run);
        line("signed at", recorded->signed_at ? util::format_rfc3339(*recorded->signed_at) : "");
        line("inspection", recorded->inspection);
    }
    line("key ids", joined(report.envelope_key_ids));
    line("verified by", joined(report.signer_key_ids));
    return out;
}

nlohmann::ordered_json recorded_json(const Report& report) {
    if (!report.recorded) {
        return nullptr;
    }
    const auto& recorded = *report.recorded;
    auto text = [](const std::string& value) {
        return value.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(value);
    };
    return {{"commit", text(recorded.commit)},
            {"commit_source", text(recorded.commit_source)},
            {"ref", text(recorded.ref)},
            {"repository", text(recorded.repository)},
            {"builder", text(recorded.builder_id)},
            {"ci_run", text(recorded.ci_run)},
            {"signed_at", recorded.signed_at
                              ? nlohmann::ordered_json(util::format_rfc3339(*recorded.signed_at))
                              : nlohmann::ordered_json()},
            {"inspection", text(recorded.inspection)}};
}

} // namespace

std::string render_text(const Report& report) {
    std::string out;
    if (report.passed()) {
        std::size_t skipped = 0;
        for (const auto& check : report.checks) {
            skipped += check.status == CheckStatus::skipped ? 1 : 0;
        }
        out = "verified: ";
        out += std::to_string(report.checks.size() - skipped);
        out += " checks passed, ";
        out += std::to_string(skipped);
        out += " skipped (not requested)\n";
    } else {
        out = "NOT verified: check '";
        out += report.first_failure()->name;
        out += "' failed\n";
    }
    for (const auto& check : report.checks) {
        std::string status = status_name(check.status);
        status.resize(8, ' ');
        std::string name = check.name;
        name.resize(13, ' ');
        // Details quote file names and envelope values: escaped, so no control sequence reaches
        // the terminal and each check stays on one line.
        out += "  " + status + name + util::escape_for_terminal(check.detail) + "\n";
    }
    out += render_recorded(report);
    return out;
}

std::string render_json(const Report& report, const Request& request) {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& check : report.checks) {
        checks.push_back({{"name", check.name},
                          {"status", status_name(check.status)},
                          {"detail", check.detail}});
    }
    nlohmann::ordered_json artifacts = nlohmann::ordered_json::array();
    for (const auto& artifact : request.artifacts) {
        artifacts.push_back(artifact.generic_string());
    }
    const nlohmann::ordered_json out = {
        {"verified", report.passed()},
        {"attestation", request.attestation.generic_string()},
        {"artifacts", artifacts},
        {"failed_check", report.passed() ? nlohmann::ordered_json()
                                         : nlohmann::ordered_json(report.first_failure()->name)},
        {"expected_commit", request.expected_commit
                                ? nlohmann::ordered_json{{"sha", *request.expected_commit},
                                                         {"source", request.expected_commit_source}}
                                : nlohmann::ordered_json()},
        {"any_commit", request.any_commit},
        {"allow_unchecked_sbom", request.allow_unchecked_sbom},
        {"require_inspection", request.require_inspection || request.require_inspection_policy},
        {"signers", report.signer_key_ids},
        {"key_ids", report.envelope_key_ids},
        {"recorded", recorded_json(report)},
        {"checks", checks}};
    // Paths may hold any bytes; replace invalid UTF-8 rather than throw.
    return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace vouch::verify
