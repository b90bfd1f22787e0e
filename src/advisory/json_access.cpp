#include "json_access.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::advisory::detail {

namespace {

Error locate_syntax_error(std::string_view text, const std::string& file,
                          simdjson::error_code code) {
    Error error = make_error(Errc::parse,
                             std::string("malformed JSON: ") + simdjson::error_message(code), file);
    if (const auto where = util::find_json_syntax_error(text)) {
        error.line = where->line;
        error.column = where->column;
        error.message = "malformed JSON: " + where->reason;
    }
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
