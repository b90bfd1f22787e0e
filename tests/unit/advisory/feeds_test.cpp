#include <algorithm>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>
#include <vouch/advisory/feeds.hpp>

using namespace vouch;
using namespace vouch::advisory;

namespace {

const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

const Advisory* find_id(const std::vector<Advisory>& list, const std::string& id) {
    for (const auto& a : list) {
        if (a.id == id)
            return &a;
    }
    return nullptr;
}

Error osv_error(const std::string& json) {
    auto result = parse_osv_record(json, "rec.json");
    EXPECT_FALSE(result.has_value()) << json;
    return result ? Error{} : result.error();
}

} // namespace

TEST(Severity, ParsesAndPrints) {
    EXPECT_EQ(parse_severity("MODERATE"), Severity::moderate);
    EXPECT_EQ(parse_severity("medium"), Severity::moderate);
    EXPECT_EQ(parse_severity("Critical"), Severity::critical);
    EXPECT_EQ(parse_severity("low"), Severity::low);
    EXPECT_EQ(parse_severity("High"), Severity::high);
    EXPECT_FALSE(parse_severity("info").has_value());
    EXPECT_FALSE(parse_severity("").has_value());
    EXPECT_EQ(to_string(Severity::unknown), "unknown");
    EXPECT_EQ(to_string(Severity::moderate), "moderate");
}

TEST(Osv, ReadsGhsaRecordKeepingNpmOnly) {
    auto loaded = load_source(data_dir + "/mixed/osv/GHSA-aaaa-bbbb-cccc.json");
    ASSERT_TRUE(loaded) << loaded.error().describe();
    ASSERT_EQ(loaded->size(), 1u);
    const auto& a = loaded->front();
    EXPECT_EQ(a.id, "GHSA-aaaa-bbbb-cccc");
    EXPECT_TRUE(contains(a.aliases, "CVE-2099-0001"));
    EXPECT_TRUE(contains(a.aliases, "NPM-4242")) << "npmjs.com/advisories link is an alias";
    EXPECT_EQ(a.summary, "left-pad pads too much");
    EXPECT_EQ(a.published, "2023-01-01T00:00:00Z");
    EXPECT_FALSE(a.malicious);
    ASSERT_EQ(a.affected.size(), 1u) << "the Maven entry is dropped";
    EXPECT_EQ(a.affected[0].package, "left-pad");
    ASSERT_EQ(a.affected[0].ranges.size(), 1u) << "the GIT range is dropped";
    const auto& range = a.affected[0].ranges[0];
    EXPECT_EQ(range.type, "ECOSYSTEM");
    ASSERT_EQ(range.events.size(), 2u);
    EXPECT_EQ(range.events[0].kind, Event::Kind::introduced);
    EXPECT_EQ(range.events[0].version, "0");
    EXPECT_EQ(range.events[1].kind, Event::Kind::fixed);
    EXPECT_EQ(range.events[1].version, "1.3.1");
    EXPECT_EQ(a.affected[0].versions, std::vector<std::string>{"1.3.0"});
    EXPECT_EQ(a.cvss_vectors,
              std::vector<std::string>{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"});
    EXPECT_EQ(a.feed_severity, Severity::moderate);
    EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-400"});
    EXPECT_EQ(a.references.size(), 2u);
}

TEST(Osv, AllEventKindsAndMalicious) {
    auto r =
        parse_osv_record(R"({"id":"MAL-1","affected":[{"package":{"ecosystem":"npm","name":"x"},
        "ranges":[{"type":"SEMVER","events":[{"introduced":"1.0.0"},{"last_affected":"1.2.0"},
        {"introduced":"2.0.0"},{"limit":"3.0.0"}]}]}]})",
                         "m.json");
    ASSERT_TRUE(r && *r);
    EXPECT_TRUE((*r)->malicious);
    const auto& events = (*r)->affected[0].ranges[0].events;
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[1].kind, Event::Kind::last_affected);
    EXPECT_EQ(events[3].kind, Event::Kind::limit);
    EXPECT_EQ(events[3].version, "3.0.0");
}

TEST(Osv, MalAliasMarksMalicious) {
    auto r = parse_osv_record(R"({"id":"GHSA-aaaa-bbbb-cccc","aliases":["MAL-2024-1"],
        "affected":[{"package":{"ecosystem":"npm","name":"x"}}]})",
                              "g.json");
    ASSERT_TRUE(r && *r);
    EXPECT_TRUE((*r)->malicious);
    auto plain = parse_osv_record(R"({"id":"GHSA-aaaa-bbbb-cccc","aliases":["CVE-1"],
        "affected":[{"package":{"ecosystem":"npm","name":"x"}}]})",
                                  "g.json");
    ASSERT_TRUE(plain && *plain);
    EXPECT_FALSE((*plain)->malicious);
}

TEST(Osv, WithdrawnAndForeignRecordsAreDropped) {
    auto withdrawn = parse_osv_record(R"({"id":"GHSA-1","withdrawn":"2024-01-01T00:00:00Z",
        "affected":[{"package":{"ecosystem":"npm","name":"x"}}]})",
                                      "w.json");
    ASSERT_TRUE(withdrawn);
    EXPECT_FALSE(withdrawn->has_value());
    auto foreign = parse_osv_record(
        R"({"id":"PYSEC-1","affected":[{"package":{"ecosystem":"PyPI","name":"x"}}]})", "p.json");
    ASSERT_TRUE(foreign);
    EXPECT_FALSE(foreign->has_value());
}

TEST(Osv, MalformedJsonNamesFileLineAndColumn) {
    auto result = load_source(data_dir + "/bad/malformed.json");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::parse);
    EXPECT_NE(result.error().file.find("malformed.json"), std::string::npos);
    EXPECT_EQ(result.error().line, 3u);
    EXPECT_GT(result.error().column, 1u);
    EXPECT_NE(result.error().message.find("malformed JSON"), std::string::npos);
}

TEST(Osv, HostileShapesGiveParseErrors) {
    const char* cases[] = {
        "",
        "nul",
        "[1,2",
        "\"just a string\"",
        "42",
        R"({"id": 5, "affected": []})",
        R"({"id": "", "affected": []})",
        R"({"id": "X", "affected": {}})",
        R"({"id": "X", "affected": [7]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm"}}]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": 3}}]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1"}]}]}]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
            "ranges": [{"type": "SEMVER", "events": [{}]}]}]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
            "ranges": [{"type": "SEMVER", "events": [{"fixed": 1}]}]}]})",
        R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": "a"},
            "ranges": [{"type": "SEMVER"}]}]})",
        R"({"id": "X", "aliases": "CVE-1", "affected": []})",
        R"({"id": "X", "withdrawn": 3})",
        R"({"id": "X", "references": [{"url": 1}]})",
        R"({"id": "X", "severity": [{"type": "CVSS_V3"}]})",
    };
    for (const char* json : cases) {
        auto error = osv_error(json);
        EXPECT_EQ(error.code, Errc::parse) << json;
        EXPECT_EQ(error.file, "rec.json") << json;
        EXPECT_FALSE(error.message.empty()) << json;
    }
    auto typed =
        osv_error(R"({"id": "X", "affected": [{"package": {"ecosystem": "npm", "name": 3}}]})");
    EXPECT_NE(typed.message.find("'affected[0].package.name' must be a string"), std::string::npos)
        << typed.message;
}

TEST(Osv, DeeplyNestedAndTruncatedInputDoesNotCrash) {
    std::string deep(100000, '[');
    EXPECT_EQ(osv_error(deep).code, Errc::parse);
    std::string record =
        R"({"id":"GHSA-1","affected":[{"package":{"ecosystem":"npm","name":"a"}}]})";
    for (std::size_t cut = 0; cut < record.size(); ++cut) {
        auto r = parse_osv_record(record.substr(0, cut), "t.json");
        EXPECT_FALSE(r) << cut;
    }
}

TEST(GithubRange, ConvertsCommaFormToNodeSemver) {
    EXPECT_EQ(*github_range_to_npm(">= 2.0.0, < 2.1.4"), ">=2.0.0 <2.1.4");
    EXPECT_EQ(*github_range_to_npm("= 1.2.3"), "1.2.3");
    EXPECT_EQ(*github_range_to_npm("< 1.2.0"), "<1.2.0");
    EXPECT_EQ(*github_range_to_npm("<= 4.0.0"), "<=4.0.0");
    EXPECT_EQ(*github_range_to_npm("> 5.13.15, < 6.4.6"), ">5.13.15 <6.4.6");
    EXPECT_EQ(*github_range_to_npm(">= 4.0.0-beta.5, < 4.0.0"), ">=4.0.0-beta.5 <4.0.0");
    for (const char* bad : {"", ">=", "~1.2.0", "^1.0.0", "1.2.3", "< 1.0.0 || > 2.0.0",
                            ">= 1.0.0 < 2.0.0", ">= 1.0.0,", "== 1.0.0"}) {
        auto r = github_range_to_npm(bad);
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code, Errc::parse);
    }
}

TEST(Feeds, DetectsEachFormat) {
    struct Case {
        std::string file;
        std::string format;
        std::size_t records;
    } cases[] = {
        {"/mixed/bulk.json", "npm-bulk", 2},
        {"/mixed/wg-77.json", "nodejs-security-wg", 1},
        {"/mixed/graphql.json", "github-graphql", 2},
        {"/mixed/osv/GHSA-aaaa-bbbb-cccc.json", "osv", 1},
    };
    for (const auto& c : cases) {
        auto loaded = load_source(data_dir + c.file, LoadOptions{});
        ASSERT_TRUE(loaded) << c.file << ": " << loaded.error().describe();
        EXPECT_EQ(loaded->info.format, c.format) << c.file;
        EXPECT_EQ(loaded->info.records, c.records) << c.file;
    }
}

TEST(Feeds, NpmBulkEntriesBecomeNpmRanges) {
    auto loaded = load_source(data_dir + "/mixed/bulk.json");
    ASSERT_TRUE(loaded);
    const auto* old = find_id(*loaded, "NPM-17");
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->affected[0].package, "right-pad");
    EXPECT_EQ(old->affected[0].ranges[0].type, "NPM");
    EXPECT_EQ(old->affected[0].ranges[0].npm_range, "<0.2.1 || >=1.0.0 <1.2.3");
    EXPECT_EQ(old->feed_severity, Severity::low);
    EXPECT_TRUE(old->cvss_vectors.empty()) << "a null vectorString is no vector";
    const auto* linked = find_id(*loaded, "NPM-4243");
    ASSERT_NE(linked, nullptr);
    EXPECT_TRUE(contains(linked->aliases, "GHSA-aaaa-bbbb-cccc"));
    EXPECT_EQ(linked->cwes.size(), 2u);
}

TEST(Feeds, QuickAuditAndSecurityWgIndex) {
    auto quick = parse_feed_document(R"({"actions": [], "metadata": {}, "advisories": {"755":
        {"id": 755, "module_name": "handlebars", "vulnerable_versions": "<=4.0.13 || >=4.1.0 <4.1.2",
         "cves": ["CVE-2019-1"], "severity": "critical", "cwe": "CWE-471", "deleted": null,
         "url": "https://npmjs.com/advisories/755"}, "9": {"id": 9, "module_name": "gone",
         "vulnerable_versions": "*", "deleted": "2020-01-01"}}})",
                                     "quick.json");
    ASSERT_TRUE(quick) << quick.error().describe();
    EXPECT_EQ(quick->info.format, "npm-quick-audit");
    ASSERT_EQ(quick->advisories.size(), 1u);
    EXPECT_EQ(quick->info.withdrawn, 1u);
    EXPECT_EQ(quick->advisories[0].id, "NPM-755");
    EXPECT_EQ(quick->advisories[0].cwes, std::vector<std::string>{"CWE-471"});
    EXPECT_TRUE(contains(quick->advisories[0].aliases, "CVE-2019-1"));

    auto index = parse_feed_document(R"({"1": {"id": 1, "module_name": "a", "cves": [],
        "vulnerable_versions": "<1.0.0", "cvss_score": 5}, "2": {"id": 2, "module_name": "b",
        "cves": ["CVE-1"], "vulnerable_versions": "*", "cvss_score": null}})",
                                     "index.json");
    ASSERT_TRUE(index) << index.error().describe();
    EXPECT_EQ(index->info.format, "nodejs-security-wg");
    ASSERT_EQ(index->advisories.size(), 2u);
    EXPECT_EQ(index->advisories[0].id, "NSWG-ECO-1");
    EXPECT_EQ(index->advisories[0].feed_severity, Severity::moderate);
}

TEST(Feeds, GraphqlNodesAndSingleAdvisory) {
    auto loaded = load_source(data_dir + "/mixed/graphql.json");
    ASSERT_TRUE(loaded);
    const auto* exact = find_id(*loaded, "GHSA-qqqq-rrrr-ssss");
    ASSERT_NE(exact, nullptr);
    EXPECT_EQ(exact->affected[0].ranges[0].npm_range, "1.2.3");
    EXPECT_EQ(find_id(*loaded, "GHSA-tttt-uuuu-vvvv"), nullptr) << "RubyGems node dropped";

    auto single = parse_feed_document(R"({"ghsaId": "GHSA-p82g-2xpp-m5r3", "identifiers": [
        {"type": "GHSA", "value": "GHSA-p82g-2xpp-m5r3"}, {"type": "CVE", "value": "CVE-2015-5654"}],
        "severity": "MODERATE", "summary": "XSS", "withdrawnAt": null,
        "cvssSeverities": {"cvssV3": {"score": 5.4, "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N"}},
        "cwes": {"edges": [{"node": {"cweId": "CWE-79"}}]},
        "vulnerabilities": {"edges": [{"node": {"vulnerableVersionRange": "< 1.2.0",
            "package": {"ecosystem": "NPM", "name": "dojo"}}}]}})",
                                      "advisory.json");
    ASSERT_TRUE(single) << single.error().describe();
    ASSERT_EQ(single->advisories.size(), 1u);
    const auto& a = single->advisories[0];
    EXPECT_EQ(a.id, "GHSA-p82g-2xpp-m5r3");
    EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2015-5654"});
    EXPECT_EQ(a.affected[0].ranges[0].npm_range, "<1.2.0");
    EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-79"});
    EXPECT_EQ(a.cvss_vectors.size(), 1u);

    auto withdrawn = parse_feed_document(R"({"ghsaId": "GHSA-x", "withdrawnAt": "2024-01-01",
        "vulnerabilities": {"nodes": []}})",
                                         "w.json");
    ASSERT_TRUE(withdrawn);
    EXPECT_EQ(withdrawn->info.withdrawn, 1u);
    EXPECT_TRUE(withdrawn->advisories.empty());

    auto bad_range = parse_feed_document(R"({"data": {"securityVulnerabilities": {"nodes": [
        {"advisory": {"ghsaId": "GHSA-y"}, "package": {"name": "p"}, "vulnerableVersionRange": "~1"}]}}})",
                                         "g.json");
    ASSERT_FALSE(bad_range);
    EXPECT_NE(bad_range.error().message.find("vulnerableVersionRange"), std::string::npos);
}

TEST(Feeds, UnknownAndAmbiguousDocumentsAreRejected) {
    for (const char* json :
         {R"({"hello": "world"})", R"({"id": 1, "url": "u", "title": "t",
        "severity": "low", "vulnerable_versions": "<1"})",
          R"({"pkg": [{"id": 1}]})", R"({"pkg": [{"id": 1, "vulnerable_versions": 3}]})",
          R"({"module_name": "x"})", "[1]", "true"}) {
        auto r = parse_feed_document(json, "doc.json");
        ASSERT_FALSE(r) << json;
        EXPECT_EQ(r.error().code, Errc::parse) << json;
        EXPECT_EQ(r.error().file, "doc.json");
    }
}

TEST(Load, DirectoryIsRecursiveAndSkipsNonJson) {
    auto loaded = load_source(data_dir + "/mixed/osv", LoadOptions{});
    ASSERT_TRUE(loaded) << loaded.error().describe();
    EXPECT_EQ(loaded->info.records, 2u);
    EXPECT_EQ(loaded->info.withdrawn, 1u);
    EXPECT_NE(find_id(loaded->advisories, "MAL-2099-7"), nullptr);
    EXPECT_EQ(loaded->advisories[0].sources, std::vector<std::string>{data_dir + "/mixed/osv"});
}

TEST(Load, OneBadRecordFailsClosedUnlessSkipInvalid) {
    auto strict = load_source(data_dir + "/bad", LoadOptions{});
    ASSERT_FALSE(strict);
    EXPECT_NE(strict.error().file.find("malformed.json"), std::string::npos);
    std::vector<Error> skipped;
    LoadOptions lenient{true, [&](const Error& e) { skipped.push_back(e); }};
    auto loaded = load_source(data_dir + "/bad", lenient);
    ASSERT_TRUE(loaded) << loaded.error().describe();
    EXPECT_EQ(loaded->info.records, 1u);
    EXPECT_EQ(loaded->info.skipped, 1u);
    ASSERT_EQ(skipped.size(), 1u);
    EXPECT_EQ(skipped[0].line, 3u);
}

TEST(Load, MissingSourceIsIoError) {
    auto r = load_source(data_dir + "/does-not-exist");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::io);
}

TEST(Zip, ReadsEntriesAndNamesBadEntry) {
    auto loaded = load_source(data_dir + "/osv.zip", LoadOptions{});
    ASSERT_TRUE(loaded) << loaded.error().describe();
    EXPECT_EQ(loaded->info.format, "osv-zip");
    EXPECT_EQ(loaded->info.records, 2u);

    auto bad = load_source(data_dir + "/malformed-entry.zip");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::parse);
    EXPECT_NE(bad.error().file.find("malformed-entry.zip!/broken.json"), std::string::npos)
        << bad.error().file;
    EXPECT_EQ(bad.error().line, 3u);
}

TEST(Zip, TraversalEntryIsRefused) {
    auto r = load_source(data_dir + "/traversal.zip");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::parse);
    EXPECT_NE(r.error().message.find("../x.json"), std::string::npos) << r.error().message;
}

TEST(Zip, GarbageWithZipExtensionIsParseError) {
    auto dir =
        std::filesystem::temp_directory_path() / ("vouch-zip-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "garbage.zip", std::ios::binary);
        out << "PK\x03\x04 this is not really a zip archive";
    }
    auto r = load_source(dir / "garbage.zip");
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::parse);
    EXPECT_NE(r.error().message.find("zip"), std::string::npos) << r.error().message;
    auto not_zip = load_source(data_dir + "/mixed/bulk.json", LoadOptions{});
    EXPECT_TRUE(not_zip) << "JSON is not mistaken for a zip";
}
