// VEX documents: OpenVEX v0.2.0 and CycloneDX 1.6 `vulnerabilities[].analysis`.
#include "json_locate.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <vouch/scan/suppress.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>

namespace vouch::scan {

namespace {

using detail::error_at;
using detail::JsonPath;
using nlohmann::json;

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// A string member or "" (wrong types are reported by the callers that need the value).
std::string text_of(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<const json*> array_member(std::string_view text, const std::string& file, const json& object,
                                 const char* key, const JsonPath& at, bool required) {
    auto it = object.find(key);
    JsonPath path = at;
    path.emplace_back(std::string(key));
    if (it == object.end()) {
        if (required) {
            return tl::unexpected(error_at(text, file, at, std::string("missing \"") + key + '"'));
        }
        return nullptr;
    }
    if (!it->is_array()) {
        return tl::unexpected(
            error_at(text, file, path, std::string("\"") + key + "\" must be an array"));
    }
    return &*it;
}

std::optional<util::TimePoint> time_of(const json& object, const char* key) {
    return util::parse_rfc3339(text_of(object, key));
}

void add_product(VexStatement& statement, const std::string& id) {
    std::string purl = normalize_npm_purl(id);
    if (!purl.empty()) {
        statement.products.push_back(purl);
    }
}

void add_component(VexStatement& statement, const json& component) {
    if (!component.is_object()) {
        return;
    }
    add_product(statement, text_of(component, "@id"));
    if (auto ids = component.find("identifiers"); ids != component.end() && ids->is_object()) {
        add_product(statement, text_of(*ids, "purl"));
    }
}

Result<VexDocument> parse_openvex(std::string_view text, const std::string& file,
                                  const json& document) {
    VexDocument result;
    result.file = file;
    result.format = "openvex";
    auto doc_time = time_of(document, "timestamp");
    VOUCH_TRY_ASSIGN(const json* statements,
                     array_member(text, file, document, "statements", {}, true));
    for (std::size_t i = 0; i < statements->size(); ++i) {
        const json& item = (*statements)[i];
        JsonPath at = {std::string("statements"), i};
        if (!item.is_object()) {
            return tl::unexpected(error_at(text, file, at, "a statement must be an object"));
        }
        VexStatement statement;
        statement.order = i;
        auto vulnerability = item.find("vulnerability");
        if (vulnerability == item.end() || !vulnerability->is_object() ||
            text_of(*vulnerability, "name").empty()) {
            return tl::unexpected(
                error_at(text, file, at, "a statement needs \"vulnerability\": {\"name\": ...}"));
        }
        statement.ids.push_back(text_of(*vulnerability, "name"));
        if (auto id = text_of(*vulnerability, "@id"); !id.empty()) {
            statement.ids.push_back(id);
        }
        if (auto aliases = vulnerability->find("aliases");
            aliases != vulnerability->end() && aliases->is_array()) {
            for (const auto& alias : *aliases) {
                if (alias.is_string()) {
                    statement.ids.push_back(alias.get<std::string>());
                }
            }
        }
        statement.status = text_of(item, "status");
        if (statement.status.empty()) {
            JsonPath status_at = at;
            status_at.emplace_back(std::string("status"));
            return tl::unexpected(
                error_at(text, file, status_at, "a statement needs a \"status\""));
        }
        statement.justification = text_of(item, "justification");
        statement.detail = text_of(item, "impact_statement");
        statement.timestamp = time_of(item, "timestamp");
        if (!statement.timestamp) {
            statement.timestamp = doc_time;
        }
        VOUCH_TRY_ASSIGN(const json* products,
                         array_member(text, file, item, "products", at, false));
        if (products) {
            for (const auto& product : *products) {
                // With subcomponents the statement is about them, not the product itself.
                auto subs = product.is_object() ? product.find("subcomponents") : product.end();
                if (product.is_object() && subs != product.end() && subs->is_array() &&
                    !subs->empty()) {
                    for (const auto& sub : *subs) {
                        add_component(statement, sub);
                    }
                } else {
                    add_component(statement, product);
                }
            }
        }
        if (statement.status == "not_affected" && statement.justification.empty() &&
            statement.detail.empty()) {
            result.warnings.push_back(file + ": statement " + std::to_string(i) + " (" +
                                      statement.ids.front() +
                                      ") is not_affected without a justification or "
                                      "impact_statement; it does not suppress");
            continue;
        }
        if (statement.products.empty()) {
            result.warnings.push_back(file + ": statement " + std::to_string(i) + " (" +
                                      statement.ids.front() +
                                      ") names no npm package (purl); it does not suppress");
            continue;
        }
        result.statements.push_back(std::move(statement));
    }
    return result;
}

Result<VexDocument> parse_cyclonedx(std::string_view text, const std::string& file,
                                    const json& document) {
    VexDocument result;
    result.file = file;
    result.format = "cyclonedx-vex";
    std::map<std::string, std::string> purl_of_ref;
    auto remember = [&purl_of_ref](const json& component) {
        if (component.is_object()) {
            purl_of_ref[text_of(component, "bom-ref")] = text_of(component, "purl");
        }
    };
    if (auto metadata = document.find("metadata");
        metadata != document.end() && metadata->is_object() && metadata->contains("component")) {
        remember((*metadata)["component"]);
    }
    if (auto components = document.find("components");
        components != document.end() && components->is_array()) {
        for (const auto& component : *components) {
            remember(component);
        }
    }
    VOUCH_TRY_ASSIGN(const json* vulnerabilities,
                     array_member(text, file, document, "vulnerabilities", {}, true));
    for (std::size_t i = 0; i < vulnerabilities->size(); ++i) {
        const json& item = (*vulnerabilities)[i];
        JsonPath at = {std::string("vulnerabilities"), i};
        if (!item.is_object() || text_of(item, "id").empty()) {
            return tl::unexpected(
                error_at(text, file, at, "a vulnerability needs a string \"id\""));
        }
        VexStatement statement;
        statement.order = i;
        statement.ids.push_back(text_of(item, "id"));
        if (auto refs = item.find("references"); refs != item.end() && refs->is_array()) {
            for (const auto& ref : *refs) {
                if (ref.is_object() && !text_of(ref, "id").empty()) {
                    statement.ids.push_back(text_of(ref, "id"));
                }
            }
        }
        auto analysis = item.find("analysis");
        if (analysis == item.end() || !analysis->is_object()) {
            continue; // a plain vulnerability list (a BOM with findings), not a VEX statement
        }
        statement.status = text_of(*analysis, "state");
        statement.justification = text_of(*analysis, "justification");
        statement.detail = text_of(*analysis, "detail");
        statement.timestamp = time_of(*analysis, "lastUpdated");
        if (!statement.timestamp) {
            statement.timestamp = time_of(*analysis, "firstIssued");
        }
        VOUCH_TRY_ASSIGN(const json* affects, array_member(text, file, item, "affects", at, false));
        if (affects) {
            for (const auto& affect : *affects) {
                if (!affect.is_object()) {
                    continue;
                }
                std::string ref = text_of(affect, "ref");
                if (ref.rfind("urn:cdx:", 0) == 0 && ref.find('#') != std::string::npos) {
                    ref = percent_decode(ref.substr(ref.find('#') + 1)); // BOM-Link
                }
                auto known = purl_of_ref.find(ref);
                add_product(statement, known != purl_of_ref.end() && !known->second.empty()
                                           ? known->second
                                           : ref);
            }
        }
        if (statement.status == "not_affected" && statement.justification.empty()) {
            result.warnings.push_back(file + ": " + statement.ids.front() +
                                      " is not_affected without a justification; it does not "
                                      "suppress");
            continue;
        }
        if (statement.products.empty()) {
            result.warnings.push_back(file + ": " + statement.ids.front() +
                                      " affects no npm package (purl); it does not suppress");
            continue;
        }
        result.statements.push_back(std::move(statement));
    }
    return result;
}

} // namespace

std::string normalize_npm_purl(std::string_view purl) {
    std::size_t cut = purl.find_first_of("?#");
    if (cut != std::string_view::npos) {
        purl = purl.substr(0, cut);
    }
    std::string lower_prefix(purl.substr(0, std::min<std::size_t>(purl.size(), 8)));
    for (auto& c : lower_prefix) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower_prefix != "pkg:npm/") {
        return {};
    }
    std::string rest = percent_decode(purl.substr(8));
    if (rest.empty()) {
        return {};
    }
    return "pkg:npm/" + rest;
}

Result<VexDocument> parse_vex(std::string_view text, const std::string& file) {
    json document;
    if (auto malformed = util::check_json_syntax(text, file, Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    document = json::parse(text.begin(), text.end());
    if (!document.is_object()) {
        return tl::unexpected(error_at(text, file, {}, "a VEX document must be a JSON object"));
    }
    std::string context = text_of(document, "@context");
    if (context.find("openvex") != std::string::npos) {
        if (context.find("v0.2.0") == std::string::npos) {
            Error error = error_at(text, file, {std::string("@context")},
                                   "unsupported OpenVEX version '" + context +
                                       "' (this vouch reads https://openvex.dev/ns/v0.2.0)");
            error.code = Errc::unsupported;
            return tl::unexpected(error);
        }
        return parse_openvex(text, file, document);
    }
    if (text_of(document, "bomFormat") == "CycloneDX") {
        return parse_cyclonedx(text, file, document);
    }
    return tl::unexpected(error_at(text, file, {},
                                   "not a VEX document: expected OpenVEX (\"@context\": "
                                   "\"https://openvex.dev/ns/v0.2.0\") or CycloneDX "
                                   "(\"bomFormat\": \"CycloneDX\")"));
}

} // namespace vouch::scan
