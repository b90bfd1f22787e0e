#include "fixtures.hpp"

#include <gtest/gtest.h>
#include <vouch/scan/suppress.hpp>

namespace vouch::scan::test {
namespace {

util::TimePoint at(const char* when) {
    return *util::parse_rfc3339(when);
}

Finding finding(const std::string& id, const std::string& package, const std::string& version,
                std::vector<std::vector<std::string>> chains) {
    Finding f;
    f.id = id;
    f.aliases = {"CVE-2020-0001"};
    f.package = package;
    f.version = version;
    for (std::size_t i = 0; i < chains.size(); ++i) {
        std::string location;
        for (std::size_t k = 1; k < chains[i].size(); ++k) {
            location += (location.empty() ? "" : "/") + std::string("node_modules/") + chains[i][k];
        }
        f.installs.push_back({i + 1, location, chains[i], false, 0});
    }
    return f;
}

const char* const k_ignore = R"({
  "version": 1,
  "ignore": [
    {
      "id": "GHSA-aaaa-bbbb-cccc",
      "package": "lodash",
      "reason": "only used at build time",
      "owner": "alice@example.com",
      "expires": "2026-12-31"
    },
    {
      "id": "cve-2020-0002",
      "path": ["next", "minimist"],
      "reason": "not reachable",
      "owner": "bob"
    }
  ]
})";

TEST(IgnoreFile, ParsesEntries) {
    auto parsed = parse_ignore_file(k_ignore, "ignore.json");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    ASSERT_EQ(parsed->entries.size(), 2u);
    EXPECT_EQ(parsed->entries[0].id, "GHSA-aaaa-bbbb-cccc");
    EXPECT_EQ(parsed->entries[0].line, 4u);
    // a plain date is valid through the end of that day (UTC)
    EXPECT_EQ(parsed->entries[0].expires_at, at("2027-01-01T00:00:00Z"));
    EXPECT_EQ(parsed->entries[1].path, (std::vector<std::string>{"next", "minimist"}));
    EXPECT_FALSE(parsed->entries[1].expires_at);
}

void expect_error(std::string_view text, std::size_t line, std::size_t column,
                  const std::string& fragment, Errc code = Errc::parse) {
    auto parsed = parse_ignore_file(text, "ignore.json");
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().code, code) << parsed.error().describe();
    EXPECT_EQ(parsed.error().file, "ignore.json");
    EXPECT_EQ(parsed.error().line, line) << parsed.error().describe();
    EXPECT_EQ(parsed.error().column, column) << parsed.error().describe();
    EXPECT_NE(parsed.error().message.find(fragment), std::string::npos)
        << parsed.error().describe();
}

TEST(IgnoreFile, ErrorsNameLineAndColumn) {
    expect_error("{\n  \"ignore\": [\n    {\"id\": 5, \"reason\": \"x\"}\n  ]\n}", 3, 12,
                 "\"id\" must be a string");
    expect_error("{\"ignore\": [{\"id\": \"X\"}]}", 1, 13, "missing \"reason\"");
    expect_error("{\"ignore\": [{\"id\": \"X\", \"reason\": \"r\", \"expire\": \"2026-01-01\"}]}",
                 1, 50, "unknown key \"expire\"");
    expect_error("{\"ignore\": [{\"id\": \"X\", \"reason\": \"r\", \"expires\": \"next week\"}]}",
                 1, 51, "must be a date");
    expect_error("{\"ignore\": [{\"id\": \"X\", \"reason\": \"\"}]}", 1, 35, "must not be empty");
    expect_error("{\"ignore\": {}}", 1, 12, "must be an array");
    expect_error("[]", 1, 1, "must be a JSON object");
    expect_error("{\"version\": 2, \"ignore\": []}", 1, 13, "unsupported", Errc::unsupported);
    expect_error("{\"ignore\": [\n  {\"id\": \"X\",\n", 3, 1, "malformed JSON");
    expect_error("", 1, 1, "malformed JSON");
    expect_error("{\"ignore\": [{\"id\": \"X\", \"reason\": \"r\", \"path\": [1]}]}", 1, 49,
                 "path entries");
}

TEST(IgnoreFile, HostileInputsGiveErrorsNotCrashes) {
    std::string deep(100000, '[');
    EXPECT_FALSE(parse_ignore_file(deep, "f"));
    std::string huge =
        "{\"ignore\": [{\"id\": \"" + std::string(5'000'000, 'A') + "\", \"reason\": 1}]}";
    auto parsed = parse_ignore_file(huge, "f");
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("\"reason\" must be a string"), std::string::npos);
    EXPECT_FALSE(parse_ignore_file(std::string("{\"ignore\": [\"\xff\xfe\"]}"), "f"));
}

TEST(Suppress, IgnoreEntryByIdOrAliasUntilItExpires) {
    auto ignore = *parse_ignore_file(k_ignore, "ignore.json");
    std::vector<Finding> findings = {
        finding("GHSA-aaaa-bbbb-cccc", "lodash", "4.17.15", {{"app", "lodash"}}),
        finding("GHSA-other", "lodash", "4.17.15", {{"app", "lodash"}})};
    auto outcome = apply_suppressions(findings, {ignore}, {}, at("2026-12-31T23:59:59Z"), "app");
    ASSERT_TRUE(findings[0].suppression);
    EXPECT_EQ(findings[0].suppression->reason, "only used at build time");
    EXPECT_EQ(findings[0].suppression->owner, "alice@example.com");
    EXPECT_EQ(findings[0].suppression->line, 4u);
    EXPECT_FALSE(findings[1].suppression);
    EXPECT_TRUE(outcome.expired.empty());

    findings[0].suppression.reset();
    findings[0].suppressed_locations.clear();
    outcome = apply_suppressions(findings, {ignore}, {}, at("2027-01-01T00:00:00Z"), "app");
    EXPECT_FALSE(findings[0].suppression);
    ASSERT_EQ(outcome.expired.size(), 1u);
    EXPECT_TRUE(outcome.expired[0].matched);
    bool warned = false;
    for (const auto& w : outcome.warnings) {
        warned = warned || w.find("expired on 2026-12-31") != std::string::npos;
    }
    EXPECT_TRUE(warned);
}

TEST(Suppress, PathLimitedEntryCoversOnlyThatPath) {
    auto ignore = *parse_ignore_file(k_ignore, "ignore.json");
    std::vector<Finding> findings = {
        finding("GHSA-m", "minimist", "1.2.0", {{"app", "next", "minimist"}}),
        finding("GHSA-m2", "minimist", "1.2.0",
                {{"app", "minimist"}, {"app", "next", "minimist"}})};
    findings[0].aliases = {"CVE-2020-0002"};
    findings[1].aliases = {"CVE-2020-0002"};
    apply_suppressions(findings, {ignore}, {}, at("2026-01-01T00:00:00Z"), "app");
    ASSERT_TRUE(findings[0].suppression);  // id matched case-insensitively through the alias
    EXPECT_FALSE(findings[1].suppression); // one path still open
    EXPECT_EQ(findings[1].suppressed_locations,
              (std::vector<std::string>{"node_modules/next/node_modules/minimist"}));
}

const char* const k_openvex = R"({
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/1",
  "author": "Acme",
  "timestamp": "2026-11-20T15:00:00Z",
  "version": 1,
  "statements": [
    {
      "vulnerability": { "name": "GHSA-r9p9-mrjm-926w", "aliases": [ "CVE-2020-28498" ] },
      "products": [ { "@id": "pkg:npm/storefront@1.0.0",
                      "subcomponents": [ { "@id": "pkg:npm/elliptic@6.5.3" } ] } ],
      "status": "not_affected",
      "justification": "vulnerable_code_not_in_execute_path",
      "impact_statement": "storefront never calls elliptic ECDH derive()."
    },
    {
      "vulnerability": { "name": "CVE-2021-1" },
      "products": [ { "@id": "pkg:npm/%40scope/lib" } ],
      "status": "not_affected"
    },
    {
      "vulnerability": { "name": "GHSA-later" },
      "products": [ { "@id": "pkg:npm/a@1.0.0" } ],
      "status": "not_affected", "justification": "component_not_present",
      "timestamp": "2026-11-01T00:00:00Z"
    },
    {
      "vulnerability": { "name": "GHSA-later" },
      "products": [ { "@id": "pkg:npm/a@1.0.0" } ],
      "status": "affected", "action_statement": "upgrade",
      "timestamp": "2026-11-10T00:00:00Z"
    }
  ]
})";

TEST(Vex, OpenVexNotAffectedWithJustificationSuppresses) {
    auto doc = parse_vex(k_openvex, "vex.json");
    ASSERT_TRUE(doc) << doc.error().describe();
    EXPECT_EQ(doc->format, "openvex");
    EXPECT_EQ(doc->statements.size(), 3u);
    ASSERT_EQ(doc->warnings.size(), 1u); // not_affected without justification
    std::vector<Finding> findings = {
        finding("GHSA-r9p9-mrjm-926w", "elliptic", "6.5.3", {{"storefront", "elliptic"}}),
        finding("GHSA-r9p9-mrjm-926w", "elliptic", "6.5.4", {{"storefront", "elliptic"}}),
        finding("GHSA-later", "a", "1.0.0", {{"storefront", "a"}})};
    apply_suppressions(findings, {}, {*doc}, at("2026-11-23T00:00:00Z"), "storefront");
    ASSERT_TRUE(findings[0].suppression);
    EXPECT_EQ(findings[0].suppression->source, "openvex");
    EXPECT_EQ(findings[0].suppression->justification, "vulnerable_code_not_in_execute_path");
    EXPECT_NE(findings[0].suppression->reason.find("not_affected"), std::string::npos);
    EXPECT_FALSE(findings[1].suppression); // another version
    EXPECT_FALSE(findings[2].suppression); // the newest statement says affected
}

TEST(Vex, CycloneDxAnalysisSuppresses) {
    const char* text = R"({
      "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
      "components": [ { "type": "library", "bom-ref": "ref-1", "name": "x",
                        "purl": "pkg:npm/%40s/x@2.0.0" } ],
      "vulnerabilities": [
        { "id": "GHSA-r9p9-mrjm-926w",
          "analysis": { "state": "not_affected", "justification": "code_not_reachable" },
          "affects": [ { "ref": "pkg:npm/elliptic@6.5.3" } ] },
        { "id": "CVE-2099-1",
          "analysis": { "state": "not_affected", "justification": "code_not_present" },
          "affects": [ { "ref": "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#ref-1" } ] },
        { "id": "CVE-2099-2", "analysis": { "state": "not_affected" },
          "affects": [ { "ref": "pkg:npm/elliptic@6.5.3" } ] }
      ]
    })";
    auto doc = parse_vex(text, "bom.json");
    ASSERT_TRUE(doc) << doc.error().describe();
    EXPECT_EQ(doc->format, "cyclonedx-vex");
    EXPECT_EQ(doc->statements.size(), 2u);
    EXPECT_EQ(doc->warnings.size(), 1u);
    std::vector<Finding> findings = {
        finding("GHSA-r9p9-mrjm-926w", "elliptic", "6.5.3", {{"app", "elliptic"}}),
        finding("GHSA-zzz", "@s/x", "2.0.0", {{"app", "@s/x"}})};
    findings[1].aliases = {"CVE-2099-1"};
    apply_suppressions(findings, {}, {*doc}, at("2026-11-23T00:00:00Z"), "app");
    EXPECT_TRUE(findings[0].suppression);
    ASSERT_TRUE(findings[1].suppression);
    EXPECT_EQ(findings[1].suppression->reason, "not_affected (code_not_present)");
}

TEST(Vex, BadDocumentsAreErrorsWithPositions) {
    auto not_vex = parse_vex("{\"hello\": 1}", "x.json");
    ASSERT_FALSE(not_vex);
    EXPECT_NE(not_vex.error().message.find("not a VEX document"), std::string::npos);
    auto old = parse_vex("{\"@context\": \"https://openvex.dev/ns/v0.0.1\", \"statements\": []}",
                         "x.json");
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().code, Errc::unsupported);
    auto wrong = parse_vex(
        "{\"@context\": \"https://openvex.dev/ns/v0.2.0\",\n \"statements\": {}}", "x.json");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().line, 2u);
    auto truncated = parse_vex("{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [", "x.json");
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.error().code, Errc::parse);
    auto no_name = parse_vex("{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": "
                             "[{\"status\": \"fixed\"}]}",
                             "x.json");
    ASSERT_FALSE(no_name);
}

TEST(Purl, Normalisation) {
    EXPECT_EQ(normalize_npm_purl("pkg:npm/%40angular/animation@12.3.1?x=1#sub"),
              "pkg:npm/@angular/animation@12.3.1");
    EXPECT_EQ(normalize_npm_purl("PKG:NPM/lodash"), "pkg:npm/lodash");
    EXPECT_EQ(normalize_npm_purl("pkg:pypi/requests@1"), "");
    EXPECT_EQ(normalize_npm_purl("pkg:npm/"), "");
    EXPECT_EQ(normalize_npm_purl("pkg:npm/a%2"), "pkg:npm/a%2");
}

} // namespace
} // namespace vouch::scan::test

// nlohmann reports an overflowing number as out_of_range, not parse_error (found by fuzzing).
TEST(IgnoreFile, NumberOverflowIsAParseErrorNotAnException) {
    for (const char* text :
         {"{\"version\": 3e671, \"ignore\": []}", "{\"ignore\": [{\"id\": 1e999}]}"}) {
        auto ignore = vouch::scan::parse_ignore_file(text, "ignore.json");
        ASSERT_FALSE(ignore) << text;
        EXPECT_EQ(ignore.error().code, vouch::Errc::parse);
        EXPECT_GT(ignore.error().line, 0u);
        auto vex = vouch::scan::parse_vex(text, "vex.json");
        ASSERT_FALSE(vex) << text;
        EXPECT_EQ(vex.error().code, vouch::Errc::parse);
    }
}
