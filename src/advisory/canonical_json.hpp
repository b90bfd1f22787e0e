#pragma once
// Internal: the database's storage form of an Advisory (to_json). Written directly from the fields
// (serialize.cpp); the nlohmann-built form it replaced is kept as the reference the tests compare
// it with byte for byte, and as the escaper of the rare string that is not valid UTF-8.
#include <string>
#include <string_view>
#include <vouch/advisory/advisory.hpp>

namespace vouch::advisory::detail {

// Appends `text` as a JSON string exactly as nlohmann's dump(-1, ' ', false, replace) writes it:
// '"', '\\' and control characters escaped (\b \f \n \r \t, else \u00xx), everything else as is;
// invalid UTF-8 becomes U+FFFD the way nlohmann replaces it.
void append_json_string(std::string& out, std::string_view text);

// True when advisory_from_json(to_json(advisory)) gives the advisory back unchanged: every string
// is valid UTF-8 (to_json replaces invalid bytes) and no range holds the fields of the other range
// shape (an NPM range stores only its range and patched, any other only its events).
bool survives_storage(const Advisory& advisory);

// to_json through an nlohmann tree: the reference for the direct writer.
std::string to_json_reference(const Advisory& advisory, bool with_sources);

} // namespace vouch::advisory::detail
