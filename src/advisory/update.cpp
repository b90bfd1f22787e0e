// `vouch db update`: a resumable HTTPS download with libcurl, then an ordinary import.
#include <cstdio>
#include <curl/curl.h>
#include <memory>
#include <mutex>
#include <vouch/advisory/update.hpp>
#include <vouch/lazylib/lazylib.hpp>
#include <vouch/util/text.hpp>

namespace vouch::advisory {

namespace fs = std::filesystem;

namespace detail {
// import.cpp: the import with the database lock already held.
Result<Database::Info> import_locked(const fs::path& db_dir, const std::vector<fs::path>& sources,
                                     const ImportOptions& options);
} // namespace detail

namespace {

struct Transfer {
    std::FILE* file = nullptr;
    fs::path part;
    std::uintmax_t resume_from = 0;
    std::uintmax_t written = 0;
    std::uintmax_t max_bytes = 0;
    bool checked_status = false;
    bool too_large = false;
    CURL* curl = nullptr;
    const DownloadOptions* options = nullptr;
};

// On the first body bytes: a 200 answer to a Range request means the server sent the whole
// file, so the partial file starts over.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (!t.checked_status) {
        t.checked_status = true;
        long status = 0;
        curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
        if (status == 200 && t.resume_from > 0) {
            std::fclose(t.file);
            t.file = std::fopen(t.part.c_str(), "wb");
            if (!t.file)
                return 0;
            t.resume_from = 0;
        }
        if (status != 200 && status != 206)
            return bytes; // body of an error page: ignored
    }
    long status = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200 && status != 206)
        return bytes;
    if (t.resume_from + t.written + bytes > t.max_bytes) {
        t.too_large = true;
        return 0;
    }
    if (std::fwrite(data, 1, bytes, t.file) != bytes)
        return 0;
    t.written += bytes;
    return bytes;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
    auto& t = *static_cast<Transfer*>(user);
    if (t.options->progress) {
        t.options->progress(t.resume_from + static_cast<std::uintmax_t>(now),
                            total > 0 ? t.resume_from + static_cast<std::uintmax_t>(total) : 0);
    }
    return 0;
}

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

Status download_file(const std::string& url, const fs::path& destination,
                     const DownloadOptions& options) {
    // The URL as it may be printed or recorded: credentials stay in `url`, in memory only.
    const std::string shown = util::strip_userinfo(url);
    VOUCH_TRY(lazylib::require_curl()); // libcurl is opened here, not at start-up
    global_init();
    Transfer t;
    t.part = destination.string() + ".part";
    t.max_bytes = options.max_bytes;
    t.options = &options;
    std::error_code ec;
    if (fs::exists(t.part, ec))
        t.resume_from = fs::file_size(t.part, ec);
    if (ec)
        t.resume_from = 0;
    t.file = std::fopen(t.part.c_str(), t.resume_from > 0 ? "ab" : "wb");
    if (!t.file)
        return fail(Errc::io, "cannot write the download", t.part.string());

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        std::fclose(t.file);
        return fail(Errc::internal, "curl_easy_init failed");
    }
    t.curl = curl.get();
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit_bytes);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, options.low_speed_time_seconds);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "vouch/" VOUCH_VERSION);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &t);
    if (t.resume_from > 0) {
        curl_easy_setopt(curl.get(), CURLOPT_RESUME_FROM_LARGE,
                         static_cast<curl_off_t>(t.resume_from));
    }
    CURLcode code = curl_easy_perform(curl.get());
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    bool closed = std::fclose(t.file) == 0;

    if (t.too_large) {
        fs::remove(t.part, ec);
        return fail(Errc::network,
                    "download is larger than the " + std::to_string(options.max_bytes >> 20) +
                        " MiB limit",
                    shown);
    }
    if (status == 416 && t.resume_from > 0) {
        // Range past the end: the partial file is stale or complete; start over next time.
        fs::remove(t.part, ec);
        return fail(Errc::network,
                    "server refused to resume (HTTP 416); the partial download was "
                    "discarded, run the update again",
                    shown);
    }
    if (code == CURLE_RANGE_ERROR && t.resume_from > 0) {
        // The server cannot resume: drop the partial file and fetch the whole file once more.
        fs::remove(t.part, ec);
        return download_file(url, destination, options);
    }
    if (code != CURLE_OK) {
        std::string why = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
        // libcurl may quote the URL it was given; never echo its credentials.
        if (shown != url) {
            for (auto at = why.find(url); at != std::string::npos; at = why.find(url))
                why.replace(at, url.size(), shown);
        }
        // Only bytes actually kept are worth resuming: an empty .part is removed, and the
        // message promises a resume only when there is something to resume.
        const auto kept = fs::file_size(t.part, ec);
        const bool resumable = !ec && kept > 0;
        if (!resumable)
            fs::remove(t.part, ec);
        return fail(Errc::network,
                    "download failed: " + why +
                        (resumable ? " (partial download of " + std::to_string(kept) +
                                         " bytes kept; the next update resumes it)"
                                   : ""),
                    shown);
    }
    if (status != 200 && status != 206) {
        if (t.resume_from == 0)
            fs::remove(t.part, ec);
        return fail(Errc::network, "download failed: HTTP " + std::to_string(status), shown);
    }
    if (!closed)
        return fail(Errc::io, "cannot write the download", t.part.string());
    fs::rename(t.part, destination, ec);
    if (ec)
        return fail(Errc::io, "cannot move the download into place: " + ec.message(),
                    destination.string());
    return {};
}

Result<Database::Info> update_database(const fs::path& db_dir, const std::string& url,
                                       const DownloadOptions& download,
                                       const ImportOptions& import) {
    // The download directory is shared too: hold the lock from the download to the import.
    VOUCH_TRY_ASSIGN(auto lock, DatabaseLock::acquire(db_dir, import.lock_timeout, import.on_wait));
    const fs::path download_dir = db_dir / "download";
    std::error_code ec;
    fs::create_directories(download_dir, ec);
    if (ec)
        return fail(Errc::io, "cannot create " + download_dir.string() + ": " + ec.message());
    const fs::path zip = download_dir / "all.zip";
    VOUCH_TRY(download_file(url, zip, download));
    ImportOptions options = import;
    options.add = false;
    options.labels = {util::strip_userinfo(url)}; // never store a credential
    auto info = detail::import_locked(db_dir, {zip}, options);
    fs::remove(zip, ec);
    return info;
}

} // namespace vouch::advisory
