#pragma once
// Ed25519 keys in minisign's file formats (specs.md section 4), held in libsodium guarded memory.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vouch/util/result.hpp>

namespace vouch::keys {

using KeyId = std::array<std::uint8_t, 8>; // minisign keynum, little-endian on disk

// "E3B0C44298FC1C14": 16 uppercase hex digits of the little-endian keynum, as minisign prints.
std::string key_id_hex(const KeyId& id);

struct PublicKey {
    KeyId id{};
    std::array<std::uint8_t, 32> key{};
};

// The 64-byte libsodium secret key lives in sodium_malloc'd memory, wiped on destruction;
// it is never printed or copied into ordinary memory.
class SecretKey {
  public:
    SecretKey();
    ~SecretKey();
    SecretKey(SecretKey&&) noexcept;
    SecretKey& operator=(SecretKey&&) noexcept;
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;

    KeyId id{};
    unsigned char* bytes() const; // 64 bytes (crypto_sign_SECRETKEYBYTES)
    PublicKey public_key() const;

  private:
    unsigned char* m_bytes = nullptr;
};

// Bytes in libsodium guarded memory (sodium_malloc), wiped and freed on destruction: passphrases
// and the text of unencrypted secret-key files.
class SecureBuffer {
  public:
    SecureBuffer() = default;
    explicit SecureBuffer(std::size_t size); // zero-filled; throws std::bad_alloc
    ~SecureBuffer();
    SecureBuffer(SecureBuffer&&) noexcept;
    SecureBuffer& operator=(SecureBuffer&&) noexcept;
    SecureBuffer(const SecureBuffer&) = delete;
    SecureBuffer& operator=(const SecureBuffer&) = delete;

    unsigned char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::string_view view() const { return {reinterpret_cast<const char*>(m_data), m_size}; }
    // Shrinks the visible size (the wiped capacity stays allocated).
    void shrink(std::size_t size);

  private:
    unsigned char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};
using Password = SecureBuffer;

// Supplies the passphrase of an encrypted key; called only when one is needed. The CLI builds it
// (--password-file, VOUCH_PASSWORD, a terminal prompt: src/cli/passphrase.cpp); this library
// never reads the environment or opens a terminal, so tests pass a plain function.
using PasswordSource = std::function<Result<Password>()>;

// A source for when no passphrase can be had: Errc::io "a passphrase is needed" + `hint`.
PasswordSource no_password(std::string hint = "");

// The first line of `text` (without "\n" or "\r\n") as a passphrase; Errc::io naming `origin`
// when it is longer than minisign's 1024 bytes.
Result<Password> password_from_text(std::string_view text, const std::string& origin);
// The first line of a passphrase file (read through util::read_file, wiped after use).
Result<Password> read_password_file(const std::filesystem::path& path);

Result<PublicKey> parse_public_key(std::string_view text, const std::string& file);
Result<PublicKey> load_public_key(const std::filesystem::path& path);

// Decrypts (scrypt, as minisign) when the key is encrypted, asking `password` then;
// Errc::bad_password when the checksum does not match. `text` is a secret-key file's content.
Result<SecretKey> parse_secret_key(std::string_view text, const std::string& file,
                                   const PasswordSource& password);
// A secret key given as a setting (VOUCH_SECRET_KEY's value, passed in by the CLI): the whole
// key file's text, or its base64 line alone (CI settings that cannot hold a line break).
Result<SecretKey> parse_secret_key_setting(std::string_view value, const std::string& origin,
                                           const PasswordSource& password);
// Reads and parses the key file at `path` (the text is wiped after use).
Result<SecretKey> load_secret_key(const std::filesystem::path& path,
                                  const PasswordSource& password);

// scrypt cost stored in an encrypted secret key (minisign's defaults: ..._SENSITIVE).
struct KdfLimits {
    std::uint64_t opslimit = 33554432;   // crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE
    std::uint64_t memlimit = 1073741824; // crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE
};

// A fresh Ed25519 key pair (libsodium) with a random 8-byte key number.
SecretKey generate_key();

// "untrusted comment: minisign public key <KEYID>\n" + base64("Ed" || keynum || pk) + "\n".
std::string format_public_key(const PublicKey& key);
// The base64 line of a public key alone (what `minisign -P` takes).
std::string public_key_base64(const PublicKey& key);

// minisign's secret-key file, in guarded memory. With a password the key is encrypted with
// scrypt(`limits`) exactly as minisign does (halving the limits if memory is short, as minisign
// does); without one it is written unencrypted (kdf "\0\0", as `minisign -W`).
Result<SecureBuffer> format_secret_key(const SecretKey& key, const Password* password,
                                       KdfLimits limits = {},
                                       std::string_view comment = "minisign encrypted secret key");

// Ed25519 detached signature / verification (libsodium).
std::array<std::uint8_t, 64> sign_detached(const SecretKey& key, std::string_view message);
bool verify_detached(const PublicKey& key, std::string_view message, const std::uint8_t* signature,
                     std::size_t signature_size);

} // namespace vouch::keys
