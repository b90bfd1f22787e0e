#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vouch/lockfile/lockfile.hpp>

namespace vouch::lockfile::detail {

// parse_lockfile() of a string the model takes over (Lockfile::text): parsed in place when its
// capacity leaves simdjson's read-ahead room, else copied once into a padded buffer.
Result<Lockfile> parse_owned(std::string text, const std::string& file,
                             std::string_view package_json);

// The two halves of parse_owned, for a caller that reads the text while it is parsed (and so
// must keep it alive until then, whatever the parse returns): `text` kept in `arena` with the
// parser's read-ahead room, and the parse of that kept text (`held`, owned by `arena`).
const std::string& adopt_padded(TextArena& arena, std::string text);
Result<Lockfile> parse_adopted(std::shared_ptr<TextArena> arena, const std::string& held,
                               const std::string& file, std::string_view package_json);

} // namespace vouch::lockfile::detail
