#include <algorithm>
#include <nlohmann/json.hpp>
#include <vouch/attest/sbom_check.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::attest {

using json = nlohmann::json;

namespace {

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

const json* member(const json& object, const char* key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// metadata.properties[] {"name": "vouch:lockfile:sha256", "value": HEX}
Result<std::optional<std::string>> cyclonedx_lockfile(const json& document,
                                                      const std::string& file) {
    const json* metadata = member(document, "metadata");
    const json* properties = metadata ? member(*metadata, "properties") : nullptr;
    std::optional<std::string> found;
    if (properties == nullptr || !properties->is_array()) {
        return found;
    }
    for (const auto& property : *properties) {
        const json* name = member(property, "name");
        const json* value = member(property, "value");
        if (name == nullptr || !name->is_string() || *name != "vouch:lockfile:sha256") {
            continue;
        }
        if (value == nullptr || !value->is_string() ||
            !is_sha256_hex(value->get_ref<const std::string&>())) {
            return fail(Errc::rejected,
                        "SBOM: property vouch:lockfile:sha256 is not a lowercase SHA-256", file);
        }
        if (found && *found != value->get<std::string>()) {
            return fail(Errc::rejected, "SBOM: two different vouch:lockfile:sha256 properties",
                        file);
        }
        found = value->get<std::string>();
    }
    return found;
}

// creationInfo.comment "From PATH (lockfileVersion N, sha256 HEX)", as vouch sbom writes it.
std::optional<std::string> spdx_lockfile(const json& document) {
    const json* info = member(document, "creationInfo");
    const json* comment = info ? member(*info, "comment") : nullptr;
    if (comment == nullptr || !comment->is_string()) {
        return std::nullopt;
    }
    const std::string& text = comment->get_ref<const std::string&>();
    constexpr std::string_view marker = ", sha256 ";
    const std::size_t at = text.rfind(marker);
    if (at == std::string::npos || text.rfind("From ", 0) != 0) {
        return std::nullopt;
    }
    const std::string hex = text.substr(at + marker.size(), 64);
    if (!is_sha256_hex(hex) || text.substr(at + marker.size() + 64) != ")") {
        return std::nullopt;
    }
    return hex;
}

} // namespace

Result<SbomFacts> inspect_sbom(std::string_view text, const std::string& file) {
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    const json document = json::parse(text);
    if (!document.is_object()) {
        return fail(Errc::rejected, "not an SBOM: the document is not a JSON object", file);
    }
    SbomFacts facts;
    const json* bom_format = member(document, "bomFormat");
    const json* spdx_version = member(document, "spdxVersion");
    if (bom_format != nullptr && bom_format->is_string() && *bom_format == "CycloneDX") {
        const json* spec = member(document, "specVersion");
        if (spec == nullptr || !spec->is_string()) {
            return fail(Errc::rejected, "CycloneDX SBOM without a string \"specVersion\"", file);
        }
        facts.format = "CycloneDX";
        VOUCH_TRY_ASSIGN(facts.lockfile_sha256, cyclonedx_lockfile(document, file));
        return facts;
    }
    if (spdx_version != nullptr && spdx_version->is_string() &&
        spdx_version->get_ref<const std::string&>().rfind("SPDX-", 0) == 0) {
        facts.format = "SPDX";
        facts.lockfile_sha256 = spdx_lockfile(document);
        return facts;
    }
    return fail(Errc::rejected,
                "not an SBOM: neither CycloneDX JSON (\"bomFormat\": \"CycloneDX\") nor SPDX JSON "
                "(\"spdxVersion\": \"SPDX-2.x\")",
                file);
}

} // namespace vouch::attest
