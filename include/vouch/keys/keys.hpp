#pragma once
// Ed25519 keys in minisign's file formats (specs.md section 4), held in libsodium guarded memory.
#include <array>
#include <cstdint>
#include <filesystem>
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

// Where a passphrase comes from, in order: --password-file, VOUCH_PASSWORD, a TTY prompt.
struct PasswordSource {
    std::optional<std::filesystem::path> password_file;
    bool allow_prompt = true;
};

Result<PublicKey> parse_public_key(std::string_view text, const std::string& file);
Result<PublicKey> load_public_key(const std::filesystem::path& path);

// Decrypts (scrypt, as minisign) when the key is encrypted; Errc::bad_password when the
// checksum does not match. `text` is the file content or VOUCH_SECRET_KEY's value.
Result<SecretKey> parse_secret_key(std::string_view text, const std::string& file,
                                   const PasswordSource& password);
// Reads `path`, or VOUCH_SECRET_KEY when `path` is empty and it is set.
Result<SecretKey> load_secret_key(const std::filesystem::path& path,
                                  const PasswordSource& password);

// Ed25519 detached signature / verification (libsodium).
std::array<std::uint8_t, 64> sign_detached(const SecretKey& key, std::string_view message);
bool verify_detached(const PublicKey& key, std::string_view message,
                     const std::uint8_t* signature, std::size_t signature_size);

} // namespace vouch::keys
