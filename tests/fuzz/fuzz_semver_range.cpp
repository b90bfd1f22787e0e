// links: vouch_semver
// Range::parse + satisfies, Version::parse + compare and the OSV evaluator on arbitrary bytes.
// Input layout: "<version>\t<range>" (no tab: the whole input is both).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/semver/osv_range.hpp>
#include <vouch/semver/semver.hpp>

using namespace vouch::semver;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Parsing is linear (unit tests cover 200k-character ranges); bounding the input keeps the
    // short CI smoke run exploring structure instead of re-scanning megabyte inputs.
    if (size > 16384) {
        return 0;
    }
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto tab = input.find('\t');
    const auto version_text = tab == std::string_view::npos ? input : input.substr(0, tab);
    const auto range_text = tab == std::string_view::npos ? input : input.substr(tab + 1);

    const auto version = Version::parse(version_text);
    if (version) {
        // Normalizing is stable: parse(to_string(v)) is the same version.
        const auto again = Version::parse(version->to_string());
        if (!again || compare(*again, *version) != 0 ||
            again->to_string() != version->to_string()) {
            std::abort();
        }
    }
    const auto range = Range::parse(range_text);
    if (range) {
        (void)to_string(*range);
        if (version) {
            (void)range->satisfies(*version);
        }
    } else if (range.error().message.empty()) {
        std::abort(); // every failure explains itself
    }
    (void)satisfies(version_text, range_text);

    if (version) {
        // Treat the range text's space-separated words as alternating OSV events.
        std::vector<OsvEvent> events;
        std::size_t start = 0;
        int kind = 0;
        while (start <= range_text.size() && events.size() < 64) {
            const auto space = range_text.find(' ', start);
            const auto word = range_text.substr(
                start, space == std::string_view::npos ? std::string_view::npos : space - start);
            events.push_back({static_cast<OsvEvent::Kind>(kind++ % 4), std::string(word)});
            if (space == std::string_view::npos) {
                break;
            }
            start = space + 1;
        }
        (void)osv_range_affects(events, *version);
        if (const auto fixed = osv_next_fixed(events, *version); fixed && !(*version < *fixed)) {
            std::abort();
        }
    }
    return 0;
}
