// npm's audit responses (bulk advisory and the older quick audit) and the Node.js security WG's
// vuln/npm records. All three give node-semver ranges in `vulnerable_versions`, kept as type
// "NPM" ranges for the scanner to evaluate with node-semver semantics.
#include "parsers.hpp"

namespace vouch::advisory::detail {

namespace {

Range npm_range(std::string text, std::string patched = {}) {
    Range range;
    range.type = "NPM";
    range.npm_range = std::move(text);
    range.npm_patched = std::move(patched);
    return range;
}

// `vulnerable_versions`: required and a string, but may be empty or blank (node-semver reads
// that as "*", every version).
Result<std::string> vulnerable_versions(Object entry, const Fields& fields,
                                        const std::string& path) {
    auto value = Fields::member(entry, "vulnerable_versions");
    if (!value)
        return fields.error(join_path(path, "vulnerable_versions"), "is missing");
    return fields.string(*value, join_path(path, "vulnerable_versions"));
}

// `patched_versions`: optional; null or absent = no patched version known.
Result<std::string> patched_versions(Object entry, const Fields& fields, const std::string& path) {
    auto value = Fields::member(entry, "patched_versions");
    if (!value || value->is_null())
        return std::string();
    return fields.string(*value, join_path(path, "patched_versions"));
}

// `cwe` is a string ("CWE-471") in quick audit and an array in bulk responses.
Status collect_cwe(Object entry, const Fields& fields, const std::string& path,
                   std::vector<std::string>& cwes) {
    auto value = Fields::member(entry, "cwe");
    if (!value)
        return {};
    if (value->is_string()) {
        VOUCH_TRY_ASSIGN(auto text, fields.string(*value, join_path(path, "cwe")));
        if (!text.empty())
            add_unique(cwes, std::move(text));
        return {};
    }
    VOUCH_TRY_ASSIGN(auto list, fields.string_list(entry, "cwe", path));
    for (auto& cwe : list)
        add_unique(cwes, std::move(cwe));
    return {};
}

// Fields common to a bulk entry and a quick-audit advisory.
Result<Advisory> parse_npm_entry(Object entry, const Fields& fields, const std::string& path,
                                 std::string package) {
    Advisory advisory;
    auto id = Fields::member(entry, "id");
    if (!id)
        return fields.error(join_path(path, "id"), "is missing");
    VOUCH_TRY_ASSIGN(auto number, fields.id_text(*id, join_path(path, "id")));
    advisory.id = "NPM-" + number;
    VOUCH_TRY_ASSIGN(advisory.summary, fields.optional_string(entry, "title", path));
    VOUCH_TRY_ASSIGN(advisory.details, fields.optional_string(entry, "overview", path));
    VOUCH_TRY_ASSIGN(advisory.published, fields.optional_string(entry, "created", path));
    VOUCH_TRY_ASSIGN(advisory.modified, fields.optional_string(entry, "updated", path));
    VOUCH_TRY_ASSIGN(auto severity, fields.optional_string(entry, "severity", path));
    if (auto parsed = parse_severity(severity))
        advisory.feed_severity = *parsed;
    VOUCH_TRY_ASSIGN(auto url, fields.optional_string(entry, "url", path));
    if (!url.empty()) {
        if (auto ghsa = ghsa_from_url(url); !ghsa.empty())
            add_unique(advisory.aliases, ghsa);
        advisory.references.push_back(url);
    }
    // Quick audit: "cves": [...]; "github_advisory_id" in newer quick-audit responses.
    VOUCH_TRY_ASSIGN(auto cves, fields.string_list(entry, "cves", path));
    for (auto& cve : cves)
        add_unique(advisory.aliases, std::move(cve));
    VOUCH_TRY_ASSIGN(auto ghsa_id, fields.optional_string(entry, "github_advisory_id", path));
    if (!ghsa_id.empty())
        add_unique(advisory.aliases, std::move(ghsa_id));
    VOUCH_TRY(collect_cwe(entry, fields, path, advisory.cwes));
    if (auto cvss = Fields::member(entry, "cvss")) {
        auto cvss_path = join_path(path, "cvss");
        VOUCH_TRY_ASSIGN(auto cvss_object, fields.object(*cvss, cvss_path));
        VOUCH_TRY_ASSIGN(auto vector,
                         fields.optional_string(cvss_object, "vectorString", cvss_path));
        if (is_supported_cvss_vector(vector))
            advisory.cvss_vectors.push_back(std::move(vector));
    }
    VOUCH_TRY_ASSIGN(auto range, vulnerable_versions(entry, fields, path));
    VOUCH_TRY_ASSIGN(auto patched, patched_versions(entry, fields, path));
    Affected affected;
    affected.package = std::move(package);
    affected.ranges.push_back(npm_range(std::move(range), std::move(patched)));
    advisory.affected.push_back(std::move(affected));
    return advisory;
}

bool is_deleted(Object entry) {
    return Fields::member(entry, "deleted").has_value();
}

} // namespace

// {"<package>": [{id, url, title, severity, vulnerable_versions, cwe, cvss}, ...], ...}
Status parse_npm_bulk(Object root, const Fields& fields, Batch& out) {
    for (auto [key, value] : root) {
        std::string package(key);
        if (package.empty())
            return fields.error("(root)", "has an empty package name");
        VOUCH_TRY_ASSIGN(auto entries, fields.array(value, package));
        std::size_t i = 0;
        for (Element item : entries) {
            auto path = index_path(package, i++);
            VOUCH_TRY_ASSIGN(auto entry, fields.object(item, path));
            if (is_deleted(entry)) {
                ++out.withdrawn;
                continue;
            }
            VOUCH_TRY_ASSIGN(auto advisory, parse_npm_entry(entry, fields, path, package));
            out.advisories.push_back(std::move(advisory));
        }
    }
    return {};
}

// {"advisories": {"<id>": {module_name, vulnerable_versions, cves, ...}}, "actions", ...}
Status parse_npm_quick_audit(Object root, const Fields& fields, Batch& out) {
    auto advisories = Fields::member(root, "advisories");
    VOUCH_TRY_ASSIGN(auto map, fields.object(*advisories, "advisories"));
    for (auto [key, value] : map) {
        auto path = "advisories." + std::string(key);
        VOUCH_TRY_ASSIGN(auto entry, fields.object(value, path));
        if (is_deleted(entry)) {
            ++out.withdrawn;
            continue;
        }
        VOUCH_TRY_ASSIGN(auto package, fields.required_string(entry, "module_name", path));
        VOUCH_TRY_ASSIGN(auto advisory, parse_npm_entry(entry, fields, path, std::move(package)));
        out.advisories.push_back(std::move(advisory));
    }
    return {};
}

// nodejs/security-wg vuln/npm/<n>.json: {id, module_name, vulnerable_versions, cves,
// cvss_vector, cvss_score, title, overview, publish_date, updated_at, references}.
Status parse_security_wg(Object record, const Fields& fields, const std::string& path, Batch& out) {
    Advisory advisory;
    auto id = Fields::member(record, "id");
    if (!id)
        return fields.error(join_path(path, "id"), "is missing");
    VOUCH_TRY_ASSIGN(auto number, fields.id_text(*id, join_path(path, "id")));
    advisory.id = "NSWG-ECO-" + number;
    VOUCH_TRY_ASSIGN(auto package, fields.required_string(record, "module_name", path));
    VOUCH_TRY_ASSIGN(auto range, vulnerable_versions(record, fields, path));
    VOUCH_TRY_ASSIGN(auto patched, patched_versions(record, fields, path));
    VOUCH_TRY_ASSIGN(advisory.summary, fields.optional_string(record, "title", path));
    VOUCH_TRY_ASSIGN(advisory.details, fields.optional_string(record, "overview", path));
    VOUCH_TRY_ASSIGN(advisory.published, fields.optional_string(record, "publish_date", path));
    VOUCH_TRY_ASSIGN(advisory.modified, fields.optional_string(record, "updated_at", path));
    VOUCH_TRY_ASSIGN(auto cves, fields.string_list(record, "cves", path));
    for (auto& cve : cves)
        add_unique(advisory.aliases, std::move(cve));
    VOUCH_TRY_ASSIGN(auto references, fields.string_list(record, "references", path));
    for (auto& url : references)
        add_unique(advisory.references, std::move(url));
    VOUCH_TRY_ASSIGN(auto vector, fields.optional_string(record, "cvss_vector", path));
    if (is_supported_cvss_vector(vector))
        advisory.cvss_vectors.push_back(std::move(vector));
    if (auto score = Fields::member(record, "cvss_score")) {
        double value = 0;
        if (score->get_double().get(value) != simdjson::SUCCESS) {
            std::int64_t integer = 0;
            if (score->get_int64().get(integer) != simdjson::SUCCESS) {
                return fields.error(join_path(path, "cvss_score"), "must be a number");
            }
            value = static_cast<double>(integer);
        }
        advisory.feed_severity = severity_from_score(value);
    }
    Affected affected;
    affected.package = std::move(package);
    affected.ranges.push_back(npm_range(std::move(range), std::move(patched)));
    advisory.affected.push_back(std::move(affected));
    out.advisories.push_back(std::move(advisory));
    return {};
}

} // namespace vouch::advisory::detail
