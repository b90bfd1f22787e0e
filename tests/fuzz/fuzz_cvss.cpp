// links: vouch_cvss
// score_vector on arbitrary bytes: an Error or a score in [0, 10] with a known severity.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/cvss/cvss.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto score = vouch::cvss::score_vector(input);
    if (score) {
        if (!(score->base >= 0.0 && score->base <= 10.0) || score->severity.empty() ||
            (score->major_version != 3 && score->major_version != 4)) {
            std::abort();
        }
    } else if (score.error().message.empty() || score.error().message.size() > 1000) {
        std::abort();
    }
    return 0;
}
