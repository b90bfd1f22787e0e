#include <algorithm>
#include <sodium.h>
#include <stdexcept>
#include <string>
#include <vector>
#include <vouch/dsse/envelope.hpp>

namespace vouch::dsse {

namespace {

void ensure_sodium() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium failed to initialise");
    }
}

bool signature_verifies(const Signature& signature, const std::string& message,
                        const Ed25519PublicKey& key) {
    return signature.sig.size() == crypto_sign_BYTES &&
           crypto_sign_verify_detached(signature.sig.data(),
                                       reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), key.data()) == 0;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

Signature make_signature(const std::string& message, const Signer& signer) {
    const auto sig = signer.sign(message);
    return Signature{signer.keyid, std::vector<std::uint8_t>(sig.begin(), sig.end())};
}

} // namespace

Envelope sign_envelope(std::string payload_type, std::string payload, const Signer& signer) {
    Envelope envelope{std::move(payload_type), std::move(payload), {}};
    envelope.signatures.push_back(
        make_signature(pae(envelope.payload_type, envelope.payload), signer));
    return envelope;
}

Status add_signature(Envelope& envelope, const Signer& signer) {
    ensure_sodium();
    const std::string message = pae(envelope.payload_type, envelope.payload);
    for (const auto& existing : envelope.signatures) {
        if ((!existing.keyid.empty() && existing.keyid == signer.keyid) ||
            signature_verifies(existing, message, signer.public_key)) {
            return fail(Errc::rejected,
                        "key " + signer.keyid + " has already signed this envelope");
        }
    }
    envelope.signatures.push_back(make_signature(message, signer));
    return {};
}

Result<VerifiedPayload> verify(const Envelope& envelope, const std::vector<TrustedKey>& trusted,
                               std::size_t threshold) {
    ensure_sodium();
    if (threshold == 0) {
        return fail(Errc::usage, "the signature threshold must be at least 1");
    }
    // Distinct by key material, so one key listed twice (under any id) counts once.
    std::vector<const TrustedKey*> unique_keys;
    for (const auto& key : trusted) {
        if (std::none_of(unique_keys.begin(), unique_keys.end(),
                         [&](const TrustedKey* k) { return k->key == key.key; })) {
            unique_keys.push_back(&key);
        }
    }
    if (unique_keys.size() < threshold) {
        return fail(Errc::rejected, "threshold " + std::to_string(threshold) +
                                        " is more than the " + std::to_string(unique_keys.size()) +
                                        " distinct trusted key(s) given");
    }
    const std::string message = pae(envelope.payload_type, envelope.payload);
    std::vector<const TrustedKey*> accepted;
    std::vector<std::string> not_verified; // key ids the failing signatures claim
    for (const auto& signature : envelope.signatures) {
        const std::size_t before = accepted.size();
        for (const TrustedKey* key : unique_keys) {
            if (!signature.keyid.empty() && !key->keyid.empty() && signature.keyid != key->keyid) {
                continue; // the key id is only a hint to narrow the keys tried
            }
            if (std::find(accepted.begin(), accepted.end(), key) != accepted.end()) {
                continue;
            }
            if (signature_verifies(signature, message, key->key)) {
                accepted.push_back(key);
                break;
            }
        }
        if (accepted.size() == before) {
            not_verified.push_back(signature.keyid.empty() ? "(no key id)" : signature.keyid);
        }
    }
    if (accepted.size() < threshold) {
        std::string detail = std::to_string(accepted.size()) + " of " +
                             std::to_string(envelope.signatures.size()) +
                             " signature(s) verified with a distinct trusted key; " +
                             std::to_string(threshold) + " required";
        // Like the .minisig path: which key the failing signatures say they were made with, and
        // which keys are trusted, so a wrong --pub is obvious.
        if (!not_verified.empty()) {
            detail += "; not verified: signature(s) made with key id " + join(not_verified);
        }
        std::vector<std::string> trusted_ids;
        for (const TrustedKey* key : unique_keys) {
            trusted_ids.push_back(key->keyid.empty() ? "(no key id)" : key->keyid);
        }
        detail += "; trusted key id" + std::string(trusted_ids.size() == 1 ? " " : "s ") +
                  join(trusted_ids);
        return fail(Errc::rejected, detail);
    }
    std::vector<std::string> signers;
    for (const TrustedKey* key : accepted) {
        signers.push_back(key->keyid);
    }
    return VerifiedPayload(envelope.payload_type, envelope.payload, std::move(signers));
}

} // namespace vouch::dsse
