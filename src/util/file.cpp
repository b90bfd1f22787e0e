#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vouch/util/file.hpp>
#include <vouch/util/temp_registry.hpp>

namespace vouch::util {

namespace fs = std::filesystem;

namespace {

// Faults in the pages of a large buffer about to be written, in one madvise call instead of a
// page fault per 4 KiB; a kernel without MADV_POPULATE_WRITE (before 5.14) just faults as usual.
void populate(char* data, std::size_t size) {
#ifdef MADV_POPULATE_WRITE
    if (size < (1u << 20)) {
        return;
    }
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto start = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(data) + size;
    ::madvise(reinterpret_cast<void*>(start), end - start, MADV_POPULATE_WRITE);
#else
    (void)data;
    (void)size;
#endif
}

// mkostemp(3) with O_CLOEXEC: replaces the trailing "XXXXXX" of `pattern` with random letters
// and digits (getrandom) and creates that file (O_EXCL, mode 0600); -1 and errno when it
// cannot. Made here rather than by glibc's __gen_tempname, whose code an SBOM otherwise maps for
// this one call (30-50 KiB of its peak RSS, with the kernel's fault-around).
int make_temp_file(std::string& pattern) {
    constexpr std::string_view k_letters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    constexpr std::size_t k_suffix = 6;
    if (pattern.size() < k_suffix ||
        pattern.compare(pattern.size() - k_suffix, k_suffix, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    for (int attempt = 0; attempt < 100; ++attempt) {
        unsigned char random[k_suffix];
        if (::getrandom(random, sizeof random, 0) != static_cast<ssize_t>(sizeof random)) {
            return -1;
        }
        for (std::size_t i = 0; i < k_suffix; ++i) {
            pattern[pattern.size() - k_suffix + i] = k_letters[random[i] % k_letters.size()];
        }
        const int fd = ::open(pattern.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
    errno = EEXIST;
    return -1;
}
} // namespace

Result<std::string> read_file(const fs::path& path, std::uintmax_t max_bytes) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        return fail(Errc::io, "no such file", path.string());
    }
    if (fs::is_directory(status)) {
        return fail(Errc::io, "is a directory, expected a file", path.string());
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    std::string content;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
            ::close(fd);
            return fail(Errc::io,
                        "file is " + std::to_string(st.st_size) +
                            " bytes, more than the limit of " + std::to_string(max_bytes),
                        path.string());
        }
        content.reserve(static_cast<std::size_t>(st.st_size) + k_read_padding);
        // Straight into the string (no bounce through a stack buffer: a lockfile is
        // megabytes), its pages faulted in by one call rather than one fault per page.
        const auto size = static_cast<std::size_t>(st.st_size);
        populate(content.data(), size);
        content.resize(size);
        std::size_t got = 0;
        while (got < size) {
            const ssize_t n = ::read(fd, content.data() + got, size - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                const std::string why = std::strerror(errno);
                ::close(fd);
                return fail(Errc::io, "read failed: " + why, path.string());
            }
            if (n == 0) {
                break; // it shrank since fstat
            }
            got += static_cast<std::size_t>(n);
        }
        content.resize(got);
    }
    char buffer[1 << 16]; // what is left: a file that grew, or one fstat could not size
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            const std::string why = std::strerror(errno);
            ::close(fd);
            return fail(Errc::io, "read failed: " + why, path.string());
        }
        if (n == 0) {
            break;
        }
        if (content.size() + static_cast<std::size_t>(n) > max_bytes) {
            ::close(fd);
            return fail(Errc::io, "file is larger than the limit of " + std::to_string(max_bytes),
                        path.string());
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return content;
}

namespace {

// A temp file beside its target, registered for removal on SIGINT/SIGTERM while it exists.
struct TempFile {
    std::string path;
    int slot = -1;

    void remove() {
        if (!path.empty()) {
            ::unlink(path.c_str());
            unregister_temp_path(slot);
            path.clear();
        }
    }
    void forget() { // renamed into place: nothing to remove any more
        unregister_temp_path(slot);
        path.clear();
    }
};

bool write_all(int fd, std::string_view piece) {
    std::size_t written = 0;
    while (written < piece.size()) {
        const ssize_t n = ::write(fd, piece.data() + written, piece.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

fs::path directory_of(const fs::path& path) {
    return path.has_parent_path() ? path.parent_path() : fs::path(".");
}

Status write_temp(const FileToWrite& file, TempFile& temp) {
    std::string pattern =
        (directory_of(file.path) / ("." + file.path.filename().string() + ".tmp.XXXXXX")).string();
    const int fd = make_temp_file(pattern);
    if (fd < 0) {
        return fail(Errc::io, std::string("cannot create output: ") + std::strerror(errno),
                    file.path.string());
    }
    temp.path = pattern;
    temp.slot = register_temp_path(temp.path.c_str());
    auto abandon = [&](const std::string& why) {
        ::close(fd);
        temp.remove();
        return fail(Errc::io, why, file.path.string());
    };
    if (::fchmod(fd, file.mode) != 0) {
        return abandon(std::string("cannot set mode: ") + std::strerror(errno));
    }
    if (!write_all(fd, file.content)) {
        return abandon(std::string("write failed: ") + std::strerror(errno));
    }
    if (::fsync(fd) != 0) {
        return abandon(std::string("fsync failed: ") + std::strerror(errno));
    }
    if (::close(fd) != 0) {
        temp.remove();
        return fail(Errc::io, std::string("close failed: ") + std::strerror(errno),
                    file.path.string());
    }
    return {};
}

// A hard link to the file currently at `target`, so a later failure can put it back.
Status backup_existing(const fs::path& target, TempFile& backup) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0) {
        return {}; // nothing there yet: rolling back means removing the new file
    }
    if (S_ISDIR(st.st_mode)) {
        return fail(Errc::io, "is a directory, cannot write a file there", target.string());
    }
    std::string pattern =
        (directory_of(target) / ("." + target.filename().string() + ".bak.XXXXXX")).string();
    const int fd = make_temp_file(pattern);
    if (fd < 0) {
        return fail(Errc::io, std::string("cannot create a backup: ") + std::strerror(errno),
                    target.string());
    }
    ::close(fd);
    ::unlink(pattern.c_str()); // the unique name is reserved long enough for link()
    if (::link(target.c_str(), pattern.c_str()) != 0) {
        return fail(Errc::io, std::string("cannot create a backup: ") + std::strerror(errno),
                    target.string());
    }
    backup.path = pattern;
    backup.slot = register_temp_path(backup.path.c_str());
    return {};
}

// ext4 writes back a file renamed over another before the rename returns (auto_da_alloc: a
// guard for programs that never fsync), 1.5 ms for a 1 MB SBOM. A report that is deliberately
// not synced replaces an existing regular file by exchanging the two names instead (still
// atomic: a reader sees the old file or the new one) and then removes the old one.
bool replace_without_flush(const std::string& temp, const fs::path& target) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        return false;
    }
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
        return false; // a file system without the exchange: a plain rename
    }
    ::unlink(temp.c_str()); // the previous content, now under the temp name
    return true;
}

} // namespace

Status write_files_atomic(const std::vector<FileToWrite>& files,
                          const std::function<Status()>& before_rename) {
    std::vector<TempFile> temps(files.size());
    std::vector<TempFile> backups(files.size());
    auto clean_up = [&] {
        for (auto& t : temps) {
            t.remove();
        }
        for (auto& b : backups) {
            b.remove();
        }
    };
    // 1. Every new file's bytes on disk, beside its target.
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (auto written = write_temp(files[i], temps[i]); !written) {
            clean_up();
            return written;
        }
    }
    if (before_rename) {
        if (auto checked = before_rename(); !checked) {
            clean_up();
            return checked;
        }
    }
    // 2. A way back for every target that exists (only needed when there is more than one).
    if (files.size() > 1) {
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (auto saved = backup_existing(files[i].path, backups[i]); !saved) {
                clean_up();
                return saved;
            }
        }
    }
    // 3. Rename in order; on a failure put back what was already renamed.
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (::rename(temps[i].path.c_str(), files[i].path.c_str()) == 0) {
            temps[i].forget();
            continue;
        }
        const std::string why = std::strerror(errno);
        for (std::size_t j = 0; j < i; ++j) {
            if (!backups[j].path.empty()) {
                if (::rename(backups[j].path.c_str(), files[j].path.c_str()) == 0) {
                    backups[j].forget();
                }
            } else {
                ::unlink(files[j].path.c_str());
            }
        }
        clean_up();
        return fail(Errc::io, "cannot rename into place: " + why, files[i].path.string());
    }
    for (auto& b : backups) {
        b.remove();
    }
    return {};
}

Status write_file_atomic(const fs::path& path, std::string_view content, unsigned mode) {
    return write_files_atomic({FileToWrite{path, content, mode}});
}

Result<OutputFile> OutputFile::create(const fs::path& path) {
    OutputFile out;
    out.m_path = path;
    std::string pattern =
        (directory_of(path) / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    out.m_fd = make_temp_file(pattern);
    if (out.m_fd < 0) {
        return fail(Errc::io, std::string("cannot create output: ") + std::strerror(errno),
                    path.string());
    }
    out.m_temp = pattern;
    out.m_slot = register_temp_path(out.m_temp.c_str());
    if (::fchmod(out.m_fd, 0644) != 0) {
        return fail(Errc::io, std::string("cannot set mode: ") + std::strerror(errno),
                    path.string());
    }
    return out;
}

namespace {
// write_all as a Status: `what` and errno's text, naming `where`.
Status write_piece(int fd, std::string_view piece, const char* what, const fs::path& where) {
    if (fd < 0 || !write_all(fd, piece)) {
        return fail(Errc::io, std::string(what) + std::strerror(errno), where.string());
    }
    return {};
}
} // namespace

Status OutputFile::write(std::string_view piece) {
    return write_piece(m_fd, piece, "write failed: ", m_path);
}

Status OutputFile::commit() {
    const int fd = std::exchange(m_fd, -1);
    if (fd < 0 || ::close(fd) != 0) {
        return fail(Errc::io, std::string("close failed: ") + std::strerror(errno),
                    m_path.string());
    }
    if (!replace_without_flush(m_temp, m_path) && ::rename(m_temp.c_str(), m_path.c_str()) != 0) {
        return fail(Errc::io, std::string("cannot rename into place: ") + std::strerror(errno),
                    m_path.string());
    }
    unregister_temp_path(m_slot);
    m_temp.clear();
    return {};
}

Result<ScratchFile> ScratchFile::create_in(const fs::path& directory) {
    ScratchFile out;
    out.m_directory = directory;
    out.m_fd = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (out.m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        std::string pattern = (directory / ".vouch-scratch.XXXXXX").string();
        out.m_fd = make_temp_file(pattern);
        if (out.m_fd >= 0) {
            ::unlink(pattern.c_str());
        }
    }
    if (out.m_fd < 0) {
        return fail(Errc::io, std::string("cannot create a scratch file: ") + std::strerror(errno),
                    directory.string());
    }
    return out;
}

Status ScratchFile::write(std::string_view piece) {
    VOUCH_TRY(write_piece(m_fd, piece, "scratch file write failed: ", m_directory));
    m_size += piece.size();
    return {};
}

ScratchFile::ScratchFile(ScratchFile&& other) noexcept
    : m_directory(std::move(other.m_directory)), m_fd(std::exchange(other.m_fd, -1)),
      m_size(other.m_size) {}

ScratchFile::~ScratchFile() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

Result<ScratchFile> OutputFile::scratch() const {
    return ScratchFile::create_in(directory_of(m_path));
}

Status OutputFile::append(const ScratchFile& scratch) {
    const auto failed = [this](const char* what) -> Status {
        return fail(Errc::io, std::string(what) + std::strerror(errno), m_path.string());
    };
    if (m_fd < 0 || scratch.m_fd < 0) {
        errno = EBADF;
        return failed("append failed: ");
    }
    loff_t from = 0;
    const auto size = static_cast<loff_t>(scratch.m_size);
    while (from < size) {
        const ssize_t n = ::copy_file_range(scratch.m_fd, &from, m_fd, nullptr,
                                            static_cast<std::size_t>(size - from), 0);
        if (n > 0) {
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n == 0) {
            errno = EIO; // the scratch file is shorter than what was written to it
            return failed("append failed: ");
        }
        // EPERM: container seccomp profiles that predate the call refuse it that way.
        if (errno != EXDEV && errno != ENOSYS && errno != EOPNOTSUPP && errno != EINVAL &&
            errno != EPERM) {
            return failed("append failed: ");
        }
        // A kernel, file system or sandbox without copy_file_range: through a small buffer.
        char buffer[1 << 16];
        while (from < size) {
            const ssize_t got = ::pread(
                scratch.m_fd, buffer,
                std::min<std::size_t>(sizeof buffer, static_cast<std::size_t>(size - from)), from);
            if (got < 0 && errno == EINTR) {
                continue;
            }
            if (got <= 0) {
                return failed("append failed: ");
            }
            if (!write_all(m_fd, std::string_view(buffer, static_cast<std::size_t>(got)))) {
                return failed("write failed: ");
            }
            from += got;
        }
    }
    return {};
}

void OutputFile::abandon() {
    if (m_fd >= 0) {
        ::close(std::exchange(m_fd, -1));
    }
    if (!m_temp.empty()) {
        ::unlink(m_temp.c_str());
        unregister_temp_path(m_slot);
        m_temp.clear();
    }
}

OutputFile::OutputFile(OutputFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_temp(std::exchange(other.m_temp, {})),
      m_fd(std::exchange(other.m_fd, -1)), m_slot(other.m_slot) {}

OutputFile::~OutputFile() {
    abandon();
}

Status write_output_atomic(const fs::path& path, const std::vector<std::string_view>& parts) {
    VOUCH_TRY_ASSIGN(auto out, OutputFile::create(path));
    for (const auto part : parts) {
        VOUCH_TRY(out.write(part));
    }
    return out.commit();
}

TextPosition position_of(std::string_view text, std::size_t offset) {
    TextPosition pos;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

} // namespace vouch::util
