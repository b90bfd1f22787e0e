#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <openssl/evp.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/encoding.hpp>

namespace vouch::digest {

namespace {
// Fetched once: OpenSSL 3's implicit fetch behind EVP_sha256() costs a provider lookup per
// init, which shows when hashing tens of thousands of small files.
const EVP_MD* sha256_md() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
    return md != nullptr ? md : EVP_sha256();
}
} // namespace

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new()) {
    if (m_ctx == nullptr || EVP_DigestInit_ex(m_ctx, sha256_md(), nullptr) != 1) {
        throw std::runtime_error("OpenSSL: cannot initialise SHA-256");
    }
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::update(const void* data, std::size_t size) {
    if (size > 0 && EVP_DigestUpdate(m_ctx, data, size) != 1) {
        throw std::runtime_error("OpenSSL: SHA-256 update failed");
    }
}

std::array<std::uint8_t, 32> Sha256::finish() {
    std::array<std::uint8_t, 32> out{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_ctx, out.data(), &length) != 1 || length != out.size()) {
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

} // namespace

Result<FileDigest> hash_file(const std::filesystem::path& path, const Sink& extra) {
    thread_local std::unique_ptr<std::uint8_t[]> buffer;
    if (!buffer) {
        buffer = std::make_unique<std::uint8_t[]>(k_read_size);
    }
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
    if (file.fd < 0) {
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    // Only regular files: a fifo or device would block or never end.
    struct stat st {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return fail(Errc::io, "not a regular file", path.string());
    }
    if (static_cast<std::size_t>(st.st_size) > k_read_size) {
        ::posix_fadvise(file.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    Sha256 hash;
    FileDigest result;
    for (;;) {
        const ssize_t n = ::read(file.fd, buffer.get(), k_read_size);
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
