// build_statement splices each manifest's base64 into the dumped statement after the fact; the
// result must be what dumping the whole tree gives, also when an input field holds the text of
// a stand-in (then it falls back to dumping the contents inline).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/attest/statement.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/encoding.hpp>

using namespace vouch;
using namespace vouch::attest;
using ordered = nlohmann::ordered_json;

namespace {

ProvenanceInput input_with_manifests(const std::string& branch) {
    ProvenanceInput input;
    input.subjects.push_back({"a", {{"sha256", std::string(64, 'a')}}, "vouch-manifest v1\nA\n"});
    input.subjects.push_back({"file.bin", {{"sha256", std::string(64, 'f')}}, ""});
    input.subjects.push_back({"b", {{"sha256", std::string(64, 'b')}}, "vouch-manifest v1\nB\n"});
    input.commit = {std::string(40, 'c'), branch, "", false, {}};
    input.ci.builder_id = "https://vouch.dev/builders/local";
    input.started = *util::parse_rfc3339("2026-11-20T14:02:11Z");
    input.finished = *util::parse_rfc3339("2026-11-20T14:06:48Z");
    return input;
}

// What the statement is when the contents go through the serializer like every other field.
std::string dumped_whole(const std::string& statement_text, const ProvenanceInput& input) {
    auto tree = ordered::parse(statement_text);
    auto& byproducts = tree["predicate"]["runDetails"]["byproducts"];
    std::size_t i = 0;
    for (const auto& subject : input.subjects) {
        if (!subject.manifest.empty()) {
            byproducts[i++]["content"] = util::base64_encode(subject.manifest);
        }
    }
    return tree.dump();
}

TEST(StatementSplice, ContentsAreTheManifestsInTheirPlaces) {
    const auto input = input_with_manifests("main");
    const auto text = build_statement(input);
    EXPECT_EQ(text, dumped_whole(text, input));
    const auto tree = ordered::parse(text);
    const auto& byproducts = tree["predicate"]["runDetails"]["byproducts"];
    ASSERT_EQ(byproducts.size(), 2U);
    EXPECT_EQ(byproducts[0]["name"], "a");
    EXPECT_EQ(byproducts[0]["content"], util::base64_encode(std::string("vouch-manifest v1\nA\n")));
    EXPECT_EQ(byproducts[1]["name"], "b");
    EXPECT_EQ(byproducts[1]["content"], util::base64_encode(std::string("vouch-manifest v1\nB\n")));
    EXPECT_EQ(text.find('\x01'), std::string::npos);
    EXPECT_EQ(text.find("vouch-manifest-content"), std::string::npos);
}

TEST(StatementSplice, AFieldHoldingAStandInFallsBackToTheWholeDump) {
    for (const std::string& stand_in : {std::string("\x01vouch-manifest-content-0\x01"),
                                        std::string("\x01vouch-manifest-content-1\x01")}) {
        // As a whole JSON string (a subject's name) the stand-in occurs twice: no splice.
        auto input = input_with_manifests("main");
        input.subjects[1].name = stand_in;
        const auto text = build_statement(input);
        EXPECT_EQ(text, dumped_whole(text, input));
        const auto tree = ordered::parse(text);
        EXPECT_EQ(tree["subject"][1]["name"], stand_in);
        const auto& byproducts = tree["predicate"]["runDetails"]["byproducts"];
        EXPECT_EQ(byproducts[0]["content"],
                  util::base64_encode(std::string("vouch-manifest v1\nA\n")));
        EXPECT_EQ(byproducts[1]["content"],
                  util::base64_encode(std::string("vouch-manifest v1\nB\n")));
        // Inside a longer string (a branch) it is not a whole JSON string: spliced as usual.
        const auto branched = input_with_manifests("x" + stand_in);
        const auto branched_text = build_statement(branched);
        EXPECT_EQ(branched_text, dumped_whole(branched_text, branched));
    }
}

} // namespace
