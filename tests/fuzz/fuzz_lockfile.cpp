// links: vouch_lockfile vouch_sbom
// Any input must give a Lockfile or an Error, never a crash; a parsed one must also survive
// SBOM building and omission.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>
#include <vouch/sbom/sbom.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto lock = vouch::lockfile::parse_lockfile(text, "fuzz.json");
    if (!lock) {
        return 0;
    }
    const auto lean =
        vouch::lockfile::apply_omit(*lock, {.dev = true, .optional = true, .peer = true});
    for (std::size_t i = 0; i < lean.packages.size() && i < 16; ++i) {
        (void)vouch::lockfile::path_from_root(lean, i);
        (void)vouch::lockfile::line_of_location(text, *lock, i);
    }
    if (auto sbom = vouch::sbom::build_sbom(*lock)) {
        vouch::sbom::DocumentInfo info;
        (void)vouch::sbom::write_cyclonedx(*sbom, info);
        (void)vouch::sbom::write_spdx(*sbom, info);
    }
    return 0;
}
