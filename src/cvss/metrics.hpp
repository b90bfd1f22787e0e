#pragma once
// Vector-string parsing shared by v3 and v4: "KEY:VALUE" pairs separated by "/", checked against
// a table of known metrics, allowed values and which metrics are mandatory.
#include <map>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::cvss::detail {

struct MetricSpec {
    std::string_view key;
    std::vector<std::string_view> values;
    bool mandatory = false;
};

using Metrics = std::map<std::string, std::string, std::less<>>;

// `body` is the vector without its "CVSS:x.y/" prefix; `vector` is the whole text (messages).
Result<Metrics> parse_metrics(std::string_view body, std::string_view vector,
                              const std::vector<MetricSpec>& specs);

// A value from parsed metrics, or "X" (not defined) when absent.
std::string_view value_or_x(const Metrics& metrics, std::string_view key);

// "malformed CVSS vector '<vector, shortened>': <what>".
Error malformed(std::string_view vector, const std::string& what);

} // namespace vouch::cvss::detail
