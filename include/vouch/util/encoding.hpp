#pragma once
// Hex and base64 codecs (standard and URL-safe alphabets).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vouch::util {

using Bytes = std::vector<std::uint8_t>;

std::string to_hex(const std::uint8_t* data, std::size_t size);
// Writes 2 * size lowercase hex digits to `out` (no allocation: per-package digests).
void to_hex(const std::uint8_t* data, std::size_t size, char* out);
inline std::string to_hex(const Bytes& bytes) {
    return to_hex(bytes.data(), bytes.size());
}
std::optional<Bytes> from_hex(std::string_view hex);

std::string base64_encode(const std::uint8_t* data, std::size_t size);
inline std::string base64_encode(const Bytes& bytes) {
    return base64_encode(bytes.data(), bytes.size());
}
inline std::string base64_encode(std::string_view text) {
    return base64_encode(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}
// Accepts the standard and the URL-safe alphabet, with or without padding; rejects anything
// else (whitespace included).
std::optional<Bytes> base64_decode(std::string_view text);
// The same into `out` (at most `capacity` bytes, else nullopt): the decoded size.
std::optional<std::size_t> base64_decode(std::string_view text, std::uint8_t* out,
                                         std::size_t capacity);

} // namespace vouch::util
