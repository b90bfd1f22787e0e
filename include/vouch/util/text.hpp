#pragma once
// Untrusted text on its way to a person: file names, feed fields, envelope values and URLs come
// from people vouch does not trust, and a terminal obeys the control sequences inside them.
#include <string>
#include <string_view>

namespace vouch::util {

// The text made safe for a terminal and for a one-line message: C0/C1 control characters, DEL,
// bidirectional overrides and invalid UTF-8 become visible escapes (\n, \e, \x7f, \u{202e}, \xff);
// a backslash is doubled so an escape cannot be forged. Printable UTF-8 passes unchanged.
std::string escape_for_terminal(std::string_view text);

// A URL without its credentials: "https://user:token@host/x" -> "https://host/x". For ssh URLs
// only a password is removed (the user name is part of the address, not a secret). Text that is
// not a URL is returned unchanged.
std::string strip_userinfo(std::string_view url);

} // namespace vouch::util
