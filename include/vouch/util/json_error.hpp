#pragma once
// Where a JSON text is malformed. simdjson, which parses vouch's large inputs, reports only an
// error code; on that (rare) error path the text is re-scanned with nlohmann's SAX parser, which
// knows the byte offset.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vouch/util/error.hpp>

namespace vouch::util {

struct JsonSyntaxError {
    std::size_t line = 1; // 1-based
    std::size_t column = 1;
    std::string reason; // e.g. "syntax error while parsing value - invalid literal; last read: 'x'"
};

// nullopt when nlohmann accepts the text (simdjson refused it for depth or number range).
std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view text);

// An Error of `code` for `file`, located, when `text` is not well-formed JSON (numbers out of
// range included); nullopt otherwise. Checked before nlohmann's DOM parse, whose exceptions
// for out-of-range numbers are not parse_error.
std::optional<Error> check_json_syntax(std::string_view text, const std::string& file,
                                       Errc code = Errc::parse);

} // namespace vouch::util
