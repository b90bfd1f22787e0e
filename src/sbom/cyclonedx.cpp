// CycloneDX 1.6 JSON, with the cdx:npm property taxonomy cyclonedx-npm uses.
#include <vouch/sbom/sbom.hpp>
#include <vouch/util/background.hpp>
#include <vouch/util/json_writer.hpp>

namespace vouch::sbom {

namespace {

const char* cdx_hash_name(std::string_view algorithm) {
    if (algorithm == "sha512") {
        return "SHA-512";
    }
    if (algorithm == "sha384") {
        return "SHA-384";
    }
    if (algorithm == "sha256") {
        return "SHA-256";
    }
    return "SHA-1";
}

void write_property(util::JsonWriter& w, std::string_view name, std::string_view value) {
    w.begin_object().field("name", name).field("value", value).end_object();
}

void write_licenses(util::JsonWriter& w, const license::Classified& licence) {
    using Kind = license::Classified::Kind;
    if (licence.kind == Kind::unknown) {
        return;
    }
    w.key("licenses").begin_array().begin_object();
    if (licence.kind == Kind::expression) {
        w.field("expression", licence.value);
    } else {
        w.key("license").begin_object();
        w.field(licence.kind == Kind::id ? "id" : "name", licence.value);
        w.field("acknowledgement", "declared");
        w.end_object();
    }
    w.end_object().end_array();
}

bool is_url(std::string_view s) {
    return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || s.rfind("git+", 0) == 0 ||
           s.rfind("git://", 0) == 0;
}

void write_component(util::JsonWriter& w, const Component& c, bool root) {
    w.begin_object();
    w.field("type", c.workspace || root ? "application" : "library");
    w.field("bom-ref", c.bom_ref);
    const std::string_view name = c.name();
    const auto slash = name.find('/');
    if (!name.empty() && name.front() == '@' && slash != std::string_view::npos) {
        w.field("group", name.substr(0, slash));
        w.field("name", name.substr(slash + 1));
    } else {
        w.field("name", name);
    }
    if (const std::string_view version = c.version(); !version.empty()) {
        w.field("version", version);
    }
    if (c.scope != Component::Scope::none) {
        w.field("scope", scope_name(c.scope));
    }
    if (!c.hashes.empty()) {
        w.key("hashes").begin_array();
        for (const auto& h : c.hashes) {
            w.begin_object()
                .field("alg", cdx_hash_name(h.algorithm))
                .field("content", h.hex())
                .end_object();
        }
        w.end_array();
    }
    write_licenses(w, *c.license);
    w.field("purl", c.purl);
    if (is_url(c.resolved)) {
        w.key("externalReferences").begin_array().begin_object();
        w.field("type", c.source == lockfile::Source::git ? "vcs" : "distribution");
        w.field("url", c.resolved);
        w.end_object().end_array();
    }
    // Written as they come (no list of copies); the array opens with the first property.
    bool any_property = false;
    auto property = [&](std::string_view name, std::string_view value) {
        if (!any_property) {
            w.key("properties").begin_array();
            any_property = true;
        }
        write_property(w, name, value);
    };
    for (const auto path : c.paths) {
        property("cdx:npm:package:path", path);
    }
    if (c.development) {
        property("cdx:npm:package:development", "true");
    }
    if (c.bundled) {
        property("cdx:npm:package:bundled", "true");
    }
    if (c.extraneous) {
        property("cdx:npm:package:extraneous", "true");
    }
    const lockfile::Package& first = *c.package;
    std::string engine_property;
    for (const auto& [engine, range] : first.engines) {
        engine_property.assign("cdx:npm:package:constraint:engine:").append(engine);
        property(engine_property, range);
    }
    for (const auto os : first.os) {
        property("cdx:npm:package:constraint:os", os);
    }
    if (!first.deprecated.empty()) {
        property("vouch:npm:package:deprecated", first.deprecated);
    }
    if (c.has_install_script) {
        property("vouch:npm:package:hasInstallScript", "true");
    }
    if (c.workspace) {
        property("vouch:npm:package:workspace", "true");
    }
    if (!root) {
        property("vouch:license:source", license_source_name(c.license_source));
    }
    if (any_property) {
        w.end_array();
    }
    w.end_object();
}

// What a writing thread hands over at a time: small enough that neither thread's buffer is a
// noticeable part of an SBOM's memory, large enough that the writes stay few.
constexpr std::size_t k_chunk = 64 * 1024;
// One component's JSON can overshoot the chunk before it is handed over.
constexpr std::size_t k_chunk_slack = 16 * 1024;

// Hands the writer's text to `sink` once a chunk is full (or always, with `force`).
Status hand_over(util::JsonWriter& w, const Sink& sink, bool force = false) {
    if (!force && w.pending().size() < k_chunk) {
        return {};
    }
    VOUCH_TRY(sink(w.pending()));
    w.clear_pending();
    return {};
}

// The components from `first` on and the dependency graph, continuing a document that has the
// components array open (2 containers deep), holding components [1, first); handed to `sink` in
// chunks.
Status write_tail(const Sbom& sbom, std::size_t first, const Sink& sink) {
    auto w = util::JsonWriter::continuing(2, first <= 1);
    w.reserve(k_chunk + k_chunk_slack);
    for (std::size_t i = first; i < sbom.components.size(); ++i) {
        write_component(w, sbom.components[i], false);
        VOUCH_TRY(hand_over(w, sink));
    }
    w.end_array();

    w.key("dependencies").begin_array();
    for (const auto& c : sbom.components) {
        w.begin_object().field("ref", c.bom_ref).key("dependsOn").begin_array();
        for (const std::size_t d : c.depends_on) {
            w.value(sbom.components[d].bom_ref);
        }
        w.end_array().end_object();
        VOUCH_TRY(hand_over(w, sink));
    }
    w.end_array();
    w.end_object();
    return sink(w.finish());
}

// Below this many components one thread writes the whole document.
constexpr std::size_t k_parallel_components = 512;

} // namespace

Status write_cyclonedx(const Sbom& sbom, const DocumentInfo& info, const Sink& sink,
                       const Spool* spool) {
    // The components array is most of the document: a second thread writes its last ~40 %
    // and the dependency graph (together about half the bytes) while this one writes the rest,
    // handing it to `sink` in chunks. The second thread's part goes to `spool` when the caller
    // gives one (then neither part is ever whole in memory), else it is kept in memory until
    // this thread's part is written.
    const std::size_t n = sbom.components.size();
    const bool parallel = n >= k_parallel_components;
    const std::size_t split = parallel ? 1 + (n - 1) * 59 / 100 : n;
    std::string tail_text;
    const Sink keep_tail = [&tail_text](std::string_view piece) -> Status {
        tail_text.append(piece);
        return {};
    };
    const Sink& tail_sink = spool != nullptr ? spool->write : keep_tail;
    util::Background<Status> tail;
    if (parallel) {
        tail = util::in_background(
            [&sbom, split, &tail_sink] { return write_tail(sbom, split, tail_sink); });
    }

    util::JsonWriter w;
    w.reserve(k_chunk + k_chunk_slack);
    w.begin_object();
    w.field("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
    w.field("bomFormat", "CycloneDX");
    w.field("specVersion", "1.6");
    w.field("serialNumber", "urn:uuid:" + info.serial_uuid);
    w.field("version", 1);
    w.key("metadata").begin_object();
    w.field("timestamp", util::format_rfc3339(info.timestamp));
    w.key("lifecycles")
        .begin_array()
        .begin_object()
        .field("phase", "pre-build")
        .end_object()
        .end_array();
    w.key("tools").begin_object().key("components").begin_array().begin_object();
    w.field("type", "application").field("name", "vouch").field("version", VOUCH_VERSION);
    w.end_object().end_array().end_object();
    w.key("component");
    write_component(w, sbom.components.front(), true);
    w.key("properties").begin_array();
    write_property(w, "vouch:lockfile:path", info.lockfile_path);
    write_property(w, "vouch:lockfile:sha256", info.lockfile_sha256);
    write_property(w, "vouch:lockfile:version", std::to_string(info.lockfile_version));
    if (info.reproducible) {
        write_property(w, "cdx:reproducible", "true");
    }
    w.end_array();
    w.end_object();

    w.key("components").begin_array();
    Status written;
    for (std::size_t i = 1; i < split && written; ++i) {
        write_component(w, sbom.components[i], false);
        written = hand_over(w, sink);
    }
    if (written) {
        written = hand_over(w, sink, true);
    }
    // The second thread is joined before returning, whatever happened here.
    const Status tail_written = parallel ? tail.get() : Status{};
    VOUCH_TRY(written);
    if (!parallel) {
        return write_tail(sbom, split, sink);
    }
    VOUCH_TRY(tail_written);
    return spool != nullptr ? spool->append() : sink(tail_text);
}

std::string write_cyclonedx(const Sbom& sbom, const DocumentInfo& info) {
    std::string out;
    (void)write_cyclonedx(sbom, info, [&out](std::string_view piece) -> Status {
        out += piece;
        return {};
    });
    return out;
}

} // namespace vouch::sbom
