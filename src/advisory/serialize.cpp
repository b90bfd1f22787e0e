// The database's storage form of an Advisory: compact JSON with sorted keys (nlohmann's objects
// are ordered maps), so the same content always serialises to the same bytes.
#include <nlohmann/json.hpp>
#include <vouch/advisory/feeds.hpp>

namespace vouch::advisory {

namespace {

using nlohmann::json;

std::optional<Event::Kind> parse_kind(std::string_view text) {
    for (auto kind : {Event::Kind::introduced, Event::Kind::fixed, Event::Kind::last_affected,
                      Event::Kind::limit}) {
        if (to_string(kind) == text)
            return kind;
    }
    return std::nullopt;
}

std::optional<Severity> parse_stored_severity(std::string_view text) {
    if (text == "unknown")
        return Severity::unknown;
    return parse_severity(text);
}

json to_value(const Advisory& a, bool with_sources) {
    json affected = json::array();
    for (const auto& entry : a.affected) {
        json ranges = json::array();
        for (const auto& range : entry.ranges) {
            json r = {{"type", range.type}};
            if (range.type == "NPM") {
                r["range"] = range.npm_range;
            } else {
                json events = json::array();
                for (const auto& e : range.events)
                    events.push_back({{to_string(e.kind), e.version}});
                r["events"] = std::move(events);
            }
            ranges.push_back(std::move(r));
        }
        affected.push_back({{"package", entry.package},
                            {"ranges", std::move(ranges)},
                            {"versions", entry.versions}});
    }
    json out = {{"id", a.id},
                {"aliases", a.aliases},
                {"summary", a.summary},
                {"details", a.details},
                {"published", a.published},
                {"modified", a.modified},
                {"malicious", a.malicious},
                {"affected", std::move(affected)},
                {"cvss", a.cvss_vectors},
                {"severity", to_string(a.feed_severity)},
                {"cwes", a.cwes},
                {"references", a.references}};
    if (with_sources)
        out["sources"] = a.sources;
    return out;
}

// Throws nlohmann::json::exception on a wrong shape; the caller turns that into an Error.
Advisory from_value(const json& v) {
    Advisory a;
    a.id = v.at("id").get<std::string>();
    a.aliases = v.at("aliases").get<std::vector<std::string>>();
    a.summary = v.at("summary").get<std::string>();
    a.details = v.at("details").get<std::string>();
    a.published = v.at("published").get<std::string>();
    a.modified = v.at("modified").get<std::string>();
    a.malicious = v.at("malicious").get<bool>();
    for (const auto& entry : v.at("affected")) {
        Affected affected;
        affected.package = entry.at("package").get<std::string>();
        affected.versions = entry.at("versions").get<std::vector<std::string>>();
        for (const auto& r : entry.at("ranges")) {
            Range range;
            range.type = r.at("type").get<std::string>();
            if (range.type == "NPM") {
                range.npm_range = r.at("range").get<std::string>();
            } else {
                for (const auto& e : r.at("events")) {
                    if (!e.is_object() || e.size() != 1)
                        throw std::runtime_error("bad event");
                    auto kind = parse_kind(e.begin().key());
                    if (!kind)
                        throw std::runtime_error("unknown event " + e.begin().key());
                    range.events.push_back({*kind, e.begin().value().get<std::string>()});
                }
            }
            affected.ranges.push_back(std::move(range));
        }
        a.affected.push_back(std::move(affected));
    }
    a.cvss_vectors = v.at("cvss").get<std::vector<std::string>>();
    auto severity = parse_stored_severity(v.at("severity").get<std::string>());
    if (!severity)
        throw std::runtime_error("unknown severity");
    a.feed_severity = *severity;
    a.cwes = v.at("cwes").get<std::vector<std::string>>();
    a.references = v.at("references").get<std::vector<std::string>>();
    if (v.contains("sources"))
        a.sources = v.at("sources").get<std::vector<std::string>>();
    return a;
}

} // namespace

std::string to_json(const Advisory& advisory, bool with_sources) {
    // Replace invalid UTF-8 rather than throw: feeds are input, not our invariant.
    return to_value(advisory, with_sources).dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Advisory> advisory_from_json(std::string_view text, const std::string& name) {
    try {
        return from_value(json::parse(text.begin(), text.end()));
    } catch (const std::exception& e) {
        return fail(Errc::parse, std::string("corrupt stored advisory: ") + e.what(), name);
    }
}

} // namespace vouch::advisory
