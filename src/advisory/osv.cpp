// OSV records (https://ossf.github.io/osv-schema/), as GHSA and OpenSSF malicious-packages write
// them. Only npm entries are kept; GIT ranges are ignored (they cannot be evaluated against npm
// versions).
#include "parsers.hpp"

#include <algorithm>
#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory::detail {

namespace {

Result<Event> parse_event(Element value, const Fields& fields, const std::string& path) {
    VOUCH_TRY_ASSIGN(auto object, fields.object(value, path));
    static constexpr std::pair<std::string_view, Event::Kind> kinds[] = {
        {"introduced", Event::Kind::introduced},
        {"fixed", Event::Kind::fixed},
        {"last_affected", Event::Kind::last_affected},
        {"limit", Event::Kind::limit},
    };
    std::optional<Event> event;
    for (auto [key, kind] : kinds) {
        auto member = Fields::member(object, key);
        if (!member)
            continue;
        if (event)
            return fields.error(path, "must have exactly one of introduced, fixed, "
                                      "last_affected, limit");
        VOUCH_TRY_ASSIGN(auto version, fields.string(*member, join_path(path, key)));
        if (version.empty())
            return fields.error(join_path(path, key), "must not be empty");
        event = Event{kind, std::move(version)};
    }
    if (!event) {
        return fields.error(path, "must have one of introduced, fixed, last_affected, limit");
    }
    return *event;
}

// Appends vectors from an OSV `severity` array (top-level or per package).
Status collect_severity(Object object, const Fields& fields, const std::string& path,
                        std::vector<std::string>& vectors) {
    auto value = Fields::member(object, "severity");
    if (!value)
        return {};
    auto where = join_path(path, "severity");
    VOUCH_TRY_ASSIGN(auto items, fields.array(*value, where));
    std::size_t i = 0;
    for (Element item : items) {
        auto item_path = index_path(where, i++);
        VOUCH_TRY_ASSIGN(auto entry, fields.object(item, item_path));
        VOUCH_TRY_ASSIGN(auto type, fields.required_string(entry, "type", item_path));
        VOUCH_TRY_ASSIGN(auto score, fields.required_string(entry, "score", item_path));
        if ((type == "CVSS_V3" || type == "CVSS_V4") && is_supported_cvss_vector(score)) {
            add_unique(vectors, std::move(score));
        }
    }
    return {};
}

// MAL records list CWEs as affected[].database_specific.cwes[].cweId.
void collect_affected_cwes(Object affected, std::vector<std::string>& cwes) {
    auto specific = Fields::member(affected, "database_specific");
    Object specific_object;
    Array list;
    if (!specific || specific->get_object().get(specific_object) != simdjson::SUCCESS)
        return;
    auto cwe_list = Fields::member(specific_object, "cwes");
    if (!cwe_list || cwe_list->get_array().get(list) != simdjson::SUCCESS)
        return;
    for (Element item : list) {
        std::string_view id;
        if (item["cweId"].get_string().get(id) == simdjson::SUCCESS) {
            add_unique(cwes, std::string(id));
        }
    }
}

Result<std::optional<Affected>> parse_affected(Element value, const Fields& fields,
                                               const std::string& path, Advisory& advisory) {
    VOUCH_TRY_ASSIGN(auto object, fields.object(value, path));
    auto package_value = Fields::member(object, "package");
    if (!package_value)
        return fields.error(join_path(path, "package"), "is missing");
    auto package_path = join_path(path, "package");
    VOUCH_TRY_ASSIGN(auto package, fields.object(*package_value, package_path));
    VOUCH_TRY_ASSIGN(auto ecosystem, fields.required_string(package, "ecosystem", package_path));
    VOUCH_TRY_ASSIGN(auto name, fields.required_string(package, "name", package_path));
    if (ecosystem != "npm")
        return std::nullopt;

    Affected affected;
    affected.package = std::move(name);
    if (auto ranges = Fields::member(object, "ranges")) {
        auto ranges_path = join_path(path, "ranges");
        VOUCH_TRY_ASSIGN(auto items, fields.array(*ranges, ranges_path));
        std::size_t i = 0;
        for (Element item : items) {
            auto range_path = index_path(ranges_path, i++);
            VOUCH_TRY_ASSIGN(auto range_object, fields.object(item, range_path));
            Range range;
            VOUCH_TRY_ASSIGN(range.type, fields.required_string(range_object, "type", range_path));
            auto events = Fields::member(range_object, "events");
            if (!events)
                return fields.error(join_path(range_path, "events"), "is missing");
            auto events_path = join_path(range_path, "events");
            VOUCH_TRY_ASSIGN(auto event_items, fields.array(*events, events_path));
            std::size_t j = 0;
            for (Element event_value : event_items) {
                VOUCH_TRY_ASSIGN(auto event,
                                 parse_event(event_value, fields, index_path(events_path, j++)));
                range.events.push_back(std::move(event));
            }
            if (range.type == "SEMVER" || range.type == "ECOSYSTEM") {
                affected.ranges.push_back(std::move(range));
            }
        }
    }
    VOUCH_TRY_ASSIGN(affected.versions, fields.string_list(object, "versions", path));
    VOUCH_TRY(collect_severity(object, fields, path, advisory.cvss_vectors));
    collect_affected_cwes(object, advisory.cwes);
    return affected;
}

// GHSA's top-level database_specific: {"severity": "MODERATE", "cwe_ids": [...]}.
Status parse_database_specific(Object root, const Fields& fields, Advisory& advisory) {
    auto value = Fields::member(root, "database_specific");
    Object specific;
    if (!value || value->get_object().get(specific) != simdjson::SUCCESS)
        return {};
    if (auto severity = Fields::member(specific, "severity")) {
        VOUCH_TRY_ASSIGN(auto text, fields.string(*severity, "database_specific.severity"));
        if (auto parsed = parse_severity(text))
            advisory.feed_severity = *parsed;
    }
    VOUCH_TRY_ASSIGN(auto cwes, fields.string_list(specific, "cwe_ids", "database_specific"));
    for (auto& cwe : cwes)
        add_unique(advisory.cwes, std::move(cwe));
    return {};
}

} // namespace

Status parse_osv(Element root, const Fields& fields, const std::string& path, Batch& out) {
    VOUCH_TRY_ASSIGN(auto object, fields.object(root, path.empty() ? "(record)" : path));
    Advisory advisory;
    VOUCH_TRY_ASSIGN(advisory.id, fields.required_string(object, "id", path));
    if (auto withdrawn = Fields::member(object, "withdrawn")) {
        VOUCH_TRY(fields.string(*withdrawn, join_path(path, "withdrawn")));
        ++out.withdrawn;
        return {};
    }
    VOUCH_TRY_ASSIGN(advisory.aliases, fields.string_list(object, "aliases", path));
    VOUCH_TRY_ASSIGN(advisory.summary, fields.optional_string(object, "summary", path));
    VOUCH_TRY_ASSIGN(advisory.details, fields.optional_string(object, "details", path));
    VOUCH_TRY_ASSIGN(advisory.published, fields.optional_string(object, "published", path));
    VOUCH_TRY_ASSIGN(advisory.modified, fields.optional_string(object, "modified", path));
    // A MAL-* record, or a record (e.g. a GHSA malware advisory) that OpenSSF lists as MAL-*.
    advisory.malicious = advisory.id.rfind("MAL-", 0) == 0 ||
                         std::any_of(advisory.aliases.begin(), advisory.aliases.end(),
                                     [](const std::string& a) { return a.rfind("MAL-", 0) == 0; });
    VOUCH_TRY(collect_severity(object, fields, path, advisory.cvss_vectors));

    if (auto affected = Fields::member(object, "affected")) {
        auto affected_path = join_path(path, "affected");
        VOUCH_TRY_ASSIGN(auto items, fields.array(*affected, affected_path));
        std::size_t i = 0;
        for (Element item : items) {
            VOUCH_TRY_ASSIGN(
                auto entry, parse_affected(item, fields, index_path(affected_path, i++), advisory));
            if (entry)
                advisory.affected.push_back(std::move(*entry));
        }
    }
    if (auto references = Fields::member(object, "references")) {
        auto references_path = join_path(path, "references");
        VOUCH_TRY_ASSIGN(auto items, fields.array(*references, references_path));
        std::size_t i = 0;
        for (Element item : items) {
            auto item_path = index_path(references_path, i++);
            VOUCH_TRY_ASSIGN(auto reference, fields.object(item, item_path));
            VOUCH_TRY_ASSIGN(auto url, fields.required_string(reference, "url", item_path));
            // GHSA records that absorbed a legacy npm advisory link to it: that npm id is an alias.
            if (auto npm = npm_id_from_url(url); !npm.empty())
                add_unique(advisory.aliases, npm);
            add_unique(advisory.references, std::move(url));
        }
    }
    VOUCH_TRY(parse_database_specific(object, fields, advisory));
    if (advisory.affected.empty())
        return {}; // not an npm advisory
    out.advisories.push_back(std::move(advisory));
    return {};
}

} // namespace vouch::advisory::detail
