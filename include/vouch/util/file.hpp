#pragma once
// File I/O at the edges: whole-file reads with a size cap, atomic writes (temp + rename).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::util {

// Inputs larger than this are refused rather than read into memory.
inline constexpr std::uintmax_t k_max_input_bytes = std::uintmax_t{1} << 30;

// Reads the whole file. Fails with Errc::io when it is missing, unreadable, a directory, or
// larger than `max_bytes`.
Result<std::string> read_file(const std::filesystem::path& path,
                              std::uintmax_t max_bytes = k_max_input_bytes);

// Writes `content` to a temporary file beside `path` and renames it into place, so a failed run
// never leaves a partial file. `mode` is applied before the rename (0600 for secrets).
Status write_file_atomic(const std::filesystem::path& path, std::string_view content,
                         unsigned mode = 0644);

// 1-based line and column of a byte offset (column counts bytes, as compilers do).
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

} // namespace vouch::util
