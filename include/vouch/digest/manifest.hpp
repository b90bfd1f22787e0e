#pragma once
// The canonical manifest of a directory (format "vouch-manifest v1", docs/sign-verify.md): every
// regular file by normalised relative path with its size and SHA-256, every symlink with its
// target (never followed), sorted bytewise by path. Its own SHA-256 is the directory's digest.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::digest {

inline constexpr std::string_view k_manifest_header = "vouch-manifest v1";
inline constexpr std::string_view k_manifest_media_type = "application/vnd.vouch.manifest.v1";

struct ManifestEntry {
    enum class Kind { file, symlink };
    Kind kind = Kind::file;
    std::string path; // relative, '/'-separated, no "." or ".." components
    std::uint64_t size = 0;
    std::string sha256; // files only, lowercase hex
    std::string target; // symlinks only, as readlink(2) returns it

    bool operator==(const ManifestEntry&) const = default;
};

struct Manifest {
    std::vector<ManifestEntry> entries; // sorted by path, bytewise, unique
};

enum class ExternalLinks { refuse, allow };

struct ManifestOptions {
    ExternalLinks external_links = ExternalLinks::refuse;
    unsigned threads = 0; // 0 = one per hardware thread
    // Called between listing the tree and hashing its files (tests use it to change the tree in
    // that window).
    std::function<void()> after_walk;
};

// Walks `root` without following symlinks and hashes every regular file on a pool of threads,
// each opened with O_NOFOLLOW and checked to be the file the walk listed (Errc::io if not).
// Fails with Errc::unsupported for devices, sockets and fifos, Errc::rejected for a symlink whose
// target lies outside `root` (unless allowed), Errc::io when something cannot be read.
Result<Manifest> build_manifest(const std::filesystem::path& root, const ManifestOptions& options);

// The canonical text: the header line, then one line per entry
//   "file <path> <size> <sha256>" or "link <path> <target>",
// with bytes 0x00-0x20, '%' and 0x7F in paths and targets written as %XX (uppercase hex).
std::string serialize_manifest(const Manifest& manifest);

// Lowercase hex SHA-256 of serialize_manifest(manifest): the directory's subject digest.
std::string manifest_sha256(const Manifest& manifest);

// Strict inverse of serialize_manifest: rejects (Errc::parse, with line:column) a missing header,
// unknown kinds, non-canonical escapes, absolute paths, "."/".."/empty components, unsorted or
// duplicate paths, malformed sizes and digests.
Result<Manifest> parse_manifest(std::string_view text, const std::string& file);

// Validates one relative path as the manifest requires it; returns why it is invalid, or empty.
std::string invalid_path_reason(std::string_view path);

struct ManifestDiff {
    std::vector<std::string> added;   // in actual, not in expected
    std::vector<std::string> removed; // in expected, not in actual
    std::vector<std::string> changed; // in both, different content, size, kind or target
    bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
};

ManifestDiff diff_manifests(const Manifest& expected, const Manifest& actual);

} // namespace vouch::digest
