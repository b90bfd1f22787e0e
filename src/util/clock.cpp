#include <charconv>
#include <cstdlib>
#include <vouch/util/clock.hpp>

namespace vouch::util {

namespace {

bool parse_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) {
        return false;
    }
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
    }
    return std::from_chars(text.data() + pos, text.data() + pos + len, out).ec == std::errc{};
}

} // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    int year = 0, month = 0, day = 0;
    if (!parse_int(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
        !parse_int(text, 5, 2, month) || text[7] != '-' || !parse_int(text, 8, 2, day)) {
        return std::nullopt;
    }
    const year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                             std::chrono::day{unsigned(day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    TimePoint result = sys_days{ymd};
    if (text.size() == 10) {
        return result;
    }
    int hour = 0, minute = 0, second = 0;
    if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !parse_int(text, 11, 2, hour) ||
        text.size() < 19 || text[13] != ':' || !parse_int(text, 14, 2, minute) || text[16] != ':' ||
        !parse_int(text, 17, 2, second) || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    result += hours{hour} + minutes{minute} + seconds{second};
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t digits_start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            ++pos;
        }
        if (pos == digits_start) {
            return std::nullopt;
        }
    }
    if (pos == text.size()) {
        return std::nullopt; // an offset is required by RFC 3339
    }
    if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
        return result;
    }
    int off_h = 0, off_m = 0;
    if ((text[pos] == '+' || text[pos] == '-') && text.size() == pos + 6 &&
        parse_int(text, pos + 1, 2, off_h) && text[pos + 3] == ':' &&
        parse_int(text, pos + 4, 2, off_m)) {
        const auto offset = hours{off_h} + minutes{off_m};
        return text[pos] == '+' ? result - offset : result + offset;
    }
    return std::nullopt;
}

std::string format_rfc3339(TimePoint t) {
    using namespace std::chrono;
    const auto days = floor<std::chrono::days>(t);
    const year_month_day ymd{days};
    const hh_mm_ss hms{t - days};
    const int year = int(ymd.year());
    if (year < 0 || year > 9999) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", year,
                      unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                      int(hms.minutes().count()), int(hms.seconds().count()));
        return buf;
    }
    // The digits by hand: printf's formatter is 64 KiB of libc code that an SBOM would map only
    // for its timestamp.
    std::string out = "0000-00-00T00:00:00Z";
    auto put = [&out](std::size_t at, long value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10) {
            out[at + i] = static_cast<char>('0' + value % 10);
        }
    };
    put(0, year, 4);
    put(5, long(unsigned(ymd.month())), 2);
    put(8, long(unsigned(ymd.day())), 2);
    put(11, long(hms.hours().count()), 2);
    put(14, long(hms.minutes().count()), 2);
    put(17, long(hms.seconds().count()), 2);
    return out;
}

Result<TimePoint> now() {
    if (const char* pinned = std::getenv("VOUCH_NOW"); pinned != nullptr && *pinned != '\0') {
        if (auto t = parse_rfc3339(pinned)) {
            return *t;
        }
        return fail(Errc::usage, std::string("VOUCH_NOW is not an RFC 3339 time: ") + pinned);
    }
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<TimePoint> build_time() {
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        long long seconds = 0;
        const std::string_view text(epoch);
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (ec != std::errc{} || ptr != text.data() + text.size() || seconds < 0) {
            return fail(Errc::usage,
                        std::string("SOURCE_DATE_EPOCH is not a number of seconds: ") + epoch);
        }
        return TimePoint{std::chrono::seconds{seconds}};
    }
    return now();
}

} // namespace vouch::util
