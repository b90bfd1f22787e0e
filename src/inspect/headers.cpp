// Security headers from config.json routes and Next.js's routes manifest (docs/inspect.md).
#include "../scan/json_locate.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vouch/inspect/inspect.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::inspect {

namespace {

using nlohmann::json;
using scan::detail::error_at;
using scan::detail::JsonPath;

JsonPath at(std::string key, std::size_t index) {
    return {std::move(key), index};
}

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    return out;
}

Result<json> parse_document(std::string_view text, const std::string& file) {
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    json document = json::parse(text.begin(), text.end());
    if (!document.is_object()) {
        return tl::unexpected(error_at(text, file, {}, "must be a JSON object"));
    }
    return document;
}

// Does a route source cover every path? "/(.*)", "^/(.*)$", "/.*", "/:path*", "/:path(.*)".
bool is_catch_all(std::string_view source) {
    std::string s(source);
    if (!s.empty() && s.front() == '^') {
        s.erase(0, 1);
    }
    if (!s.empty() && s.back() == '$') {
        s.pop_back();
    }
    static const std::vector<std::string> forms = {"/(.*)",   "/.*",     "(.*)",    ".*", "/(.*)?",
                                                   "/(.*)/?", "/(?:.*)", "/(/.*)?", ""};
    if (std::find(forms.begin(), forms.end(), s) != forms.end()) {
        return true;
    }
    // Next.js path-to-regexp: "/:name*" or "/:name(.*)".
    if (s.size() > 3 && s.starts_with("/:") && s.find('/', 1) == std::string::npos) {
        return s.ends_with("*") || s.ends_with("(.*)");
    }
    return false;
}

bool is_api_route(std::string_view source) {
    std::string s(source);
    if (!s.empty() && s.front() == '^') {
        s.erase(0, 1);
    }
    return s.starts_with("/api");
}

const std::string* header_value(const HeaderRoute& route, std::string_view name) {
    for (const auto& [key, value] : route.headers) {
        if (lowered(key) == name) {
            return &value;
        }
    }
    return nullptr;
}

struct Coverage {
    bool everywhere = false;
    std::vector<std::string> sources; // routes that set it
};

template <class Pred> Coverage coverage(const std::vector<HeaderRoute>& routes, Pred sets) {
    Coverage c;
    for (const auto& r : routes) {
        if (sets(r)) {
            c.sources.push_back(r.source);
            c.everywhere = c.everywhere || (!r.conditional && is_catch_all(r.source));
        }
    }
    return c;
}

std::string missing_from(const Coverage& c, std::string_view header) {
    if (c.sources.empty()) {
        return std::string(header) + " is missing from every route (no route sets it)";
    }
    std::string list;
    for (std::size_t k = 0; k < c.sources.size() && k < 5; ++k) {
        list += (k == 0 ? "" : ", ") + c.sources[k];
    }
    if (c.sources.size() > 5) {
        list += " and " + std::to_string(c.sources.size() - 5) + " more";
    }
    return std::string(header) + " is set only for " + list +
           "; it is missing from every other route";
}

Finding header_finding(std::string rule, Severity severity, const std::string& file,
                       std::string detail) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.file = file;
    f.detail = std::move(detail);
    return f;
}

Result<std::vector<std::pair<std::string, std::string>>>
string_map(std::string_view text, const json& object, const std::string& file, JsonPath path) {
    std::vector<std::pair<std::string, std::string>> out;
    path.emplace_back(std::string("headers"));
    if (!object.is_object()) {
        return tl::unexpected(error_at(text, file, path, "\"headers\" must be an object"));
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it->is_string()) {
            JsonPath key_path = path;
            key_path.emplace_back(it.key());
            return tl::unexpected(
                error_at(text, file, key_path, "header \"" + it.key() + "\" must be a string"));
        }
        out.emplace_back(it.key(), it->get<std::string>());
    }
    return out;
}

} // namespace

Result<std::vector<HeaderRoute>> read_config_routes(std::string_view text,
                                                    const std::string& file) {
    VOUCH_TRY_ASSIGN(const json document, parse_document(text, file));
    auto version = document.find("version");
    if (version == document.end() || !version->is_number_integer() ||
        version->get<std::int64_t>() != 3) {
        return fail(Errc::unsupported,
                    "not a Build Output API v3 config (\"version\": 3 is required)", file);
    }
    std::vector<HeaderRoute> out;
    auto routes = document.find("routes");
    if (routes == document.end()) {
        return out;
    }
    if (!routes->is_array()) {
        return tl::unexpected(
            error_at(text, file, {std::string("routes")}, "\"routes\" must be an array"));
    }
    for (std::size_t k = 0; k < routes->size(); ++k) {
        const json& r = (*routes)[k];
        const std::string where = "routes[" + std::to_string(k) + "]";
        if (!r.is_object()) {
            return tl::unexpected(
                error_at(text, file, at("routes", k), where + " must be an object"));
        }
        auto headers = r.find("headers");
        if (headers == r.end()) {
            continue;
        }
        auto src = r.find("src");
        if (src == r.end() || !src->is_string()) {
            return tl::unexpected(
                error_at(text, file, at("routes", k),
                         where + ": a route with headers needs a string \"src\""));
        }
        HeaderRoute route;
        route.source = src->get<std::string>();
        route.conditional = r.contains("has") || r.contains("missing");
        VOUCH_TRY_ASSIGN(route.headers, string_map(text, *headers, file, at("routes", k)));
        out.push_back(std::move(route));
    }
    return out;
}

Result<std::vector<HeaderRoute>> read_manifest_headers(std::string_view text,
                                                       const std::string& file) {
    VOUCH_TRY_ASSIGN(const json document, parse_document(text, file));
    std::vector<HeaderRoute> out;
    auto list = document.find("headers");
    if (list == document.end()) {
        return out;
    }
    if (!list->is_array()) {
        return tl::unexpected(
            error_at(text, file, {std::string("headers")}, "\"headers\" must be an array"));
    }
    for (std::size_t k = 0; k < list->size(); ++k) {
        const json& r = (*list)[k];
        const std::string where = "headers[" + std::to_string(k) + "]";
        if (!r.is_object() || !r.contains("source") || !r["source"].is_string() ||
            !r.contains("headers") || !r["headers"].is_array()) {
            return tl::unexpected(
                error_at(text, file, at("headers", k),
                         where + " must be an object with a string \"source\" and a \"headers\" "
                                 "array"));
        }
        HeaderRoute route;
        route.source = r["source"].get<std::string>();
        route.conditional = r.contains("has") || r.contains("missing");
        for (const json& h : r["headers"]) {
            if (!h.is_object() || !h.contains("key") || !h["key"].is_string() ||
                !h.contains("value") || !h["value"].is_string()) {
                return tl::unexpected(
                    error_at(text, file, at("headers", k),
                             where + ": every header needs string \"key\" and \"value\""));
            }
            route.headers.emplace_back(h["key"].get<std::string>(), h["value"].get<std::string>());
        }
        out.push_back(std::move(route));
    }
    return out;
}

std::vector<Finding> check_headers(const std::vector<HeaderRoute>& routes, const std::string& file,
                                   const Config& config) {
    std::vector<Finding> out;
    const auto sets = [](std::string_view name) {
        return [name](const HeaderRoute& r) { return header_value(r, name) != nullptr; };
    };

    const Coverage csp = coverage(routes, sets("content-security-policy"));
    if (!csp.everywhere) {
        out.push_back(header_finding("header-csp-missing", Severity::moderate, file,
                                     missing_from(csp, "Content-Security-Policy")));
    }
    const Coverage hsts = coverage(routes, sets("strict-transport-security"));
    if (!hsts.everywhere) {
        out.push_back(header_finding("header-hsts", Severity::moderate, file,
                                     missing_from(hsts, "Strict-Transport-Security")));
    }
    const Coverage nosniff = coverage(routes, sets("x-content-type-options"));
    if (!nosniff.everywhere) {
        out.push_back(header_finding("header-nosniff", Severity::low, file,
                                     missing_from(nosniff, "X-Content-Type-Options")));
    }
    const Coverage referrer = coverage(routes, sets("referrer-policy"));
    if (!referrer.everywhere) {
        out.push_back(header_finding("header-referrer-policy", Severity::low, file,
                                     missing_from(referrer, "Referrer-Policy")));
    }
    const Coverage framing = coverage(routes, [](const HeaderRoute& r) {
        const std::string* csp_value = header_value(r, "content-security-policy");
        return header_value(r, "x-frame-options") != nullptr ||
               (csp_value != nullptr &&
                lowered(*csp_value).find("frame-ancestors") != std::string::npos);
    });
    if (!framing.everywhere) {
        out.push_back(
            header_finding("header-frame-ancestors", Severity::moderate, file,
                           missing_from(framing, "CSP frame-ancestors or X-Frame-Options") +
                               " (pages can be framed: clickjacking)"));
    }

    for (const auto& r : routes) {
        if (const std::string* v = header_value(r, "content-security-policy")) {
            const std::string value = lowered(*v);
            if (!config.allow_unsafe_inline && value.find("'unsafe-inline'") != std::string::npos) {
                out.push_back(header_finding("header-csp-unsafe", Severity::moderate, file,
                                             "Content-Security-Policy for " + r.source +
                                                 " allows 'unsafe-inline'"));
            }
            if (!config.allow_unsafe_eval && value.find("'unsafe-eval'") != std::string::npos) {
                out.push_back(header_finding("header-csp-unsafe", Severity::moderate, file,
                                             "Content-Security-Policy for " + r.source +
                                                 " allows 'unsafe-eval'"));
            }
        }
        if (const std::string* v = header_value(r, "strict-transport-security")) {
            const std::string value = lowered(*v);
            const std::size_t at = value.find("max-age=");
            long long age = -1;
            if (at != std::string::npos) {
                std::size_t p = at + 8;
                if (p < value.size() && value[p] == '"') {
                    ++p;
                }
                std::size_t digits = 0;
                age = 0;
                while (p < value.size() && value[p] >= '0' && value[p] <= '9' && digits < 12) {
                    age = age * 10 + (value[p] - '0');
                    ++p;
                    ++digits;
                }
                if (digits == 0) {
                    age = -1;
                }
            }
            if (age < 31536000) {
                out.push_back(
                    header_finding("header-hsts", Severity::moderate, file,
                                   "Strict-Transport-Security for " + r.source +
                                       (age < 0 ? " has no max-age"
                                                : " has max-age=" + std::to_string(age) +
                                                      ", less than one year (31536000)")));
            }
        }
        if (const std::string* v = header_value(r, "x-content-type-options")) {
            std::string value = lowered(*v);
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t") + 1);
            if (value != "nosniff") {
                out.push_back(header_finding("header-nosniff", Severity::low, file,
                                             "X-Content-Type-Options for " + r.source +
                                                 " is not \"nosniff\""));
            }
        }
        if (const std::string* v = header_value(r, "referrer-policy")) {
            if (lowered(*v).find("unsafe-url") != std::string::npos) {
                out.push_back(header_finding("header-referrer-policy", Severity::low, file,
                                             "Referrer-Policy for " + r.source +
                                                 " is unsafe-url (full URLs leak to other sites)"));
            }
        }
        if (const std::string* v = header_value(r, "access-control-allow-origin")) {
            std::string value = *v;
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t") + 1);
            if (value == "*" && !config.allow_cors_wildcard &&
                (is_api_route(r.source) || is_catch_all(r.source))) {
                out.push_back(
                    header_finding("header-cors-wildcard", Severity::high, file,
                                   "Access-Control-Allow-Origin: * on " + r.source +
                                       (is_api_route(r.source) ? " (API routes)"
                                                               : " (every route, API included)")));
            }
        }
    }
    std::erase_if(out, [&](const Finding& f) { return config.disabled.contains(f.rule); });
    return out;
}

} // namespace vouch::inspect
