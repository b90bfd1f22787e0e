// The SBOM graph of a monorepo (issue 8 items 8 and 11): the root depends on each workspace
// member, so what the workspaces install is reachable; a plain file: link is not a workspace.
#include <algorithm>
#include <gtest/gtest.h>
#include <vouch/sbom/sbom.hpp>

using namespace vouch;

namespace {

const char* k_monorepo = R"({
  "name": "mono", "lockfileVersion": 3, "requires": true,
  "packages": {
    "": { "name": "mono", "version": "1.0.0", "workspaces": ["packages/*"],
          "dependencies": { "local-lib": "file:libs/local-lib" } },
    "node_modules/@m/ui": { "resolved": "packages/ui", "link": true },
    "node_modules/local-lib": { "resolved": "libs/local-lib", "link": true },
    "packages/ui": { "name": "@m/ui", "version": "1.0.0", "dependencies": { "tar": "^7.0.0" } },
    "libs/local-lib": { "name": "local-lib", "version": "1.0.0" },
    "node_modules/tar": { "version": "7.4.3" }
  }
})";

const sbom::Component& named(const sbom::Sbom& s, const std::string& name) {
    auto it = std::find_if(s.components.begin(), s.components.end(),
                           [&](const sbom::Component& c) { return c.name() == name; });
    EXPECT_NE(it, s.components.end()) << name;
    return *it;
}

TEST(SbomGraph, RootDependsOnWorkspacesAndFileLinksAreNotWorkspaces) {
    auto lock = lockfile::parse_lockfile(k_monorepo, "package-lock.json");
    ASSERT_TRUE(lock) << lock.error().describe();
    auto built = sbom::build_sbom(*lock);
    ASSERT_TRUE(built) << built.error().describe();
    const auto& root = built->components.at(0);
    std::vector<std::string> root_deps;
    for (auto d : root.depends_on) {
        root_deps.emplace_back(built->components.at(d).name());
    }
    std::sort(root_deps.begin(), root_deps.end());
    EXPECT_EQ(root_deps, (std::vector<std::string>{"@m/ui", "local-lib"}));
    EXPECT_TRUE(named(*built, "@m/ui").workspace);
    EXPECT_FALSE(named(*built, "local-lib").workspace);
    const auto out = sbom::write_cyclonedx(*built, {});
    // exactly one workspace label (for @m/ui)
    std::size_t labels = 0;
    for (auto at = out.find("vouch:npm:package:workspace"); at != std::string::npos;
         at = out.find("vouch:npm:package:workspace", at + 1)) {
        ++labels;
    }
    EXPECT_EQ(labels, 1u);
}

} // namespace
