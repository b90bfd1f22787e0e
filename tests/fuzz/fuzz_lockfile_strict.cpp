// links: vouch_lockfile simdjson::simdjson
// The lockfile reader uses simdjson's On-Demand API, which checks only what it reads; vouch walks
// the rest. This target holds it to the full (DOM) parse's verdict: a text the full parse refuses
// must be refused as invalid JSON (or as a merge conflict), and a text it accepts must never be
// refused as unreadable JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <simdjson.h>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(text);
    const bool valid = parser.parse(padded).error() == simdjson::SUCCESS;
    const auto lock = vouch::lockfile::parse_lockfile(text, "fuzz.json");
    if (lock) {
        if (!valid || lock->text != text) {
            std::abort(); // accepted a text a full parse refuses
        }
        return 0;
    }
    const std::string& message = lock.error().message;
    const bool syntax = message.rfind("invalid JSON", 0) == 0 ||
                        message.rfind("git merge conflict markers", 0) == 0;
    if (valid == syntax) {
        std::abort(); // refused valid JSON as malformed, or malformed JSON for another reason
    }
    return 0;
}
