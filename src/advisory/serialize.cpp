// The database's storage form of an Advisory: compact JSON with sorted keys, so the same content
// always serialises to the same bytes. It was first written through an nlohmann tree (ordered
// maps give the sorted keys); the import serialises every record twice, and building those trees
// was a third of its CPU, so to_json now writes the same bytes straight from the fields.
#include "canonical_json.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <vouch/advisory/feeds.hpp>
#include <vouch/util/json_writer.hpp>

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
                if (!range.npm_patched.empty()) // absent = none (keeps older content hashes)
                    r["patched"] = range.npm_patched;
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

// Reading the stored form is on the scanner's hot path (one parse per advisory of each package
// in the lockfile), so it uses simdjson; any shape error becomes the "corrupt" error below.
struct Corrupt {
    std::string what;
};

std::string get_string(simdjson::dom::object object, std::string_view key) {
    std::string_view value;
    if (object[key].get_string().get(value) != simdjson::SUCCESS) {
        throw Corrupt{"'" + std::string(key) + "' is not a string"};
    }
    return std::string(value);
}

std::vector<std::string> get_strings(simdjson::dom::object object, std::string_view key) {
    simdjson::dom::array array;
    if (object[key].get_array().get(array) != simdjson::SUCCESS) {
        throw Corrupt{"'" + std::string(key) + "' is not an array"};
    }
    std::vector<std::string> out;
    out.reserve(array.size());
    for (auto item : array) {
        std::string_view value;
        if (item.get_string().get(value) != simdjson::SUCCESS) {
            throw Corrupt{"'" + std::string(key) + "' holds a non-string"};
        }
        out.emplace_back(value);
    }
    return out;
}

simdjson::dom::array get_array(simdjson::dom::object object, std::string_view key) {
    simdjson::dom::array array;
    if (object[key].get_array().get(array) != simdjson::SUCCESS) {
        throw Corrupt{"'" + std::string(key) + "' is not an array"};
    }
    return array;
}

simdjson::dom::object as_object(simdjson::dom::element element, std::string_view what) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        throw Corrupt{std::string(what) + " is not an object"};
    }
    return object;
}

Advisory from_value(simdjson::dom::object v) {
    Advisory a;
    a.id = get_string(v, "id");
    a.aliases = get_strings(v, "aliases");
    a.summary = get_string(v, "summary");
    a.details = get_string(v, "details");
    a.published = get_string(v, "published");
    a.modified = get_string(v, "modified");
    if (v["malicious"].get_bool().get(a.malicious) != simdjson::SUCCESS) {
        throw Corrupt{"'malicious' is not a boolean"};
    }
    for (auto entry_value : get_array(v, "affected")) {
        auto entry = as_object(entry_value, "affected entry");
        Affected affected;
        affected.package = get_string(entry, "package");
        affected.versions = get_strings(entry, "versions");
        for (auto range_value : get_array(entry, "ranges")) {
            auto r = as_object(range_value, "range");
            Range range;
            range.type = get_string(r, "type");
            if (range.type == "NPM") {
                range.npm_range = get_string(r, "range");
                if (r["patched"].error() != simdjson::NO_SUCH_FIELD)
                    range.npm_patched = get_string(r, "patched");
            } else {
                for (auto event_value : get_array(r, "events")) {
                    auto e = as_object(event_value, "event");
                    if (e.size() != 1)
                        throw Corrupt{"an event has more than one key"};
                    auto [key, value] = *e.begin();
                    auto kind = parse_kind(key);
                    std::string_view version;
                    if (!kind || value.get_string().get(version) != simdjson::SUCCESS) {
                        throw Corrupt{"bad event '" + std::string(key) + "'"};
                    }
                    range.events.push_back({*kind, std::string(version)});
                }
            }
            affected.ranges.push_back(std::move(range));
        }
        a.affected.push_back(std::move(affected));
    }
    a.cvss_vectors = get_strings(v, "cvss");
    auto severity = parse_stored_severity(get_string(v, "severity"));
    if (!severity)
        throw Corrupt{"unknown severity"};
    a.feed_severity = *severity;
    a.cwes = get_strings(v, "cwes");
    a.references = get_strings(v, "references");
    simdjson::dom::element sources;
    if (v["sources"].get(sources) == simdjson::SUCCESS)
        a.sources = get_strings(v, "sources");
    return a;
}

} // namespace

void detail::append_json_string(std::string& out, std::string_view text) {
    if (!simdjson::validate_utf8(text.data(), text.size())) {
        // Rare (feeds are parsed by simdjson, which rejects invalid UTF-8): let nlohmann replace
        // the bad bytes, so the result stays what it always was.
        out += json(std::string(text)).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    util::append_json_string(out, text);
}

namespace {

// Compact JSON, keys written in sorted (byte) order by hand: the order nlohmann's std::map gave.
class CanonicalWriter {
  public:
    explicit CanonicalWriter(std::string& out) : m_out(out) {}

    void key(std::string_view name, bool first = false) {
        if (!first)
            m_out += ',';
        m_out += '"';
        m_out += name; // keys are our own constants: nothing to escape
        m_out += "\":";
    }
    void string(std::string_view text) { detail::append_json_string(m_out, text); }
    void strings(const std::vector<std::string>& list) {
        m_out += '[';
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (i > 0)
                m_out += ',';
            string(list[i]);
        }
        m_out += ']';
    }
    void raw(std::string_view text) { m_out += text; }

  private:
    std::string& m_out;
};

void write_range(CanonicalWriter& w, const Range& range) {
    w.raw("{");
    if (range.type == "NPM") {
        if (!range.npm_patched.empty()) { // absent = none (keeps older content hashes)
            w.key("patched", true);
            w.string(range.npm_patched);
            w.key("range");
        } else {
            w.key("range", true);
        }
        w.string(range.npm_range);
    } else {
        w.key("events", true);
        w.raw("[");
        for (std::size_t i = 0; i < range.events.size(); ++i) {
            if (i > 0)
                w.raw(",");
            w.raw("{");
            w.key(to_string(range.events[i].kind), true);
            w.string(range.events[i].version);
            w.raw("}");
        }
        w.raw("]");
    }
    w.key("type");
    w.string(range.type);
    w.raw("}");
}

void write_advisory(std::string& out, const Advisory& a, bool with_sources) {
    CanonicalWriter w(out);
    w.raw("{");
    w.key("affected", true);
    w.raw("[");
    for (std::size_t i = 0; i < a.affected.size(); ++i) {
        const auto& entry = a.affected[i];
        if (i > 0)
            w.raw(",");
        w.raw("{");
        w.key("package", true);
        w.string(entry.package);
        w.key("ranges");
        w.raw("[");
        for (std::size_t r = 0; r < entry.ranges.size(); ++r) {
            if (r > 0)
                w.raw(",");
            write_range(w, entry.ranges[r]);
        }
        w.raw("]");
        w.key("versions");
        w.strings(entry.versions);
        w.raw("}");
    }
    w.raw("]");
    w.key("aliases");
    w.strings(a.aliases);
    w.key("cvss");
    w.strings(a.cvss_vectors);
    w.key("cwes");
    w.strings(a.cwes);
    w.key("details");
    w.string(a.details);
    w.key("id");
    w.string(a.id);
    w.key("malicious");
    w.raw(a.malicious ? "true" : "false");
    w.key("modified");
    w.string(a.modified);
    w.key("published");
    w.string(a.published);
    w.key("references");
    w.strings(a.references);
    w.key("severity");
    w.string(to_string(a.feed_severity));
    if (with_sources) {
        w.key("sources");
        w.strings(a.sources);
    }
    w.key("summary");
    w.string(a.summary);
    w.raw("}");
}

} // namespace

bool detail::survives_storage(const Advisory& a) {
    auto valid = [](std::string_view text) {
        return simdjson::validate_utf8(text.data(), text.size());
    };
    auto all_valid = [&](const std::vector<std::string>& list) {
        return std::all_of(list.begin(), list.end(), valid);
    };
    if (!valid(a.id) || !all_valid(a.aliases) || !valid(a.summary) || !valid(a.details) ||
        !valid(a.published) || !valid(a.modified) || !all_valid(a.cvss_vectors) ||
        !all_valid(a.cwes) || !all_valid(a.references) || !all_valid(a.sources)) {
        return false;
    }
    for (const auto& entry : a.affected) {
        if (!valid(entry.package) || !all_valid(entry.versions))
            return false;
        for (const auto& range : entry.ranges) {
            if (!valid(range.type))
                return false;
            if (range.type == "NPM") {
                if (!range.events.empty() || !valid(range.npm_range) || !valid(range.npm_patched))
                    return false;
            } else {
                if (!range.npm_range.empty() || !range.npm_patched.empty())
                    return false;
                for (const auto& event : range.events) {
                    if (!valid(event.version))
                        return false;
                }
            }
        }
    }
    return true;
}

std::string detail::to_json_reference(const Advisory& advisory, bool with_sources) {
    // Replace invalid UTF-8 rather than throw: feeds are input, not our invariant.
    return to_value(advisory, with_sources).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string to_json(const Advisory& advisory, bool with_sources) {
    std::string out;
    out.reserve(512 + advisory.details.size() + advisory.summary.size());
    write_advisory(out, advisory, with_sources);
    return out;
}

Result<Advisory> advisory_from_json(std::string_view text, const std::string& name) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS ||
        root.get_object().get(object) != simdjson::SUCCESS) {
        return fail(Errc::parse, "corrupt stored advisory: not a JSON object", name);
    }
    try {
        return from_value(object);
    } catch (const Corrupt& e) {
        return fail(Errc::parse, "corrupt stored advisory: " + e.what, name);
    }
}

} // namespace vouch::advisory
