#include "json_errors.hpp"

#include <nlohmann/json.hpp>
#include <vouch/util/file.hpp>

namespace vouch::lockfile::detail {

namespace {

// Records the byte offset of the first syntax error without building a document.
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

// nlohmann's message looks like "[json.exception.parse_error.101] parse error at line 1,
// column 5: syntax error while parsing value - invalid literal; last read: 'x'"; keep the part
// after "parse error ... : " so the one-line message is not repetitive.
std::string short_reason(const std::string& what) {
    const auto colon = what.find(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    for (char& c : reason) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return reason;
}

} // namespace

Error json_syntax_error(std::string_view text, const std::string& file) {
    ErrorLocator locator;
    nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
    Error error = make_error(Errc::parse, "invalid JSON", file);
    if (locator.failed) {
        // nlohmann reports the position one past the offending character.
        const auto pos = util::position_of(text, locator.offset > 0 ? locator.offset - 1 : 0);
        error.line = pos.line;
        error.column = pos.column;
        error.message = "invalid JSON: " + short_reason(locator.what);
    } else {
        error.message = "invalid JSON (not valid UTF-8 or nesting too deep)";
    }
    return error;
}

} // namespace vouch::lockfile::detail
