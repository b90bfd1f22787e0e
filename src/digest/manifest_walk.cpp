// Building a manifest from the filesystem: a serial walk (cheap) then parallel hashing (costly).
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
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

struct Walked {
    std::vector<ManifestEntry> entries;
    std::vector<fs::path> absolute; // same index as entries, for hashing
    std::vector<ListedFile> listed; // same index: what lstat saw, checked again when opened
};

Result<Walked> walk(const fs::path& root, ExternalLinks external_links) {
    std::error_code ec;
    const fs::path canonical_root = fs::canonical(root, ec);
    if (ec) {
        return fail(Errc::io, "cannot resolve directory: " + ec.message(), root.string());
    }
    Walked out;
    fs::recursive_directory_iterator it(canonical_root, fs::directory_options::none, ec);
    if (ec) {
        return fail(Errc::io, "cannot read directory: " + ec.message(), root.string());
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            return fail(Errc::io, "cannot read directory: " + ec.message(), root.string());
        }
        const fs::path& path = it->path();
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0) {
            return fail(Errc::io, std::string("cannot stat: ") + std::strerror(errno),
                        path.string());
        }
        const std::string relative = path.lexically_relative(canonical_root).generic_string();
        if (S_ISDIR(st.st_mode)) {
            continue; // the iterator descends; a directory symlink is S_ISLNK and never followed
        }
        ManifestEntry entry;
        entry.path = relative;
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
                            (root / relative).string());
            }
        } else {
            return fail(Errc::unsupported,
                        "is " + kind_name(st) + "; only regular files and symlinks can be signed",
                        (root / relative).string());
        }
        if (const auto why = invalid_path_reason(entry.path); !why.empty()) {
            return fail(Errc::unsupported, "cannot record this path: " + why,
                        (root / relative).string());
        }
        out.entries.push_back(std::move(entry));
        out.absolute.push_back(path);
        out.listed.push_back({static_cast<std::uint64_t>(st.st_dev),
                              static_cast<std::uint64_t>(st.st_ino),
                              static_cast<std::uint64_t>(st.st_size)});
    }
    return out;
}

} // namespace

Result<Manifest> build_manifest(const fs::path& root, const ManifestOptions& options) {
    VOUCH_TRY_ASSIGN(auto walked, walk(root, options.external_links));
    if (options.after_walk) {
        options.after_walk();
    }
    unsigned threads = options.threads != 0 ? options.threads : std::thread::hardware_concurrency();
    threads = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(
                                                           1, walked.entries.size()))));

    // Workers claim files by index; the first error stops everyone.
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex error_mutex;
    Error first_error;
    auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= walked.entries.size() || failed.load()) {
                return;
            }
            auto& entry = walked.entries[i];
            if (entry.kind != ManifestEntry::Kind::file) {
                continue;
            }
            auto digest = hash_listed_file(walked.absolute[i], walked.listed[i]);
            if (!digest) {
                std::lock_guard lock(error_mutex);
                if (!failed.exchange(true)) {
                    first_error = digest.error();
                }
                return;
            }
            entry.size = digest->size;
            entry.sha256 = std::move(digest->sha256);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) {
        pool.emplace_back(work);
    }
    work();
    for (auto& thread : pool) {
        thread.join();
    }
    if (failed.load()) {
        return fail(std::move(first_error));
    }

    Manifest manifest;
    manifest.entries = std::move(walked.entries);
    std::sort(manifest.entries.begin(), manifest.entries.end(),
              [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
    return manifest;
}

} // namespace vouch::digest
