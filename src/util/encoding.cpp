#include <array>
#include <vouch/util/encoding.hpp>

namespace vouch::util {

namespace {
constexpr char k_hex_digits[] = "0123456789abcdef";
constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> make_b64_table() {
    std::array<int, 256> table{};
    for (auto& v : table) {
        v = -1;
    }
    for (int i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(k_b64[i])] = i;
    }
    table['-'] = 62; // URL-safe alphabet
    table['_'] = 63;
    return table;
}
constexpr auto k_b64_table = make_b64_table();

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}
} // namespace

void to_hex(const std::uint8_t* data, std::size_t size, char* out) {
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = k_hex_digits[data[i] >> 4];
        out[2 * i + 1] = k_hex_digits[data[i] & 0xf];
    }
}

std::string to_hex(const std::uint8_t* data, std::size_t size) {
    std::string out(size * 2, '\0');
    to_hex(data, size, out.data());
    return out;
}

std::optional<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_value(hex[2 * i]);
        const int lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
    }
    return out;
}

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
    // Written through a pointer into a pre-sized string: envelopes carry megabytes of payload,
    // and a capacity check per character made this a visible share of signing a large tree.
    std::string out((size + 2) / 3 * 4, '\0');
    char* o = out.data();
    std::size_t i = 0;
    for (; i + 2 < size; i += 3) {
        const std::uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
        *o++ = k_b64[v >> 18 & 63];
        *o++ = k_b64[v >> 12 & 63];
        *o++ = k_b64[v >> 6 & 63];
        *o++ = k_b64[v & 63];
    }
    if (i + 1 == size) {
        const std::uint32_t v = data[i] << 16;
        *o++ = k_b64[v >> 18 & 63];
        *o++ = k_b64[v >> 12 & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (i + 2 == size) {
        const std::uint32_t v = data[i] << 16 | data[i + 1] << 8;
        *o++ = k_b64[v >> 18 & 63];
        *o++ = k_b64[v >> 12 & 63];
        *o++ = k_b64[v >> 6 & 63];
        *o++ = '=';
    }
    return out;
}

std::optional<std::size_t> base64_decode(std::string_view text, std::uint8_t* out,
                                         std::size_t capacity) {
    std::size_t len = text.size();
    std::size_t padding = 0;
    while (len > 0 && text[len - 1] == '=' && padding < 2) {
        --len;
        ++padding;
    }
    if (padding > 0 && text.size() % 4 != 0) {
        return std::nullopt;
    }
    if (len % 4 == 1 || len * 3 / 4 > capacity) {
        return std::nullopt;
    }
    std::size_t size = 0;
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < len; ++i) {
        const int v = k_b64_table[static_cast<unsigned char>(text[i])];
        if (v < 0) {
            return std::nullopt;
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[size++] = static_cast<std::uint8_t>(acc >> bits & 0xff);
        }
    }
    // Non-zero leftover bits mean a non-canonical encoding.
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
        return std::nullopt;
    }
    return size;
}

std::optional<Bytes> base64_decode(std::string_view text) {
    Bytes out(text.size() / 4 * 3 + 3);
    const auto size = base64_decode(text, out.data(), out.size());
    if (!size) {
        return std::nullopt;
    }
    out.resize(*size);
    return out;
}

} // namespace vouch::util
