#include "zip_reader.hpp"

#include <condition_variable>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vouch/lazylib/lazylib.hpp>
#include <zip.h>

namespace vouch::advisory::detail {

namespace {

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

bool unsafe_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.front() == '\\')
        return true;
    if (name.size() >= 2 && name[1] == ':')
        return true; // C:\...
    std::size_t start = 0;
    while (start <= name.size()) {
        auto end = name.find_first_of("/\\", start);
        auto part = name.substr(start, end == std::string_view::npos ? name.npos : end - start);
        if (part == "..")
            return true;
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }
    return false;
}

std::string mib(std::uintmax_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

struct Entry {
    std::string name;
    std::string content;
};

// Inflated entries on their way from the inflating thread to the parsing one, handed over in
// batches: one wake-up per batch instead of per entry (a futex call and a context switch each, a
// tenth of the import's time when it was per entry). Bounded, so only a few records are in memory
// at a time whichever side is slower.
class EntryQueue {
  public:
    // False when the consumer has stopped: the producer then stops too.
    bool push(Entry entry) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return !full() || m_cancelled; });
        if (m_cancelled)
            return false;
        m_bytes += entry.content.size();
        m_entries.push_back(std::move(entry));
        if (m_consumer_waiting && batch_ready())
            m_not_empty.notify_one();
        return true;
    }
    void finish(Status result) {
        std::lock_guard lock(m_mutex);
        m_result = std::move(result);
        m_finished = true;
        m_not_empty.notify_one();
    }
    // Moves the next batch into `batch` (emptied first); false once the producer has finished and
    // everything was taken.
    bool pop(std::deque<Entry>& batch) {
        batch.clear();
        std::unique_lock lock(m_mutex);
        m_consumer_waiting = true;
        m_not_empty.wait(lock, [&] { return batch_ready() || m_finished; });
        m_consumer_waiting = false;
        if (m_entries.empty())
            return false;
        std::swap(batch, m_entries);
        m_bytes = 0;
        m_not_full.notify_one();
        return true;
    }
    void cancel() {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        m_not_full.notify_one();
    }
    Status result() {
        std::lock_guard lock(m_mutex);
        return m_result;
    }

  private:
    static constexpr std::size_t k_batch_entries = 32;
    static constexpr std::size_t k_batch_bytes = 1 << 20;
    bool batch_ready() const {
        return m_entries.size() >= k_batch_entries || m_bytes >= k_batch_bytes;
    }
    // Two batches: one being filled while the other is parsed. A single entry bigger than that
    // still gets through (an empty queue is never full).
    bool full() const {
        return !m_entries.empty() &&
               (m_entries.size() >= 2 * k_batch_entries || m_bytes >= 2 * k_batch_bytes);
    }

    std::mutex m_mutex;
    std::condition_variable m_not_full, m_not_empty;
    std::deque<Entry> m_entries;
    std::size_t m_bytes = 0;
    bool m_consumer_waiting = false;
    Status m_result;
    bool m_finished = false;
    bool m_cancelled = false;
};

// Inflates every file entry into `queue`, in archive order, enforcing the limits.
Status inflate_entries(zip_t* archive_handle, const std::string& zip_name, const ZipLimits& limits,
                       EntryQueue& queue) {
    zip_int64_t count = zip_get_num_entries(archive_handle, 0);
    if (count < 0 || static_cast<std::uint64_t>(count) > limits.max_entries) {
        return fail(Errc::parse,
                    "zip archive has " + std::to_string(count) +
                        " entries, more than the limit of " + std::to_string(limits.max_entries),
                    zip_name);
    }
    std::uintmax_t total = 0;
    for (zip_int64_t index = 0; index < count; ++index) {
        const char* raw_name = zip_get_name(archive_handle, static_cast<zip_uint64_t>(index), 0);
        if (raw_name == nullptr) {
            return fail(Errc::parse, "zip entry " + std::to_string(index) + " has no name",
                        zip_name);
        }
        std::string name = raw_name;
        const std::string where = zip_name + "!/" + name;
        if (unsafe_name(name)) {
            return fail(Errc::parse,
                        "unsafe zip entry name '" + name +
                            "' (absolute or containing '..'); refusing the archive",
                        zip_name);
        }
        if (name.back() == '/')
            continue; // directory entry
        std::unique_ptr<zip_file_t, FileCloser> file(
            zip_fopen_index(archive_handle, static_cast<zip_uint64_t>(index), 0));
        if (!file) {
            return fail(Errc::parse,
                        std::string("cannot open zip entry: ") + zip_strerror(archive_handle),
                        where);
        }
        std::string content;
        char buffer[1 << 16];
        while (true) {
            zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
            if (got < 0) {
                return fail(Errc::parse,
                            std::string("corrupt zip entry: ") + zip_file_strerror(file.get()),
                            where);
            }
            if (got == 0)
                break;
            total += static_cast<std::uintmax_t>(got);
            if (content.size() + static_cast<std::size_t>(got) > limits.max_entry_bytes) {
                return fail(Errc::parse,
                            "zip entry inflates past the " + mib(limits.max_entry_bytes) +
                                " per-entry limit (zip bomb?)",
                            where);
            }
            if (total > limits.max_total_bytes) {
                return fail(Errc::parse,
                            "zip archive inflates past the " + mib(limits.max_total_bytes) +
                                " total limit (zip bomb?)",
                            zip_name);
            }
            content.append(buffer, static_cast<std::size_t>(got));
        }
        if (!queue.push({std::move(name), std::move(content)}))
            return {}; // the parsing side stopped; its error is the one reported
    }
    return {};
}

} // namespace

bool looks_like_zip(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    return in.gcount() == 4 && magic[0] == 'P' && magic[1] == 'K' &&
           ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
}

Status for_each_zip_entry(const std::filesystem::path& zip, const ZipLimits& limits,
                          const std::function<Status(const std::string&, std::string&)>& visit) {
    const std::string zip_name = zip.string();
    VOUCH_TRY(lazylib::require_zip()); // libzip is opened here, not at start-up
    int code = 0;
    std::unique_ptr<zip_t, ArchiveCloser> archive(zip_open(zip_name.c_str(), ZIP_RDONLY, &code));
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string message =
            std::string("not a readable zip archive: ") + zip_error_strerror(&error);
        zip_error_fini(&error);
        return fail(Errc::parse, message, zip_name);
    }
    // Inflating runs on its own thread, parsing (visit) on this one.
    EntryQueue queue;
    std::thread inflater([&] {
        try {
            queue.finish(inflate_entries(archive.get(), zip_name, limits, queue));
        } catch (const std::bad_alloc&) {
            queue.finish(fail(Errc::io, "out of memory while inflating", zip_name));
        }
    });
    Status outcome;
    std::deque<Entry> batch;
    while (outcome && queue.pop(batch)) {
        for (auto& entry : batch) {
            outcome = visit(entry.name, entry.content);
            if (!outcome) {
                queue.cancel();
                break;
            }
        }
    }
    inflater.join();
    if (!outcome)
        return outcome;
    return queue.result();
}

} // namespace vouch::advisory::detail