// File-level minisign operations: streamed prehash, signing a file, verifying a .minisig.
#include "internal.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/file.hpp>

namespace vouch::keys {

namespace {

constexpr std::size_t k_read_chunk = 1 << 20;
constexpr std::uintmax_t k_max_sig_file_bytes = 64 * 1024;

// Turns any error the artifact or the signature file can cause into a failed verification.
Error as_rejected(Error error, const std::string& what) {
    error.code = Errc::rejected;
    if (!what.empty()) {
        error.message = what + ": " + error.message;
    }
    return error;
}

} // namespace

Result<Digest512> prehash_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(Errc::io, std::string("cannot open: ") + std::strerror(errno), path.string());
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(Errc::io, "not a regular file", path.string());
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    auto buffer = std::make_unique<unsigned char[]>(k_read_chunk);
    Blake2bPrehash hash;
    for (;;) {
        const ssize_t n = ::read(fd, buffer.get(), k_read_chunk);
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
        hash.update(buffer.get(), static_cast<std::size_t>(n));
    }
    ::close(fd);
    return hash.finish();
}

Result<Minisig> sign_file_minisig(const SecretKey& key, const std::filesystem::path& artifact) {
    VOUCH_TRY_ASSIGN(auto prehash, prehash_file(artifact));
    VOUCH_TRY_ASSIGN(auto now, util::now());
    const std::string comment = default_trusted_comment(
        static_cast<std::int64_t>(now.time_since_epoch().count()), artifact.filename().string());
    auto sig = sign_prehashed(key, prehash, comment);
    if (!sig) {
        sig.error().file = artifact.string();
    }
    return sig;
}

Result<MinisigVerdict> verify_minisig_file(const std::filesystem::path& artifact,
                                           const std::filesystem::path& sigfile,
                                           const std::vector<PublicKey>& trusted,
                                           bool allow_legacy) {
    const std::string sig_name = sigfile.string();
    auto text = util::read_file(sigfile, k_max_sig_file_bytes);
    if (!text) {
        return fail(as_rejected(text.error(), "cannot read the signature"));
    }
    auto sig = parse_minisig(*text, sig_name);
    if (!sig) {
        return fail(as_rejected(sig.error(), "malformed signature"));
    }
    const PublicKey* key = nullptr;
    std::string known;
    for (const auto& candidate : trusted) {
        if (candidate.id == sig->key_id) {
            key = &candidate;
        }
        known += (known.empty() ? "" : ", ") + key_id_hex(candidate.id);
    }
    if (key == nullptr) {
        return fail(Errc::rejected,
                    "the signature was made by key " + key_id_hex(sig->key_id) +
                        ", but the trusted public key" + (trusted.size() == 1 ? " is " : "s are ") +
                        (known.empty() ? "(none)" : known),
                    sig_name);
    }

    Result<MinisigVerdict> verdict;
    if (sig->algorithm == SigAlgorithm::legacy) {
        if (!allow_legacy) {
            return fail(Errc::rejected,
                        "legacy (non-prehashed) \"Ed\" signature refused; pass --allow-legacy to "
                        "accept it",
                        sig_name);
        }
        auto message = util::read_file(artifact);
        if (!message) {
            return fail(as_rejected(message.error(), "cannot read the signed file"));
        }
        verdict = verify_minisig_legacy(*sig, *key, *message);
    } else {
        auto prehash = prehash_file(artifact);
        if (!prehash) {
            return fail(as_rejected(prehash.error(), "cannot read the signed file"));
        }
        verdict = verify_minisig(*sig, *key, *prehash);
    }
    if (!verdict) {
        verdict.error().file = artifact.string();
        verdict.error().message += " (signature " + sig_name + ")";
    }
    return verdict;
}

Result<MinisigVerdict> verify_minisig_file(const std::filesystem::path& artifact,
                                           const std::filesystem::path& sigfile,
                                           const PublicKey& pubkey, bool allow_legacy) {
    return verify_minisig_file(artifact, sigfile, std::vector<PublicKey>{pubkey}, allow_legacy);
}

} // namespace vouch::keys
