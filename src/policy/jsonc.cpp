#include "jsonc.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <vouch/util/file.hpp>

namespace vouch::policy::jsonc {

namespace {

constexpr std::size_t k_max_bytes = std::size_t{1} << 20;
constexpr int k_max_depth = 64;

class Reader {
  public:
    Reader(std::string_view text, const std::string& file) : m_text(text), m_file(file) {}

    Result<Value> document() {
        VOUCH_TRY(skip_space());
        VOUCH_TRY_ASSIGN(Value root, value(0));
        VOUCH_TRY(skip_space());
        if (m_pos != m_text.size()) {
            return error("unexpected text after the document");
        }
        return root;
    }

  private:
    tl::unexpected<Error> error(std::string message, std::size_t at) const {
        Error e = make_error(Errc::parse, std::move(message), m_file);
        const auto pos = util::position_of(m_text, at);
        e.line = pos.line;
        e.column = pos.column;
        return tl::unexpected(std::move(e));
    }
    tl::unexpected<Error> error(std::string message) const {
        return error(std::move(message), m_pos);
    }

    bool done() const { return m_pos >= m_text.size(); }
    char peek() const { return done() ? '\0' : m_text[m_pos]; }

    Status skip_space() {
        while (!done()) {
            const char c = m_text[m_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++m_pos;
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '/') {
                while (!done() && m_text[m_pos] != '\n') {
                    ++m_pos;
                }
            } else if (c == '/' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '*') {
                const std::size_t start = m_pos;
                const auto end = m_text.find("*/", m_pos + 2);
                if (end == std::string_view::npos) {
                    return error("unterminated /* comment", start);
                }
                m_pos = end + 2;
            } else {
                break;
            }
        }
        return {};
    }

    Result<Value> value(int depth) {
        if (depth > k_max_depth) {
            return error("nesting deeper than 64 levels");
        }
        Value v;
        v.offset = m_pos;
        const char c = peek();
        if (c == '{') {
            v.kind = Value::Kind::object;
            VOUCH_TRY(object(v, depth));
        } else if (c == '[') {
            v.kind = Value::Kind::array;
            VOUCH_TRY(array(v, depth));
        } else if (c == '"') {
            v.kind = Value::Kind::string;
            VOUCH_TRY_ASSIGN(v.string, string());
        } else if (literal("true")) {
            v.kind = Value::Kind::boolean;
            v.boolean = true;
        } else if (literal("false")) {
            v.kind = Value::Kind::boolean;
        } else if (literal("null")) {
            v.kind = Value::Kind::null;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.kind = Value::Kind::number;
            VOUCH_TRY_ASSIGN(v.number, number());
        } else if (done()) {
            return error("unexpected end of input: a value is missing");
        } else {
            return error("expected a value (object, array, string, number, true, false, null)");
        }
        return v;
    }

    bool literal(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) {
            return false;
        }
        const std::size_t after = m_pos + word.size();
        if (after < m_text.size() && std::isalnum(static_cast<unsigned char>(m_text[after]))) {
            return false;
        }
        m_pos = after;
        return true;
    }

    Status object(Value& v, int depth) {
        ++m_pos; // {
        VOUCH_TRY(skip_space());
        if (peek() == '}') {
            ++m_pos;
            return {};
        }
        while (true) {
            VOUCH_TRY(skip_space());
            if (peek() != '"') {
                return error(done() ? "unexpected end of input inside an object"
                                    : "expected a quoted key");
            }
            const std::size_t key_offset = m_pos;
            VOUCH_TRY_ASSIGN(std::string key, string());
            if (v.find(key) != nullptr) {
                return error("duplicate key \"" + key + '"', key_offset);
            }
            VOUCH_TRY(skip_space());
            if (peek() != ':') {
                return error("expected ':' after the key");
            }
            ++m_pos;
            VOUCH_TRY(skip_space());
            VOUCH_TRY_ASSIGN(Value member, value(depth + 1));
            v.members.emplace_back(std::move(key), std::move(member));
            v.key_offsets.push_back(key_offset);
            VOUCH_TRY(skip_space());
            if (peek() == ',') {
                ++m_pos;
                VOUCH_TRY(skip_space());
                if (peek() == '}') {
                    return error("trailing comma before '}'");
                }
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return {};
            }
            return error(done() ? "unexpected end of input inside an object"
                                : "expected ',' or '}'");
        }
    }

    Status array(Value& v, int depth) {
        ++m_pos; // [
        VOUCH_TRY(skip_space());
        if (peek() == ']') {
            ++m_pos;
            return {};
        }
        while (true) {
            VOUCH_TRY(skip_space());
            VOUCH_TRY_ASSIGN(Value item, value(depth + 1));
            v.items.push_back(std::move(item));
            VOUCH_TRY(skip_space());
            if (peek() == ',') {
                ++m_pos;
                VOUCH_TRY(skip_space());
                if (peek() == ']') {
                    return error("trailing comma before ']'");
                }
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return {};
            }
            return error(done() ? "unexpected end of input inside an array"
                                : "expected ',' or ']'");
        }
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    Result<std::uint32_t> hex4() {
        if (m_pos + 4 > m_text.size()) {
            return error("truncated \\u escape");
        }
        std::uint32_t cp = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            cp <<= 4;
            if (h >= '0' && h <= '9') {
                cp |= static_cast<std::uint32_t>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                cp |= static_cast<std::uint32_t>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                cp |= static_cast<std::uint32_t>(h - 'A' + 10);
            } else {
                return error("bad hex digit in \\u escape", m_pos - 1);
            }
        }
        return cp;
    }

    // One UTF-8 encoded character at m_pos (RFC 3629: no overlongs, surrogates or > U+10FFFF),
    // so every string vouch later writes into JSON or a report is valid UTF-8.
    Status utf8_sequence(std::string& out) {
        const auto byte = [this](std::size_t i) {
            return static_cast<unsigned char>(m_text[m_pos + i]);
        };
        const unsigned char lead = byte(0);
        std::size_t length = 0;
        std::uint32_t cp = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
        } else {
            return error("invalid UTF-8 in a string");
        }
        if (m_pos + length > m_text.size()) {
            return error("invalid UTF-8 in a string");
        }
        for (std::size_t i = 1; i < length; ++i) {
            if ((byte(i) & 0xC0) != 0x80) {
                return error("invalid UTF-8 in a string");
            }
            cp = (cp << 6) | (byte(i) & 0x3F);
        }
        if ((length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return error("invalid UTF-8 in a string");
        }
        out.append(m_text.substr(m_pos, length));
        m_pos += length;
        return {};
    }

    Result<std::string> string() {
        const std::size_t start = m_pos;
        ++m_pos; // "
        std::string out;
        while (true) {
            if (done()) {
                return error("unterminated string", start);
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                ++m_pos;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) {
                return error("control character inside a string");
            }
            if (static_cast<unsigned char>(c) >= 0x80) {
                VOUCH_TRY(utf8_sequence(out));
                continue;
            }
            if (c != '\\') {
                out += c;
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (done()) {
                return error("unterminated string", start);
            }
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
                out += '"';
                break;
            case '\\':
                out += '\\';
                break;
            case '/':
                out += '/';
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                VOUCH_TRY_ASSIGN(std::uint32_t cp, hex4());
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (m_text.substr(m_pos, 2) != "\\u") {
                        return error("unpaired surrogate in \\u escape");
                    }
                    m_pos += 2;
                    VOUCH_TRY_ASSIGN(std::uint32_t low, hex4());
                    if (low < 0xDC00 || low > 0xDFFF) {
                        return error("unpaired surrogate in \\u escape");
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return error("unpaired surrogate in \\u escape");
                }
                append_utf8(out, cp);
                break;
            }
            default:
                return error("invalid escape in a string", m_pos - 1);
            }
        }
    }

    Result<double> number() {
        const std::size_t start = m_pos;
        auto digits = [this] {
            std::size_t n = 0;
            while (!done() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
                ++m_pos;
                ++n;
            }
            return n;
        };
        if (peek() == '-') {
            ++m_pos;
        }
        if (peek() == '0') {
            ++m_pos;
        } else if (digits() == 0) {
            return error("malformed number", start);
        }
        if (peek() == '.') {
            ++m_pos;
            if (digits() == 0) {
                return error("malformed number", start);
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-') {
                ++m_pos;
            }
            if (digits() == 0) {
                return error("malformed number", start);
            }
        }
        double out = 0;
        const auto text = m_text.substr(start, m_pos - start);
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(out)) {
            return error("number out of range", start);
        }
        return out;
    }

    std::string_view m_text;
    const std::string& m_file;
    std::size_t m_pos = 0;
};

} // namespace

const Value* Value::find(std::string_view key) const {
    for (const auto& [name, value] : members) {
        if (name == key) {
            return &value;
        }
    }
    return nullptr;
}

std::string_view Value::kind_name() const {
    switch (kind) {
    case Kind::null:
        return "null";
    case Kind::boolean:
        return "a boolean";
    case Kind::number:
        return "a number";
    case Kind::string:
        return "a string";
    case Kind::array:
        return "an array";
    case Kind::object:
        return "an object";
    }
    return "?";
}

Result<Value> parse(std::string_view text, const std::string& file) {
    if (text.size() > k_max_bytes) {
        return fail(Errc::parse, "policy file larger than 1 MiB", file);
    }
    return Reader(text, file).document();
}

} // namespace vouch::policy::jsonc
