#pragma once
// Helpers shared by the keys concern's sources (not part of the public API).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/error.hpp>

namespace vouch::keys::detail {

// Calls sodium_init() once; throws std::runtime_error if libsodium cannot start (a broken system).
void ensure_sodium();

inline constexpr std::string_view k_comment_prefix = "untrusted comment: ";
inline constexpr std::string_view k_trusted_comment_prefix = "trusted comment: ";
inline constexpr std::size_t k_max_key_file_bytes = 64 * 1024;

// One line of a text file: the text without "\n" (and without one "\r" before it).
struct Line {
    std::string_view text;
    std::size_t offset = 0;  // byte offset of the line's start in the whole text
    bool terminated = false; // ended with "\n"
    std::size_t bad_cr = std::string_view::npos; // offset within text of a stray "\r"
};
std::vector<Line> split_lines(std::string_view text);

// Errc::parse (or `code`) located at `offset` of `text` as FILE:LINE:COL.
Error error_at(std::string_view text, std::size_t offset, const std::string& file,
               std::string message, Errc code = Errc::parse);

// Strict standard base64 with padding (libsodium). Decodes exactly `size` bytes into `out` or
// returns an explanation of what is wrong.
std::string decode_base64_exact(std::string_view line, unsigned char* out, std::size_t size);
std::string encode_base64(const unsigned char* data, std::size_t size);

// Bytes as a readable algorithm name ("Ed", or hex when not printable).
std::string describe_tag(const unsigned char* tag, std::size_t size);

// minisign's is_printable(): valid UTF-8 with no control characters other than TAB.
bool is_printable(std::string_view text);

std::uint64_t load_le64(const unsigned char* p);
void store_le64(unsigned char* p, std::uint64_t v);

// Checks that the lines after `first_unused` are empty; returns the offset of the first that is
// not, or npos.
std::size_t trailing_content(const std::vector<Line>& lines, std::size_t first_unused);

} // namespace vouch::keys::detail
