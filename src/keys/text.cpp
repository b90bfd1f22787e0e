// Line splitting, located errors, strict base64 and minisign's printable-text rule.
#include "internal.hpp"

#include <sodium.h>
#include <stdexcept>
#include <vouch/util/file.hpp>

namespace vouch::keys::detail {

void ensure_sodium() {
    static const int status = sodium_init();
    if (status < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
}

std::vector<Line> split_lines(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t newline = text.find('\n', start);
        Line line;
        line.offset = start;
        std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        line.terminated = newline != std::string_view::npos;
        if (end > start && text[end - 1] == '\r') {
            --end;
        }
        line.text = text.substr(start, end - start);
        line.bad_cr = line.text.find('\r');
        lines.push_back(line);
        if (newline == std::string_view::npos) {
            break;
        }
        start = newline + 1;
    }
    return lines;
}

Error error_at(std::string_view text, std::size_t offset, const std::string& file,
               std::string message, Errc code) {
    Error error = make_error(code, std::move(message), file);
    const auto pos = util::position_of(text, offset);
    error.line = pos.line;
    error.column = pos.column;
    return error;
}

std::string decode_base64_exact(std::string_view line, unsigned char* out, std::size_t size) {
    const std::size_t expected_chars =
        sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL) - 1;
    if (line.size() != expected_chars) {
        return "expected " + std::to_string(expected_chars) + " base64 characters (" +
               std::to_string(size) + " bytes), found " + std::to_string(line.size());
    }
    std::size_t decoded = 0;
    if (sodium_base642bin(out, size, line.data(), line.size(), nullptr, &decoded, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        decoded != size) {
        sodium_memzero(out, size);
        return "invalid base64";
    }
    return {};
}

std::string encode_base64(const unsigned char* data, std::size_t size) {
    std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
    out.pop_back(); // the terminating NUL
    return out;
}

std::string describe_tag(const unsigned char* tag, std::size_t size) {
    std::string out;
    bool printable = true;
    for (std::size_t i = 0; i < size; ++i) {
        printable = printable && tag[i] >= 0x21 && tag[i] < 0x7f;
    }
    if (printable) {
        out.assign(reinterpret_cast<const char*>(tag), size);
        return '"' + out + '"';
    }
    static constexpr char digits[] = "0123456789abcdef";
    out = "0x";
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[tag[i] >> 4];
        out += digits[tag[i] & 0xf];
    }
    return out;
}

bool is_printable(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
            ++i;
            continue;
        }
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        std::uint32_t min = 0;
        if ((c & 0xe0) == 0xc0) {
            extra = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= n) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        // Overlong forms, UTF-16 surrogates, beyond Unicode, and C1 controls are refused.
        if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
            (cp >= 0x80 && cp <= 0x9f)) {
            return false;
        }
        i += extra + 1;
    }
    return true;
}

std::uint64_t load_le64(const unsigned char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
        v = (v << 8) | p[i];
    }
    return v;
}

void store_le64(unsigned char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        p[i] = static_cast<unsigned char>(v >> (8 * i));
    }
}

std::size_t trailing_content(const std::vector<Line>& lines, std::size_t first_unused) {
    for (std::size_t i = first_unused; i < lines.size(); ++i) {
        if (!lines[i].text.empty() || lines[i].bad_cr != std::string_view::npos) {
            return lines[i].offset;
        }
    }
    return std::string_view::npos;
}

} // namespace vouch::keys::detail
