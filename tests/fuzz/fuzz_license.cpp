// links: vouch_license
// The SPDX expression parser and npm licence reader on arbitrary bytes: a parse must re-spell to
// text that parses to the same spelling; an error is Errc::parse with a message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/license/license.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    using namespace vouch::license;
    auto parsed = parse_expression(input);
    if (parsed) {
        const std::string spelled = to_string(*parsed);
        auto again = parse_expression(spelled);
        if (!again || to_string(*again) != spelled) {
            std::abort();
        }
        category_of(parsed->id);
    } else if (parsed.error().code != vouch::Errc::parse || parsed.error().message.empty()) {
        std::abort();
    }
    const auto npm = read_npm_license(input);
    if ((npm.kind == NpmLicense::Kind::spdx || npm.kind == NpmLicense::Kind::corrected) !=
        npm.expression.has_value()) {
        std::abort();
    }
    return 0;
}
