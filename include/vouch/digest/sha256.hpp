#pragma once
// Streaming SHA-256 (OpenSSL's SHA-256 code, so SHA-NI is used where the CPU has it) and
// whole-file hashing in constant memory.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

struct SHA256state_st; // OpenSSL's SHA256_CTX, kept out of this header

namespace vouch::digest {

class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    // Returns the digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> finish();

  private:
    SHA256state_st* m_ctx = nullptr;
};

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// Receives every block read from a file, in order (for a second digest computed in the same
// read, such as minisign's BLAKE2b-512 prehash).
using Sink = std::function<void(const std::uint8_t* data, std::size_t size)>;

struct FileDigest {
    std::uint64_t size = 0;
    std::string sha256; // lowercase hex
};

// Streams the regular file at `path` through SHA-256 with large reads (memory does not grow
// with the file size). Fails with Errc::io when it cannot be opened or read.
Result<FileDigest> hash_file(const std::filesystem::path& path, const Sink& extra = {});

// The identity of a file as the directory walk saw it (lstat).
struct ListedFile {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    std::uint64_t size = 0;
};

// As hash_file, for a file found by a directory walk: opened with O_NOFOLLOW (a symlink swapped
// in since the walk is an error, never followed) and checked with fstat to be the file listed
// (device, inode, size). Errc::io when it changed.
Result<FileDigest> hash_listed_file(const std::filesystem::path& path, const ListedFile& listed,
                                    const Sink& extra = {});

// Equal-length comparison that does not stop at the first differing byte.
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace vouch::digest
