#pragma once
// Byte offset of a value inside JSON text, by a path of keys and indices. nlohmann/json keeps
// no positions, so semantic errors (a wrong type, a bad date) are located afterwards with this
// small scanner over text that is already known to be valid JSON.
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>
#include <vector>
#include <vouch/util/error.hpp>

namespace vouch::scan::detail {

using JsonStep = std::variant<std::string, std::size_t>;
using JsonPath = std::vector<JsonStep>;

// Offset of the value at `path`, or of the deepest enclosing value found; 0 for the root.
std::size_t locate(std::string_view text, const JsonPath& path);

// "/ignore/2/expires"
std::string pointer_of(const JsonPath& path);

// An Errc::parse error at `path` in `file`, with line and column.
Error error_at(std::string_view text, const std::string& file, const JsonPath& path,
               const std::string& message);

} // namespace vouch::scan::detail
