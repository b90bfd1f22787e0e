// links: vouch_advisory
// Fuzzes the OSV record parser, the format-detecting feed parser (npm bulk / quick audit,
// security WG, GitHub GraphQL share it) and the storage round trip: any input must give a
// value or an Error, never a crash, and a parsed advisory must survive to_json/from_json.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vouch/advisory/feeds.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace vouch::advisory;
    auto record = parse_osv_record(text, "fuzz.json");
    if (record && *record) {
        auto stored = to_json(**record);
        auto back = advisory_from_json(stored, "db");
        if (!back || to_json(*back) != stored)
            __builtin_trap();
    }
    auto document = parse_feed_document(text, "fuzz.json");
    if (document) {
        auto merged = merge_aliases(std::move(document->advisories));
        for (const auto& advisory : merged)
            (void)to_json(advisory);
    }
    (void)github_range_to_npm(text.substr(0, 256));
    return 0;
}
