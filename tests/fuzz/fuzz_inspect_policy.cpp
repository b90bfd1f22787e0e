// links: vouch_policy vouch_inspect
// A policy with an "inspect" section on arbitrary bytes: a Policy or an Error located inside the
// input; the exception globs never blow up.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/inspect/config.hpp>
#include <vouch/policy/policy.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto policy = vouch::policy::parse(input, "fuzz");
    if (!policy) {
        const auto& error = policy.error();
        if (error.message.empty() || error.file != "fuzz") {
            std::abort();
        }
        if (error.line > 0 &&
            error.line >
                static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1) {
            std::abort();
        }
    } else {
        for (const auto& e : policy->inspect.exceptions) {
            (void)vouch::inspect::glob_matches(e.path.substr(0, 256), "static/_next/static/a.js");
        }
    }
    const std::size_t half = std::min<std::size_t>(size / 2, 512);
    (void)vouch::inspect::glob_matches(input.substr(0, half), input.substr(half, 512));
    return 0;
}
