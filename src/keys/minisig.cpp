// minisign signatures: the BLAKE2b-512 prehash, creation, the four-line file, verification.
#include "internal.hpp"

#include <cstring>
#include <sodium.h>
#include <vouch/keys/minisig.hpp>

namespace vouch::keys {

namespace {

constexpr std::size_t k_sig_struct_bytes = 74;   // alg[2] || keynum[8] || sig[64]
constexpr std::size_t k_comment_line_max = 1022; // fits minisign's COMMENTMAXBYTES buffer
// minisign: strlen(trusted_comment) < TRUSTEDCOMMENTMAXBYTES - sizeof "trusted comment: "
constexpr std::size_t k_trusted_comment_max = 8192 - 18 - 1;

std::string check_trusted_comment(std::string_view comment) {
    if (comment.size() > k_trusted_comment_max) {
        return "trusted comment is " + std::to_string(comment.size()) +
               " bytes, more than minisign's limit of " + std::to_string(k_trusted_comment_max);
    }
    if (!detail::is_printable(comment)) {
        return "trusted comment contains unprintable characters (control characters or invalid "
               "UTF-8)";
    }
    return {};
}

// sig || trusted_comment, the message of the global signature.
std::string global_message(const Signature& sig, std::string_view trusted_comment) {
    std::string out(reinterpret_cast<const char*>(sig.data()), sig.size());
    out.append(trusted_comment);
    return out;
}

Result<MinisigVerdict> finish_verify(const Minisig& sig, const PublicKey& key,
                                     const unsigned char* message, std::size_t size) {
    detail::ensure_sodium();
    if (sig.key_id != key.id) {
        return fail(Errc::rejected, "the signature was made by key " + key_id_hex(sig.key_id) +
                                        ", but the trusted public key is " + key_id_hex(key.id));
    }
    if (crypto_sign_verify_detached(sig.signature.data(), message, size, key.key.data()) != 0) {
        return fail(Errc::rejected,
                    "signature verification failed: the file's content does not match the "
                    "signature");
    }
    const std::string global = global_message(sig.signature, sig.trusted_comment);
    if (crypto_sign_verify_detached(sig.global_signature.data(),
                                    reinterpret_cast<const unsigned char*>(global.data()),
                                    global.size(), key.key.data()) != 0) {
        return fail(Errc::rejected, "trusted comment signature verification failed: the trusted "
                                    "comment or the global signature was altered");
    }
    MinisigVerdict verdict;
    verdict.key_id = sig.key_id;
    verdict.algorithm = sig.algorithm;
    verdict.trusted_comment = sig.trusted_comment;
    verdict.untrusted_comment = sig.untrusted_comment;
    return verdict;
}

} // namespace

// ---- Prehash ----------------------------------------------------------------------------------

static_assert(sizeof(crypto_generichash_state) <= 384);

Blake2bPrehash::Blake2bPrehash() {
    detail::ensure_sodium();
    crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(m_state), nullptr, 0,
                            crypto_generichash_BYTES_MAX);
}

void Blake2bPrehash::update(const void* data, std::size_t size) {
    crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(m_state),
                              static_cast<const unsigned char*>(data), size);
}

Digest512 Blake2bPrehash::finish() {
    Digest512 out{};
    crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(m_state), out.data(),
                             out.size());
    return out;
}

// ---- Creation ---------------------------------------------------------------------------------

std::string default_trusted_comment(std::int64_t unix_seconds, std::string_view file_name) {
    return "timestamp:" + std::to_string(unix_seconds) + "\tfile:" + std::string(file_name) +
           "\thashed";
}

Result<Minisig> sign_prehashed(const SecretKey& key, const Digest512& prehash,
                               std::string trusted_comment, std::string untrusted_comment) {
    detail::ensure_sodium();
    if (auto why = check_trusted_comment(trusted_comment); !why.empty()) {
        return fail(Errc::usage, why);
    }
    if (untrusted_comment.find_first_of("\r\n") != std::string::npos ||
        detail::k_comment_prefix.size() + untrusted_comment.size() > k_comment_line_max) {
        return fail(Errc::usage, "untrusted comment has a line break or is too long");
    }
    if (key.bytes() == nullptr) {
        return fail(Errc::internal, "sign_prehashed: empty secret key");
    }
    Minisig sig;
    sig.untrusted_comment = std::move(untrusted_comment);
    sig.algorithm = SigAlgorithm::prehashed;
    sig.key_id = key.id;
    crypto_sign_detached(sig.signature.data(), nullptr, prehash.data(), prehash.size(),
                         key.bytes());
    sig.trusted_comment = std::move(trusted_comment);
    const std::string global = global_message(sig.signature, sig.trusted_comment);
    crypto_sign_detached(sig.global_signature.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(global.data()), global.size(),
                         key.bytes());
    // As minisign: never release a signature that its own public key would not accept.
    if (!verify_minisig(sig, key.public_key(), prehash)) {
        return fail(Errc::internal, "the new signature does not verify with the key's public half "
                                    "(corrupted secret key?)");
    }
    return sig;
}

std::string format_minisig(const Minisig& sig) {
    unsigned char raw[k_sig_struct_bytes];
    raw[0] = 'E';
    raw[1] = sig.algorithm == SigAlgorithm::prehashed ? 'D' : 'd';
    std::memcpy(raw + 2, sig.key_id.data(), 8);
    std::memcpy(raw + 10, sig.signature.data(), 64);
    std::string out;
    out.append(detail::k_comment_prefix).append(sig.untrusted_comment).append("\n");
    out.append(detail::encode_base64(raw, sizeof raw)).append("\n");
    out.append(detail::k_trusted_comment_prefix).append(sig.trusted_comment).append("\n");
    out.append(detail::encode_base64(sig.global_signature.data(), sig.global_signature.size()));
    out.append("\n");
    return out;
}

// ---- Parsing ----------------------------------------------------------------------------------

Result<Minisig> parse_minisig(std::string_view text, const std::string& file) {
    detail::ensure_sodium();
    const auto lines = detail::split_lines(text);
    auto at = [&](std::size_t offset, std::string message) {
        return fail(detail::error_at(text, offset, file, std::move(message)));
    };
    if (lines.empty()) {
        return fail(Errc::parse, "empty signature file", file);
    }
    static constexpr const char* k_names[] = {"untrusted comment", "signature", "trusted comment",
                                              "global signature"};
    for (std::size_t i = 0; i < 4; ++i) {
        if (i >= lines.size() || (i == 3 && lines[i].text.empty())) {
            return at(text.size(), std::string("truncated signature file: the ") + k_names[i] +
                                       " line is missing");
        }
        if (lines[i].bad_cr != std::string_view::npos) {
            return at(lines[i].offset + lines[i].bad_cr, "carriage return inside a line");
        }
        if (i < 3 && !lines[i].terminated) {
            return at(lines[i].offset + lines[i].text.size(),
                      std::string("truncated signature file: the ") + k_names[i] +
                          " line has no line ending");
        }
    }
    Minisig sig;
    const auto& comment = lines[0];
    if (comment.text.substr(0, detail::k_comment_prefix.size()) != detail::k_comment_prefix) {
        return at(comment.offset, "the first line must start with \"untrusted comment: \"");
    }
    if (comment.text.size() > k_comment_line_max) {
        return at(comment.offset, "untrusted comment line is longer than minisign's limit of " +
                                      std::to_string(k_comment_line_max) + " bytes");
    }
    sig.untrusted_comment = std::string(comment.text.substr(detail::k_comment_prefix.size()));

    unsigned char raw[k_sig_struct_bytes];
    if (auto why = detail::decode_base64_exact(lines[1].text, raw, sizeof raw); !why.empty()) {
        return at(lines[1].offset, "malformed signature line: " + why);
    }
    if (raw[0] == 'E' && raw[1] == 'D') {
        sig.algorithm = SigAlgorithm::prehashed;
    } else if (raw[0] == 'E' && raw[1] == 'd') {
        sig.algorithm = SigAlgorithm::legacy;
    } else {
        return at(lines[1].offset, "unsupported signature algorithm " +
                                       detail::describe_tag(raw, 2) +
                                       " (expected \"ED\", or legacy \"Ed\")");
    }
    std::memcpy(sig.key_id.data(), raw + 2, 8);
    std::memcpy(sig.signature.data(), raw + 10, 64);

    const auto& trusted = lines[2];
    if (trusted.text.substr(0, detail::k_trusted_comment_prefix.size()) !=
        detail::k_trusted_comment_prefix) {
        return at(trusted.offset, "the third line must start with \"trusted comment: \"");
    }
    const auto comment_text = trusted.text.substr(detail::k_trusted_comment_prefix.size());
    if (auto why = check_trusted_comment(comment_text); !why.empty()) {
        return at(trusted.offset + detail::k_trusted_comment_prefix.size(), why);
    }
    sig.trusted_comment = std::string(comment_text);

    if (auto why = detail::decode_base64_exact(lines[3].text, sig.global_signature.data(),
                                               sig.global_signature.size());
        !why.empty()) {
        return at(lines[3].offset, "malformed global signature line: " + why);
    }
    if (auto extra = detail::trailing_content(lines, 4); extra != std::string_view::npos) {
        return at(extra, "unexpected content after the global signature");
    }
    return sig;
}

// ---- Verification -----------------------------------------------------------------------------

Result<MinisigVerdict> verify_minisig(const Minisig& sig, const PublicKey& key,
                                      const Digest512& prehash) {
    if (sig.algorithm != SigAlgorithm::prehashed) {
        return fail(Errc::rejected, "legacy (non-prehashed) \"Ed\" signature: verify it against "
                                    "the raw file, and only if legacy signatures are allowed");
    }
    return finish_verify(sig, key, prehash.data(), prehash.size());
}

Result<MinisigVerdict> verify_minisig_legacy(const Minisig& sig, const PublicKey& key,
                                             std::string_view message) {
    if (sig.algorithm != SigAlgorithm::legacy) {
        return fail(Errc::rejected, "prehashed \"ED\" signature: verify it against the file's "
                                    "BLAKE2b-512 prehash");
    }
    return finish_verify(sig, key, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size());
}

} // namespace vouch::keys
