// The SBOM model refers to the lockfile model instead of copying it: views into its text (the
// Sbom shares the lockfile's arena), the first install for what installs share, and its own
// lists as slices of pools that a move keeps valid.
#include <gtest/gtest.h>
#include <vouch/sbom/sbom.hpp>

using namespace vouch;

namespace {

const char* k_lock = R"js({
  "name": "shop", "version": "1.0.0", "lockfileVersion": 3,
  "packages": {
    "": { "name": "shop", "version": "1.0.0", "dependencies": { "left-pad": "1" } },
    "node_modules/left-pad": { "version": "1.3.0", "license": "WTFPL", "deprecated": "use padStart",
      "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=", "engines": { "node": ">=0.10" } }
  }
})js";

sbom::DocumentInfo fixed_info() {
    sbom::DocumentInfo info;
    info.serial_uuid = "00000000-0000-8000-8000-000000000000";
    info.reproducible = true;
    return info;
}

} // namespace

TEST(SbomNoCopy, ComponentsPointIntoTheLockfilesText) {
    auto lock = lockfile::parse_lockfile(k_lock, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    const auto sbom = sbom::build_sbom(*lock);
    ASSERT_TRUE(sbom);
    ASSERT_EQ(sbom->components.size(), 2u);
    const auto& pad = lock->packages[lock->find("node_modules/left-pad")];
    const auto& c = sbom->components[1];
    EXPECT_EQ(c.name().data(), pad.name.data());
    EXPECT_EQ(c.version().data(), pad.version.data());
    EXPECT_EQ(c.package, &pad);
    ASSERT_EQ(c.paths.size(), 1u);
    EXPECT_EQ(c.paths[0].data(), pad.location.data());
    ASSERT_EQ(c.hashes.size(), 1u);
    EXPECT_EQ(c.hashes.data(), pad.digests.data());
    EXPECT_EQ(sbom->arena, lock->arena);
}

TEST(SbomNoCopy, AMovedSbomWritesTheSameDocument) {
    auto lock = lockfile::parse_lockfile(k_lock, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    auto built = sbom::build_sbom(*lock);
    ASSERT_TRUE(built);
    const std::string before = sbom::write_cyclonedx(*built, fixed_info());
    const auto paths = built->components[1].paths.data();
    sbom::Sbom moved = std::move(*built);
    EXPECT_EQ(moved.components[1].paths.data(), paths);
    EXPECT_EQ(sbom::write_cyclonedx(moved, fixed_info()), before);
    EXPECT_NE(before.find("\"pkg:npm/left-pad@1.3.0\""), std::string::npos);
    EXPECT_NE(before.find("use padStart"), std::string::npos);
    EXPECT_NE(before.find("cdx:npm:package:constraint:engine:node"), std::string::npos);
}
