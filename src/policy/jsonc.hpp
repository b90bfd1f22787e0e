#pragma once
// A small JSON reader that keeps the byte offset of every value and accepts `//` and `/* */`
// comments, for policy files people write by hand. nlohmann keeps no positions, and a policy
// error must say FILE:LINE:COL; this is the one place that reads positioned JSON with comments.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::policy::jsonc {

struct Value {
    enum class Kind { null, boolean, number, string, array, object } kind = Kind::null;
    std::size_t offset = 0; // first byte of the value in the text
    bool boolean = false;
    double number = 0;
    std::string string;
    std::vector<Value> items;                           // array
    std::vector<std::pair<std::string, Value>> members; // object, in file order
    std::vector<std::size_t> key_offsets;               // object: offset of each member's key

    const Value* find(std::string_view key) const;
    std::string_view kind_name() const;
};

// Parses `text`; errors are Errc::parse located in `file` (line:col). Duplicate keys, trailing
// commas, nesting deeper than 64 and documents larger than 1 MiB are errors.
Result<Value> parse(std::string_view text, const std::string& file);

} // namespace vouch::policy::jsonc
