#include "json_locate.hpp"

#include <vouch/util/file.hpp>

namespace vouch::scan::detail {

namespace {

struct Cursor {
    std::string_view text;
    std::size_t pos = 0;

    bool done() const { return pos >= text.size(); }
    char peek() const { return done() ? '\0' : text[pos]; }
    void skip_ws() {
        while (!done() &&
               (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) {
            ++pos;
        }
    }
    // At an opening quote: returns the raw (undecoded) content and moves past the close.
    std::string_view string() {
        std::size_t start = ++pos;
        while (!done() && text[pos] != '"') {
            pos += text[pos] == '\\' ? 2 : 1;
        }
        std::size_t end = pos < text.size() ? pos : text.size();
        ++pos;
        return text.substr(start, end - start);
    }
    void skip_value() {
        skip_ws();
        char c = peek();
        if (c == '"') {
            string();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (!done()) {
                char d = text[pos];
                if (d == '"') {
                    string();
                    continue;
                }
                if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) {
                        ++pos;
                        return;
                    }
                }
                ++pos;
            }
            return;
        }
        while (!done() && text[pos] != ',' && text[pos] != '}' && text[pos] != ']') {
            ++pos;
        }
    }
    // Moves to the member `key` of the object here; false when absent.
    bool enter_key(const std::string& key) {
        skip_ws();
        if (peek() != '{') {
            return false;
        }
        ++pos;
        while (true) {
            skip_ws();
            if (peek() != '"') {
                return false;
            }
            std::string_view name = string();
            skip_ws();
            if (peek() != ':') {
                return false;
            }
            ++pos;
            skip_ws();
            if (name == key) {
                return true;
            }
            skip_value();
            skip_ws();
            if (peek() != ',') {
                return false;
            }
            ++pos;
        }
    }
    bool enter_index(std::size_t index) {
        skip_ws();
        if (peek() != '[') {
            return false;
        }
        ++pos;
        for (std::size_t i = 0;; ++i) {
            skip_ws();
            if (peek() == ']') {
                return false;
            }
            if (i == index) {
                return true;
            }
            skip_value();
            skip_ws();
            if (peek() != ',') {
                return false;
            }
            ++pos;
        }
    }
};

} // namespace

std::size_t locate(std::string_view text, const JsonPath& path) {
    Cursor cursor{text, 0};
    cursor.skip_ws();
    std::size_t found = cursor.pos;
    for (const auto& step : path) {
        std::size_t before = cursor.pos;
        bool ok = std::holds_alternative<std::string>(step)
                      ? cursor.enter_key(std::get<std::string>(step))
                      : cursor.enter_index(std::get<std::size_t>(step));
        if (!ok) {
            return before;
        }
        found = cursor.pos;
    }
    return found < text.size() ? found : (text.empty() ? 0 : text.size() - 1);
}

std::string pointer_of(const JsonPath& path) {
    std::string out;
    for (const auto& step : path) {
        out += '/';
        out += std::holds_alternative<std::string>(step)
                   ? std::get<std::string>(step)
                   : std::to_string(std::get<std::size_t>(step));
    }
    return out.empty() ? "/" : out;
}

Error error_at(std::string_view text, const std::string& file, const JsonPath& path,
               const std::string& message) {
    Error error = make_error(Errc::parse, pointer_of(path) + ": " + message, file);
    auto position = util::position_of(text, locate(text, path));
    error.line = position.line;
    error.column = position.column;
    return error;
}

} // namespace vouch::scan::detail
