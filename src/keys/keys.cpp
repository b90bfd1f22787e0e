// Key material in guarded memory, key ids, public-key files and detached Ed25519 signatures.
#include "internal.hpp"

#include <cstring>
#include <new>
#include <sodium.h>
#include <stdexcept>
#include <vouch/keys/keys.hpp>
#include <vouch/util/file.hpp>

namespace vouch::keys {

using detail::ensure_sodium;

static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_PUBLICKEYBYTES == 32 &&
              crypto_sign_BYTES == 64);

// ---- SecureBuffer -----------------------------------------------------------------------------

SecureBuffer::SecureBuffer(std::size_t size) : m_size(size), m_capacity(size) {
    ensure_sodium();
    m_data = static_cast<unsigned char*>(sodium_malloc(size == 0 ? 1 : size));
    if (m_data == nullptr) {
        throw std::bad_alloc();
    }
    sodium_memzero(m_data, size == 0 ? 1 : size);
}

SecureBuffer::~SecureBuffer() {
    if (m_data != nullptr) {
        sodium_free(m_data); // wipes before unmapping
    }
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : m_data(other.m_data), m_size(other.m_size), m_capacity(other.m_capacity) {
    other.m_data = nullptr;
    other.m_size = other.m_capacity = 0;
}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
    if (this != &other) {
        if (m_data != nullptr) {
            sodium_free(m_data);
        }
        m_data = other.m_data;
        m_size = other.m_size;
        m_capacity = other.m_capacity;
        other.m_data = nullptr;
        other.m_size = other.m_capacity = 0;
    }
    return *this;
}

void SecureBuffer::shrink(std::size_t size) {
    if (size < m_size) {
        sodium_memzero(m_data + size, m_size - size);
        m_size = size;
    }
}

// ---- SecretKey --------------------------------------------------------------------------------

SecretKey::SecretKey() {
    ensure_sodium();
    m_bytes = static_cast<unsigned char*>(sodium_malloc(crypto_sign_SECRETKEYBYTES));
    if (m_bytes == nullptr) {
        throw std::bad_alloc();
    }
    sodium_memzero(m_bytes, crypto_sign_SECRETKEYBYTES);
}

SecretKey::~SecretKey() {
    if (m_bytes != nullptr) {
        sodium_free(m_bytes);
    }
}

SecretKey::SecretKey(SecretKey&& other) noexcept : id(other.id), m_bytes(other.m_bytes) {
    other.m_bytes = nullptr;
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
    if (this != &other) {
        if (m_bytes != nullptr) {
            sodium_free(m_bytes);
        }
        id = other.id;
        m_bytes = other.m_bytes;
        other.m_bytes = nullptr;
    }
    return *this;
}

unsigned char* SecretKey::bytes() const {
    return m_bytes;
}

PublicKey SecretKey::public_key() const {
    PublicKey pk;
    pk.id = id;
    if (m_bytes != nullptr) {
        // libsodium's secret key is seed || public key.
        std::memcpy(pk.key.data(), m_bytes + 32, 32);
    }
    return pk;
}

SecretKey generate_key() {
    ensure_sodium();
    SecretKey key;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_keypair(pk, key.bytes());
    randombytes_buf(key.id.data(), key.id.size());
    return key;
}

// ---- Key ids and public keys ------------------------------------------------------------------

std::string key_id_hex(const KeyId& id) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = id.size(); i-- > 0;) { // little-endian number, most significant first
        out += digits[id[i] >> 4];
        out += digits[id[i] & 0xf];
    }
    return out;
}

std::string public_key_base64(const PublicKey& key) {
    unsigned char raw[42];
    raw[0] = 'E';
    raw[1] = 'd';
    std::memcpy(raw + 2, key.id.data(), 8);
    std::memcpy(raw + 10, key.key.data(), 32);
    return detail::encode_base64(raw, sizeof raw);
}

std::string format_public_key(const PublicKey& key) {
    return std::string(detail::k_comment_prefix) + "minisign public key " + key_id_hex(key.id) +
           "\n" + public_key_base64(key) + "\n";
}

Result<PublicKey> parse_public_key(std::string_view text, const std::string& file) {
    ensure_sodium();
    const auto lines = detail::split_lines(text);
    if (lines.empty()) {
        return fail(Errc::parse, "empty file, expected a minisign public key", file);
    }
    const auto& comment = lines[0];
    if (comment.text.substr(0, detail::k_comment_prefix.size()) != detail::k_comment_prefix) {
        return fail(detail::error_at(text, 0, file,
                                     "not a minisign public key: the first line must start with "
                                     "\"untrusted comment: \""));
    }
    if (lines.size() < 2 || lines[1].text.empty()) {
        return fail(detail::error_at(text, text.size(), file,
                                     "truncated public key: the base64 key line is missing"));
    }
    const auto& line = lines[1];
    if (line.bad_cr != std::string_view::npos) {
        return fail(detail::error_at(text, line.offset + line.bad_cr, file,
                                     "carriage return inside the public key line"));
    }
    unsigned char raw[42];
    if (auto why = detail::decode_base64_exact(line.text, raw, sizeof raw); !why.empty()) {
        return fail(detail::error_at(text, line.offset, file, "malformed public key: " + why));
    }
    if (raw[0] != 'E' || raw[1] != 'd') {
        return fail(detail::error_at(text, line.offset, file,
                                     "unsupported public key algorithm " +
                                         detail::describe_tag(raw, 2) + " (expected \"Ed\")"));
    }
    if (auto extra = detail::trailing_content(lines, 2); extra != std::string_view::npos) {
        return fail(detail::error_at(text, extra, file, "unexpected content after the public key"));
    }
    PublicKey key;
    std::memcpy(key.id.data(), raw + 2, 8);
    std::memcpy(key.key.data(), raw + 10, 32);
    return key;
}

Result<PublicKey> load_public_key(const std::filesystem::path& path) {
    VOUCH_TRY_ASSIGN(auto text, util::read_file(path, detail::k_max_key_file_bytes));
    return parse_public_key(text, path.string());
}

// ---- Detached signatures ----------------------------------------------------------------------

std::array<std::uint8_t, 64> sign_detached(const SecretKey& key, std::string_view message) {
    ensure_sodium();
    if (key.bytes() == nullptr) {
        throw std::logic_error("sign_detached called with a moved-from SecretKey");
    }
    std::array<std::uint8_t, 64> sig{};
    crypto_sign_detached(sig.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes());
    return sig;
}

bool verify_detached(const PublicKey& key, std::string_view message, const std::uint8_t* signature,
                     std::size_t signature_size) {
    ensure_sodium();
    if (signature == nullptr || signature_size != crypto_sign_BYTES) {
        return false;
    }
    return crypto_sign_verify_detached(signature,
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.key.data()) == 0;
}

} // namespace vouch::keys
