// links: vouch_inspect
// The streaming secret scanner on arbitrary bytes: never crashes, and the findings do not depend
// on how the bytes are split into chunks (the first input byte picks the chunk size).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/inspect/scanner.hpp>

namespace {

std::vector<vouch::inspect::Finding> scan(std::string_view text, std::size_t chunk, bool strict) {
    vouch::inspect::ScanRules rules;
    rules.strict = strict;
    vouch::inspect::FileScanner scanner(rules);
    scanner.begin("fuzz.js");
    for (std::size_t at = 0; at < text.size(); at += chunk) {
        scanner.feed(text.substr(at, chunk));
    }
    return scanner.end();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::size_t chunk = 1 + data[0] % 97;
    const bool strict = (data[0] & 0x80U) != 0;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto whole = scan(text, text.size() + 1, strict);
    const auto parts = scan(text, chunk, strict);
    if (whole.size() != parts.size()) {
        std::abort();
    }
    for (std::size_t k = 0; k < whole.size(); ++k) {
        if (whole[k].rule != parts[k].rule || whole[k].line != parts[k].line ||
            whole[k].column != parts[k].column || whole[k].excerpt != parts[k].excerpt) {
            std::abort();
        }
    }
    return 0;
}
