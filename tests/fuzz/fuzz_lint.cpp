// links: vouch_lint
// The lint rules with arbitrary bytes as the project's package.json (the one document lint
// parses itself): a report, or an Errc::parse error naming package.json.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vouch/lint/lint.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto lock = [] {
        auto parsed = vouch::lockfile::parse_lockfile(
            R"({"name": "app", "lockfileVersion": 3, "packages": {
              "": {"name": "app", "dependencies": {"a": "^1.0.0"}},
              "node_modules/a": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz"}}})",
            "package-lock.json");
        if (!parsed) {
            std::abort();
        }
        return *parsed;
    }();
    const std::string package_json(reinterpret_cast<const char*>(data), size);
    auto report =
        vouch::lint::run(lock, package_json, vouch::policy::builtin_default(), "2026-11-25");
    if (!report &&
        (report.error().code != vouch::Errc::parse || report.error().file != "package.json")) {
        std::abort();
    }
    return 0;
}
