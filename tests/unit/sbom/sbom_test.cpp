#include <deque>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vouch/sbom/sbom.hpp>

using namespace vouch;
using json = nlohmann::json;

namespace {

const char* k_lock = R"js({
  "name": "shop", "version": "1.0.0", "lockfileVersion": 3,
  "packages": {
    "": { "name": "shop", "version": "1.0.0",
          "dependencies": { "react": "^18", "@scope/pkg": "1", "tar": "https://example.com/t.tgz" },
          "devDependencies": { "devtool": "1" } },
    "node_modules/react": { "version": "18.3.1", "license": "MIT",
      "integrity": "sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==",
      "resolved": "https://registry.npmjs.org/react/-/react-18.3.1.tgz" },
    "node_modules/devtool": { "version": "1.0.0", "dev": true, "license": "(MIT OR Apache-2.0)",
      "peerDependencies": { "react": "*" }, "dependencies": { "dup": "1" } },
    "node_modules/@scope/pkg": { "version": "1.0.0+build.5", "license": "SEE LICENSE IN x",
      "dependencies": { "dup": "1" }, "hasInstallScript": true },
    "node_modules/@scope/pkg/node_modules/dup": { "version": "1.0.0" },
    "node_modules/dup": { "version": "1.0.0", "dev": true },
    "node_modules/tar": { "version": "2.0.0", "resolved": "https://example.com/t.tgz" },
    "node_modules/g": { "version": "3.0.0", "extraneous": true,
      "resolved": "git+https://github.com/a/g.git#0123456789abcdef0123456789abcdef01234567" }
  }
})js";

sbom::Sbom build(const char* text = k_lock) {
    // An Sbom refers to its lockfile's packages: they are kept for the test program's life.
    static std::deque<lockfile::Lockfile> lockfiles;
    auto lock = lockfile::parse_lockfile(text, "package-lock.json");
    EXPECT_TRUE(lock);
    if (!lock) // a helper returning a value cannot ASSERT_*: stop before *lock
        throw std::runtime_error("test setup failed: lock");
    lockfiles.push_back(std::move(*lock));
    auto result = sbom::build_sbom(lockfiles.back());
    EXPECT_TRUE(result);
    if (!result) // a helper returning a value cannot ASSERT_*: stop before *result
        throw std::runtime_error("test setup failed: result");
    return std::move(*result);
}

const sbom::Component& by_purl(const sbom::Sbom& s, const std::string& purl) {
    for (const auto& c : s.components) {
        if (c.purl == purl) {
            return c;
        }
    }
    ADD_FAILURE() << "no component " << purl;
    return s.components.front();
}

sbom::DocumentInfo info() {
    sbom::DocumentInfo i;
    i.timestamp = *util::parse_rfc3339("2026-01-02T03:04:05Z");
    i.serial_uuid = sbom::content_uuid("seed");
    i.lockfile_path = "package-lock.json";
    i.lockfile_sha256 = std::string(64, 'a');
    i.lockfile_version = 3;
    return i;
}

} // namespace

TEST(Purl, NpmRules) {
    lockfile::Package p;
    p.name = "@angular/animation";
    p.version = "12.3.1";
    EXPECT_EQ(sbom::purl_for(p), "pkg:npm/%40angular/animation@12.3.1");
    p.name = "foobar";
    p.version = "1.0.0+build.1";
    EXPECT_EQ(sbom::purl_for(p), "pkg:npm/foobar@1.0.0%2Bbuild.1");
    p.source = lockfile::Source::git;
    p.resolved = "git+https://h.com/r.git#abc";
    EXPECT_EQ(sbom::purl_for(p),
              "pkg:npm/foobar@1.0.0%2Bbuild.1?vcs_url=git%2Bhttps%3A%2F%2Fh.com%2Fr.git%23abc");
}

TEST(Sbom, OneComponentPerPurlWithEveryPath) {
    const auto s = build();
    EXPECT_EQ(s.components.front().name(), "shop");
    const auto& dup = by_purl(s, "pkg:npm/dup@1.0.0");
    EXPECT_EQ(std::vector<std::string_view>(dup.paths.begin(), dup.paths.end()),
              (std::vector<std::string_view>{"node_modules/@scope/pkg/node_modules/dup",
                                             "node_modules/dup"}));
    EXPECT_EQ(sbom::scope_name(dup.scope), "required") << "one install is a runtime dependency";
    EXPECT_FALSE(dup.development);
    const auto& devtool = by_purl(s, "pkg:npm/devtool@1.0.0");
    EXPECT_EQ(sbom::scope_name(devtool.scope), "excluded");
    EXPECT_TRUE(devtool.development);
    EXPECT_EQ(devtool.license->kind, license::Classified::Kind::expression);
    EXPECT_EQ(s.components.size(), 7u);
    for (std::size_t i = 2; i < s.components.size(); ++i) {
        EXPECT_LT(s.components[i - 1].bom_ref, s.components[i].bom_ref) << "sorted, unique";
    }
}

TEST(Sbom, GraphFollowsResolution) {
    const auto s = build();
    const auto& devtool = by_purl(s, "pkg:npm/devtool@1.0.0");
    std::vector<std::string> deps;
    for (auto d : devtool.depends_on) {
        deps.emplace_back(s.components[d].purl);
    }
    EXPECT_EQ(deps, (std::vector<std::string>{"pkg:npm/dup@1.0.0", "pkg:npm/react@18.3.1"}));
}

TEST(Sbom, CycloneDxFields) {
    const auto doc = json::parse(sbom::write_cyclonedx(build(), info()));
    EXPECT_EQ(doc["specVersion"], "1.6");
    EXPECT_EQ(doc["metadata"]["timestamp"], "2026-01-02T03:04:05Z");
    EXPECT_EQ(doc["metadata"]["component"]["name"], "shop");
    std::map<std::string, json> comps;
    for (const auto& c : doc["components"]) {
        comps[c["purl"]] = c;
    }
    const auto& react = comps["pkg:npm/react@18.3.1"];
    EXPECT_EQ(react["hashes"][0]["alg"], "SHA-512");
    EXPECT_EQ(react["hashes"][0]["content"].get<std::string>().substr(0, 8), "bf690311");
    EXPECT_EQ(react["licenses"][0]["license"]["id"], "MIT");
    EXPECT_EQ(react["externalReferences"][0]["type"], "distribution");
    const auto& scoped = comps["pkg:npm/%40scope/pkg@1.0.0%2Bbuild.5"];
    EXPECT_EQ(scoped["group"], "@scope");
    EXPECT_EQ(scoped["name"], "pkg");
    EXPECT_EQ(scoped["licenses"][0]["license"]["name"], "SEE LICENSE IN x");
    EXPECT_EQ(comps["pkg:npm/devtool@1.0.0"]["licenses"][0]["expression"], "(MIT OR Apache-2.0)");
    EXPECT_TRUE(comps.count("pkg:npm/tar@2.0.0?download_url=https%3A%2F%2Fexample.com%2Ft.tgz"));
    bool extraneous = false;
    for (const auto& p : comps["pkg:npm/"
                               "g@3.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fa%2Fg.git%"
                               "230123456789abcdef0123456789abcdef01234567"]["properties"]) {
        extraneous =
            extraneous || (p["name"] == "cdx:npm:package:extraneous" && p["value"] == "true");
    }
    EXPECT_TRUE(extraneous);
    // Every component appears in the graph, and every reference resolves.
    std::set<std::string> refs{doc["metadata"]["component"]["bom-ref"].get<std::string>()};
    for (const auto& c : doc["components"]) {
        refs.insert(c["bom-ref"].get<std::string>());
    }
    EXPECT_EQ(doc["dependencies"].size(), refs.size());
    for (const auto& d : doc["dependencies"]) {
        EXPECT_TRUE(refs.count(d["ref"]));
        for (const auto& on : d["dependsOn"]) {
            EXPECT_TRUE(refs.count(on));
        }
    }
}

TEST(Sbom, SpdxFields) {
    const auto doc = json::parse(sbom::write_spdx(build(), info()));
    EXPECT_EQ(doc["spdxVersion"], "SPDX-2.3");
    std::set<std::string> ids;
    for (const auto& p : doc["packages"]) {
        const std::string id = p["SPDXID"];
        EXPECT_TRUE(ids.insert(id).second) << id;
        for (char c : id.substr(8)) {
            EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') << id;
        }
        if (p["name"] == "@scope/pkg") {
            EXPECT_EQ(p["licenseDeclared"], "NOASSERTION");
        }
        if (p["name"] == "react") {
            EXPECT_EQ(p["checksums"][0]["algorithm"], "SHA512");
            EXPECT_EQ(p["licenseDeclared"], "MIT");
        }
    }
    for (const auto& r : doc["relationships"]) {
        EXPECT_TRUE(r["spdxElementId"] == "SPDXRef-DOCUMENT" || ids.count(r["spdxElementId"]));
        EXPECT_TRUE(ids.count(r["relatedSpdxElement"]));
    }
}

TEST(Sbom, DeterministicOutput) {
    EXPECT_EQ(sbom::write_cyclonedx(build(), info()), sbom::write_cyclonedx(build(), info()));
    EXPECT_EQ(sbom::content_uuid("a"), sbom::content_uuid("a"));
    EXPECT_NE(sbom::content_uuid("a"), sbom::content_uuid("b"));
    EXPECT_NE(sbom::random_uuid(), sbom::random_uuid());
    EXPECT_EQ(sbom::content_uuid("a")[14], '8');
}

TEST(Sbom, MergedInstallsKeepEveryHashAndReportConflicts) {
    const char* text = R"js({"lockfileVersion": 3, "packages": {
      "": {"name": "a", "version": "1.2.3", "dependencies": {"b": "1"}},
      "node_modules/b": {"version": "1.0.0", "dependencies": {"a": "1"}},
      "node_modules/b/node_modules/a": {"version": "1.2.3", "inBundle": true},
      "node_modules/w": {"version": "1.0.0", "inBundle": true},
      "node_modules/x/node_modules/w": {"version": "1.0.0",
         "integrity": "sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk="},
      "node_modules/y/node_modules/w": {"version": "1.0.0",
         "integrity": "sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA="},
      "node_modules/p": {"version": "1.0.0",
         "resolved": "https://registry.internal/repo/p/-/p-1.0.0.tgz"}}})js";
    const auto s = build(text);
    // The dependency that shares the root's name@version stays a component of its own.
    ASSERT_EQ(s.components.front().purl, "pkg:npm/a@1.2.3");
    const auto dep = std::find_if(s.components.begin() + 1, s.components.end(),
                                  [](const auto& c) { return c.purl == "pkg:npm/a@1.2.3"; });
    ASSERT_NE(dep, s.components.end());
    EXPECT_EQ(dep->bom_ref, "pkg:npm/a@1.2.3");
    EXPECT_EQ(s.components.front().bom_ref, "pkg:npm/a@1.2.3#root");
    const auto& w = by_purl(s, "pkg:npm/w@1.0.0");
    // The first install has no integrity; the other two disagree, and both digests are kept.
    ASSERT_EQ(w.hashes.size(), 2u);
    EXPECT_EQ(w.hashes[0].hex(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_FALSE(w.bundled) << "bundled only where every install is";
    bool conflict = false;
    for (const auto& warning : s.warnings) {
        conflict = conflict || warning.find("integrity differs") != std::string::npos;
    }
    EXPECT_TRUE(conflict);
    by_purl(s, "pkg:npm/p@1.0.0?repository_url=https%3A%2F%2Fregistry.internal%2Frepo%2F");
}

TEST(Purl, HostedGitShorthandBecomesAUrl) {
    EXPECT_EQ(sbom::canonical_git_url("github:amilajack/node-pre-gyp#ff9e93e"),
              "git+ssh://git@github.com/amilajack/node-pre-gyp.git#ff9e93e");
    EXPECT_EQ(sbom::canonical_git_url("gitlab:g/r.git"), "git+ssh://git@gitlab.com/g/r.git");
    EXPECT_EQ(sbom::canonical_git_url("git+https://h/r.git#1"), "git+https://h/r.git#1");
    lockfile::Package p;
    p.name = "x";
    p.source = lockfile::Source::git;
    p.resolved = "github:o/r#abc";
    EXPECT_EQ(sbom::purl_for(p),
              "pkg:npm/x?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fo%2Fr.git%23abc");
}
