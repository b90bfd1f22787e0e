// Building a manifest from the filesystem: a serial walk that feeds a pool of hashing threads.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>

namespace vouch::digest {

namespace fs = std::filesystem;

namespace {

Result<std::string> read_link(const fs::path& path) {
    std::string target(4096, '\0');
    for (;;) {
        const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
        if (n < 0) {
            return fail(Errc::io, std::string("cannot read symlink: ") + std::strerror(errno),
                        path.string());
        }
        if (static_cast<std::size_t>(n) < target.size()) {
            target.resize(static_cast<std::size_t>(n));
            return target;
        }
        target.resize(target.size() * 2);
    }
}

bool is_within(const fs::path& base, const fs::path& candidate) {
    auto b = base.begin();
    auto c = candidate.begin();
    for (; b != base.end(); ++b, ++c) {
        if (b->empty() && std::next(b) == base.end()) {
            return true; // trailing separator on base
        }
        if (c == candidate.end() || *b != *c) {
            return false;
        }
    }
    return true;
}

// A link stays inside the tree when its target, resolved lexically from the link's directory
// and resolved through the filesystem, both land under the (canonical) root.
bool link_stays_inside(const fs::path& canonical_root, const fs::path& link,
                       const std::string& target) {
    const fs::path t(target);
    if (t.is_absolute()) {
        return false;
    }
    const fs::path lexical = (link.parent_path() / t).lexically_normal();
    if (!is_within(canonical_root, lexical)) {
        return false;
    }
    std::error_code ec;
    const fs::path physical = fs::weakly_canonical(link.parent_path() / t, ec);
    return !ec && is_within(canonical_root, physical);
}

std::string kind_name(const struct stat& st) {
    if (S_ISCHR(st.st_mode)) {
        return "a character device";
    }
    if (S_ISBLK(st.st_mode)) {
        return "a block device";
    }
    if (S_ISFIFO(st.st_mode)) {
        return "a fifo";
    }
    if (S_ISSOCK(st.st_mode)) {
        return "a socket";
    }
    return "an unsupported file type";
}

struct Listed {
    ManifestEntry entry;
    fs::path absolute;
    ListedFile listed; // what lstat saw, checked again when the file is opened
};

// The walk hands files to the hashing pool as it lists them, so hashing starts with the first
// file instead of after the last one (the walk is serial; on a 20,000-file tree it is a large
// share of a 2-thread run). A deque keeps claimed items in place while the walk appends.
class WorkQueue {
  public:
    void push(Listed item) {
        {
            std::lock_guard lock(mutex_);
            items_.push_back(std::move(item));
        }
        ready_.notify_one();
    }
    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }
    // The next unclaimed item, waiting for the walk if needed; nullptr once the walk has ended
    // and every item is claimed.
    Listed* claim() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return next_ < items_.size() || closed_; });
        return next_ < items_.size() ? &items_[next_++] : nullptr;
    }
    std::deque<Listed> take() { return std::move(items_); }

  private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Listed> items_;
    std::size_t next_ = 0;
    bool closed_ = false;
};

// `root_prefix` is the canonical root with a trailing '/': the iterator builds every path by
// appending to it, so the relative path is what follows (cheaper than lexically_relative on
// every entry of a large tree).
std::string relative_path(const fs::path& path, const std::string& root_prefix) {
    const std::string& native = path.native();
    if (native.size() > root_prefix.size() &&
        native.compare(0, root_prefix.size(), root_prefix) == 0) {
        return native.substr(root_prefix.size());
    }
    return path.lexically_relative(fs::path(root_prefix)).generic_string();
}

// Lists the tree into `queue`; stops early when `stop` becomes true (a hashing error).
Status walk(const fs::path& root, ExternalLinks external_links, WorkQueue& queue,
            const std::atomic<bool>& stop) {
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec) {
        return fail(Errc::io, "cannot resolve directory: " + ec.message(), root.string());
    }
    std::string root_prefix = canonical_root.native();
    if (root_prefix.empty() || root_prefix.back() != '/') {
        root_prefix += '/';
    }
    fs::recursive_directory_iterator it(canonical_root, fs::directory_options::none, ec);
    if (ec) {
        return fail(Errc::io, "cannot read directory: " + ec.message(), root.string());
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            return fail(Errc::io, "cannot read directory: " + ec.message(), root.string());
        }
        if (stop.load(std::memory_order_relaxed)) {
            return {};
        }
        const fs::path& path = it->path();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            return fail(Errc::io, std::string("cannot stat: ") + std::strerror(errno),
                        path.string());
        }
        if (S_ISDIR(st.st_mode)) {
            continue; // the iterator descends; a directory symlink is S_ISLNK and never followed
        }
        Listed item;
        ManifestEntry& entry = item.entry;
        entry.path = relative_path(path, root_prefix);
        if (S_ISREG(st.st_mode)) {
            entry.kind = ManifestEntry::Kind::file;
        } else if (S_ISLNK(st.st_mode)) {
            entry.kind = ManifestEntry::Kind::symlink;
            VOUCH_TRY_ASSIGN(entry.target, read_link(path));
            if (external_links == ExternalLinks::refuse &&
                !link_stays_inside(canonical_root, path, entry.target)) {
                return fail(Errc::rejected,
                            "symlink points outside the tree (to '" + entry.target +
                                "'); use --allow-external-links to record it anyway",
                            (root / entry.path).string());
            }
        } else {
            return fail(Errc::unsupported,
                        "is " + kind_name(st) + "; only regular files and symlinks can be signed",
                        (root / entry.path).string());
        }
        if (const auto why = invalid_path_reason(entry.path); !why.empty()) {
            return fail(Errc::unsupported, "cannot record this path: " + why,
                        (root / entry.path).string());
        }
        item.absolute = path;
        item.listed = {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino),
                       static_cast<std::uint64_t>(st.st_size)};
        queue.push(std::move(item));
    }
    return {};
}

} // namespace

Result<Manifest> build_manifest(const fs::path& root, const ManifestOptions& options) {
    unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1U, threads);

    WorkQueue queue;
    std::atomic<bool> failed{false};
    std::mutex error_mutex;
    Error first_error;
    auto record_failure = [&](Error error) {
        std::lock_guard lock(error_mutex);
        if (!failed.exchange(true)) {
            first_error = std::move(error);
        }
    };
    // Workers claim files in listing order; the first error stops everyone.
    auto work = [&] {
        while (Listed* item = queue.claim()) {
            if (failed.load()) {
                continue; // drain without hashing, so the walk is never left waiting
            }
            auto& entry = item->entry;
            if (entry.kind != ManifestEntry::Kind::file) {
                continue;
            }
            const Sink tap = options.file_tap ? options.file_tap(entry.path) : Sink();
            auto digest = hash_listed_file(item->absolute, item->listed, tap);
            if (tap) {
                tap(nullptr, 0); // end of this file
            }
            if (!digest) {
                record_failure(digest.error());
                continue;
            }
            entry.size = digest->size;
            entry.sha256 = std::move(digest->sha256);
        }
    };

    // With after_walk (tests change the tree in that window) the whole listing comes first.
    const bool overlap = !options.after_walk;
    std::vector<std::thread> pool;
    const auto start_pool = [&](unsigned count) {
        for (unsigned t = 0; t < count; ++t) {
            pool.emplace_back(work);
        }
    };
    if (overlap) {
        start_pool(threads - 1);
    }
    auto walked = walk(root, options.external_links, queue, failed);
    if (!walked) {
        record_failure(walked.error());
    }
    queue.close();
    if (!overlap) {
        if (options.after_walk && walked) {
            options.after_walk();
        }
        start_pool(threads - 1);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
    if (failed.load()) {
        return fail(std::move(first_error));
    }

    Manifest manifest;
    auto items = queue.take();
    manifest.entries.reserve(items.size());
    for (auto& item : items) {
        manifest.entries.push_back(std::move(item.entry));
    }
    std::sort(manifest.entries.begin(), manifest.entries.end(),
              [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
    return manifest;
}

} // namespace vouch::digest
