#include "cvss_internal.hpp"
#include "metrics.hpp"

#include <vouch/cvss/cvss.hpp>

namespace vouch::cvss {

std::string severity_for(double score) {
    // Scores carry one decimal; compare with half-step margins so 3.9 / 4.0 never straddle.
    if (score < 0.05) {
        return "none";
    }
    if (score < 3.95) {
        return "low";
    }
    if (score < 6.95) {
        return "medium";
    }
    if (score < 8.95) {
        return "high";
    }
    return "critical";
}

Result<Score> score_vector(std::string_view vector) {
    auto text = vector;
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    Score score;
    if (text.starts_with("CVSS:")) {
        const auto slash = text.find('/');
        const auto version =
            text.substr(5, slash == std::string_view::npos ? std::string_view::npos : slash - 5);
        const bool known = version == "3.1" || version == "3.0" || version == "4.0";
        if (!known) {
            return fail(Errc::unsupported, "unsupported CVSS version '" +
                                               std::string(version.substr(0, 20)) +
                                               "' (vouch scores CVSS 3.0, 3.1 and 4.0)");
        }
        if (slash == std::string_view::npos) {
            return fail(detail::malformed(text, "no metrics after the version prefix"));
        }
        const auto body = text.substr(slash + 1);
        if (version == "4.0") {
            VOUCH_TRY_ASSIGN(score.base, detail::score_v4(body, text));
            score.major_version = 4;
        } else {
            VOUCH_TRY_ASSIGN(score.base, detail::score_v3(body, text));
            score.major_version = 3;
        }
    } else if (text.find("Au:") != std::string_view::npos) {
        return fail(Errc::unsupported, "CVSS v2 vectors are not scored (vouch scores CVSS 3.0, "
                                       "3.1 and 4.0)");
    } else {
        return fail(detail::malformed(text, "expected a 'CVSS:3.1/', 'CVSS:3.0/' or 'CVSS:4.0/' "
                                            "prefix"));
    }
    score.severity = severity_for(score.base);
    return score;
}

} // namespace vouch::cvss
