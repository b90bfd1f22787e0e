// The direct writer of the stored advisory JSON (to_json) gives exactly the bytes the nlohmann
// tree it replaced gave (detail::to_json_reference): on every corpus advisory, raw and merged, on
// hostile strings (escapes, control characters, unicode, invalid UTF-8) and on random strings.
#include "../../../src/advisory/canonical_json.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <vouch/advisory/database.hpp>

using namespace vouch::advisory;
namespace fs = std::filesystem;

namespace {

const fs::path corpus = fs::path(VOUCH_SHARED_DIR) / "corpus" / "advisories";
const std::string data_dir = std::string(VOUCH_TEST_DATA) + "/advisory";

std::string reference_string(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string written_string(const std::string& text) {
    std::string out;
    detail::append_json_string(out, text);
    return out;
}

void expect_same(const Advisory& a) {
    EXPECT_EQ(to_json(a, true), detail::to_json_reference(a, true)) << a.id;
    EXPECT_EQ(to_json(a, false), detail::to_json_reference(a, false)) << a.id;
}

std::size_t expect_same_for_sources(const std::vector<fs::path>& sources) {
    std::size_t checked = 0;
    for (const auto& source : sources) {
        auto loaded = load_source(source, LoadOptions{true, nullptr});
        EXPECT_TRUE(loaded) << source << ": " << loaded.error().describe();
        if (!loaded)
            continue;
        for (const auto& a : loaded->advisories) {
            expect_same(a);
            ++checked;
        }
        for (const auto& a : merge_aliases(loaded->advisories)) {
            expect_same(a);
            ++checked;
        }
    }
    return checked;
}

// Every field holding `text`, every range shape.
Advisory hostile_advisory(const std::string& text) {
    Advisory a;
    a.id = text;
    a.aliases = {text, "", text + text};
    a.summary = text;
    a.details = text;
    a.published = text;
    a.modified = text;
    a.malicious = text.size() % 2 == 0;
    Affected affected;
    affected.package = text;
    affected.versions = {text, ""};
    Range npm;
    npm.type = "NPM";
    npm.npm_range = text;
    affected.ranges.push_back(npm);
    npm.npm_patched = text;
    affected.ranges.push_back(npm);
    Range semver;
    semver.type = text;
    semver.events = {{Event::Kind::introduced, text},
                     {Event::Kind::fixed, text},
                     {Event::Kind::last_affected, text},
                     {Event::Kind::limit, text}};
    affected.ranges.push_back(semver);
    semver.events.clear();
    affected.ranges.push_back(semver);
    a.affected = {affected, Affected{}};
    a.cvss_vectors = {text};
    a.feed_severity = Severity::high;
    a.cwes = {text};
    a.references = {text};
    a.sources = {text, text};
    return a;
}

const std::vector<std::string> hostile_strings = {
    "",
    "plain ascii",
    "quote \" backslash \\ slash / done",
    std::string("nul \0 inside", 12),
    "\b\f\n\r\t\x01\x02\x1b\x1f\x7f",
    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xe4\xb8\xad\xe6\x96\x87",
    "\xef\xbb\xbf bom, \xe2\x80\xa8 line separator, \xef\xbf\xbd replacement",
    "lone continuation \x80 here",
    "truncated two-byte \xc3",
    "truncated three-byte \xe2\x82 then ascii",
    "truncated four-byte \xf0\x9f\x98",
    "overlong \xc0\xaf and \xe0\x80\xaf",
    "surrogate \xed\xa0\x80 and \xed\xbf\xbf",
    "beyond U+10FFFF \xf4\x90\x80\x80 and \xf5\x80\x80\x80",
    "bytes \xfe\xff\xff",
    "mixed \xc3\xa9\x80\xc3\xa9 \"\xff\"\n\xe2\x82",
    "\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc\xf0\x90\x28\xbc",
    "\xf0\x9f\x98\x80\xf0\x9f\x98",
    "</script><!-- ${{ secrets.TOKEN }} \x1b[31mred\x1b[0m",
};

} // namespace

TEST(CanonicalJson, StringsMatchNlohmann) {
    for (const auto& text : hostile_strings)
        EXPECT_EQ(written_string(text), reference_string(text)) << text;
    std::string every_byte;
    for (int c = 0; c < 256; ++c)
        every_byte += static_cast<char>(c);
    EXPECT_EQ(written_string(every_byte), reference_string(every_byte));
}

TEST(CanonicalJson, HostileAdvisoriesMatchNlohmann) {
    for (const auto& text : hostile_strings)
        expect_same(hostile_advisory(text));
    expect_same(Advisory{});
}

// Differential check on random strings: short ones over an alphabet rich in the bytes that matter
// (escapes, UTF-8 lead and continuation bytes, invalid bytes), so most come out invalid or escaped.
TEST(CanonicalJson, RandomStringsMatchNlohmann) {
    const std::string alphabet = std::string("a\"\\\n\x01\x1f\x7f", 7) +
                                 "\x80\xbf\xc2\xc3\xdf\xe0\xe2\xed\xef\xf0\xf4\xf5\xff\xa0\x9f";
    std::mt19937 random(20261125);
    std::uniform_int_distribution<std::size_t> length(0, 12), pick(0, alphabet.size() - 1);
    for (int round = 0; round < 200000; ++round) {
        std::string text;
        for (auto n = length(random); n > 0; --n)
            text += alphabet[pick(random)];
        ASSERT_EQ(written_string(text), reference_string(text));
    }
}

TEST(CanonicalJson, FixtureAdvisoriesMatchNlohmann) {
    auto checked = expect_same_for_sources(
        {data_dir + "/mixed/osv", data_dir + "/mixed/bulk.json", data_dir + "/mixed/wg-77.json",
         data_dir + "/mixed/graphql.json", data_dir + "/osv.zip"});
    EXPECT_GT(checked, 0u);
}

TEST(CanonicalJson, CorpusAdvisoriesMatchNlohmann) {
    if (!fs::is_directory(corpus))
        GTEST_SKIP() << corpus << " not present";
    std::vector<fs::path> sources;
    for (const auto& entry : fs::directory_iterator(corpus)) {
        if (entry.is_directory() || entry.path().extension() == ".zip")
            sources.push_back(entry.path());
    }
    auto checked = expect_same_for_sources(sources);
    EXPECT_GT(checked, 2000u);
}
