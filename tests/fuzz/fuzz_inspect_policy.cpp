// links: vouch_inspect
// The inspect policy section and the exception glob on arbitrary bytes: a Config or an Error
// located inside the input; globs never blow up.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/inspect/config.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto config = vouch::inspect::parse_policy(input, "fuzz");
    if (!config) {
        const auto& error = config.error();
        if (error.message.empty() || error.file != "fuzz") {
            std::abort();
        }
        if (error.line > 0 &&
            error.line >
                static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1) {
            std::abort();
        }
    } else {
        for (const auto& e : config->exceptions) {
            (void)vouch::inspect::glob_matches(e.path.substr(0, 256), "static/_next/static/a.js");
        }
    }
    const std::size_t half = std::min<std::size_t>(size / 2, 512);
    (void)vouch::inspect::glob_matches(input.substr(0, half), input.substr(half, 512));
    return 0;
}
