// Versions: node-semver's `new SemVer(v)` (strict mode) and SemVer.compare().
#include "text.hpp"

#include <cstdlib>
#include <vouch/semver/semver.hpp>

namespace vouch::semver {

using namespace detail;

namespace {

std::uint64_t to_u64(std::string_view digits) {
    std::uint64_t value = 0;
    for (const char c : digits) {
        if (value > (UINT64_MAX - 9) / 10) {
            return UINT64_MAX; // saturate; only reached for identifiers above 2^53 anyway
        }
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

bool all_digits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (const char c : s) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

Identifier make_identifier(std::string_view text) {
    Identifier id;
    id.text = std::string(text);
    id.numeric = all_digits(text);
    if (id.numeric) {
        id.number = to_u64(text);
    }
    return id;
}

std::vector<std::string_view> split_dots(std::string_view s) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '.') {
            parts.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    return parts;
}

// The value of a numeric identifier (saturating); `text` wins over `number` when both are set.
std::uint64_t numeric_value(const Identifier& id) {
    return id.text.empty() ? id.number : to_u64(id.text);
}

// node-semver keeps a numeric prerelease identifier as a JavaScript number only below
// Number.MAX_SAFE_INTEGER; larger ones stay strings (and compare as doubles, see below).
bool is_js_number(const Identifier& id) {
    return id.numeric && numeric_value(id) < max_safe_integer;
}

// Digits of a numeric identifier, also for identifiers built by hand with only `number` set.
std::string numeric_text(const Identifier& id) {
    return id.text.empty() ? std::to_string(id.number) : id.text;
}

int sign(double a, double b) {
    return a == b ? 0 : (a < b ? -1 : 1);
}

// internal/identifiers.js compareIdentifiers().
int compare_identifiers(const Identifier& a, const Identifier& b) {
    if (is_js_number(a) && is_js_number(b)) {
        const auto x = numeric_value(a), y = numeric_value(b);
        return x == y ? 0 : (x < y ? -1 : 1);
    }
    if (a.numeric && b.numeric) {
        // JavaScript converts both with Number(): huge identifiers compare as doubles.
        return sign(std::strtod(numeric_text(a).c_str(), nullptr),
                    std::strtod(numeric_text(b).c_str(), nullptr));
    }
    if (a.numeric != b.numeric) {
        return a.numeric ? -1 : 1;
    }
    return a.text == b.text ? 0 : (a.text < b.text ? -1 : 1);
}

bool strictly_identical(const Identifier& a, const Identifier& b) {
    if (is_js_number(a) != is_js_number(b)) {
        return false;
    }
    if (is_js_number(a)) {
        return numeric_value(a) == numeric_value(b);
    }
    return a.numeric == b.numeric &&
           (a.numeric ? numeric_text(a) == numeric_text(b) : a.text == b.text);
}

int compare_number(std::uint64_t a, std::uint64_t b) {
    return a == b ? 0 : (a < b ? -1 : 1);
}

} // namespace

std::optional<Version> Version::parse(std::string_view text) {
    if (utf16_length(text) > max_length) {
        return std::nullopt;
    }
    const auto s = js_trim(text);
    std::size_t i = at(s, 0) == 'v' ? 1 : 0;
    std::string_view numbers[3];
    for (int k = 0; k < 3; ++k) {
        if (k > 0) {
            if (at(s, i) != '.') {
                return std::nullopt;
            }
            ++i;
        }
        const auto end = numeric_end(s, i);
        if (end == i) {
            return std::nullopt;
        }
        numbers[k] = s.substr(i, end - i);
        i = end;
    }
    std::string_view prerelease, build;
    if (at(s, i) == '-') {
        const auto end = prerelease_end(s, i, false);
        if (end == i) {
            return std::nullopt;
        }
        prerelease = s.substr(i + 1, end - i - 1);
        i = end;
    }
    if (at(s, i) == '+') {
        const auto end = build_end(s, i);
        if (end == i) {
            return std::nullopt;
        }
        build = s.substr(i + 1, end - i - 1);
        i = end;
    }
    if (i != s.size()) {
        return std::nullopt;
    }
    for (const auto number : numbers) {
        if (!fits_safe_integer(number)) {
            return std::nullopt;
        }
    }
    Version v;
    v.major = to_u64(numbers[0]);
    v.minor = to_u64(numbers[1]);
    v.patch = to_u64(numbers[2]);
    if (!prerelease.empty()) {
        for (const auto part : split_dots(prerelease)) {
            v.prerelease.push_back(make_identifier(part));
        }
    }
    if (!build.empty()) {
        for (const auto part : split_dots(build)) {
            v.build.emplace_back(part);
        }
    }
    return v;
}

std::string Version::to_string() const {
    std::string out =
        std::to_string(major) + '.' + std::to_string(minor) + '.' + std::to_string(patch);
    for (std::size_t k = 0; k < prerelease.size(); ++k) {
        out += (k == 0 ? '-' : '.');
        out += prerelease[k].numeric && prerelease[k].text.empty()
                   ? std::to_string(prerelease[k].number)
                   : prerelease[k].text;
    }
    return out;
}

int compare(const Version& a, const Version& b) {
    if (const int c = compare_number(a.major, b.major)) {
        return c;
    }
    if (const int c = compare_number(a.minor, b.minor)) {
        return c;
    }
    if (const int c = compare_number(a.patch, b.patch)) {
        return c;
    }
    // A version without prerelease ranks above one with a prerelease.
    if (a.prerelease.empty() || b.prerelease.empty()) {
        return a.prerelease.empty() == b.prerelease.empty() ? 0 : (a.prerelease.empty() ? 1 : -1);
    }
    for (std::size_t i = 0;; ++i) {
        const bool a_done = i >= a.prerelease.size();
        const bool b_done = i >= b.prerelease.size();
        if (a_done || b_done) {
            return a_done == b_done ? 0 : (a_done ? -1 : 1);
        }
        if (strictly_identical(a.prerelease[i], b.prerelease[i])) {
            continue;
        }
        // As node-semver: the first differing identifier decides, even when the comparison
        // of two huge numeric identifiers says "equal".
        return compare_identifiers(a.prerelease[i], b.prerelease[i]);
    }
}

} // namespace vouch::semver
