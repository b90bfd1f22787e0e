// OpenSSL's one-shot SHA-256 functions, not EVP: EVP fetches through the provider machinery, and
// linking it statically pulls in every algorithm of the default provider, whose ~340 KB of
// function-pointer tables the loader relocates at every start of every command
// (docs/performance.md). These functions are deprecated in OpenSSL 3 but kept, and run the same
// SHA-NI/AVX code.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <openssl/sha.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/encoding.hpp>

namespace vouch::digest {

Sha256::Sha256() : m_ctx(new SHA256_CTX) {
    if (SHA256_Init(m_ctx) != 1) {
        delete m_ctx;
        throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
    }
}

Sha256::~Sha256() {
    delete m_ctx;
}

void Sha256::update(const void* data, std::size_t size) {
    if (size > 0 && SHA256_Update(m_ctx, data, size) != 1) {
        throw std::runtime_error("OpenSSL: SHA-256 update failed");
    }
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::array<std::uint8_t, 32> out{};
    if (SHA256_Final(out.data(), m_ctx) != 1) {
        throw std::runtime_error("OpenSSL: SHA-256 final failed");
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    Sha256 hash;
    hash.update(data);
    const auto out = hash.finish();
    return util::to_hex(out.data(), out.size());
}

namespace {

// 1 MiB reads: large enough that syscalls cost nothing next to hashing, small enough to stay in
// L2 for the hash that follows. One buffer per thread, reused for every file it hashes.
constexpr std::size_t k_read_size = std::size_t{1} << 20;

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

// Hashes an open regular file from its current offset to the end.
Result<FileDigest> hash_fd(int fd, const struct stat& st, const std::filesystem::path& path,
                           const Sink& extra) {
    thread_local std::unique_ptr<std::uint8_t[]> buffer;
    if (!buffer) {
        buffer = std::make_unique<std::uint8_t[]>(k_read_size);
    }
    if (static_cast<std::size_t>(st.st_size) > k_read_size) {
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    Sha256 hash;
    FileDigest result;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.get(), k_read_size);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(Errc::io, std::string("read failed: ") + std::strerror(errno),
                        path.string());
        }
        if (n == 0) {
            break;
        }
        const auto size = static_cast<std::size_t>(n);
        hash.update(buffer.get(), size);
        if (extra) {
            extra(buffer.get(), size);
        }
        result.size += size;
    }
    const auto out = hash.finish();
    result.sha256 = util::to_hex(out.data(), out.size());
    return result;
}

} // namespace

Result<FileDigest> hash_file(const std::filesystem::path& path, const Sink& extra) {
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (file.fd < 0) {
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    // Only regular files: a fifo or device would block or never end.
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return fail(Errc::io, "not a regular file", path.string());
    }
    return hash_fd(file.fd, st, path, extra);
}

Result<FileDigest> hash_listed_file(const std::filesystem::path& path, const ListedFile& listed,
                                    const Sink& extra) {
    // O_NOFOLLOW: a file replaced by a symlink since the listing is never followed out of the
    // tree; fstat on the opened descriptor then proves it is the very file that was listed.
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)};
    if (file.fd < 0) {
        if (errno == ELOOP) {
            return fail(Errc::io,
                        "was replaced by a symlink while the tree was being hashed; not followed",
                        path.string());
        }
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return fail(Errc::io, "is no longer a regular file (changed while being hashed)",
                    path.string());
    }
    if (static_cast<std::uint64_t>(st.st_dev) != listed.device ||
        static_cast<std::uint64_t>(st.st_ino) != listed.inode) {
        return fail(Errc::io, "was replaced by another file while the tree was being hashed",
                    path.string());
    }
    if (static_cast<std::uint64_t>(st.st_size) != listed.size) {
        return fail(Errc::io, "changed size while the tree was being hashed", path.string());
    }
    VOUCH_TRY_ASSIGN(auto digest, hash_fd(file.fd, st, path, extra));
    if (digest.size != listed.size) {
        return fail(Errc::io, "changed size while the tree was being hashed", path.string());
    }
    return digest;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

} // namespace vouch::digest
