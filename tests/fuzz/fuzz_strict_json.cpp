// links: vouch_util nlohmann_json::nlohmann_json
// The strict reader for signed JSON: any input is accepted or refused with Errc::rejected, and
// whatever it accepts parses with nlohmann without throwing.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vouch/util/strict_json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = vouch::util::parse_strict_json<nlohmann::json>(text, "fuzz.json");
    if (!parsed && parsed.error().code != vouch::Errc::rejected) {
        __builtin_trap();
    }
    return 0;
}
