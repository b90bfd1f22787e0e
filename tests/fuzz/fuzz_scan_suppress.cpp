// links: vouch_scan
// The scanner's small-document parsers on arbitrary bytes: the ignore file, VEX documents and
// CycloneDX SBOM input. Each returns a value or an Error with a position inside the input; and a
// parsed document must be usable for suppression without crashing.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vouch/scan/input.hpp>
#include <vouch/scan/suppress.hpp>

namespace {

void check_error(const vouch::Error& error, std::string_view input) {
    if (error.message.empty() || error.file != "fuzz") {
        std::abort();
    }
    // A position, when given, lies inside the text (one past the end for truncation).
    if (error.line > 0 &&
        error.line > static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    using namespace vouch::scan;
    std::vector<Finding> findings(1);
    findings[0].id = "GHSA-r9p9-mrjm-926w";
    findings[0].aliases = {"CVE-2020-28498"};
    findings[0].package = "elliptic";
    findings[0].version = "6.5.3";
    findings[0].installs.push_back({1, "node_modules/elliptic", {"app", "elliptic"}, false, 0});
    const auto now = *vouch::util::parse_rfc3339("2026-11-23T00:00:00Z");

    auto ignore = parse_ignore_file(input, "fuzz");
    if (ignore) {
        apply_suppressions(findings, {*ignore}, {}, now, "app");
    } else {
        check_error(ignore.error(), input);
    }
    auto vex = parse_vex(input, "fuzz");
    if (vex) {
        findings[0].suppression.reset();
        apply_suppressions(findings, {}, {*vex}, now, "app");
    } else {
        check_error(vex.error(), input);
    }
    auto sbom = lockfile_from_cyclonedx(input, "fuzz");
    if (sbom) {
        if (sbom->packages.empty()) {
            std::abort();
        }
        for (const auto& package : sbom->packages) {
            for (std::size_t dep : package.depends_on) {
                if (dep >= sbom->packages.size()) {
                    std::abort();
                }
            }
        }
    } else {
        check_error(sbom.error(), input);
    }
    return 0;
}
