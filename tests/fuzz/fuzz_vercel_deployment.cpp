// links: vouch_vercel
// parse_deployment on arbitrary bytes (a Vercel API response): an Error of Errc::parse with a
// one-line message, or a deployment with an id and a readyState.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/vercel/client.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto deployment = vouch::vercel::parse_deployment(input, "api");
    if (deployment) {
        if (deployment->id.empty() || deployment->ready_state.empty()) {
            std::abort();
        }
    } else if (deployment.error().code != vouch::Errc::parse ||
               deployment.error().describe().find('\n') != std::string::npos) {
        std::abort();
    }
    return 0;
}
