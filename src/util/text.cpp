#include <array>
#include <cstdint>
#include <vouch/util/text.hpp>

namespace vouch::util {
namespace {

void append_hex_byte(std::string& out, unsigned char byte) {
    static constexpr std::array<char, 16> digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                    '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    out += "\\x";
    out += digits[byte >> 4];
    out += digits[byte & 0xf];
}

// Length of the well-formed UTF-8 sequence at `text[i]` (1 to 4) and its code point, or 0 when
// the bytes there are not well-formed UTF-8 (overlong forms and surrogates included).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (byte < 0x80) {
        code_point = byte;
        return 1;
    }
    if ((byte & 0xe0) == 0xc0) {
        length = 2, value = byte & 0x1f, minimum = 0x80;
    } else if ((byte & 0xf0) == 0xe0) {
        length = 3, value = byte & 0x0f, minimum = 0x800;
    } else if ((byte & 0xf8) == 0xf0) {
        length = 4, value = byte & 0x07, minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xc0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (next & 0x3f);
    }
    if (value < minimum || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        return 0;
    }
    code_point = value;
    return length;
}

bool is_bidi_control(char32_t c) {
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
           c == 0x200f || c == 0x061c;
}

void append_code_point_escape(std::string& out, char32_t c) {
    static constexpr std::array<char, 16> digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                    '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    std::string hex;
    for (auto v = static_cast<std::uint32_t>(c); v != 0; v >>= 4) {
        hex.insert(hex.begin(), digits[v & 0xf]);
    }
    out += "\\u{" + hex + "}";
}

} // namespace

std::string escape_for_terminal(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, i, c);
        if (length == 0) {
            append_hex_byte(out, static_cast<unsigned char>(text[i]));
            ++i;
            continue;
        }
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c == 0x1b) {
            out += "\\e";
        } else if (c < 0x20 || c == 0x7f) {
            append_hex_byte(out, static_cast<unsigned char>(c));
        } else if ((c >= 0x80 && c <= 0x9f) || is_bidi_control(c)) {
            append_code_point_escape(out, c);
        } else {
            out.append(text.substr(i, length));
        }
        i += length;
    }
    return out;
}

std::string strip_userinfo(std::string_view url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return std::string(url);
    }
    const auto authority_begin = scheme_end + 3;
    const auto authority_end = url.find_first_of("/?#", authority_begin);
    const auto authority = url.substr(authority_begin, authority_end == std::string_view::npos
                                                           ? std::string_view::npos
                                                           : authority_end - authority_begin);
    const auto at = authority.rfind('@');
    if (at == std::string_view::npos) {
        return std::string(url);
    }
    const auto scheme = url.substr(0, scheme_end);
    const bool ssh = scheme == "ssh" || scheme == "git+ssh";
    std::string out(url.substr(0, authority_begin));
    if (ssh) {
        const auto userinfo = authority.substr(0, at);
        out += userinfo.substr(0, userinfo.find(':'));
        out += '@';
    }
    out += authority.substr(at + 1);
    if (authority_end != std::string_view::npos) {
        out += url.substr(authority_end);
    }
    return out;
}

} // namespace vouch::util
