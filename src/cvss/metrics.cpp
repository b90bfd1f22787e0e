#include "metrics.hpp"

#include <algorithm>

namespace vouch::cvss::detail {

Error malformed(std::string_view vector, const std::string& what) {
    constexpr std::size_t shown = 120; // keep hostile inputs from flooding the one-line error
    std::string text(vector.substr(0, shown));
    if (vector.size() > shown) {
        text += "...";
    }
    return make_error(Errc::parse, "malformed CVSS vector '" + text + "': " + what);
}

Result<Metrics> parse_metrics(std::string_view body, std::string_view vector,
                              const std::vector<MetricSpec>& specs) {
    Metrics metrics;
    std::size_t start = 0;
    while (true) {
        const auto slash = body.find('/', start);
        const auto part = body.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        const auto colon = part.find(':');
        if (part.empty() || colon == std::string_view::npos) {
            return fail(malformed(vector, "expected METRIC:VALUE, got '" +
                                              std::string(part.substr(0, 40)) + "'"));
        }
        const auto key = part.substr(0, colon);
        const auto value = part.substr(colon + 1);
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const MetricSpec& s) { return s.key == key; });
        if (spec == specs.end()) {
            return fail(
                malformed(vector, "unknown metric '" + std::string(key.substr(0, 40)) + "'"));
        }
        if (std::find(spec->values.begin(), spec->values.end(), value) == spec->values.end()) {
            return fail(malformed(vector, "bad value '" + std::string(value.substr(0, 40)) +
                                              "' for metric " + std::string(key)));
        }
        if (!metrics.emplace(std::string(key), std::string(value)).second) {
            return fail(malformed(vector, "duplicate metric " + std::string(key)));
        }
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    for (const auto& spec : specs) {
        if (spec.mandatory && !metrics.contains(spec.key)) {
            return fail(malformed(vector, "missing metric " + std::string(spec.key)));
        }
    }
    return metrics;
}

std::string_view value_or_x(const Metrics& metrics, std::string_view key) {
    const auto it = metrics.find(key);
    return it == metrics.end() ? std::string_view("X") : std::string_view(it->second);
}

} // namespace vouch::cvss::detail
