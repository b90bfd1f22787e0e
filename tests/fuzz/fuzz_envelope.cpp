// links: vouch_dsse
// Any input must give an envelope or an Error, never a crash; a parsed envelope must survive a
// serialise/parse round trip unchanged, and verifying it must not crash.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vouch/dsse/envelope.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vouch;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto envelope = dsse::parse_envelope(text, "fuzz");
    if (!envelope) {
        if (envelope.error().code != Errc::rejected) {
            __builtin_trap();
        }
        return 0;
    }
    auto again = dsse::parse_envelope(dsse::serialize_envelope(*envelope), "fuzz");
    if (!again || again->payload != envelope->payload ||
        again->payload_type != envelope->payload_type ||
        again->signatures.size() != envelope->signatures.size()) {
        __builtin_trap();
    }
    dsse::TrustedKey key{"0000000000000000", {}};
    key.key[0] = 1;
    if (dsse::verify(*envelope, {key}, 1)) {
        __builtin_trap(); // nothing verifies against a key nobody holds
    }
    return 0;
}
