// links: vouch_digest
// The manifest parser takes signer-controlled text: any input gives a manifest or an Error, and a
// parsed manifest serialises back to exactly the input (one manifest, one text).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vouch/digest/manifest.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vouch;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto manifest = digest::parse_manifest(text, "fuzz");
    if (manifest && digest::serialize_manifest(*manifest) != text) {
        __builtin_trap();
    }
    return 0;
}
