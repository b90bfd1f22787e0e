#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/util/file.hpp>

namespace vouch::util {

namespace fs = std::filesystem;

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
        content.reserve(static_cast<std::size_t>(st.st_size));
    }
    char buffer[1 << 16];
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

Status write_file_atomic(const fs::path& path, std::string_view content, unsigned mode) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::string pattern = (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        return fail(Errc::io, std::string("cannot create output: ") + std::strerror(errno),
                    path.string());
    }
    auto abandon = [&](const std::string& why) {
        ::close(fd);
        ::unlink(pattern.c_str());
        return fail(Errc::io, why, path.string());
    };
    if (::fchmod(fd, mode) != 0) {
        return abandon(std::string("cannot set mode: ") + std::strerror(errno));
    }
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return abandon(std::string("write failed: ") + std::strerror(errno));
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        return abandon(std::string("fsync failed: ") + std::strerror(errno));
    }
    if (::close(fd) != 0) {
        ::unlink(pattern.c_str());
        return fail(Errc::io, std::string("close failed: ") + std::strerror(errno), path.string());
    }
    if (::rename(pattern.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        ::unlink(pattern.c_str());
        return fail(Errc::io, "cannot rename into place: " + why, path.string());
    }
    return {};
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
