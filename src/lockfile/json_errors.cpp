#include "json_errors.hpp"

#include <vouch/util/json_error.hpp>

namespace vouch::lockfile::detail {

Error json_syntax_error(std::string_view text, const std::string& file) {
    Error error =
        make_error(Errc::parse, "invalid JSON (not valid UTF-8 or nesting too deep)", file);
    if (const auto where = util::find_json_syntax_error(text)) {
        error.line = where->line;
        error.column = where->column;
        error.message = "invalid JSON: " + where->reason;
    }
    return error;
}

} // namespace vouch::lockfile::detail
