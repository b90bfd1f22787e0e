#include <filesystem>
#include <gtest/gtest.h>
#include <vouch/util/clock.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>

using namespace vouch;
using namespace vouch::util;
namespace fs = std::filesystem;

TEST(Encoding, SriBase64ToHexMatchesSpecVector) {
    // lodash 4.17.21 integrity, decoded in specs.md section 5.5.
    const auto bytes = base64_decode(
        "v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==");
    ASSERT_TRUE(bytes);
    EXPECT_EQ(to_hex(*bytes), "bf690311ee7b95e713ba568322e3533f2dd1cb880b189e99d4edef13592b81764da"
                              "ec43e2c54c61d5c558dc5cfb35ecb85b65519e74026ff17675b6f8f916f4a");
}

TEST(Encoding, Base64RoundTripAndRejects) {
    for (std::string text : {"", "a", "ab", "abc", "abcd", "hello world"}) {
        const auto encoded = base64_encode(text);
        const auto decoded = base64_decode(encoded);
        ASSERT_TRUE(decoded) << encoded;
        EXPECT_EQ(std::string(decoded->begin(), decoded->end()), text);
    }
    EXPECT_FALSE(base64_decode("ab c"));
    EXPECT_FALSE(base64_decode("a"));
    EXPECT_FALSE(base64_decode("ab=c"));
    EXPECT_TRUE(base64_decode("-_8")); // URL-safe alphabet
}

TEST(Encoding, Base64IntoABufferStopsAtItsCapacity) {
    std::uint8_t out[4] = {0, 0, 0, 0xee};
    EXPECT_EQ(base64_decode("aGk=", out, 2), std::optional<std::size_t>(2)); // "hi"
    EXPECT_EQ(out[0], 'h');
    EXPECT_EQ(out[1], 'i');
    EXPECT_FALSE(base64_decode("aGVsbG8=", out, 3)); // 5 bytes do not fit
    EXPECT_EQ(out[3], 0xee);                         // nothing written past the buffer
    EXPECT_FALSE(base64_decode("a", out, 4));
    EXPECT_EQ(base64_decode("", out, 0), std::optional<std::size_t>(0));
    char hex[4];
    to_hex(out, 2, hex);
    EXPECT_EQ(std::string_view(hex, 4), "6869");
}

TEST(Encoding, Hex) {
    EXPECT_EQ(to_hex(Bytes{0x00, 0xab, 0xff}), "00abff");
    EXPECT_EQ(*from_hex("00ABff"), (Bytes{0x00, 0xab, 0xff}));
    EXPECT_FALSE(from_hex("abc"));
    EXPECT_FALSE(from_hex("zz"));
}

TEST(Clock, ParsesAndFormatsRfc3339) {
    const auto t = parse_rfc3339("2026-11-23T15:04:05Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_rfc3339(*t), "2026-11-23T15:04:05Z");
    EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-11-23T17:04:05.123+02:00")),
              "2026-11-23T15:04:05Z");
    EXPECT_EQ(format_rfc3339(*parse_rfc3339("2026-02-28")), "2026-02-28T00:00:00Z");
    EXPECT_FALSE(parse_rfc3339("2026-02-30"));
    EXPECT_FALSE(parse_rfc3339("2026-11-23T15:04:05")); // no offset
    EXPECT_FALSE(parse_rfc3339("yesterday"));
}

TEST(Clock, FormatsEveryDigitPaddedAndYearsBeyondFourDigits) {
    using namespace std::chrono;
    const auto at = [](year_month_day day, seconds time) {
        return vouch::util::TimePoint(sys_days(day).time_since_epoch() + time);
    };
    EXPECT_EQ(format_rfc3339(at(year(987) / 1 / 2, hours(3) + minutes(4) + seconds(5))),
              "0987-01-02T03:04:05Z");
    EXPECT_EQ(format_rfc3339(at(year(1970) / 12 / 31, hours(23) + minutes(59) + seconds(59))),
              "1970-12-31T23:59:59Z");
    EXPECT_EQ(format_rfc3339(at(year(12026) / 11 / 26, seconds(0))), "12026-11-26T00:00:00Z");
}

TEST(Clock, VouchNowPinsTheClock) {
    ::setenv("VOUCH_NOW", "2030-01-02T03:04:05Z", 1);
    EXPECT_EQ(format_rfc3339(*now()), "2030-01-02T03:04:05Z");
    ::setenv("VOUCH_NOW", "garbage", 1);
    auto bad = now();
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, Errc::usage);
    ::unsetenv("VOUCH_NOW");
    ::setenv("SOURCE_DATE_EPOCH", "86400", 1);
    EXPECT_EQ(format_rfc3339(*build_time()), "1970-01-02T00:00:00Z");
    ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST(File, AtomicWriteReplacesAndLeavesNoTemp) {
    const fs::path dir = fs::temp_directory_path() / "vouch_util_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path out = dir / "out.json";
    ASSERT_TRUE(write_file_atomic(out, "first"));
    ASSERT_TRUE(write_file_atomic(out, "second", 0600));
    EXPECT_EQ(*read_file(out), "second");
    EXPECT_EQ(fs::status(out).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 1);
    auto failed = write_file_atomic(dir / "missing-dir" / "x", "data");
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, Errc::io);
    fs::remove_all(dir);
}

TEST(File, ReadErrorsNameTheFile) {
    auto missing = read_file("/nonexistent/vouch");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::io);
    EXPECT_EQ(missing.error().file, "/nonexistent/vouch");
    auto too_big = read_file("/etc/passwd", 4);
    ASSERT_FALSE(too_big);
}

TEST(File, PositionOfOffset) {
    const std::string text = "ab\ncd\n\nef";
    EXPECT_EQ(position_of(text, 0).line, 1u);
    EXPECT_EQ(position_of(text, 4).line, 2u);
    EXPECT_EQ(position_of(text, 4).column, 2u);
    EXPECT_EQ(position_of(text, 7).line, 4u);
    EXPECT_EQ(position_of(text, 7).column, 1u);
}

TEST(Error, DescribeAndExitCodes) {
    Error e = make_error(Errc::parse, "unexpected token", "package-lock.json");
    e.line = 3;
    e.column = 7;
    EXPECT_EQ(e.describe(), "package-lock.json:3:7: unexpected token");
    EXPECT_EQ(exit_code_for(Errc::rejected), 1);
    EXPECT_EQ(exit_code_for(Errc::usage), 2);
    EXPECT_EQ(exit_code_for(Errc::parse), 3);
    EXPECT_EQ(exit_code_for(Errc::internal), 4);
}
