#include "text.hpp"

#include <algorithm>

namespace vouch::semver::detail {

std::size_t js_space_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(at(s, i + k)); };
    if (i >= s.size()) {
        return 0;
    }
    if (is_ascii_space(s[i])) {
        return 1;
    }
    // The non-ASCII members of JavaScript's \s, in UTF-8.
    if (byte(0) == 0xC2 && byte(1) == 0xA0) { // U+00A0
        return 2;
    }
    if (byte(0) == 0xE1 && byte(1) == 0x9A && byte(2) == 0x80) { // U+1680
        return 3;
    }
    if (byte(0) == 0xE2 && byte(1) == 0x80) {
        const auto third = byte(2);
        if ((third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF) {
            return 3; // U+2000..U+200A, U+2028, U+2029, U+202F
        }
    }
    if (byte(0) == 0xE2 && byte(1) == 0x81 && byte(2) == 0x9F) { // U+205F
        return 3;
    }
    if (byte(0) == 0xE3 && byte(1) == 0x80 && byte(2) == 0x80) { // U+3000
        return 3;
    }
    if (byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) { // U+FEFF
        return 3;
    }
    return 0;
}

namespace {
// Length of the whitespace sequence that ends exactly at `end`, scanning one character back.
std::size_t js_space_length_before(std::string_view s, std::size_t end) {
    for (std::size_t width = 1; width <= 3 && width <= end; ++width) {
        if (js_space_length(s, end - width) == width) {
            return width;
        }
    }
    return 0;
}
} // namespace

std::string_view js_trim(std::string_view s) {
    std::size_t begin = 0;
    while (const auto n = js_space_length(s, begin)) {
        begin += n;
    }
    std::size_t end = s.size();
    while (end > begin) {
        const auto n = js_space_length_before(s, end);
        if (n == 0) {
            break;
        }
        end -= n;
    }
    return s.substr(begin, end - begin);
}

std::string js_trim_collapse(std::string_view s) {
    const auto trimmed = js_trim(s);
    std::string out;
    out.reserve(trimmed.size());
    bool in_space = false;
    for (std::size_t i = 0; i < trimmed.size();) {
        if (const auto n = js_space_length(trimmed, i)) {
            if (!in_space) {
                out.push_back(' ');
            }
            in_space = true;
            i += n;
        } else {
            out.push_back(trimmed[i]);
            in_space = false;
            ++i;
        }
    }
    return out;
}

std::size_t utf16_length(std::string_view s) {
    std::size_t units = 0;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if ((b & 0xC0) != 0x80) {
            units += (b >= 0xF0) ? 2 : 1; // a 4-byte sequence is a surrogate pair
        }
    }
    return units;
}

bool fits_safe_integer(std::string_view digits) {
    constexpr std::string_view max = "9007199254740991";
    if (digits.size() != max.size()) {
        return digits.size() < max.size();
    }
    return digits <= max;
}

std::string increment_decimal(std::string_view digits) {
    std::string out(digits);
    for (std::size_t i = out.size(); i > 0; --i) {
        if (out[i - 1] != '9') {
            ++out[i - 1];
            return out;
        }
        out[i - 1] = '0';
    }
    return "1" + out;
}

namespace {
// End of the digit run at i, looking at no more than max_length + 2 digits: every caller only
// needs to know whether the run exceeds the regex bounds, and an unbounded scan would make
// long digit strings quadratic.
std::size_t digits_end(std::string_view s, std::size_t i) {
    const std::size_t limit = i + max_length + 2;
    while (i < limit && is_digit(at(s, i))) {
        ++i;
    }
    return i;
}
} // namespace

std::size_t numeric_end(std::string_view s, std::size_t i) {
    if (at(s, i) == '0') {
        return i + 1;
    }
    if (!is_digit(at(s, i))) {
        return i;
    }
    return std::min(digits_end(s, i), i + max_length + 1);
}

std::size_t prerelease_id_end(std::string_view s, std::size_t i, bool loose) {
    const auto run = digits_end(s, i);
    // Nonnumeric first: \d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}.
    const auto first_letter = std::min(run, i + max_length);
    const char c = at(s, first_letter);
    if (is_letter(c) || c == '-') {
        std::size_t end = first_letter + 1;
        const std::size_t limit = end + max_build_length;
        while (end < limit && is_ident_char(at(s, end))) {
            ++end;
        }
        return end;
    }
    if (loose) {
        return std::min(run, i + max_length);
    }
    return numeric_end(s, i);
}

std::size_t prerelease_end(std::string_view s, std::size_t i, bool loose) {
    const bool hyphen = at(s, i) == '-';
    if (!loose && !hyphen) {
        return i;
    }
    const std::size_t id_start = i + (hyphen ? 1 : 0);
    std::size_t end = prerelease_id_end(s, id_start, loose);
    if (end == id_start) {
        if (!loose || !hyphen) {
            return i;
        }
        end = prerelease_id_end(s, i, loose); // loose: the hyphen itself is an identifier
    }
    while (at(s, end) == '.') {
        const auto next = prerelease_id_end(s, end + 1, loose);
        if (next == end + 1) {
            break;
        }
        end = next;
    }
    return end;
}

std::size_t build_end(std::string_view s, std::size_t i, std::size_t limit) {
    if (at(s, i) != '+') {
        return i;
    }
    const auto id_end = [&](std::size_t start) {
        std::size_t end = start;
        while (end - start < limit && is_ident_char(at(s, end))) {
            ++end;
        }
        return end;
    };
    std::size_t end = id_end(i + 1);
    if (end == i + 1) {
        return i;
    }
    while (at(s, end) == '.') {
        const auto next = id_end(end + 1);
        if (next == end + 1) {
            break;
        }
        end = next;
    }
    return end;
}

namespace {
// One XRANGEIDENTIFIER: 0|[1-9]\d{0,256}|x|X|\*.
std::size_t xid_end(std::string_view s, std::size_t i) {
    const char c = at(s, i);
    if (is_digit(c)) {
        return numeric_end(s, i);
    }
    return (c == 'x' || c == 'X' || c == '*') ? i + 1 : i;
}
} // namespace

std::optional<XRangePlain> match_xrange_plain(std::string_view s, std::size_t pos) {
    XRangePlain m;
    m.begin = pos;
    std::size_t i = pos;
    while (at(s, i) == 'v' || at(s, i) == '=' || is_ascii_space(at(s, i))) {
        ++i;
    }
    std::size_t end = xid_end(s, i);
    if (end == i) {
        return std::nullopt;
    }
    m.major = std::string(s.substr(i, end - i));
    std::string* const parts[] = {&m.minor, &m.patch};
    for (auto* part : parts) {
        if (at(s, end) != '.') {
            m.end = end;
            return m;
        }
        const auto next = xid_end(s, end + 1);
        if (next == end + 1) {
            m.end = end;
            return m;
        }
        *part = std::string(s.substr(end + 1, next - end - 1));
        end = next;
    }
    const auto pre = prerelease_end(s, end, false);
    if (pre > end) {
        m.prerelease = std::string(s.substr(end + 1, pre - end - 1));
    }
    m.end = build_end(s, pre);
    return m;
}

std::size_t loose_full_end(std::string_view s, std::size_t pos) {
    std::size_t end = pos;
    for (int component = 0; component < 3; ++component) {
        const auto run = digits_end(s, end);
        if (run == end) {
            return pos;
        }
        end = std::min(run, end + max_length);
        if (component < 2) {
            if (at(s, end) != '.') {
                return pos;
            }
            ++end;
        }
    }
    return build_end(s, prerelease_end(s, end, true));
}

} // namespace vouch::semver::detail
