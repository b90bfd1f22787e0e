#pragma once
// minisign signature files (`.minisig`, specs.md section 4.4): parse, format, create, verify.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/keys/keys.hpp>
#include <vouch/util/result.hpp>

namespace vouch::keys {

using Digest512 = std::array<std::uint8_t, 64>;
using Signature = std::array<std::uint8_t, 64>;

enum class SigAlgorithm {
    prehashed, // "ED": Ed25519 over BLAKE2b-512 of the file (the only one vouch writes)
    legacy,    // "Ed": Ed25519 over the raw file (verified only when explicitly allowed)
};

struct Minisig {
    std::string untrusted_comment; // without "untrusted comment: "; not authenticated
    SigAlgorithm algorithm = SigAlgorithm::prehashed;
    KeyId key_id{};
    Signature signature{};
    std::string trusted_comment; // without "trusted comment: "; covered by global_signature
    Signature global_signature{};
};

// minisign's streaming prehash: unkeyed BLAKE2b-512 of the file content. Feed it from the same
// read as another hash; finish() may be called once.
class Blake2bPrehash {
  public:
    Blake2bPrehash();
    void update(const void* data, std::size_t size);
    Digest512 finish();

  private:
    alignas(64) unsigned char m_state[384]; // crypto_generichash_state
};

// BLAKE2b-512 of a file, streamed in constant memory. Errc::io when it cannot be read.
Result<Digest512> prehash_file(const std::filesystem::path& path);

// "timestamp:<unix>\tfile:<basename>\thashed", as minisign writes by default.
std::string default_trusted_comment(std::int64_t unix_seconds, std::string_view file_name);

// Signs a prehash (algorithm "ED") and the trusted comment; the signature is checked against the
// key's public half before it is returned, as minisign does. Errc::usage when the comment holds
// characters minisign refuses (line breaks, controls, invalid UTF-8) or is too long.
Result<Minisig> sign_prehashed(const SecretKey& key, const Digest512& prehash,
                               std::string trusted_comment,
                               std::string untrusted_comment = "signature from vouch secret key");

// Prehashes `artifact` and signs it with the default trusted comment (time from util::now()).
Result<Minisig> sign_file_minisig(const SecretKey& key, const std::filesystem::path& artifact);

// The four-line `.minisig` text, byte-compatible with minisign.
std::string format_minisig(const Minisig& sig);

// Strict parser (minisign's sig_load rules); Errc::parse with file:line:column on any defect.
Result<Minisig> parse_minisig(std::string_view text, const std::string& file);

struct MinisigVerdict {
    KeyId key_id{};
    SigAlgorithm algorithm = SigAlgorithm::prehashed;
    std::string trusted_comment;   // verified
    std::string untrusted_comment; // NOT verified; shown for information only
};

// Checks a parsed signature against a prehash ("ED") or, for legacy "Ed" when `allow_legacy`,
// the raw message. Errc::rejected for every failure, naming what failed.
Result<MinisigVerdict> verify_minisig(const Minisig& sig, const PublicKey& key,
                                      const Digest512& prehash);
Result<MinisigVerdict> verify_minisig_legacy(const Minisig& sig, const PublicKey& key,
                                             std::string_view message);

// Verifies `sigfile` over `artifact` against the trusted key(s): the key whose id the signature
// names is used; any other key is a failure. Every failure that the artifact or the signature
// file can cause (missing, unreadable, malformed, tampered, wrong key, legacy not allowed) is
// Errc::rejected, so the caller exits 1.
Result<MinisigVerdict> verify_minisig_file(const std::filesystem::path& artifact,
                                           const std::filesystem::path& sigfile,
                                           const PublicKey& pubkey, bool allow_legacy);
Result<MinisigVerdict> verify_minisig_file(const std::filesystem::path& artifact,
                                           const std::filesystem::path& sigfile,
                                           const std::vector<PublicKey>& trusted,
                                           bool allow_legacy);

} // namespace vouch::keys
