// Severity of a finding: malware first, then computed CVSS, then the feed's label.
#include <algorithm>
#include <cctype>
#include <vouch/cvss/cvss.hpp>
#include <vouch/scan/scan.hpp>

namespace vouch::scan {

std::string_view to_string(Level level) {
    switch (level) {
    case Level::low:
        return "low";
    case Level::moderate:
        return "moderate";
    case Level::high:
        return "high";
    case Level::critical:
        return "critical";
    }
    return "moderate";
}

std::optional<Level> parse_level(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "low") {
        return Level::low;
    }
    if (lower == "moderate" || lower == "medium") {
        return Level::moderate;
    }
    if (lower == "high") {
        return Level::high;
    }
    if (lower == "critical") {
        return Level::critical;
    }
    return std::nullopt;
}

namespace {

// CVSS qualitative ratings -> the npm/GitHub vocabulary the gate uses. A 0.0 ("none") score
// still names a vulnerability, so it is reported as low rather than dropped.
Level level_of_cvss(const std::string& rating) {
    if (rating == "critical") {
        return Level::critical;
    }
    if (rating == "high") {
        return Level::high;
    }
    if (rating == "medium") {
        return Level::moderate;
    }
    return Level::low;
}

std::optional<Level> level_of_feed(advisory::Severity severity) {
    switch (severity) {
    case advisory::Severity::low:
        return Level::low;
    case advisory::Severity::moderate:
        return Level::moderate;
    case advisory::Severity::high:
        return Level::high;
    case advisory::Severity::critical:
        return Level::critical;
    case advisory::Severity::unknown:
        break;
    }
    return std::nullopt;
}

} // namespace

SeverityChoice choose_severity(const advisory::Advisory& advisory,
                               std::vector<std::string>* notes) {
    SeverityChoice choice;
    Level cvss_level = Level::low;
    for (const auto& vector : advisory.cvss_vectors) {
        auto score = cvss::score_vector(vector);
        if (!score) {
            if (notes) {
                notes->push_back("CVSS vector '" + vector +
                                 "' not scored: " + score.error().message);
            }
            continue;
        }
        if (!choice.cvss || score->base > *choice.cvss) {
            choice.cvss = score->base;
            choice.vector = vector;
            cvss_level = level_of_cvss(score->severity);
        }
    }
    if (advisory.malicious) {
        choice.level = Level::critical;
        choice.source = "malware";
    } else if (choice.cvss) {
        choice.level = cvss_level;
        choice.source = "cvss";
    } else if (auto feed = level_of_feed(advisory.feed_severity)) {
        choice.level = *feed;
        choice.source = "feed";
    } else {
        // No vector and no label: moderate, so that `--fail-on moderate` still catches it.
        choice.level = Level::moderate;
        choice.source = "default";
    }
    return choice;
}

} // namespace vouch::scan
