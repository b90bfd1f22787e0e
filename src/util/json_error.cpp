#include <nlohmann/json.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::util {

namespace {

// Validates without building anything and remembers where the first syntax error is.
struct ErrorLocator : nlohmann::json_sax<nlohmann::json> {
    std::size_t offset = 0;
    std::string what;
    bool failed = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        failed = true;
        offset = position;
        what = ex.what();
        return false;
    }
};

} // namespace

std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view text) {
    ErrorLocator locator;
    try {
        nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (!locator.failed) {
        return std::nullopt;
    }
    // nlohmann reports the position one past the offending character.
    const std::size_t offset = std::min(locator.offset > 0 ? locator.offset - 1 : 0, text.size());
    const auto position = position_of(text, offset);
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while
    // parsing value - invalid literal; ..." -> keep the part after the location, on one line.
    const auto colon = locator.what.find(": ");
    std::string reason = colon == std::string::npos ? locator.what : locator.what.substr(colon + 2);
    for (char& c : reason) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return JsonSyntaxError{position.line, position.column, std::move(reason)};
}

std::optional<Error> check_json_syntax(std::string_view text, const std::string& file, Errc code) {
    const auto where = find_json_syntax_error(text);
    if (!where) {
        return std::nullopt;
    }
    Error error = make_error(code, "malformed JSON: " + where->reason, file);
    error.line = where->line;
    error.column = where->column;
    return error;
}

} // namespace vouch::util
