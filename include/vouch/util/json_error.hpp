#pragma once
// Where a JSON text is malformed. simdjson, which parses vouch's large inputs, reports only an
// error code; on that (rare) error path the text is re-scanned with nlohmann's SAX parser, which
// knows the byte offset.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vouch::util {

struct JsonSyntaxError {
    std::size_t line = 1; // 1-based
    std::size_t column = 1;
    std::string reason; // e.g. "syntax error while parsing value - invalid literal; last read: 'x'"
};

// nullopt when nlohmann accepts the text (simdjson refused it for depth or number range).
std::optional<JsonSyntaxError> find_json_syntax_error(std::string_view text);

} // namespace vouch::util
