// links: vouch_audit
// verify_text and parse_head on arbitrary bytes: a verdict (a bad line within the text's lines)
// or an Error, never a crash.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/audit/log.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto result = vouch::audit::verify_text(input, std::nullopt);
    const auto lines = static_cast<std::uint64_t>(std::count(input.begin(), input.end(), '\n')) + 1;
    if (!result.ok && (result.first_bad_line == 0 || result.first_bad_line > lines)) {
        std::abort();
    }
    (void)vouch::audit::parse_head(input, "head");
    return 0;
}
