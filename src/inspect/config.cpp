// The "inspect" section of a policy: strict, located errors (docs/inspect.md).
#include "../scan/json_locate.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <vouch/inspect/config.hpp>
#include <vouch/inspect/scanner.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::inspect {

namespace {

using nlohmann::json;
using scan::detail::error_at;
using scan::detail::JsonPath;

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

JsonPath child(JsonPath path, json::size_type index) {
    path.emplace_back(static_cast<std::size_t>(index));
    return path;
}
JsonPath child(JsonPath path, std::string key) {
    path.emplace_back(std::move(key));
    return path;
}

Status only_keys(std::string_view text, const std::string& file, const json& object,
                 const JsonPath& at, const std::vector<std::string_view>& known) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
            std::string list;
            for (auto k : known) {
                list += (list.empty() ? "" : ", ") + std::string(k);
            }
            return tl::unexpected(
                error_at(text, file, child(at, it.key()),
                         "unknown key \"" + it.key() + "\" (expected " + list + ")"));
        }
    }
    return {};
}

Result<std::string> required_string(std::string_view text, const std::string& file,
                                    const json& object, const char* key, const JsonPath& at) {
    auto it = object.find(key);
    if (it == object.end()) {
        return tl::unexpected(
            error_at(text, file, at, std::string("missing \"") + key + "\" (required)"));
    }
    if (!it->is_string() || it->get<std::string>().empty()) {
        return tl::unexpected(error_at(text, file, child(at, std::string(key)),
                                       std::string("\"") + key + "\" must be a non-empty string"));
    }
    return it->get<std::string>();
}

Result<bool> boolean(std::string_view text, const std::string& file, const json& value,
                     const JsonPath& at) {
    if (!value.is_boolean()) {
        return tl::unexpected(error_at(text, file, at, "must be true or false"));
    }
    return value.get<bool>();
}

Status parse_section(std::string_view text, const std::string& file, const json& section,
                     Config& config) {
    const JsonPath at = {std::string("inspect")};
    if (!section.is_object()) {
        return tl::unexpected(error_at(text, file, at, "\"inspect\" must be an object"));
    }
    VOUCH_TRY(
        only_keys(text, file, section, at,
                  {"on-sign", "threshold", "strict", "rules", "allow", "exceptions", "comment"}));
    if (auto it = section.find("on-sign"); it != section.end()) {
        VOUCH_TRY_ASSIGN(config.on_sign, boolean(text, file, *it, child(at, "on-sign")));
    }
    if (auto it = section.find("strict"); it != section.end()) {
        VOUCH_TRY_ASSIGN(config.strict, boolean(text, file, *it, child(at, "strict")));
    }
    if (auto it = section.find("threshold"); it != section.end()) {
        std::optional<Threshold> t;
        if (it->is_string()) {
            t = parse_threshold(it->get<std::string>());
        }
        if (!t) {
            return tl::unexpected(
                error_at(text, file, child(at, "threshold"),
                         "\"threshold\" must be one of any, low, moderate, high, critical, none"));
        }
        config.threshold = *t;
    }
    if (auto it = section.find("rules"); it != section.end()) {
        const JsonPath rules_at = child(at, "rules");
        if (!it->is_object()) {
            return tl::unexpected(error_at(text, file, rules_at,
                                           "\"rules\" must be an object of rule id: true|false"));
        }
        const auto& ids = all_rule_ids();
        for (auto r = it->begin(); r != it->end(); ++r) {
            if (std::find(ids.begin(), ids.end(), r.key()) == ids.end()) {
                return tl::unexpected(error_at(text, file, child(rules_at, r.key()),
                                               "unknown rule \"" + r.key() +
                                                   "\" (see docs/inspect.md for the rule ids)"));
            }
            VOUCH_TRY_ASSIGN(const bool on, boolean(text, file, *r, child(rules_at, r.key())));
            if (!on) {
                config.disabled.insert(r.key());
            }
        }
    }
    if (auto it = section.find("allow"); it != section.end()) {
        const JsonPath allow_at = child(at, "allow");
        if (!it->is_array()) {
            return tl::unexpected(error_at(text, file, allow_at, "\"allow\" must be an array"));
        }
        for (json::size_type k = 0; k < it->size(); ++k) {
            const json& v = (*it)[k];
            const std::string s = v.is_string() ? v.get<std::string>() : std::string();
            if (s == "unsafe-inline") {
                config.allow_unsafe_inline = true;
            } else if (s == "unsafe-eval") {
                config.allow_unsafe_eval = true;
            } else if (s == "source-maps") {
                config.allow_source_maps = true;
            } else if (s == "cors-wildcard") {
                config.allow_cors_wildcard = true;
            } else {
                return tl::unexpected(
                    error_at(text, file, child(allow_at, k),
                             "unknown allowance (expected unsafe-inline, unsafe-eval, source-maps, "
                             "cors-wildcard)"));
            }
        }
    }
    if (auto it = section.find("exceptions"); it != section.end()) {
        const JsonPath list_at = child(at, "exceptions");
        if (!it->is_array()) {
            return tl::unexpected(error_at(text, file, list_at, "\"exceptions\" must be an array"));
        }
        for (json::size_type k = 0; k < it->size(); ++k) {
            const json& item = (*it)[k];
            const JsonPath item_at = child(list_at, k);
            if (!item.is_object()) {
                return tl::unexpected(
                    error_at(text, file, item_at, "an exception must be an object"));
            }
            VOUCH_TRY(only_keys(text, file, item, item_at,
                                {"rule", "path", "reason", "owner", "expires", "comment"}));
            Exception e;
            VOUCH_TRY_ASSIGN(e.rule, required_string(text, file, item, "rule", item_at));
            const auto& ids = all_rule_ids();
            if (std::find(ids.begin(), ids.end(), e.rule) == ids.end()) {
                return tl::unexpected(error_at(text, file, child(item_at, "rule"),
                                               "unknown rule \"" + e.rule + "\""));
            }
            VOUCH_TRY_ASSIGN(e.path, required_string(text, file, item, "path", item_at));
            VOUCH_TRY_ASSIGN(e.reason, required_string(text, file, item, "reason", item_at));
            VOUCH_TRY_ASSIGN(e.owner, required_string(text, file, item, "owner", item_at));
            VOUCH_TRY_ASSIGN(e.expires, required_string(text, file, item, "expires", item_at));
            const auto when = util::parse_rfc3339(e.expires);
            if (!when) {
                return tl::unexpected(
                    error_at(text, file, child(item_at, "expires"),
                             "\"expires\" must be a date (YYYY-MM-DD) or an RFC 3339 date-time"));
            }
            // A plain date means "through the end of that day" (UTC).
            e.expires_at = e.expires.size() == 10 ? *when + std::chrono::days(1) : *when;
            config.exceptions.push_back(std::move(e));
        }
    }
    return {};
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

Result<Config> parse_policy(std::string_view text, const std::string& file) {
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    const json document = json::parse(text.begin(), text.end());
    if (!document.is_object()) {
        return tl::unexpected(error_at(text, file, {}, "a policy must be a JSON object"));
    }
    Config config;
    if (auto it = document.find("inspect"); it != document.end()) {
        VOUCH_TRY(parse_section(text, file, *it, config));
    }
    return config;
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
