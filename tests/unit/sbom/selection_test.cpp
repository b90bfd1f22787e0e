// --omit as a mask: build_sbom(lock, select_installed(lock, omit)) must give exactly the SBOM of
// the filtered copy apply_omit() makes, without making it.
#include <gtest/gtest.h>
#include <stdexcept>
#include <vouch/sbom/sbom.hpp>

using namespace vouch;

namespace {

// dup is installed twice: once for a runtime dependency, once (dev) for the dev tool; opt is
// optional; devtool's peer edge to react must survive, its edge to the dev dup must not.
const char* k_lock = R"js({
  "name": "shop", "version": "1.0.0", "lockfileVersion": 3,
  "packages": {
    "": { "name": "shop", "version": "1.0.0",
          "dependencies": { "react": "^18", "@scope/pkg": "1" },
          "optionalDependencies": { "opt": "1" },
          "devDependencies": { "devtool": "1" } },
    "node_modules/react": { "version": "18.3.1", "license": "MIT" },
    "node_modules/devtool": { "version": "1.0.0", "dev": true,
      "peerDependencies": { "react": "*" }, "dependencies": { "dup": "1" } },
    "node_modules/@scope/pkg": { "version": "1.0.0", "dependencies": { "dup": "1" } },
    "node_modules/@scope/pkg/node_modules/dup": { "version": "1.0.0" },
    "node_modules/dup": { "version": "1.0.0", "dev": true },
    "node_modules/opt": { "version": "2.0.0", "optional": true }
  }
})js";

std::string cyclonedx_of(const Result<sbom::Sbom>& sbom) {
    if (!sbom) {
        throw std::runtime_error("test setup failed: " + sbom.error().describe());
    }
    sbom::DocumentInfo info;
    info.serial_uuid = "00000000-0000-8000-8000-000000000000";
    info.reproducible = true;
    return sbom::write_cyclonedx(*sbom, info);
}

} // namespace

TEST(OmitSelection, GivesTheSbomOfTheFilteredCopy) {
    auto lock = lockfile::parse_lockfile(k_lock, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    for (const lockfile::Omit omit :
         {lockfile::Omit{}, lockfile::Omit{.dev = true}, lockfile::Omit{.optional = true},
          lockfile::Omit{.dev = true, .optional = true}}) {
        const auto kept = lockfile::select_installed(*lock, omit);
        const auto masked = sbom::build_sbom(*lock, kept);
        const auto filtered = lockfile::apply_omit(*lock, omit);
        const auto copied = sbom::build_sbom(filtered);
        EXPECT_EQ(cyclonedx_of(masked), cyclonedx_of(copied))
            << "omit dev=" << omit.dev << " optional=" << omit.optional;
    }
}

TEST(OmitSelection, LeavesOutPackagesAndTheirEdges) {
    auto lock = lockfile::parse_lockfile(k_lock, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    const auto kept = lockfile::select_installed(*lock, {.dev = true});
    ASSERT_EQ(kept.size(), lock->packages.size());
    EXPECT_TRUE(kept[0]);
    EXPECT_FALSE(kept[lock->find("node_modules/devtool")]);
    EXPECT_FALSE(kept[lock->find("node_modules/dup")]);
    EXPECT_TRUE(kept[lock->find("node_modules/@scope/pkg/node_modules/dup")]);
    const auto sbom = sbom::build_sbom(*lock, kept);
    ASSERT_TRUE(sbom);
    std::vector<std::string> names;
    for (const auto& c : sbom->components) {
        names.emplace_back(c.name());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"shop", "@scope/pkg", "dup", "opt", "react"}));
    // dup keeps only its runtime install path.
    EXPECT_EQ(sbom->components[2].paths.size(), 1u);
    // The root no longer depends on devtool, and nothing points past the end.
    for (const auto& c : sbom->components) {
        for (const std::size_t d : c.depends_on) {
            EXPECT_LT(d, sbom->components.size());
        }
    }
    EXPECT_EQ(sbom->components[0].depends_on.size(), 3u); // @scope/pkg, opt, react
}
