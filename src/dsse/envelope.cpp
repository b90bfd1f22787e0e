#include <nlohmann/json.hpp>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/strict_json.hpp>

namespace vouch::dsse {

using nlohmann::json;

std::string pae(std::string_view payload_type, std::string_view body) {
    std::string out = "DSSEv1 ";
    out += std::to_string(payload_type.size());
    out += ' ';
    out += payload_type;
    out += ' ';
    out += std::to_string(body.size());
    out += ' ';
    out += body;
    return out;
}

namespace {

tl::unexpected<Error> rejected(const std::string& what, const std::string& file) {
    return fail(Errc::rejected, "envelope: " + what, file);
}

Result<std::string> string_field(const json& object, const char* name, const std::string& file) {
    const auto it = object.find(name);
    if (it == object.end()) {
        return rejected(std::string("missing \"") + name + "\"", file);
    }
    if (!it->is_string()) {
        return rejected(std::string("\"") + name + "\" is not a string", file);
    }
    return it->get<std::string>();
}

} // namespace

Result<Envelope> parse_envelope(std::string_view text, const std::string& file) {
    if (text.size() > k_max_envelope_bytes) {
        return rejected("larger than " + std::to_string(k_max_envelope_bytes) + " bytes", file);
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return rejected("empty file", file);
    }
    // One strict reader for everything signed: an envelope another consumer could read differently
    // (two "payload" fields, bytes after a NUL, a BOM) is refused.
    VOUCH_TRY_ASSIGN(const json document, util::parse_strict_json<json>(text, file));
    if (!document.is_object()) {
        return rejected("not a JSON object", file);
    }
    Envelope envelope;
    VOUCH_TRY_ASSIGN(envelope.payload_type, string_field(document, "payloadType", file));
    VOUCH_TRY_ASSIGN(const std::string payload_b64, string_field(document, "payload", file));
    const auto payload = util::base64_decode(payload_b64);
    if (!payload) {
        return rejected("\"payload\" is not valid base64", file);
    }
    envelope.payload.assign(payload->begin(), payload->end());

    const auto signatures = document.find("signatures");
    if (signatures == document.end() || !signatures->is_array()) {
        return rejected("missing \"signatures\" array", file);
    }
    if (signatures->empty()) {
        return rejected("\"signatures\" is empty", file);
    }
    for (const auto& entry : *signatures) {
        if (!entry.is_object()) {
            return rejected("a signature is not an object", file);
        }
        Signature signature;
        VOUCH_TRY_ASSIGN(const std::string sig_b64, string_field(entry, "sig", file));
        const auto sig = util::base64_decode(sig_b64);
        if (!sig) {
            return rejected("\"sig\" is not valid base64", file);
        }
        signature.sig = *sig;
        if (const auto keyid = entry.find("keyid"); keyid != entry.end() && !keyid->is_null()) {
            if (!keyid->is_string()) {
                return rejected("\"keyid\" is not a string", file);
            }
            signature.keyid = keyid->get<std::string>();
        }
        envelope.signatures.push_back(std::move(signature));
    }
    return envelope;
}

// Byte-for-byte what nlohmann's compact dump() of the same object writes (keys in sorted order),
// but with the base64 payload appended directly: it is megabytes for a large tree's manifest, and
// base64 needs no escaping.
std::string serialize_envelope(const Envelope& envelope) {
    const std::string payload = util::base64_encode(envelope.payload);
    std::string out;
    out.reserve(payload.size() + 256 + 160 * envelope.signatures.size());
    out += "{\"payload\":\"";
    out += payload;
    out += "\",\"payloadType\":";
    out += json(envelope.payload_type).dump();
    out += ",\"signatures\":[";
    for (std::size_t i = 0; i < envelope.signatures.size(); ++i) {
        const auto& signature = envelope.signatures[i];
        out += i == 0 ? "{" : ",{";
        if (!signature.keyid.empty()) {
            out += "\"keyid\":";
            out += json(signature.keyid).dump();
            out += ',';
        }
        out += "\"sig\":\"";
        out += util::base64_encode(signature.sig);
        out += "\"}";
    }
    out += "]}\n";
    return out;
}

} // namespace vouch::dsse
