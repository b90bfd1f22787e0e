// CVSS v4.0 scoring (FIRST CVSS v4.0 specification section 8): the vector is mapped to a
// MacroVector of six equivalence classes, whose score is looked up and then lowered by the mean
// proportional severity distance of the vector from the highest-severity vectors of its
// MacroVector, towards the next-lower MacroVectors. Arithmetic follows FIRST's reference
// calculator (cvss_score.js) step for step so results match it exactly, including its rounding.
#include "cvss4_tables.hpp"
#include "cvss_internal.hpp"
#include "metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

namespace vouch::cvss::detail {

namespace {

const std::vector<MetricSpec>& v4_specs() {
    static const std::vector<MetricSpec> specs = {
        // Base
        {"AV", {"N", "A", "L", "P"}, true},
        {"AC", {"L", "H"}, true},
        {"AT", {"N", "P"}, true},
        {"PR", {"N", "L", "H"}, true},
        {"UI", {"N", "P", "A"}, true},
        {"VC", {"H", "L", "N"}, true},
        {"VI", {"H", "L", "N"}, true},
        {"VA", {"H", "L", "N"}, true},
        {"SC", {"H", "L", "N"}, true},
        {"SI", {"H", "L", "N"}, true},
        {"SA", {"H", "L", "N"}, true},
        // Threat
        {"E", {"X", "A", "P", "U"}},
        // Environmental
        {"CR", {"X", "H", "M", "L"}},
        {"IR", {"X", "H", "M", "L"}},
        {"AR", {"X", "H", "M", "L"}},
        {"MAV", {"X", "N", "A", "L", "P"}},
        {"MAC", {"X", "L", "H"}},
        {"MAT", {"X", "N", "P"}},
        {"MPR", {"X", "N", "L", "H"}},
        {"MUI", {"X", "N", "P", "A"}},
        {"MVC", {"X", "H", "L", "N"}},
        {"MVI", {"X", "H", "L", "N"}},
        {"MVA", {"X", "H", "L", "N"}},
        {"MSC", {"X", "H", "L", "N"}},
        {"MSI", {"X", "S", "H", "L", "N"}},
        {"MSA", {"X", "S", "H", "L", "N"}},
        // Supplemental (no effect on the score)
        {"S", {"X", "N", "P"}},
        {"AU", {"X", "N", "Y"}},
        {"R", {"X", "A", "U", "I"}},
        {"V", {"X", "D", "C"}},
        {"RE", {"X", "L", "M", "H"}},
        {"U", {"X", "Clear", "Green", "Amber", "Red"}},
    };
    return specs;
}

// The value a metric takes for scoring: unset E counts as A (worst case), unset CR/IR/AR as H,
// and a defined modified metric (M<metric>) overrides the base value.
std::string_view effective(const Metrics& metrics, std::string_view key) {
    const auto value = value_or_x(metrics, key); // views into `metrics` or a literal
    if (key == "E" && value == "X") {
        return "A";
    }
    if ((key == "CR" || key == "IR" || key == "AR") && value == "X") {
        return "H";
    }
    char modified_key[8] = "M";
    key.copy(modified_key + 1, std::min<std::size_t>(key.size(), 6));
    const auto modified = value_or_x(metrics, std::string_view(modified_key, 1 + key.size()));
    if (modified != "X") {
        return modified;
    }
    return value;
}

// Severity levels per metric value (distance unit 0.1), as in the reference calculator.
double level(std::string_view metric, std::string_view value) {
    struct Level {
        std::string_view metric, value;
        double level;
    };
    static constexpr Level levels[] = {
        {"AV", "N", 0.0}, {"AV", "A", 0.1}, {"AV", "L", 0.2}, {"AV", "P", 0.3}, {"PR", "N", 0.0},
        {"PR", "L", 0.1}, {"PR", "H", 0.2}, {"UI", "N", 0.0}, {"UI", "P", 0.1}, {"UI", "A", 0.2},
        {"AC", "L", 0.0}, {"AC", "H", 0.1}, {"AT", "N", 0.0}, {"AT", "P", 0.1}, {"VC", "H", 0.0},
        {"VC", "L", 0.1}, {"VC", "N", 0.2}, {"VI", "H", 0.0}, {"VI", "L", 0.1}, {"VI", "N", 0.2},
        {"VA", "H", 0.0}, {"VA", "L", 0.1}, {"VA", "N", 0.2}, {"SC", "H", 0.1}, {"SC", "L", 0.2},
        {"SC", "N", 0.3}, {"SI", "S", 0.0}, {"SI", "H", 0.1}, {"SI", "L", 0.2}, {"SI", "N", 0.3},
        {"SA", "S", 0.0}, {"SA", "H", 0.1}, {"SA", "L", 0.2}, {"SA", "N", 0.3}, {"CR", "H", 0.0},
        {"CR", "M", 0.1}, {"CR", "L", 0.2}, {"IR", "H", 0.0}, {"IR", "M", 0.1}, {"IR", "L", 0.2},
        {"AR", "H", 0.0}, {"AR", "M", 0.1}, {"AR", "L", 0.2},
    };
    for (const auto& entry : levels) {
        if (entry.metric == metric && entry.value == value) {
            return entry.level;
        }
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// Highest-severity vectors of each EQ class ("max composed" data of the specification).
using Parts = std::vector<std::string_view>;
const Parts& eq1_maxes(int eq1) {
    static const Parts data[3] = {
        {"AV:N/PR:N/UI:N"},
        {"AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"},
        {"AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"},
    };
    return data[eq1];
}
const Parts& eq2_maxes(int eq2) {
    static const Parts data[2] = {{"AC:L/AT:N"}, {"AC:H/AT:N", "AC:L/AT:P"}};
    return data[eq2];
}
const Parts& eq3_eq6_maxes(int eq3, int eq6) {
    static const Parts empty;
    static const Parts data[3][2] = {
        {{"VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"},
         {"VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"}},
        {{"VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"},
         {"VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M",
          "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H",
          "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"}},
        {{}, {"VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"}},
    };
    return (eq3 >= 0 && eq3 < 3 && eq6 >= 0 && eq6 < 2) ? data[eq3][eq6] : empty;
}
const Parts& eq4_maxes(int eq4) {
    static const Parts data[3] = {{"SC:H/SI:S/SA:S"}, {"SC:H/SI:H/SA:H"}, {"SC:L/SI:L/SA:L"}};
    return data[eq4];
}

// Depth of each MacroVector class in distance units ("max severity" data), times 0.1 later.
double eq1_depth(int eq) {
    return std::array{1.0, 4.0, 5.0}[eq];
}
double eq2_depth(int eq) {
    return std::array{1.0, 2.0}[eq];
}
double eq3_eq6_depth(int eq3, int eq6) {
    static const double data[3][2] = {{7, 6}, {8, 8}, {0, 10}};
    return data[eq3][eq6];
}
double eq4_depth(int eq) {
    return std::array{6.0, 5.0, 4.0}[eq];
}

// Score of a MacroVector, NaN when it does not exist (the spec's "no lower MacroVector").
double lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
    // Digits beyond each class's range (eq1 = 3, ...) index a NaN slot.
    static const auto table = [] {
        std::array<double, 4 * 3 * 4 * 4 * 4 * 3> scores;
        scores.fill(std::numeric_limits<double>::quiet_NaN());
        for (const auto& entry : macro_vector_scores()) {
            const auto& k = entry.macro_vector;
            const int index =
                ((((k[0] - '0') * 3 + (k[1] - '0')) * 4 + (k[2] - '0')) * 4 + (k[3] - '0')) * 4 *
                    3 +
                (k[4] - '0') * 3 + (k[5] - '0');
            scores[static_cast<std::size_t>(index)] = entry.score;
        }
        return scores;
    }();
    const int index = ((((eq1 * 3 + eq2) * 4 + eq3) * 4 + eq4) * 4 * 3) + eq5 * 3 + eq6;
    return table[static_cast<std::size_t>(index)];
}

// The value of `metric` in one of the "AV:N/PR:N/UI:N"-style parts of a composed max vector.
std::string_view max_value(const std::array<std::string_view, 4>& parts, std::string_view metric) {
    for (const auto part : parts) {
        std::size_t start = 0;
        while (start < part.size()) {
            auto end = part.find('/', start);
            if (end == std::string_view::npos) {
                end = part.size();
            }
            const auto pair = part.substr(start, end - start);
            const auto colon = pair.find(':');
            if (pair.substr(0, colon) == metric) {
                return pair.substr(colon + 1);
            }
            start = end + 1;
        }
    }
    return {};
}

} // namespace

Result<double> score_v4(std::string_view body, std::string_view vector) {
    VOUCH_TRY_ASSIGN(const auto metrics, parse_metrics(body, vector, v4_specs()));
    static constexpr std::array<std::string_view, 17> keys = {"AV", "AC", "AT", "PR",  "UI", "VC",
                                                              "VI", "VA", "SC", "SI",  "SA", "E",
                                                              "CR", "IR", "AR", "MSI", "MSA"};
    std::array<std::string_view, keys.size()> effective_values;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        effective_values[i] = effective(metrics, keys[i]);
    }
    const auto m = [&](std::string_view key) -> std::string_view {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            if (keys[i] == key) {
                return effective_values[i];
            }
        }
        return "X"; // not reached: every key used below is in `keys`
    };

    bool no_impact = true;
    for (const auto* key : {"VC", "VI", "VA", "SC", "SI", "SA"}) {
        no_impact = no_impact && m(key) == "N";
    }
    if (no_impact) {
        return 0.0;
    }

    // MacroVector (EQ1..EQ6).
    const bool av_n = m("AV") == "N", pr_n = m("PR") == "N", ui_n = m("UI") == "N";
    const int eq1 = (av_n && pr_n && ui_n) ? 0 : ((av_n || pr_n || ui_n) && m("AV") != "P") ? 1 : 2;
    const int eq2 = (m("AC") == "L" && m("AT") == "N") ? 0 : 1;
    const bool vc_h = m("VC") == "H", vi_h = m("VI") == "H", va_h = m("VA") == "H";
    const int eq3 = (vc_h && vi_h) ? 0 : (vc_h || vi_h || va_h) ? 1 : 2;
    const bool safety = m("MSI") == "S" || m("MSA") == "S";
    const int eq4 = safety ? 0 : (m("SC") == "H" || m("SI") == "H" || m("SA") == "H") ? 1 : 2;
    const auto e = m("E");
    const int eq5 = e == "A" ? 0 : e == "P" ? 1 : 2;
    const int eq6 =
        ((m("CR") == "H" && vc_h) || (m("IR") == "H" && vi_h) || (m("AR") == "H" && va_h)) ? 0 : 1;

    double value = lookup(eq1, eq2, eq3, eq4, eq5, eq6);
    if (std::isnan(value)) {
        return fail(Errc::internal, "CVSS v4 MacroVector without a score");
    }

    // Scores of the next-lower MacroVectors (NaN when there is none).
    const double lower_eq1 = lookup(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
    const double lower_eq2 = lookup(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
    double lower_eq3_eq6;
    if (eq3 == 0 && eq6 == 0) {
        // Two ways down (00 -> 01 or 00 -> 10): take the higher one.
        const double left = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
        const double right = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
        lower_eq3_eq6 = left > right ? left : right;
    } else if (eq3 == 1 && eq6 == 0) {
        lower_eq3_eq6 = lookup(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    } else if (eq3 == 2) {
        lower_eq3_eq6 = std::numeric_limits<double>::quiet_NaN(); // 21 -> 32 does not exist
    } else {
        lower_eq3_eq6 = lookup(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    }
    const double lower_eq4 = lookup(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
    const double lower_eq5 = lookup(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

    // Severity distance from the first highest-severity vector of this MacroVector that is at
    // least as severe as the scored vector in every metric (the last candidate if none is).
    static constexpr std::size_t metric_count = 14;
    static constexpr std::array<std::string_view, metric_count> distance_metrics = {
        "AV", "PR", "UI", "AC", "AT", "VC", "VI", "VA", "SC", "SI", "SA", "CR", "IR", "AR"};
    std::array<double, metric_count> own_level{};
    for (std::size_t i = 0; i < metric_count; ++i) {
        own_level[i] = level(distance_metrics[i], m(distance_metrics[i]));
    }
    // Distances to one candidate; false as soon as one is negative (unless `complete`).
    std::array<double, metric_count> distance{};
    const auto measure = [&](const std::array<std::string_view, 4>& max, bool complete) {
        bool ok = true;
        for (std::size_t i = 0; i < metric_count && (ok || complete); ++i) {
            const auto metric = distance_metrics[i];
            distance[i] = own_level[i] - level(metric, max_value(max, metric));
            ok = ok && distance[i] >= 0;
        }
        return ok;
    };
    // At most 3 (EQ1) x 2 (EQ2) x 5 (EQ3+EQ6) x 1 (EQ4) = 30 candidates.
    std::array<std::array<std::string_view, 4>, 30> candidates;
    std::size_t candidate_count = 0;
    for (const auto a : eq1_maxes(eq1)) {
        for (const auto b : eq2_maxes(eq2)) {
            for (const auto c : eq3_eq6_maxes(eq3, eq6)) {
                for (const auto d : eq4_maxes(eq4)) {
                    candidates[candidate_count++] = {a, b, c, d};
                }
            }
        }
    }
    bool found = false;
    for (std::size_t i = 0; i < candidate_count; ++i) {
        if (measure(candidates[i], false)) {
            found = true;
            break;
        }
    }
    if (!found && candidate_count > 0) {
        measure(candidates[candidate_count - 1],
                true); // the reference keeps the last candidate's distances
    }
    const auto d = [&](std::string_view metric) {
        for (std::size_t i = 0; i < metric_count; ++i) {
            if (distance_metrics[i] == metric) {
                return distance[i];
            }
        }
        return 0.0;
    };
    const double current_eq1 = d("AV") + d("PR") + d("UI");
    const double current_eq2 = d("AC") + d("AT");
    const double current_eq3_eq6 = d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR");
    const double current_eq4 = d("SC") + d("SI") + d("SA");

    constexpr double step = 0.1;
    int existing_lower = 0;
    double normalized_sum = 0;
    const auto add = [&](double lower, double current, double depth) {
        const double available = value - lower;
        if (std::isnan(available)) {
            return;
        }
        ++existing_lower;
        normalized_sum += available * (current / (depth * step));
    };
    // Summed in the reference's order: eq1, eq2, eq3eq6, eq4, then eq5 (which adds 0).
    add(lower_eq1, current_eq1, eq1_depth(eq1));
    add(lower_eq2, current_eq2, eq2_depth(eq2));
    add(lower_eq3_eq6, current_eq3_eq6, eq3_eq6_depth(eq3, eq6));
    add(lower_eq4, current_eq4, eq4_depth(eq4));
    if (!std::isnan(value - lower_eq5)) {
        ++existing_lower; // EQ5's proportional distance is always 0
    }
    const double mean = existing_lower == 0 ? 0.0 : normalized_sum / existing_lower;
    value -= mean;
    value = std::clamp(value, 0.0, 10.0);
    // Round half up at one decimal after a 1e-6 lift, as the reference does: the interpolation
    // can land one ULP below an x.x5 tie.
    return std::round((value + 1e-6) * 10) / 10;
}

} // namespace vouch::cvss::detail
