#include "json_access.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <vouch/util/file.hpp>

namespace vouch::advisory::detail {

namespace {

// Validates without building anything and remembers where the first syntax error is.
struct ErrorLocator : nlohmann::json_sax<nlohmann::json> {
    std::size_t byte = 0;
    std::string message;
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
                     const nlohmann::detail::exception& e) override {
        byte = position;
        message = e.what();
        return false;
    }
};

// simdjson reports only an error code; for the line:col of malformed input re-scan with
// nlohmann's SAX parser (error path only; documents are size-capped before we get here).
Error locate_syntax_error(std::string_view text, const std::string& file,
                          simdjson::error_code code) {
    Error error = make_error(Errc::parse,
                             std::string("malformed JSON: ") + simdjson::error_message(code), file);
    ErrorLocator locator;
    try {
        nlohmann::json::sax_parse(text.begin(), text.end(), &locator);
    } catch (const std::exception&) {
        return error;
    }
    if (locator.message.empty())
        return error; // nlohmann accepted it (depth, huge numbers)
    std::size_t offset = locator.byte > 0 ? locator.byte - 1 : 0;
    if (offset > text.size())
        offset = text.size();
    auto position = util::position_of(text, offset);
    error.line = position.line;
    error.column = position.column;
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while
    // parsing value - invalid literal; ..." -> keep the part after the location.
    auto colon = locator.message.find(": ");
    error.message =
        "malformed JSON: " +
        (colon == std::string::npos ? locator.message : locator.message.substr(colon + 2));
    return error;
}

} // namespace

Result<Element> parse_document(simdjson::dom::parser& parser, const simdjson::padded_string& text,
                               const std::string& file) {
    Element root;
    auto code = parser.parse(text).get(root);
    if (code != simdjson::SUCCESS) {
        return tl::unexpected(
            locate_syntax_error(std::string_view(text.data(), text.size()), file, code));
    }
    return root;
}

tl::unexpected<Error> Fields::error(const std::string& path, std::string_view what) const {
    return fail(Errc::parse, "'" + path + "' " + std::string(what), m_file);
}

Result<Object> Fields::object(Element value, const std::string& path) const {
    Object out;
    if (value.get_object().get(out) != simdjson::SUCCESS)
        return error(path, "must be an object");
    return out;
}

Result<Array> Fields::array(Element value, const std::string& path) const {
    Array out;
    if (value.get_array().get(out) != simdjson::SUCCESS)
        return error(path, "must be an array");
    return out;
}

Result<std::string> Fields::string(Element value, const std::string& path) const {
    std::string_view out;
    if (value.get_string().get(out) != simdjson::SUCCESS)
        return error(path, "must be a string");
    return std::string(out);
}

std::optional<Element> Fields::member(Object object, std::string_view key) {
    Element value;
    if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null())
        return std::nullopt;
    return value;
}

Result<std::string> Fields::required_string(Object object, std::string_view key,
                                            const std::string& path) const {
    auto value = member(object, key);
    if (!value)
        return error(join_path(path, key), "is missing");
    VOUCH_TRY_ASSIGN(auto text, string(*value, join_path(path, key)));
    if (text.empty())
        return error(join_path(path, key), "must not be empty");
    return text;
}

Result<std::string> Fields::optional_string(Object object, std::string_view key,
                                            const std::string& path) const {
    auto value = member(object, key);
    if (!value)
        return std::string();
    return string(*value, join_path(path, key));
}

Result<std::vector<std::string>> Fields::string_list(Object object, std::string_view key,
                                                     const std::string& path) const {
    std::vector<std::string> out;
    auto value = member(object, key);
    if (!value)
        return out;
    auto where = join_path(path, key);
    VOUCH_TRY_ASSIGN(auto items, array(*value, where));
    std::size_t i = 0;
    for (Element item : items) {
        VOUCH_TRY_ASSIGN(auto text, string(item, index_path(where, i++)));
        out.push_back(std::move(text));
    }
    return out;
}

Result<std::string> Fields::id_text(Element value, const std::string& path) const {
    std::string_view text;
    if (value.get_string().get(text) == simdjson::SUCCESS && !text.empty()) {
        return std::string(text);
    }
    std::int64_t signed_number = 0;
    if (value.get_int64().get(signed_number) == simdjson::SUCCESS && signed_number >= 0) {
        return std::to_string(signed_number);
    }
    std::uint64_t number = 0;
    if (value.get_uint64().get(number) == simdjson::SUCCESS)
        return std::to_string(number);
    return error(path, "must be a non-negative integer or a non-empty string");
}

} // namespace vouch::advisory::detail
