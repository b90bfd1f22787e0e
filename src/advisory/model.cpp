#include <algorithm>
#include <cctype>
#include <vouch/advisory/advisory.hpp>

namespace vouch::advisory {

std::string_view to_string(Severity severity) {
    switch (severity) {
    case Severity::low:
        return "low";
    case Severity::moderate:
        return "moderate";
    case Severity::high:
        return "high";
    case Severity::critical:
        return "critical";
    case Severity::unknown:
        break;
    }
    return "unknown";
}

std::optional<Severity> parse_severity(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "low")
        return Severity::low;
    if (lower == "moderate" || lower == "medium")
        return Severity::moderate;
    if (lower == "high")
        return Severity::high;
    if (lower == "critical")
        return Severity::critical;
    return std::nullopt;
}

std::string_view to_string(Event::Kind kind) {
    switch (kind) {
    case Event::Kind::introduced:
        return "introduced";
    case Event::Kind::fixed:
        return "fixed";
    case Event::Kind::last_affected:
        return "last_affected";
    case Event::Kind::limit:
        return "limit";
    }
    return "introduced";
}

} // namespace vouch::advisory
