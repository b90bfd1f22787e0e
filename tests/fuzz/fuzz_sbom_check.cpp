// links: vouch_attest
// inspect_sbom reads any file given to `vouch sign --sbom`: it must never crash, and fails only
// with Errc::parse (malformed JSON) or Errc::rejected (not an SBOM).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vouch/attest/sbom_check.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vouch;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto facts = attest::inspect_sbom(text, "fuzz.json");
    if (!facts && facts.error().code != Errc::parse && facts.error().code != Errc::rejected) {
        __builtin_trap();
    }
    if (facts && facts->lockfile_sha256 && facts->lockfile_sha256->size() != 64) {
        __builtin_trap();
    }
    return 0;
}
