#pragma once
// DSSE v1 (specs.md section 1): the pre-authentication encoding, the JSON envelope, Ed25519
// signing and threshold verification over trusted keys.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/util/result.hpp>

namespace vouch::dsse {

inline constexpr std::string_view k_in_toto_payload_type = "application/vnd.in-toto+json";
// Envelopes larger than this are refused unread (a 20,000-file manifest is ~4 MB).
inline constexpr std::size_t k_max_envelope_bytes = std::size_t{64} << 20;

// "DSSEv1 <len(type)> <type> <len(body)> <body>", lengths in bytes, decimal.
std::string pae(std::string_view payload_type, std::string_view body);

struct Signature {
    std::string keyid; // unauthenticated hint; empty when unset
    std::vector<std::uint8_t> sig;
};

struct Envelope {
    std::string payload_type;
    std::string payload; // decoded bytes, exactly as signed
    std::vector<Signature> signatures;
};

// Strict, size-capped parse of the JSON envelope. Anything malformed (not JSON, duplicate keys,
// missing or wrongly typed fields, bad base64, no signatures) is Errc::rejected: an attestation
// that cannot be read is a failed verification. Unknown fields are ignored, as DSSE requires.
Result<Envelope> parse_envelope(std::string_view json, const std::string& file);

// Compact JSON with standard base64, newline-terminated.
std::string serialize_envelope(const Envelope& envelope);

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519Signature = std::array<std::uint8_t, 64>;

struct TrustedKey {
    std::string keyid; // minisign key id, 16 uppercase hex digits
    Ed25519PublicKey key{};
};

// Signing is delegated so that secret keys stay wherever their owner keeps them.
struct Signer {
    std::string keyid;
    Ed25519PublicKey public_key{};
    std::function<Ed25519Signature(std::string_view message)> sign;
};

// A new single-signature envelope over `payload`.
Envelope sign_envelope(std::string payload_type, std::string payload, const Signer& signer);

// Appends `signer`'s signature over the unchanged payload. Errc::rejected when the same key
// (by key id or by an existing signature that verifies under its public key) already signed.
Status add_signature(Envelope& envelope, const Signer& signer);

class VerifiedPayload;

// DSSE threshold verification: each signature is tried against the trusted keys (skipping keys
// whose key id differs from a set hint); at least `threshold` distinct trusted keys must verify,
// so one key signing twice counts once. Errc::rejected with the reason otherwise.
Result<VerifiedPayload> verify(const Envelope& envelope, const std::vector<TrustedKey>& trusted,
                               std::size_t threshold);

// The only way to get at a payload's bytes for parsing: it exists only after verify() succeeded.
class VerifiedPayload {
  public:
    const std::string& payload_type() const { return m_payload_type; }
    const std::string& bytes() const { return m_bytes; }
    const std::vector<std::string>& signer_key_ids() const { return m_signers; }

  private:
    friend Result<VerifiedPayload> verify(const Envelope&, const std::vector<TrustedKey>&,
                                          std::size_t);
    VerifiedPayload(std::string type, std::string bytes, std::vector<std::string> signers)
        : m_payload_type(std::move(type)), m_bytes(std::move(bytes)),
          m_signers(std::move(signers)) {}
    std::string m_payload_type;
    std::string m_bytes;
    std::vector<std::string> m_signers;
};

} // namespace vouch::dsse
