#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
#include <vouch/attest/statement.hpp>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/text.hpp>

namespace vouch::attest {

using ordered = nlohmann::ordered_json;

namespace {

ordered digest_set(const std::map<std::string, std::string>& digest) {
    ordered out = ordered::object();
    for (const auto& [algorithm, value] : digest) {
        out[algorithm] = value;
    }
    return out;
}

ordered role_dependency(const DigestedFile& file, const char* role) {
    return ordered{{"name", file.path},
                   {"digest", {{"sha256", file.sha256}}},
                   {"annotations", {{"vouch_role", role}}}};
}

ordered resolved_dependencies(const ProvenanceInput& input) {
    ordered deps = ordered::array();
    const auto& commit = input.commit;
    // Never a credential in a signed (and widely shared) document: GitLab CI's default origin is
    // https://gitlab-ci-token:<token>@host/...
    std::string uri =
        "git+" + (commit.remote_url.empty() ? std::string("unknown")
                                            : util::strip_userinfo(commit.remote_url));
    if (!commit.branch.empty()) {
        uri += "@" + commit.branch;
    }
    deps.push_back({{"uri", uri}, {"digest", {{"gitCommit", commit.sha}}}});
    if (input.lockfile) {
        deps.push_back(role_dependency(*input.lockfile, "lockfile"));
    }
    if (input.sbom) {
        auto sbom = role_dependency(*input.sbom, "sbom");
        sbom["annotations"]["format"] = input.sbom_format;
        // false: recorded with --sbom-unchecked, nobody checked which lockfile it describes.
        sbom["annotations"]["checked"] = input.sbom_checked;
        deps.push_back(std::move(sbom));
    }
    if (input.verdict) {
        auto verdict = role_dependency(input.verdict->document, "verdict");
        verdict["annotations"]["verdict"] = input.verdict->verdict;
        verdict["annotations"]["lockfile"] = {{"path", input.verdict->lockfile.path},
                                              {"sha256", input.verdict->lockfile.sha256}};
        if (!input.verdict->gate.empty()) {
            verdict["annotations"]["gate"] = input.verdict->gate;
        }
        if (!input.verdict->database_sha256.empty() || !input.verdict->database_imported.empty()) {
            verdict["annotations"]["database"] = {{"sha256", input.verdict->database_sha256},
                                                  {"imported", input.verdict->database_imported}};
        }
        deps.push_back(std::move(verdict));
    }
    return deps;
}

// Counts and settings only: a finding's file, excerpt or secret never enters the statement.
ordered inspection_record(const InspectionRecord& record) {
    if (!record.performed) {
        return {{"performed", false}};
    }
    ordered rules = ordered::object();
    for (const auto& [rule, by_severity] : record.rules) {
        ordered counts = ordered::object();
        for (const auto& [severity, count] : by_severity) {
            counts[severity] = count;
        }
        rules[rule] = std::move(counts);
    }
    return {
        {"performed", true},
        {"trigger", record.trigger},
        {"policy", {{"path", record.policy_path}, {"sha256", record.policy_sha256}}},
        {"threshold", record.threshold},
        {"subjects", record.subjects},
        {"filesScanned", record.files_scanned},
        {"bytesScanned", record.bytes_scanned},
        {"findings",
         {{"total", record.total}, {"failing", record.failing}, {"suppressed", record.suppressed}}},
        {"expiredExceptions", record.expired_exceptions},
        {"rules", std::move(rules)},
        {"allowFindings", record.allow_findings}};
}

// A stand-in for a manifest's base64 while the statement is dumped. A control character cannot
// come out of the dump unescaped, and splice_contents() checks that each stand-in occurs once.
std::string content_stand_in(std::size_t index) {
    return "\x01vouch-manifest-content-" + std::to_string(index) + "\x01";
}

// Puts each manifest's base64 where its stand-in was dumped: base64 needs no escaping, and
// passing megabytes of it through nlohmann's per-character serializer was a visible serial share
// of signing a large tree. Returns false (nothing changed) if a stand-in is not found exactly
// once, e.g. because a field of the input happens to hold the same text.
bool splice_contents(std::string& dumped, const std::vector<std::string>& contents) {
    std::vector<std::pair<std::size_t, std::size_t>> places; // offset in dumped, index
    std::size_t added = 0;
    std::size_t quoted_size = 0;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        const std::string quoted = ordered(content_stand_in(i)).dump();
        const std::size_t at = dumped.find(quoted);
        if (at == std::string::npos || dumped.find(quoted, at + 1) != std::string::npos) {
            return false;
        }
        places.emplace_back(at, i);
        added += contents[i].size() + 2;
        quoted_size += quoted.size();
    }
    std::sort(places.begin(), places.end());
    std::string out;
    out.reserve(dumped.size() + added - quoted_size);
    std::size_t copied = 0;
    for (const auto& [at, index] : places) {
        out.append(dumped, copied, at - copied);
        out += '"';
        out += contents[index];
        out += '"';
        copied = at + ordered(content_stand_in(index)).dump().size();
    }
    out.append(dumped, copied, std::string::npos);
    dumped = std::move(out);
    return true;
}

} // namespace

std::string build_statement(const ProvenanceInput& input) {
    ordered subjects = ordered::array();
    ordered byproducts = ordered::array();
    ordered artifact_names = ordered::array();
    std::vector<std::string> contents; // base64 manifests, spliced in after the dump
    for (const auto& subject : input.subjects) {
        subjects.push_back({{"name", subject.name}, {"digest", digest_set(subject.digest)}});
        artifact_names.push_back(subject.name);
        if (!subject.manifest.empty()) {
            // The manifest travels as a byproduct so verify can name the files that changed. A
            // directory's subject digest is already its manifest's SHA-256 (provenance.cpp):
            // not hashed a second time.
            const auto known = subject.digest.find("sha256");
            const std::string manifest_sha256 = known != subject.digest.end()
                                                    ? known->second
                                                    : digest::sha256_hex(subject.manifest);
            byproducts.push_back({{"name", subject.name},
                                  {"mediaType", digest::k_manifest_media_type},
                                  {"digest", {{"sha256", manifest_sha256}}},
                                  {"content", content_stand_in(contents.size())}});
            contents.push_back(util::base64_encode(subject.manifest));
        }
    }
    ordered external = {{"artifacts", artifact_names}, {"commit", input.commit.sha}};
    if (!input.commit.remote_url.empty()) {
        external["repository"] = util::strip_userinfo(input.commit.remote_url);
    }
    if (!input.commit.branch.empty()) {
        external["ref"] = "refs/heads/" + input.commit.branch;
    }
    ordered vouch_params = {{"version", VOUCH_VERSION},
                            {"manifestFormat", digest::k_manifest_header},
                            {"commitSource", input.commit.source},
                            {"allowDirty", input.allow_dirty}};
    if (input.commit.source == k_commit_source_git) {
        vouch_params["dirty"] = input.commit.dirty;
    } else {
        // Taken from the CI environment: no repository, so the working tree was not compared
        // and "dirty": false would be a claim nobody checked.
        vouch_params["commitVariable"] = input.commit.source_variable;
        vouch_params["workingTreeChecked"] = false;
    }
    vouch_params["allowExternalLinks"] = input.allow_external_links;
    if (!input.commit.dirty_paths.empty()) {
        vouch_params["dirtyPaths"] = input.commit.dirty_paths;
    }
    vouch_params["inspection"] = inspection_record(input.inspection);
    ordered ci_env = ordered::object();
    for (const auto& [name, value] : input.ci.variables) {
        ci_env[name] = value;
    }
    ordered metadata = {{"startedOn", util::format_rfc3339(input.started)},
                        {"finishedOn", util::format_rfc3339(input.finished)}};
    if (!input.ci.invocation_id.empty()) {
        metadata = {{"invocationId", input.ci.invocation_id},
                    {"startedOn", util::format_rfc3339(input.started)},
                    {"finishedOn", util::format_rfc3339(input.finished)}};
    }
    ordered run_details = {
        {"builder", {{"id", input.ci.builder_id}, {"version", {{"vouch", VOUCH_VERSION}}}}},
        {"metadata", metadata}};
    if (!byproducts.empty()) {
        run_details["byproducts"] = std::move(byproducts);
    }
    const ordered statement = {
        {"_type", k_statement_v1},
        {"subject", std::move(subjects)},
        {"predicateType", k_slsa_provenance_v1},
        {"predicate",
         {{"buildDefinition",
           {{"buildType", k_build_type},
            {"externalParameters", std::move(external)},
            {"internalParameters",
             {{"vouch", std::move(vouch_params)},
              {"ci", {{"provider", input.ci.provider}, {"env", std::move(ci_env)}}}}},
            {"resolvedDependencies", resolved_dependencies(input)}}},
          {"runDetails", std::move(run_details)}}}};
    std::string dumped = statement.dump();
    if (!splice_contents(dumped, contents)) {
        // A stand-in collided with input text: put the contents in and dump again.
        auto with_contents = statement;
        auto& placed = with_contents["predicate"]["runDetails"]["byproducts"];
        for (std::size_t i = 0; i < contents.size(); ++i) {
            placed[i]["content"] = contents[i];
        }
        dumped = with_contents.dump();
    }
    return dumped;
}

} // namespace vouch::attest
