// The SBOM model refers to the lockfile's text instead of copying it, and keeps that text alive
// on its own (it shares the lockfile's arena).
#include <gtest/gtest.h>
#include <optional>
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
    EXPECT_EQ(c.name.data(), pad.name.data());
    EXPECT_EQ(c.version.data(), pad.version.data());
    EXPECT_EQ(c.deprecated.data(), pad.deprecated.data());
    ASSERT_EQ(c.paths.size(), 1u);
    EXPECT_EQ(c.paths[0].data(), pad.location.data());
    ASSERT_EQ(c.hashes.size(), 1u);
    EXPECT_EQ(c.hashes[0].base64.data(), pad.digests[0].base64.data());
    EXPECT_EQ(sbom->arena, lock->arena);
}

TEST(SbomNoCopy, OutlivesTheLockfile) {
    std::optional<lockfile::Lockfile> lock;
    {
        auto parsed = lockfile::parse_lockfile(k_lock, "package-lock.json");
        ASSERT_TRUE(parsed) << parsed.error().describe();
        lock = std::move(*parsed);
    }
    auto built = sbom::build_sbom(*lock);
    ASSERT_TRUE(built);
    const std::string before = sbom::write_cyclonedx(*built, fixed_info());
    lock.reset(); // the Sbom's arena keeps the text
    EXPECT_EQ(sbom::write_cyclonedx(*built, fixed_info()), before);
    EXPECT_NE(before.find("\"pkg:npm/left-pad@1.3.0\""), std::string::npos);
    EXPECT_NE(before.find("use padStart"), std::string::npos);
}
