#pragma once
// The one strict reader for signed and signature-carrying JSON (DSSE envelopes, in-toto
// statements). Two consumers of the same signed bytes must read the same values, so everything a
// lenient parser resolves silently is refused: more than one JSON value or anything after it,
// duplicate keys (compared after unescaping, so "gitComm\u0069t" duplicates "gitCommit"), a NUL
// byte anywhere or "\u0000" in a key (nlohmann stops reading at a raw NUL), a UTF-8 byte order
// mark, invalid UTF-8, and numbers out of range.
#include <optional>
#include <string>
#include <string_view>
#include <vouch/util/error.hpp>
#include <vouch/util/result.hpp>

namespace vouch::util {

// An Error of `code` for `file` (located when a position is known) when `text` breaks one of the
// rules above; nullopt when it is one strict JSON value.
std::optional<Error> check_strict_json(std::string_view text, const std::string& file,
                                       Errc code = Errc::rejected);

// Checks `text` strictly, then parses it with `Json` (nlohmann::json or ordered_json; only the
// reader's .cpp includes nlohmann, so this header does not). After the check the parse cannot
// throw and sees exactly the value that was checked.
template <class Json>
Result<Json> parse_strict_json(std::string_view text, const std::string& file,
                               Errc code = Errc::rejected) {
    if (auto error = check_strict_json(text, file, code)) {
        return tl::unexpected<Error>(std::move(*error));
    }
    return Json::parse(text.begin(), text.end());
}

} // namespace vouch::util
