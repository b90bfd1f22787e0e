// CVSS v3.0 / v3.1 base score (FIRST CVSS v3.1 specification, section 7.1 and Appendix A).
#include "cvss_internal.hpp"
#include "metrics.hpp"

#include <cmath>

namespace vouch::cvss::detail {

namespace {

const std::vector<MetricSpec>& v3_specs() {
    static const std::vector<MetricSpec> specs = {
        {"AV", {"N", "A", "L", "P"}, true},
        {"AC", {"L", "H"}, true},
        {"PR", {"N", "L", "H"}, true},
        {"UI", {"N", "R"}, true},
        {"S", {"U", "C"}, true},
        {"C", {"H", "L", "N"}, true},
        {"I", {"H", "L", "N"}, true},
        {"A", {"H", "L", "N"}, true},
        // Temporal and environmental metrics: validated, not part of the base score.
        {"E", {"X", "U", "P", "F", "H"}},
        {"RL", {"X", "O", "T", "W", "U"}},
        {"RC", {"X", "U", "R", "C"}},
        {"CR", {"X", "L", "M", "H"}},
        {"IR", {"X", "L", "M", "H"}},
        {"AR", {"X", "L", "M", "H"}},
        {"MAV", {"X", "N", "A", "L", "P"}},
        {"MAC", {"X", "L", "H"}},
        {"MPR", {"X", "N", "L", "H"}},
        {"MUI", {"X", "N", "R"}},
        {"MS", {"X", "U", "C"}},
        {"MC", {"X", "N", "L", "H"}},
        {"MI", {"X", "N", "L", "H"}},
        {"MA", {"X", "N", "L", "H"}},
    };
    return specs;
}

double impact_weight(std::string_view v) {
    return v == "H" ? 0.56 : v == "L" ? 0.22 : 0.0;
}

} // namespace

// Appendix A: the smallest one-decimal number >= x, computed on integers so that
// floating-point noise (4.000000000000001) does not push a score up by 0.1.
double roundup(double x) {
    const auto scaled = static_cast<long long>(std::llround(x * 100000.0));
    if (scaled % 10000 == 0) {
        return static_cast<double>(scaled) / 100000.0;
    }
    return static_cast<double>(scaled / 10000 + 1) / 10.0;
}

Result<double> score_v3(std::string_view body, std::string_view vector) {
    VOUCH_TRY_ASSIGN(const auto m, parse_metrics(body, vector, v3_specs()));
    const bool changed = m.at("S") == "C";
    const auto& av = m.at("AV");
    const auto& pr = m.at("PR");
    const double attack_vector = av == "N" ? 0.85 : av == "A" ? 0.62 : av == "L" ? 0.55 : 0.2;
    const double complexity = m.at("AC") == "L" ? 0.77 : 0.44;
    const double privileges = pr == "N"   ? 0.85
                              : pr == "L" ? (changed ? 0.68 : 0.62)
                                          : (changed ? 0.5 : 0.27);
    const double interaction = m.at("UI") == "N" ? 0.85 : 0.62;

    const double iss = 1.0 - ((1.0 - impact_weight(m.at("C"))) * (1.0 - impact_weight(m.at("I"))) *
                              (1.0 - impact_weight(m.at("A"))));
    const double impact =
        changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
    const double exploitability = 8.22 * attack_vector * complexity * privileges * interaction;
    if (impact <= 0) {
        return 0.0;
    }
    if (changed) {
        return roundup(std::min(1.08 * (impact + exploitability), 10.0));
    }
    return roundup(std::min(impact + exploitability, 10.0));
}

} // namespace vouch::cvss::detail
