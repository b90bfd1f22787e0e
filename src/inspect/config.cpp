// Inspect settings: thresholds, rule ids, exception globs. The "inspect" section itself is read by
// the policy loader (src/policy).
#include <algorithm>
#include <chrono>
#include <vouch/inspect/config.hpp>
#include <vouch/inspect/scanner.hpp>

namespace vouch::inspect {

namespace {

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

} // namespace

std::optional<Threshold> parse_threshold(std::string_view text) {
    const std::string t = lowered(text);
    Threshold out;
    if (t == "any") {
        out.kind = Threshold::Kind::any;
    } else if (t == "none") {
        out.kind = Threshold::Kind::none;
    } else {
        out.kind = Threshold::Kind::at_least;
        if (t == "low") {
            out.level = Severity::low;
        } else if (t == "moderate" || t == "medium") {
            out.level = Severity::moderate;
        } else if (t == "high") {
            out.level = Severity::high;
        } else if (t == "critical") {
            out.level = Severity::critical;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::string threshold_name(const Threshold& threshold) {
    switch (threshold.kind) {
    case Threshold::Kind::any:
        return "any";
    case Threshold::Kind::none:
        return "none";
    case Threshold::Kind::at_least:
        return std::string(severity_name(threshold.level));
    }
    return "any";
}

const std::vector<std::string_view>& all_rule_ids() {
    static const std::vector<std::string_view> ids = [] {
        std::vector<std::string_view> v = content_rule_ids();
        for (std::string_view r :
             {"public-env-file", "public-private-key-file", "public-git-dir", "public-cache-dir",
              "public-source-map", "header-csp-missing", "header-csp-unsafe", "header-hsts",
              "header-nosniff", "header-referrer-policy", "header-frame-ancestors",
              "header-cors-wildcard"}) {
            v.push_back(r);
        }
        return v;
    }();
    return ids;
}

bool glob_matches(std::string_view glob, std::string_view path) {
    // Dynamic programming over (glob position, path position): O(glob x path) time and memory,
    // no exponential backtracking on hostile globs. dp[g][p]: glob[g..] matches path[p..].
    const std::size_t G = glob.size(), P = path.size();
    std::vector<std::vector<char>> dp(G + 1, std::vector<char>(P + 1, 0));
    dp[G][P] = 1;
    for (std::size_t g = G; g-- > 0;) {
        const bool double_star = glob[g] == '*' && g + 1 < G && glob[g + 1] == '*';
        const bool double_star_slash = double_star && g + 2 < G && glob[g + 2] == '/';
        char any_slash_then = 0; // for "**/": some k >= p with path[k]=='/' and dp[g+3][k+1]
        for (std::size_t p = P + 1; p-- > 0;) {
            char v = 0;
            if (double_star_slash) {
                if (p < P && path[p] == '/' && dp[g + 3][p + 1]) {
                    any_slash_then = 1;
                }
                v = dp[g + 3][p] || any_slash_then;
            } else if (double_star) {
                v = dp[g + 2][p] || (p < P && dp[g][p + 1]);
            } else if (glob[g] == '*') {
                v = dp[g + 1][p] || (p < P && path[p] != '/' && dp[g][p + 1]);
            } else if (glob[g] == '?') {
                v = p < P && path[p] != '/' && dp[g + 1][p + 1];
            } else {
                v = p < P && path[p] == glob[g] && dp[g + 1][p + 1];
            }
            dp[g][p] = v;
        }
    }
    return dp[0][0] != 0;
}

} // namespace vouch::inspect
