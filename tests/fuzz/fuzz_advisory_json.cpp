// links: vouch_advisory
// Differential fuzzing of the stored advisory JSON writer: for any bytes, the direct writer
// (to_json, detail::append_json_string) must give exactly what the nlohmann tree it replaced gives
// (detail::to_json_reference), invalid UTF-8 and control characters included.
#include "../../src/advisory/canonical_json.hpp"

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vouch/advisory/feeds.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vouch::advisory;
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string written;
    detail::append_json_string(written, text);
    if (written !=
        nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        __builtin_trap();

    // The same bytes in every field and range shape of an advisory.
    Advisory a;
    a.id = a.summary = a.details = a.published = a.modified = text;
    a.aliases = a.cvss_vectors = a.cwes = a.references = a.sources = {text, text};
    a.malicious = size % 2 == 0;
    a.feed_severity = static_cast<Severity>(size % 5);
    Affected affected;
    affected.package = text;
    affected.versions = {text};
    Range npm;
    npm.type = "NPM";
    npm.npm_range = text;
    npm.npm_patched = size % 3 == 0 ? "" : text;
    Range events;
    events.type = text;
    events.events = {{static_cast<Event::Kind>(size % 4), text}};
    affected.ranges = {npm, events};
    a.affected = {affected};
    for (bool with_sources : {true, false}) {
        if (to_json(a, with_sources) != detail::to_json_reference(a, with_sources))
            __builtin_trap();
    }
    return 0;
}
