// links: vouch_policy
// The policy reader on arbitrary bytes: a Policy or a located Errc::parse/unsupported error.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/policy/policy.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto parsed = vouch::policy::parse(input, "fuzz");
    if (parsed) {
        std::vector<const vouch::policy::Exception*> expired;
        vouch::policy::find_exception(*parsed, "a", "1.0.0", "lint", "x", "2026-01-01", &expired);
        return 0;
    }
    const auto& e = parsed.error();
    if (e.message.empty() || e.file != "fuzz" ||
        (e.code != vouch::Errc::parse && e.code != vouch::Errc::unsupported)) {
        std::abort();
    }
    if (e.line > static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1) {
        std::abort();
    }
    return 0;
}
