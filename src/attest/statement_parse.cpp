// Reads back a statement that has already been verified; still strict about types, because a
// trusted signer's tooling can have bugs and the monotonic principle says an unreadable field
// must never turn a "no" into a "yes".
#include <nlohmann/json.hpp>
#include <vouch/attest/statement.hpp>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/strict_json.hpp>

namespace vouch::attest {

using nlohmann::json;

namespace {

tl::unexpected<Error> rejected(const std::string& what) {
    return fail(Errc::rejected, "statement: " + what);
}

const json* member(const json& object, const char* name) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

Result<std::string> optional_string(const json& object, const char* name, const char* where) {
    const json* value = member(object, name);
    if (value == nullptr) {
        return std::string();
    }
    if (!value->is_string()) {
        return rejected(std::string(where) + "." + name + " is not a string");
    }
    return value->get<std::string>();
}

Result<std::map<std::string, std::string>> parse_digest(const json& value, const char* where) {
    if (!value.is_object()) {
        return rejected(std::string(where) + ".digest is not an object");
    }
    std::map<std::string, std::string> out;
    for (const auto& [algorithm, hex] : value.items()) {
        if (!hex.is_string()) {
            return rejected(std::string(where) + ".digest." + algorithm + " is not a string");
        }
        out[algorithm] = hex.get<std::string>();
    }
    return out;
}

Result<std::optional<util::TimePoint>> parse_time(const json& metadata, const char* name) {
    VOUCH_TRY_ASSIGN(const auto text, optional_string(metadata, name, "runDetails.metadata"));
    if (text.empty()) {
        return std::optional<util::TimePoint>();
    }
    auto time = util::parse_rfc3339(text);
    if (!time) {
        return rejected(std::string("runDetails.metadata.") + name + " is not an RFC 3339 time");
    }
    return time;
}

Status parse_subjects(const json& statement, Provenance& out) {
    const json* subjects = member(statement, "subject");
    if (subjects == nullptr || !subjects->is_array() || subjects->empty()) {
        return rejected("\"subject\" must be a non-empty array");
    }
    for (const auto& entry : *subjects) {
        const json* digest = member(entry, "digest");
        if (digest == nullptr) {
            return rejected("a subject has no digest");
        }
        Subject subject;
        VOUCH_TRY_ASSIGN(subject.name, optional_string(entry, "name", "subject"));
        VOUCH_TRY_ASSIGN(subject.digest, parse_digest(*digest, "subject"));
        out.subjects.push_back(std::move(subject));
    }
    return {};
}

// Manifests are byproducts named after their subject; their digest must match their content.
Status attach_manifests(const json& run_details, Provenance& out) {
    const json* byproducts = member(run_details, "byproducts");
    if (byproducts == nullptr) {
        return {};
    }
    if (!byproducts->is_array()) {
        return rejected("runDetails.byproducts is not an array");
    }
    for (const auto& entry : *byproducts) {
        VOUCH_TRY_ASSIGN(const auto media_type, optional_string(entry, "mediaType", "byproduct"));
        if (media_type != digest::k_manifest_media_type) {
            continue;
        }
        VOUCH_TRY_ASSIGN(const auto name, optional_string(entry, "name", "byproduct"));
        VOUCH_TRY_ASSIGN(const auto content, optional_string(entry, "content", "byproduct"));
        const auto bytes = util::base64_decode(content);
        if (!bytes) {
            return rejected("manifest for '" + name + "' is not valid base64");
        }
        std::string text(bytes->begin(), bytes->end());
        const json* digest = member(entry, "digest");
        if (digest == nullptr) {
            return rejected("manifest for '" + name + "' has no digest");
        }
        VOUCH_TRY_ASSIGN(const auto digests, parse_digest(*digest, "byproduct"));
        const auto sha = digests.find("sha256");
        if (sha == digests.end() || sha->second != digest::sha256_hex(text)) {
            return rejected("manifest for '" + name + "' does not match its digest");
        }
        bool attached = false;
        for (auto& subject : out.subjects) {
            if (subject.name == name && subject.manifest.empty()) {
                subject.manifest = text;
                attached = true;
                break;
            }
        }
        if (!attached) {
            return rejected("manifest byproduct '" + name + "' matches no subject");
        }
    }
    return {};
}

Result<DigestedFile> digested_file(const json& entry, const char* where) {
    DigestedFile file;
    VOUCH_TRY_ASSIGN(file.path, optional_string(entry, "name", where));
    const json* digest = member(entry, "digest");
    if (digest == nullptr) {
        return rejected(std::string(where) + " has no digest");
    }
    VOUCH_TRY_ASSIGN(const auto digests, parse_digest(*digest, where));
    const auto sha = digests.find("sha256");
    if (sha == digests.end()) {
        return rejected(std::string(where) + " has no sha256 digest");
    }
    file.sha256 = sha->second;
    return file;
}

Status parse_dependencies(const json& build_definition, Provenance& out) {
    const json* deps = member(build_definition, "resolvedDependencies");
    if (deps == nullptr) {
        return {};
    }
    if (!deps->is_array()) {
        return rejected("resolvedDependencies is not an array");
    }
    for (const auto& entry : *deps) {
        const json* digest = member(entry, "digest");
        if (digest != nullptr && member(*digest, "gitCommit") != nullptr) {
            if (out.commit) {
                return rejected("more than one gitCommit dependency");
            }
            VOUCH_TRY_ASSIGN(const auto digests, parse_digest(*digest, "resolvedDependencies"));
            SourceCommit commit;
            commit.sha = digests.at("gitCommit");
            VOUCH_TRY_ASSIGN(commit.remote_url,
                             optional_string(entry, "uri", "resolvedDependencies"));
            out.commit = std::move(commit);
            continue;
        }
        const json* annotations = member(entry, "annotations");
        if (annotations == nullptr) {
            continue;
        }
        VOUCH_TRY_ASSIGN(const auto role,
                         optional_string(*annotations, "vouch_role", "annotations"));
        if (role == "lockfile") {
            VOUCH_TRY_ASSIGN(out.lockfile, digested_file(entry, "lockfile dependency"));
        } else if (role == "sbom") {
            VOUCH_TRY_ASSIGN(out.sbom, digested_file(entry, "sbom dependency"));
            const json* checked = member(*annotations, "checked");
            if (checked != nullptr && !checked->is_boolean()) {
                return rejected("sbom dependency: annotations.checked is not a boolean");
            }
            out.sbom_checked = checked != nullptr && checked->get<bool>();
        } else if (role == "verdict") {
            VerdictRecord verdict;
            VOUCH_TRY_ASSIGN(verdict.document, digested_file(entry, "verdict dependency"));
            VOUCH_TRY_ASSIGN(verdict.verdict,
                             optional_string(*annotations, "verdict", "annotations"));
            if (const json* lockfile = member(*annotations, "lockfile")) {
                VOUCH_TRY_ASSIGN(verdict.lockfile.path,
                                 optional_string(*lockfile, "path", "verdict.lockfile"));
                VOUCH_TRY_ASSIGN(verdict.lockfile.sha256,
                                 optional_string(*lockfile, "sha256", "verdict.lockfile"));
            }
            VOUCH_TRY_ASSIGN(verdict.gate, optional_string(*annotations, "gate", "annotations"));
            if (const json* database = member(*annotations, "database")) {
                VOUCH_TRY_ASSIGN(verdict.database_sha256,
                                 optional_string(*database, "sha256", "verdict.database"));
                VOUCH_TRY_ASSIGN(verdict.database_imported,
                                 optional_string(*database, "imported", "verdict.database"));
            }
            out.verdict = std::move(verdict);
        }
    }
    return {};
}

Result<std::uint64_t> count_of(const json& object, const char* name, const char* where) {
    const json* value = member(object, name);
    if (value == nullptr || !value->is_number_unsigned()) {
        return rejected(std::string(where) + "." + name + " is not a non-negative integer");
    }
    return value->get<std::uint64_t>();
}

// internalParameters.vouch.inspection. Strict: an unreadable record must never read as clean.
Result<InspectionRecord> parse_inspection(const json& value) {
    constexpr const char* where = "internalParameters.vouch.inspection";
    if (!value.is_object()) {
        return rejected(std::string(where) + " is not an object");
    }
    InspectionRecord record;
    const json* performed = member(value, "performed");
    if (performed != nullptr && !performed->is_boolean()) {
        return rejected(std::string(where) + ".performed is not a boolean");
    }
    record.performed = performed != nullptr && performed->get<bool>();
    if (!record.performed) {
        return record;
    }
    VOUCH_TRY_ASSIGN(record.trigger, optional_string(value, "trigger", where));
    VOUCH_TRY_ASSIGN(record.threshold, optional_string(value, "threshold", where));
    if (const json* policy = member(value, "policy")) {
        VOUCH_TRY_ASSIGN(record.policy_path, optional_string(*policy, "path", "inspection.policy"));
        VOUCH_TRY_ASSIGN(record.policy_sha256,
                         optional_string(*policy, "sha256", "inspection.policy"));
    }
    if (const json* subjects = member(value, "subjects")) {
        if (!subjects->is_array()) {
            return rejected(std::string(where) + ".subjects is not an array");
        }
        for (const auto& name : *subjects) {
            if (!name.is_string()) {
                return rejected(std::string(where) + ".subjects holds a non-string");
            }
            record.subjects.push_back(name.get<std::string>());
        }
    }
    VOUCH_TRY_ASSIGN(record.files_scanned, count_of(value, "filesScanned", where));
    VOUCH_TRY_ASSIGN(record.bytes_scanned, count_of(value, "bytesScanned", where));
    const json* findings = member(value, "findings");
    if (findings == nullptr || !findings->is_object()) {
        return rejected(std::string(where) + ".findings is not an object");
    }
    VOUCH_TRY_ASSIGN(record.total, count_of(*findings, "total", "inspection.findings"));
    VOUCH_TRY_ASSIGN(record.failing, count_of(*findings, "failing", "inspection.findings"));
    VOUCH_TRY_ASSIGN(record.suppressed, count_of(*findings, "suppressed", "inspection.findings"));
    VOUCH_TRY_ASSIGN(record.expired_exceptions, count_of(value, "expiredExceptions", where));
    if (const json* rules = member(value, "rules")) {
        if (!rules->is_object()) {
            return rejected(std::string(where) + ".rules is not an object");
        }
        for (const auto& [rule, by_severity] : rules->items()) {
            if (!by_severity.is_object()) {
                return rejected(std::string(where) + ".rules." + rule + " is not an object");
            }
            for (const auto& [severity, count] : by_severity.items()) {
                if (!count.is_number_unsigned()) {
                    return rejected(std::string(where) + ".rules." + rule + "." + severity +
                                    " is not a non-negative integer");
                }
                record.rules[rule][severity] = count.get<std::size_t>();
            }
        }
    }
    const json* allow = member(value, "allowFindings");
    if (allow != nullptr && !allow->is_boolean()) {
        return rejected(std::string(where) + ".allowFindings is not a boolean");
    }
    record.allow_findings = allow != nullptr && allow->get<bool>();
    return record;
}

} // namespace

Result<Provenance> parse_provenance(const dsse::VerifiedPayload& payload) {
    // Strict: duplicate keys, a NUL or trailing bytes would let another reader of the same signed
    // bytes see a different commit or subject.
    auto parsed = util::parse_strict_json<json>(payload.bytes(), "payload");
    if (!parsed) {
        const auto& error = parsed.error();
        std::string where;
        if (error.line > 0) {
            where = " (" + std::to_string(error.line) + ":" + std::to_string(error.column) + ")";
        }
        return rejected("payload" + where + ": " + error.message);
    }
    const json statement = std::move(*parsed);
    if (!statement.is_object()) {
        return rejected("payload is not a JSON object");
    }
    Provenance out;
    VOUCH_TRY_ASSIGN(out.statement_type, optional_string(statement, "_type", "statement"));
    if (out.statement_type != k_statement_v1 && out.statement_type != k_statement_v01) {
        return rejected("_type is '" + out.statement_type +
                        "', not an in-toto Statement v1 or v0.1");
    }
    VOUCH_TRY_ASSIGN(out.predicate_type, optional_string(statement, "predicateType", "statement"));
    if (out.predicate_type != k_slsa_provenance_v1) {
        return rejected("predicateType is '" + out.predicate_type + "', expected " +
                        std::string(k_slsa_provenance_v1));
    }
    VOUCH_TRY(parse_subjects(statement, out));
    const json* predicate = member(statement, "predicate");
    const json* build_definition = predicate ? member(*predicate, "buildDefinition") : nullptr;
    const json* run_details = predicate ? member(*predicate, "runDetails") : nullptr;
    if (build_definition == nullptr || run_details == nullptr) {
        return rejected("predicate lacks buildDefinition or runDetails");
    }
    VOUCH_TRY(parse_dependencies(*build_definition, out));
    VOUCH_TRY(attach_manifests(*run_details, out));
    if (const json* internal = member(*build_definition, "internalParameters")) {
        if (const json* vouch = member(*internal, "vouch")) {
            const json* allow_dirty = member(*vouch, "allowDirty");
            const json* dirty = member(*vouch, "dirty");
            if ((allow_dirty && !allow_dirty->is_boolean()) || (dirty && !dirty->is_boolean())) {
                return rejected("internalParameters.vouch.allowDirty/dirty are not booleans");
            }
            out.allow_dirty = allow_dirty && allow_dirty->get<bool>();
            VOUCH_TRY_ASSIGN(out.commit_source,
                             optional_string(*vouch, "commitSource", "internalParameters.vouch"));
            if (out.commit) {
                out.commit->dirty = dirty && dirty->get<bool>();
            }
            if (const json* inspection = member(*vouch, "inspection")) {
                VOUCH_TRY_ASSIGN(out.inspection, parse_inspection(*inspection));
            }
        }
    }
    if (const json* external = member(*build_definition, "externalParameters")) {
        VOUCH_TRY_ASSIGN(out.repository,
                         optional_string(*external, "repository", "externalParameters"));
        VOUCH_TRY_ASSIGN(out.ref, optional_string(*external, "ref", "externalParameters"));
    }
    if (const json* builder = member(*run_details, "builder")) {
        VOUCH_TRY_ASSIGN(out.builder_id, optional_string(*builder, "id", "runDetails.builder"));
    }
    if (const json* metadata = member(*run_details, "metadata")) {
        VOUCH_TRY_ASSIGN(out.started, parse_time(*metadata, "startedOn"));
        VOUCH_TRY_ASSIGN(out.finished, parse_time(*metadata, "finishedOn"));
        VOUCH_TRY_ASSIGN(out.invocation_id,
                         optional_string(*metadata, "invocationId", "runDetails.metadata"));
    }
    return out;
}

} // namespace vouch::attest
