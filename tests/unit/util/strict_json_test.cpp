// The strict reader for signed JSON (issue 7 item 4): every way two readers of the same bytes
// could disagree is refused with a clear, one-line reason.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <vouch/util/strict_json.hpp>

using namespace vouch;
using namespace std::string_literals;

namespace {

std::string refusal(std::string_view text) {
    const auto error = util::check_strict_json(text, "doc.json");
    EXPECT_TRUE(error) << "accepted: " << text;
    if (!error) {
        return {};
    }
    EXPECT_EQ(error->code, Errc::rejected);
    const auto line = error->describe();
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    return error->message;
}

} // namespace

TEST(StrictJson, AcceptsOneValueWithSurroundingWhitespace) {
    EXPECT_FALSE(util::check_strict_json(" {\"a\": [1, {\"a\": 2}], \"b\": \"\\u00e9\"}\n", "f"));
    auto parsed = util::parse_strict_json<nlohmann::json>("{\"a\": 1}", "f");
    ASSERT_TRUE(parsed);
    EXPECT_EQ((*parsed)["a"], 1);
}

TEST(StrictJson, SameKeyInDifferentObjectsIsFine) {
    EXPECT_FALSE(util::check_strict_json("{\"a\": {\"a\": 1}, \"b\": {\"a\": 2}}", "f"));
    EXPECT_FALSE(util::check_strict_json("[{\"a\": 1}, {\"a\": 2}]", "f"));
}

TEST(StrictJson, DuplicateKey) {
    EXPECT_NE(refusal("{\"gitCommit\": \"a\", \"gitCommit\": \"b\"}").find("duplicate key"),
              std::string::npos);
}

TEST(StrictJson, DuplicateKeyAfterUnescaping) {
    EXPECT_NE(refusal("{\"gitCommit\": \"a\", \"gitComm\\u0069t\": \"b\"}")
                  .find("duplicate key \"gitCommit\""),
              std::string::npos);
}

TEST(StrictJson, DuplicateKeyNested) {
    EXPECT_NE(refusal("{\"p\": [{\"x\": {\"_type\": 1, \"_typ\\u0065\": 2}}]}").find("_type"),
              std::string::npos);
}

TEST(StrictJson, RawNulAfterTheValue) {
    EXPECT_NE(refusal("{\"a\": 1}\0{\"subject\": []}"s).find("NUL"), std::string::npos);
}

TEST(StrictJson, RawNulInsideAString) {
    EXPECT_NE(refusal("{\"a\": \"x\0y\"}"s).find("NUL"), std::string::npos);
}

TEST(StrictJson, EscapedNulInAKey) {
    EXPECT_NE(refusal("{\"a\\u0000b\": 1}").find("NUL"), std::string::npos);
}

TEST(StrictJson, ByteOrderMark) {
    EXPECT_NE(refusal("\xEF\xBB\xBF{\"a\": 1}").find("byte order mark"), std::string::npos);
}

TEST(StrictJson, SecondValue) {
    EXPECT_NE(refusal("{\"a\": 1}\n{\"a\": 2}").find("malformed JSON"), std::string::npos);
    refusal("{\"a\": 1} x");
}

TEST(StrictJson, InvalidUtf8) {
    refusal("{\"a\": \"\xff\"}");
    refusal("{\"a\": \"\xc3\"}");
    refusal("{\"a\": \"\\ud800\"}");
}

TEST(StrictJson, EmptyAndTruncated) {
    refusal("");
    refusal("   ");
    refusal("{\"a\": ");
    refusal("{\"a\": 1");
}

TEST(StrictJson, NumberOutOfRange) {
    refusal("{\"a\": 1e999}");
}

TEST(StrictJson, DeepNestingDoesNotCrash) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_FALSE(util::check_strict_json(deep, "f"));
    refusal(std::string(100000, '['));
}

TEST(StrictJson, ErrorIsLocated) {
    const auto error = util::check_strict_json("{\n  \"a\": 1\n}\0x"s, "doc.json");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->line, 3U);
    EXPECT_EQ(error->file, "doc.json");
}
