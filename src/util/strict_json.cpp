#include <nlohmann/json.hpp>
#include <set>
#include <vector>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>
#include <vouch/util/strict_json.hpp>

namespace vouch::util {

namespace {

// Tracks the keys of every open object; nlohmann hands keys over already unescaped.
struct KeyChecker : nlohmann::json_sax<nlohmann::json> {
    std::vector<std::set<std::string>> open_objects;
    std::string problem;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override {
        open_objects.emplace_back();
        return true;
    }
    bool key(string_t& key) override {
        if (key.find('\0') != std::string::npos) {
            problem = "a key contains a NUL character";
            return false;
        }
        if (open_objects.empty() || !open_objects.back().insert(key).second) {
            problem = "duplicate key \"" + key + "\"";
            return false;
        }
        return true;
    }
    bool end_object() override {
        open_objects.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        problem = "malformed JSON";
        return false;
    }
};

Error located(Errc code, const std::string& what, const std::string& file, std::string_view text,
              std::size_t offset) {
    Error error = make_error(code, what, file);
    const auto position = position_of(text, offset);
    error.line = position.line;
    error.column = position.column;
    return error;
}

} // namespace

std::optional<Error> check_strict_json(std::string_view text, const std::string& file, Errc code) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        return make_error(code, "starts with a UTF-8 byte order mark; JSON must not", file);
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        return located(code, "contains a NUL byte; nothing may follow or hide in the JSON", file,
                       text, nul);
    }
    // Syntax, one value with nothing after it, UTF-8 and number ranges, located.
    if (auto malformed = check_json_syntax(text, file, code)) {
        return malformed;
    }
    KeyChecker checker;
    // check_json_syntax() accepted the text, so only the checker can stop the parse.
    if (!nlohmann::json::sax_parse(text.begin(), text.end(), &checker)) {
        return make_error(code, checker.problem, file);
    }
    return std::nullopt;
}

} // namespace vouch::util
