#pragma once
// `vouch db update`: download OSV's npm dump with libcurl and import it.
#include <filesystem>
#include <functional>
#include <string>
#include <vouch/advisory/database.hpp>
#include <vouch/util/result.hpp>

namespace vouch::advisory {

inline constexpr const char* k_default_update_url =
    "https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip";

struct DownloadOptions {
    long connect_timeout_seconds = 30;
    long low_speed_limit_bytes = 1024; // abort when slower than this...
    long low_speed_time_seconds = 60;  // ...for this long
    std::uintmax_t max_bytes = std::uintmax_t{1} << 30;
    // Called with (bytes so far, total or 0 when unknown); the CLI draws a bar on a TTY only.
    std::function<void(std::uintmax_t, std::uintmax_t)> progress;
};

// Downloads `url` into `destination`, resuming from `destination + ".part"` when a previous
// transfer was cut off (HTTP Range; a server that ignores Range restarts from zero). The partial
// file stays for the next attempt on failure. Errc::network on any transfer failure or an HTTP
// status other than 200/206.
Status download_file(const std::string& url, const std::filesystem::path& destination,
                     const DownloadOptions& options);

// Downloads into DIR/download/ and imports it as the database's only source (recorded under the
// URL). The downloaded file is removed after a successful import.
Result<Database::Info> update_database(const std::filesystem::path& db_dir, const std::string& url,
                                       const DownloadOptions& download,
                                       const ImportOptions& import);

} // namespace vouch::advisory
