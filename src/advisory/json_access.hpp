#pragma once
// Internal: typed access to simdjson DOM values with errors that name the field path, so a
// wrong-typed feed record gives "FILE: 'affected[0].package.name' must be a string".
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::advisory::detail {

using Element = simdjson::dom::element;
using Object = simdjson::dom::object;
using Array = simdjson::dom::array;

// Parses `text` (already padded by the caller's padded_string) and returns the root. Malformed
// JSON becomes Errc::parse with line:col of the first error.
Result<Element> parse_document(simdjson::dom::parser& parser, const simdjson::padded_string& text,
                               const std::string& file);

class Fields {
  public:
    Fields(const std::string& file) : m_file(file) {}
    const std::string& file() const { return m_file; }

    tl::unexpected<Error> error(const std::string& path, std::string_view what) const;

    Result<Object> object(Element value, const std::string& path) const;
    Result<Array> array(Element value, const std::string& path) const;
    Result<std::string> string(Element value, const std::string& path) const;

    // Member lookup: nullopt when absent or JSON null.
    static std::optional<Element> member(Object object, std::string_view key);

    Result<std::string> required_string(Object object, std::string_view key,
                                        const std::string& path) const;
    // Empty when absent or null.
    Result<std::string> optional_string(Object object, std::string_view key,
                                        const std::string& path) const;
    // Absent or null: empty list; otherwise an array of strings.
    Result<std::vector<std::string>> string_list(Object object, std::string_view key,
                                                 const std::string& path) const;
    // A string, or a number printed as an integer (npm ids are numbers).
    Result<std::string> id_text(Element value, const std::string& path) const;

  private:
    std::string m_file;
};

inline std::string join_path(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}
inline std::string index_path(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

} // namespace vouch::advisory::detail
