// serialize_envelope writes the envelope without building a JSON tree; it must stay byte-for-byte
// what nlohmann's compact dump of the same object writes (earlier envelopes were made that way).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <vouch/dsse/envelope.hpp>
#include <vouch/util/encoding.hpp>

namespace {

using nlohmann::json;
using vouch::dsse::Envelope;

std::string reference_dump(const Envelope& envelope) {
    json signatures = json::array();
    for (const auto& signature : envelope.signatures) {
        json entry = {{"sig", vouch::util::base64_encode(signature.sig)}};
        if (!signature.keyid.empty()) {
            entry["keyid"] = signature.keyid;
        }
        signatures.push_back(std::move(entry));
    }
    const json document = {{"payloadType", envelope.payload_type},
                           {"payload", vouch::util::base64_encode(envelope.payload)},
                           {"signatures", std::move(signatures)}};
    return document.dump() + "\n";
}

TEST(SerializeEnvelope, MatchesTheJsonTreeDumpForEveryShape) {
    std::mt19937 random(20261125);
    const std::vector<std::string> texts = {
        "",
        "application/vnd.in-toto+json",
        "E01149F555ED3E0F",
        "quote\" backslash\\ newline\n tab\t nul" + std::string(1, '\0') + " ctl\x1f del\x7f",
        "unicode: é ✓ 🔑",
    };
    for (std::size_t payload_size : {0U, 1U, 2U, 3U, 4U, 5U, 64U, 1000U}) {
        for (std::size_t signatures = 0; signatures <= 3; ++signatures) {
            for (const auto& text : texts) {
                Envelope envelope;
                envelope.payload_type = text;
                for (std::size_t i = 0; i < payload_size; ++i) {
                    envelope.payload += static_cast<char>(random() & 0xFF);
                }
                for (std::size_t s = 0; s < signatures; ++s) {
                    vouch::dsse::Signature signature;
                    signature.keyid = s == 1 ? std::string() : text;
                    signature.sig.resize(64);
                    for (auto& byte : signature.sig) {
                        byte = static_cast<std::uint8_t>(random() & 0xFF);
                    }
                    envelope.signatures.push_back(signature);
                }
                EXPECT_EQ(vouch::dsse::serialize_envelope(envelope), reference_dump(envelope))
                    << "payload " << payload_size << " bytes, " << signatures << " signatures";
            }
        }
    }
}

TEST(Base64, EncodesEveryPaddingCase) {
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("")), "");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("f")), "Zg==");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("fo")), "Zm8=");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("foo")), "Zm9v");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("foob")), "Zm9vYg==");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("fooba")), "Zm9vYmE=");
    EXPECT_EQ(vouch::util::base64_encode(std::string_view("foobar")), "Zm9vYmFy");
}

} // namespace
