// Format detection for one JSON document, plus helpers shared by the parsers.
#include "parsers.hpp"

#include <algorithm>
#include <cctype>
#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory::detail {

namespace {

bool has(Object object, std::string_view key) {
    return Fields::member(object, key).has_value();
}

bool all_values_are(Object object, simdjson::dom::element_type type) {
    for (auto [key, value] : object) {
        if (value.type() != type)
            return false;
    }
    return true;
}

// {"1": {module_name...}, "2": {...}}: the security WG's vuln/npm/index.json.
bool is_security_wg_index(Object object) {
    if (object.size() == 0)
        return false;
    for (auto [key, value] : object) {
        Object record;
        if (value.get_object().get(record) != simdjson::SUCCESS || !has(record, "module_name")) {
            return false;
        }
    }
    return true;
}

} // namespace

void add_unique(std::vector<std::string>& list, std::string value) {
    if (value.empty())
        return;
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(std::move(value));
}

std::string ghsa_from_url(std::string_view url) {
    auto at = url.find("/advisories/GHSA-");
    if (at == std::string_view::npos)
        return {};
    auto id = url.substr(at + 12);
    auto end = id.find_first_of("/?#");
    id = id.substr(0, end);
    // GHSA-xxxx-xxxx-xxxx: 19 characters.
    if (id.size() != 19)
        return {};
    return std::string(id);
}

std::string npm_id_from_url(std::string_view url) {
    auto at = url.find("npmjs.com/advisories/");
    if (at == std::string_view::npos)
        return {};
    auto digits = url.substr(at + 21);
    std::size_t n = 0;
    while (n < digits.size() && n < 12 && std::isdigit(static_cast<unsigned char>(digits[n])))
        ++n;
    if (n == 0 || (n < digits.size() && digits[n] != '/' && digits[n] != '?' && digits[n] != '#')) {
        return {};
    }
    return "NPM-" + std::string(digits.substr(0, n));
}

Severity severity_from_score(double score) {
    if (score >= 9.0)
        return Severity::critical;
    if (score >= 7.0)
        return Severity::high;
    if (score >= 4.0)
        return Severity::moderate;
    if (score > 0.0)
        return Severity::low;
    return Severity::unknown;
}

bool is_supported_cvss_vector(std::string_view vector) {
    return vector.rfind("CVSS:3.", 0) == 0 || vector.rfind("CVSS:4.", 0) == 0;
}

Result<std::string> parse_any(Element root, const Fields& fields, Batch& out) {
    using simdjson::dom::element_type;
    if (root.type() == element_type::ARRAY) {
        // A list of OSV records.
        std::size_t i = 0;
        for (Element item : Array(root)) {
            VOUCH_TRY(parse_osv(item, fields, index_path("", i++), out));
        }
        return std::string(k_format_osv);
    }
    VOUCH_TRY_ASSIGN(auto object, fields.object(root, "(root)"));
    if (has(object, "id") &&
        (has(object, "affected") || has(object, "schema_version") || has(object, "modified"))) {
        VOUCH_TRY(parse_osv(root, fields, "", out));
        return std::string(k_format_osv);
    }
    if (auto vulns = Fields::member(object, "vulns")) { // OSV API querybatch/query response
        VOUCH_TRY_ASSIGN(auto items, fields.array(*vulns, "vulns"));
        std::size_t i = 0;
        for (Element item : items)
            VOUCH_TRY(parse_osv(item, fields, index_path("vulns", i++), out));
        return std::string(k_format_osv);
    }
    if (has(object, "module_name")) {
        VOUCH_TRY(parse_security_wg(object, fields, "", out));
        return std::string(k_format_security_wg);
    }
    if (has(object, "data") || has(object, "ghsaId") || has(object, "securityVulnerabilities")) {
        VOUCH_TRY(parse_github_graphql(object, fields, out));
        return std::string(k_format_graphql);
    }
    if (has(object, "advisories") && (has(object, "actions") || has(object, "metadata"))) {
        VOUCH_TRY(parse_npm_quick_audit(object, fields, out));
        return std::string(k_format_npm_quick);
    }
    if (has(object, "vulnerable_versions")) {
        return fields.error("(root)", "is a single npm advisory without a package name; expected "
                                      "a bulk-advisory response keyed by package name");
    }
    if (all_values_are(object, element_type::ARRAY)) {
        VOUCH_TRY(parse_npm_bulk(object, fields, out));
        return std::string(k_format_npm_bulk);
    }
    if (is_security_wg_index(object)) {
        for (auto [key, value] : object) {
            VOUCH_TRY(parse_security_wg(Object(value), fields, std::string(key), out));
        }
        return std::string(k_format_security_wg);
    }
    return fail(Errc::parse,
                "unrecognised advisory format (expected OSV, npm bulk advisory or quick audit, "
                "Node.js security WG or GitHub GraphQL JSON)",
                fields.file());
}

} // namespace vouch::advisory::detail

namespace vouch::advisory {

Result<LoadedSource> parse_feed_document(std::string_view json, const std::string& name) {
    if (json.size() > k_max_document_bytes) {
        return fail(Errc::parse,
                    "document is larger than the " + std::to_string(k_max_document_bytes >> 20) +
                        " MiB limit",
                    name);
    }
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    detail::Fields fields(name);
    VOUCH_TRY_ASSIGN(auto root, detail::parse_document(parser, padded, name));
    detail::Batch batch;
    VOUCH_TRY_ASSIGN(auto format, detail::parse_any(root, fields, batch));
    LoadedSource loaded;
    loaded.info.location = name;
    loaded.info.format = std::move(format);
    loaded.info.records = batch.advisories.size();
    loaded.info.withdrawn = batch.withdrawn;
    loaded.advisories = std::move(batch.advisories);
    return loaded;
}

Result<std::optional<Advisory>> parse_osv_record(std::string_view json, const std::string& name) {
    simdjson::dom::parser parser;
    simdjson::padded_string padded(json);
    detail::Fields fields(name);
    VOUCH_TRY_ASSIGN(auto root, detail::parse_document(parser, padded, name));
    detail::Batch batch;
    VOUCH_TRY(detail::parse_osv(root, fields, "", batch));
    if (batch.advisories.empty())
        return std::optional<Advisory>();
    return std::optional<Advisory>(std::move(batch.advisories.front()));
}

} // namespace vouch::advisory
