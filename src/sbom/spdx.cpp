// SPDX 2.3 JSON: one package per component, DEPENDS_ON relationships for the graph.
#include <unordered_set>
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/json_writer.hpp>

namespace vouch::sbom {

namespace {

const char* spdx_checksum_name(std::string_view algorithm) {
    if (algorithm == "sha512") {
        return "SHA512";
    }
    if (algorithm == "sha384") {
        return "SHA384";
    }
    if (algorithm == "sha256") {
        return "SHA256";
    }
    return "SHA1";
}

// SPDXRef idstrings allow letters, digits, '.' and '-' only.
std::string idstring(std::string_view text) {
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (ok) {
            out += ch;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    return out;
}

std::vector<std::string> make_ids(const Sbom& sbom) {
    std::vector<std::string> ids;
    std::unordered_set<std::string> used;
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        const auto& c = sbom.components[i];
        std::string base = "SPDXRef-Package-npm-" + idstring(c.name());
        if (!c.version().empty()) {
            base += "-" + idstring(c.version());
        }
        std::string id = base;
        for (int n = 2; !used.insert(id).second; ++n) {
            id = base + "-" + std::to_string(n);
        }
        ids.push_back(std::move(id));
    }
    return ids;
}

std::string_view download_location(const Component& c) {
    const auto r = c.resolved;
    if (r.rfind("https://", 0) == 0 || r.rfind("http://", 0) == 0 || r.rfind("git+", 0) == 0) {
        return r;
    }
    return "NOASSERTION";
}

void write_package(util::JsonWriter& w, const Component& c, const std::string& id, bool root) {
    using Kind = license::Classified::Kind;
    w.begin_object();
    w.field("SPDXID", id);
    w.field("name", c.name());
    if (!c.version().empty()) {
        w.field("versionInfo", c.version());
    }
    w.field("downloadLocation", download_location(c));
    w.field("filesAnalyzed", false);
    if (!c.hashes.empty()) {
        w.key("checksums").begin_array();
        for (const auto& h : c.hashes) {
            w.begin_object()
                .field("algorithm", spdx_checksum_name(h.algorithm))
                .field("checksumValue", h.hex())
                .end_object();
        }
        w.end_array();
    }
    w.field("licenseConcluded", "NOASSERTION");
    const bool spdx_licence = c.license->kind == Kind::id || c.license->kind == Kind::expression;
    w.field("licenseDeclared", spdx_licence ? c.license->value : std::string("NOASSERTION"));
    if (c.license->kind == Kind::name) {
        w.field("licenseComments",
                "declared licence is not an SPDX expression: " + c.license->value);
    } else if (!root && c.license->kind == Kind::unknown) {
        w.field("licenseComments", "no licence in the lockfile and no installed package.json");
    }
    w.field("copyrightText", "NOASSERTION");
    w.key("externalRefs").begin_array().begin_object();
    w.field("referenceCategory", "PACKAGE-MANAGER").field("referenceType", "purl");
    w.field("referenceLocator", c.purl);
    w.end_object().end_array();
    w.field("primaryPackagePurpose", root || c.workspace ? "APPLICATION" : "LIBRARY");
    if (!c.paths.empty()) {
        std::string comment = "installed at:";
        for (const auto p : c.paths) {
            comment.append(" ").append(p);
        }
        if (c.development) {
            comment += " (development only)";
        }
        w.field("comment", comment);
    }
    w.end_object();
}

} // namespace

std::string write_spdx(const Sbom& sbom, const DocumentInfo& info) {
    const auto ids = make_ids(sbom);
    std::size_t estimate = 64 * 1024;
    for (const auto& c : sbom.components) {
        estimate += 2048 + 64 * c.paths.size() + 256 * c.depends_on.size();
    }
    const Component& root = sbom.components.front();
    std::string doc_name(root.name());
    if (!root.version().empty()) {
        doc_name.append("-").append(root.version());
    }
    util::JsonWriter w;
    w.reserve(estimate); // see write_cyclonedx
    w.begin_object();
    w.field("spdxVersion", "SPDX-2.3");
    w.field("dataLicense", "CC0-1.0");
    w.field("SPDXID", "SPDXRef-DOCUMENT");
    w.field("name", doc_name);
    w.field("documentNamespace",
            "https://spdx.org/spdxdocs/" + idstring(doc_name) + "-" + info.serial_uuid);
    w.key("creationInfo").begin_object();
    w.field("created", util::format_rfc3339(info.timestamp));
    w.key("creators").begin_array().value(std::string("Tool: vouch-") + VOUCH_VERSION).end_array();
    w.field("comment", "From " + info.lockfile_path + " (lockfileVersion " +
                           std::to_string(info.lockfile_version) + ", sha256 " +
                           info.lockfile_sha256 + ")");
    w.end_object();
    w.key("documentDescribes").begin_array().value(ids.front()).end_array();
    w.key("packages").begin_array();
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        write_package(w, sbom.components[i], ids[i], i == 0);
    }
    w.end_array();
    w.key("relationships").begin_array();
    w.begin_object()
        .field("spdxElementId", "SPDXRef-DOCUMENT")
        .field("relationshipType", "DESCRIBES")
        .field("relatedSpdxElement", ids.front())
        .end_object();
    for (std::size_t i = 0; i < sbom.components.size(); ++i) {
        for (const std::size_t d : sbom.components[i].depends_on) {
            w.begin_object()
                .field("spdxElementId", ids[i])
                .field("relationshipType", "DEPENDS_ON")
                .field("relatedSpdxElement", ids[d])
                .end_object();
        }
    }
    w.end_array();
    w.end_object();
    return w.finish();
}

} // namespace vouch::sbom
