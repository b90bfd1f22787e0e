// minisign secret-key files: parse, decrypt (scrypt as minisign), encrypt and format.
#include "internal.hpp"

#include <cerrno>
#include <cstring>
#include <sodium.h>
#include <vouch/keys/keys.hpp>
#include <vouch/util/file.hpp>

namespace vouch::keys {

namespace {

// Byte layout of the decoded 158-byte SeckeyStruct (specs.md 4.3).
constexpr std::size_t k_seckey_bytes = 158;
constexpr std::size_t k_off_kdf = 2, k_off_chk_alg = 4, k_off_salt = 6, k_off_ops = 38,
                      k_off_mem = 46, k_off_keynum_sk = 54, k_off_sk = 62, k_off_chk = 126;
constexpr std::size_t k_keynum_sk_bytes = 104, k_salt_bytes = 32, k_chk_bytes = 32;
constexpr std::uint64_t k_memlimit_min = 16777216;

// vouch refuses to run scrypt harder than twice minisign's default (a corrupted or hostile key
// file must not make vouch allocate many GiB or spin for hours).
constexpr unsigned k_max_n_log2 = 21;
constexpr std::uint64_t k_max_n_times_p = std::uint64_t{1} << 21;

struct ScryptParams {
    unsigned n_log2 = 1;
    std::uint32_t r = 8;
    std::uint32_t p = 1;
};

// libsodium's pickparams() (pwhash_scryptsalsa208sha256.c), which maps minisign's stored
// opslimit/memlimit to scrypt's N, r, p.
ScryptParams pick_params(std::uint64_t opslimit, std::uint64_t memlimit) {
    ScryptParams out;
    if (opslimit < 32768) {
        opslimit = 32768;
    }
    out.r = 8;
    std::uint64_t max_n = 0;
    if (opslimit < memlimit / 32) {
        out.p = 1;
        max_n = opslimit / (out.r * 4);
        for (out.n_log2 = 1; out.n_log2 < 63; out.n_log2 += 1) {
            if (std::uint64_t{1} << out.n_log2 > max_n / 2) {
                break;
            }
        }
    } else {
        max_n = memlimit / (std::uint64_t{out.r} * 128);
        for (out.n_log2 = 1; out.n_log2 < 63; out.n_log2 += 1) {
            if (std::uint64_t{1} << out.n_log2 > max_n / 2) {
                break;
            }
        }
        std::uint64_t max_rp = (opslimit / 4) / (std::uint64_t{1} << out.n_log2);
        if (max_rp > 0x3fffffff) {
            max_rp = 0x3fffffff;
        }
        out.p = static_cast<std::uint32_t>(max_rp) / out.r;
    }
    return out;
}

bool params_within_limits(const ScryptParams& params) {
    return params.n_log2 <= k_max_n_log2 && params.p >= 1 &&
           (std::uint64_t{1} << params.n_log2) * params.p <= k_max_n_times_p;
}

// scrypt(password, salt) -> 104-byte stream; false (errno set) when libsodium fails.
bool scrypt_stream(const Password& password, const unsigned char* salt, const ScryptParams& params,
                   unsigned char* out) {
    return crypto_pwhash_scryptsalsa208sha256_ll(password.data(), password.size(), salt,
                                                 k_salt_bytes, std::uint64_t{1} << params.n_log2,
                                                 params.r, params.p, out, k_keynum_sk_bytes) == 0;
}

// BLAKE2b-256("Ed" || keynum || sk), minisign's seckey_compute_chk().
void compute_checksum(const unsigned char* seckey, unsigned char* chk) {
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, k_chk_bytes);
    crypto_generichash_update(&state, seckey, 2);
    crypto_generichash_update(&state, seckey + k_off_keynum_sk, 8);
    crypto_generichash_update(&state, seckey + k_off_sk, 64);
    crypto_generichash_final(&state, chk, k_chk_bytes);
    sodium_memzero(&state, sizeof state);
}

void xor_into(unsigned char* target, const unsigned char* stream, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        target[i] ^= stream[i];
    }
}

bool all_zero(const unsigned char* data, std::size_t size) {
    return sodium_is_zero(data, size) == 1;
}

} // namespace

Result<SecretKey> parse_secret_key(std::string_view text, const std::string& file,
                                   const PasswordSource& password) {
    detail::ensure_sodium();
    const auto lines = detail::split_lines(text);
    if (lines.empty()) {
        return fail(Errc::parse, "empty file, expected a minisign secret key", file);
    }
    if (lines[0].text.substr(0, detail::k_comment_prefix.size()) != detail::k_comment_prefix) {
        return fail(detail::error_at(text, 0, file,
                                     "not a minisign secret key: the first line must start with "
                                     "\"untrusted comment: \""));
    }
    if (lines.size() < 2 || lines[1].text.empty()) {
        return fail(detail::error_at(text, text.size(), file,
                                     "truncated secret key: the base64 key line is missing"));
    }
    const auto& line = lines[1];
    if (line.bad_cr != std::string_view::npos) {
        return fail(detail::error_at(text, line.offset + line.bad_cr, file,
                                     "carriage return inside the secret key line"));
    }
    SecureBuffer raw(k_seckey_bytes);
    unsigned char* sk = raw.data();
    if (auto why = detail::decode_base64_exact(line.text, sk, k_seckey_bytes); !why.empty()) {
        return fail(detail::error_at(text, line.offset, file, "malformed secret key: " + why));
    }
    if (auto extra = detail::trailing_content(lines, 2); extra != std::string_view::npos) {
        return fail(detail::error_at(text, extra, file, "unexpected content after the secret key"));
    }
    // Unknown algorithms are malformed keys (Errc::parse); only the scrypt cost is "unsupported".
    auto unsupported = [&](std::string what, Errc code = Errc::parse) {
        return fail(detail::error_at(text, line.offset, file, std::move(what), code));
    };
    if (sk[0] != 'E' || sk[1] != 'd') {
        return unsupported("unsupported signature algorithm " + detail::describe_tag(sk, 2) +
                           " (expected \"Ed\")");
    }
    if (sk[k_off_chk_alg] != 'B' || sk[k_off_chk_alg + 1] != '2') {
        return unsupported("unsupported checksum algorithm " +
                           detail::describe_tag(sk + k_off_chk_alg, 2) + " (expected \"B2\")");
    }
    const bool encrypted = sk[k_off_kdf] == 'S' && sk[k_off_kdf + 1] == 'c';
    if (!encrypted && !(sk[k_off_kdf] == 0 && sk[k_off_kdf + 1] == 0)) {
        return unsupported("unsupported key derivation function " +
                           detail::describe_tag(sk + k_off_kdf, 2) + " (expected \"Sc\" or none)");
    }

    if (encrypted) {
        const std::uint64_t opslimit = detail::load_le64(sk + k_off_ops);
        const std::uint64_t memlimit = detail::load_le64(sk + k_off_mem);
        const ScryptParams params = pick_params(opslimit, memlimit);
        if (!params_within_limits(params)) {
            return unsupported("scrypt cost in the key (opslimit " + std::to_string(opslimit) +
                                   ", memlimit " + std::to_string(memlimit) +
                                   ") is beyond what vouch accepts (twice minisign's default)",
                               Errc::unsupported);
        }
        if (!password) {
            return fail(Errc::io, "a passphrase is needed for this encrypted key", file);
        }
        VOUCH_TRY_ASSIGN(auto pass, password());
        SecureBuffer stream(k_keynum_sk_bytes);
        if (!scrypt_stream(pass, sk + k_off_salt, params, stream.data())) {
            return fail(Errc::io,
                        std::string("scrypt failed while decrypting the key: ") +
                            std::strerror(errno),
                        file);
        }
        xor_into(sk + k_off_keynum_sk, stream.data(), k_keynum_sk_bytes);
    }

    unsigned char chk[k_chk_bytes];
    compute_checksum(sk, chk);
    const bool chk_matches = sodium_memcmp(chk, sk + k_off_chk, k_chk_bytes) == 0;
    sodium_memzero(chk, sizeof chk);
    if (encrypted && !chk_matches) {
        return fail(Errc::bad_password, "wrong passphrase for this secret key", file);
    }
    // `minisign -G -W` writes an all-zero checksum for unencrypted keys; any other value must
    // match.
    if (!encrypted && !chk_matches && !all_zero(sk + k_off_chk, k_chk_bytes)) {
        return fail(
            detail::error_at(text, line.offset, file, "corrupted secret key: checksum mismatch"));
    }
    // The public half stored in sk must be the one derived from its seed.
    unsigned char derived_pk[crypto_sign_PUBLICKEYBYTES];
    SecureBuffer derived_sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(derived_pk, derived_sk.data(), sk + k_off_sk);
    if (sodium_memcmp(derived_pk, sk + k_off_sk + 32, sizeof derived_pk) != 0) {
        return fail(detail::error_at(text, line.offset, file,
                                     "corrupted secret key: its public half does not match its "
                                     "seed"));
    }

    SecretKey key;
    std::memcpy(key.id.data(), sk + k_off_keynum_sk, 8);
    std::memcpy(key.bytes(), sk + k_off_sk, crypto_sign_SECRETKEYBYTES);
    return key;
}

Result<SecretKey> parse_secret_key_setting(std::string_view value, const std::string& origin,
                                           const PasswordSource& password) {
    if (value.find('\n') != std::string_view::npos ||
        value.substr(0, detail::k_comment_prefix.size()) == detail::k_comment_prefix) {
        return parse_secret_key(value, origin, password);
    }
    // Single-line form: the base64 line alone.
    const std::string comment = "untrusted comment: " + origin + "\n";
    SecureBuffer whole(comment.size() + value.size());
    std::memcpy(whole.data(), comment.data(), comment.size());
    std::memcpy(whole.data() + comment.size(), value.data(), value.size());
    auto key = parse_secret_key(whole.view(), origin, password);
    if (!key && key.error().line > 0) {
        key.error().line = 0; // the line of the synthetic text would mislead
        key.error().column = 0;
    }
    return key;
}

Result<SecretKey> load_secret_key(const std::filesystem::path& path,
                                  const PasswordSource& password) {
    VOUCH_TRY_ASSIGN(auto text, util::read_file(path, detail::k_max_key_file_bytes));
    auto key = parse_secret_key(text, path.string(), password);
    sodium_memzero(text.data(), text.size()); // an unencrypted key file is itself the secret
    return key;
}

Result<SecureBuffer> format_secret_key(const SecretKey& key, const Password* password,
                                       KdfLimits limits, std::string_view comment) {
    detail::ensure_sodium();
    if (key.bytes() == nullptr) {
        return fail(Errc::internal, "format_secret_key: empty secret key");
    }
    if (comment.find_first_of("\r\n") != std::string_view::npos) {
        return fail(Errc::usage, "a key comment cannot contain line breaks");
    }
    SecureBuffer raw(k_seckey_bytes);
    unsigned char* sk = raw.data();
    sk[0] = 'E';
    sk[1] = 'd';
    sk[k_off_chk_alg] = 'B';
    sk[k_off_chk_alg + 1] = '2';
    std::memcpy(sk + k_off_keynum_sk, key.id.data(), 8);
    std::memcpy(sk + k_off_sk, key.bytes(), crypto_sign_SECRETKEYBYTES);
    compute_checksum(sk, sk + k_off_chk);

    if (password != nullptr) {
        sk[k_off_kdf] = 'S';
        sk[k_off_kdf + 1] = 'c';
        randombytes_buf(sk + k_off_salt, k_salt_bytes);
        SecureBuffer stream(k_keynum_sk_bytes);
        // As minisign: when scrypt cannot get its memory, halve the cost and retry.
        for (;;) {
            const ScryptParams params = pick_params(limits.opslimit, limits.memlimit);
            if (!params_within_limits(params)) {
                return fail(Errc::usage, "scrypt limits are beyond what vouch accepts");
            }
            if (scrypt_stream(*password, sk + k_off_salt, params, stream.data())) {
                break;
            }
            if (limits.memlimit / 2 < k_memlimit_min) {
                return fail(Errc::io, std::string("scrypt failed while encrypting the key: ") +
                                          std::strerror(errno));
            }
            limits.opslimit /= 2;
            limits.memlimit /= 2;
        }
        detail::store_le64(sk + k_off_ops, limits.opslimit);
        detail::store_le64(sk + k_off_mem, limits.memlimit);
        xor_into(sk + k_off_keynum_sk, stream.data(), k_keynum_sk_bytes);
    }

    const std::size_t b64_size =
        sodium_base64_encoded_len(k_seckey_bytes, sodium_base64_VARIANT_ORIGINAL);
    const std::size_t head = detail::k_comment_prefix.size() + comment.size() + 1;
    SecureBuffer out(head + b64_size + 1);
    auto* text = reinterpret_cast<char*>(out.data());
    std::memcpy(text, detail::k_comment_prefix.data(), detail::k_comment_prefix.size());
    std::memcpy(text + detail::k_comment_prefix.size(), comment.data(), comment.size());
    text[head - 1] = '\n';
    sodium_bin2base64(text + head, b64_size, sk, k_seckey_bytes, sodium_base64_VARIANT_ORIGINAL);
    text[head + b64_size - 1] = '\n'; // replaces the terminating NUL
    out.shrink(head + b64_size);
    return out;
}

} // namespace vouch::keys
