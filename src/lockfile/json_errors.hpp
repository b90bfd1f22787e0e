#pragma once
// Turns a simdjson failure into a located Error. simdjson does not report where a syntax error
// is, so on that (rare) path the text is re-parsed with nlohmann/json, which does.
#include <string>
#include <string_view>
#include <vouch/util/error.hpp>

namespace vouch::lockfile::detail {

Error json_syntax_error(std::string_view text, const std::string& file);

} // namespace vouch::lockfile::detail
