#pragma once
// Internal: bounded reading of a zip archive's entries into memory (never onto disk).
#include <filesystem>
#include <functional>
#include <string>
#include <vouch/util/result.hpp>

namespace vouch::advisory::detail {

struct ZipLimits {
    std::uintmax_t max_entry_bytes;
    std::uintmax_t max_total_bytes;
    std::uint64_t max_entries;
};

// Calls `visit(entry_name, content)` for every file entry, in archive order. Rejects entry names
// that are absolute or contain a ".." component, and stops with Errc::parse as soon as an entry
// or the running total decompresses past the limits (sizes are counted while inflating, not
// taken from the archive's headers, so a lying header cannot get past them).
Status for_each_zip_entry(const std::filesystem::path& zip, const ZipLimits& limits,
                          const std::function<Status(const std::string&, std::string&)>& visit);

bool looks_like_zip(const std::filesystem::path& path);

} // namespace vouch::advisory::detail
