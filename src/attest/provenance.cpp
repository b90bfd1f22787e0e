#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <span>
#include <vouch/attest/provenance.hpp>
#include <vouch/attest/sbom_check.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/git/repository.hpp>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/file.hpp>
#include <vouch/util/json_error.hpp>
#include <vouch/util/text.hpp>

namespace vouch::attest {

namespace fs = std::filesystem;

namespace {

Result<DigestedFile> digest_of(const fs::path& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return fail(Errc::io, "no such file", path.string());
    }
    VOUCH_TRY_ASSIGN(const auto digest, digest::hash_file(path));
    return DigestedFile{path.generic_string(), digest.sha256};
}

std::string random_invocation_id() {
    std::array<std::uint8_t, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40); // UUID v4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);
    const std::string hex = util::to_hex(bytes.data(), bytes.size());
    return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

// One directory artifact's inspection, fed by the hashing read (ManifestOptions::file_tap).
struct ArtifactInspection {
    inspect::Located where;
    std::unique_ptr<inspect::TreeInspection> inspection;
};

Result<ArtifactInspection> start_inspection(const fs::path& artifact,
                                            const InspectionRequest& request) {
    std::error_code ec;
    if (!fs::is_directory(artifact, ec)) {
        return fail(Errc::unsupported,
                    "cannot inspect a single file: sign the build output directory "
                    "(.vercel/output or .next), or sign without --inspect (and without the "
                    "policy's inspect.on-sign)",
                    artifact.string());
    }
    ArtifactInspection out;
    VOUCH_TRY_ASSIGN(out.where, inspect::locate(artifact));
    // A project folder (the artifact holds the build output) may hold the build's dotenv files.
    out.inspection = std::make_unique<inspect::TreeInspection>(
        out.where, request.config,
        inspect::public_secret_candidates(out.where.prefix.empty() ? fs::path() : artifact,
                                          request.environment));
    return out;
}

// The Sink for one file of the manifest: its bytes go to the file's scanner (if it has one),
// the final (nullptr, 0) call closes it.
digest::Sink inspection_tap(inspect::TreeInspection& inspection, const std::string& prefix,
                            const std::string& path) {
    std::string_view relative(path);
    if (!relative.starts_with(prefix)) {
        return {}; // outside the build output (the artifact is its project folder)
    }
    relative.remove_prefix(prefix.size());
    auto scanner = inspection.open(relative);
    if (!scanner) {
        return {};
    }
    struct State {
        std::unique_ptr<inspect::FileScanner> scanner;
        std::uint64_t bytes = 0;
    };
    auto state = std::make_shared<State>(State{std::move(scanner), 0});
    return [&inspection, state](const std::uint8_t* data, std::size_t size) {
        if (data == nullptr) {
            inspection.close(std::move(state->scanner), state->bytes);
            return;
        }
        state->scanner->feed(std::span<const std::uint8_t>(data, size));
        state->bytes += size;
    };
}

// Adds one artifact's outcome to the record (counts only) and keeps its counting findings.
void record_outcome(const inspect::Outcome& outcome, const std::string& subject,
                    InspectionRecord& record, std::vector<inspect::Finding>& failing,
                    std::vector<std::string>& warnings) {
    for (const auto& e : outcome.expired) {
        warnings.push_back("expired inspect exception no longer applies: " + e.rule + " " + e.path +
                           " (" + e.owner + ", expired " + e.expires + ")");
    }
    record.subjects.push_back(subject);
    record.files_scanned += outcome.files_scanned;
    record.bytes_scanned += outcome.bytes_scanned;
    record.expired_exceptions += outcome.expired.size();
    for (const auto& f : outcome.findings) {
        if (f.suppressed_by) {
            ++record.suppressed;
            continue;
        }
        ++record.total;
        ++record.rules[f.rule][std::string(inspect::severity_name(f.severity))];
        if (outcome.threshold.counts(f.severity)) {
            ++record.failing;
            failing.push_back(f);
            failing.back().file = subject + "/" + f.file;
        }
    }
}

std::string refusal(const InspectionRecord& record, const std::vector<inspect::Finding>& failing) {
    std::map<std::string, std::size_t> per_rule;
    for (const auto& f : failing) {
        ++per_rule[f.rule];
    }
    std::string counts;
    for (const auto& [rule, n] : per_rule) {
        counts += (counts.empty() ? "" : ", ") + rule + " " + std::to_string(n);
    }
    const auto& first = failing.front();
    return "the inspection found " + std::to_string(record.failing) +
           " finding(s) at or above threshold '" + record.threshold + "' (" + counts +
           "; first: " + first.rule + " at " + first.file + ":" + std::to_string(first.line) + ":" +
           std::to_string(first.column) + ")" +
           (record.expired_exceptions > 0
                ? "; " + std::to_string(record.expired_exceptions) +
                      " policy exception(s) have expired and no longer apply"
                : std::string()) +
           "; nothing signed: run vouch inspect for the list, fix them or add a policy "
           "exception, or pass --allow-inspection-findings (recorded)";
}

Result<Subject> digest_artifact(const fs::path& artifact, const ProvenanceRequest& request,
                                std::vector<MinisignPrehash>& prehashes, ProvenanceOutput& out,
                                ArtifactInspection* inspection) {
    std::error_code ec;
    const auto status = fs::status(artifact, ec);
    Subject subject;
    subject.name = subject_name(artifact);
    if (fs::is_directory(status)) {
        digest::ManifestOptions options{request.external_links, request.threads, {}, {}};
        if (inspection != nullptr) {
            options.file_tap = [inspection](const std::string& path) {
                return inspection_tap(*inspection->inspection, inspection->where.prefix, path);
            };
        }
        VOUCH_TRY_ASSIGN(const auto manifest, digest::build_manifest(artifact, options));
        const auto files = static_cast<std::size_t>(
            std::count_if(manifest.entries.begin(), manifest.entries.end(), [](const auto& e) {
                return e.kind == digest::ManifestEntry::Kind::file;
            }));
        out.files_hashed += files;
        if (manifest.entries.empty()) {
            out.warnings.push_back("signing an empty directory: " + artifact.string() +
                                   " has no files (is this the build output?)");
        }
        subject.manifest = digest::serialize_manifest(manifest);
        subject.digest["sha256"] = digest::sha256_hex(subject.manifest);
        return subject;
    }
    if (!fs::is_regular_file(status)) {
        return fail(Errc::io,
                    ec || !fs::exists(status) ? "no such file or directory"
                                              : "not a regular file or directory",
                    artifact.string());
    }
    out.files_hashed += 1;
    if (!request.minisign_prehash) {
        VOUCH_TRY_ASSIGN(const auto digest, digest::hash_file(artifact));
        subject.digest["sha256"] = digest.sha256;
        return subject;
    }
    // minisign's prehash (BLAKE2b-512 of the whole file), computed in the same read.
    keys::Blake2bPrehash blake2b;
    VOUCH_TRY_ASSIGN(const auto digest,
                     digest::hash_file(artifact, [&](const std::uint8_t* data, std::size_t size) {
                         blake2b.update(data, size);
                     }));
    MinisignPrehash prehash{artifact, blake2b.finish()};
    subject.digest["sha256"] = digest.sha256;
    subject.digest["blake2b"] = util::to_hex(prehash.blake2b512.data(), prehash.blake2b512.size());
    prehashes.push_back(prehash);
    return subject;
}

Result<SourceCommit> commit_from_git(const ProvenanceRequest& request) {
    VOUCH_TRY_ASSIGN(const auto commit, git::describe_commit(request.repo, request.revision));
    if (commit.dirty && !request.allow_dirty) {
        std::string paths;
        for (const auto& p : commit.dirty_paths) {
            paths += (paths.empty() ? "" : ", ") + p;
        }
        if (!commit.is_head) {
            // The files on disk are not the commit being recorded: signing would bind X's SHA
            // to another tree.
            return fail(Errc::rejected,
                        "the working tree is not commit " + commit.sha + " (HEAD is " +
                            (commit.head_sha.empty() ? std::string("unborn") : commit.head_sha) +
                            "; differs in " + paths +
                            "): check out the commit being signed, "
                            "or pass --allow-dirty (which is recorded)",
                        request.repo.string());
        }
        return fail(Errc::rejected,
                    "the working tree has uncommitted changes (" + paths +
                        "); commit them or pass --allow-dirty (which is recorded)",
                    request.repo.string());
    }
    return SourceCommit{commit.sha,
                        commit.branch,
                        util::strip_userinfo(commit.remote_url),
                        commit.dirty,
                        commit.dirty_paths,
                        std::string(k_commit_source_git),
                        {}};
}

// No repository (Vercel's build can run without one): the CI's commit variable, recorded as
// such, since nothing here can compare it with the files.
Result<SourceCommit> commit_from_ci(const ProvenanceRequest& request) {
    std::optional<SourceCommit> from_ci;
    if (request.env) {
        VOUCH_TRY_ASSIGN(from_ci, ci_commit(request.env));
    }
    if (!from_ci) {
        return fail(Errc::io,
                    "not a git repository, and VERCEL_GIT_COMMIT_SHA is not set: sign from the "
                    "checkout (--repo DIR), or inside Vercel's build where VERCEL_GIT_COMMIT_SHA "
                    "names the commit",
                    request.repo.string());
    }
    if (!request.revision.empty() && request.revision != from_ci->sha) {
        return fail(Errc::rejected,
                    "--commit " + request.revision + " is not VERCEL_GIT_COMMIT_SHA (" +
                        from_ci->sha + ") and there is no repository to resolve it in",
                    request.repo.string());
    }
    from_ci->remote_url = util::strip_userinfo(from_ci->remote_url);
    return std::move(*from_ci);
}

// An SBOM is recorded only when it is one and describes the lockfile being recorded; another
// tool's SBOM, which does not say, needs the explicit opt-out, and is recorded as unchecked.
Status record_sbom(const fs::path& path, bool unchecked_allowed, ProvenanceInput& input,
                   std::vector<std::string>& warnings) {
    constexpr std::uintmax_t k_max_sbom_bytes = std::uintmax_t{256} << 20;
    VOUCH_TRY_ASSIGN(const auto text, util::read_file(path, k_max_sbom_bytes));
    VOUCH_TRY_ASSIGN(const auto facts, inspect_sbom(text, path.string()));
    if (facts.lockfile_sha256 && input.lockfile &&
        *facts.lockfile_sha256 != input.lockfile->sha256) {
        return fail(Errc::rejected,
                    "the SBOM describes another lockfile (sha256 " + *facts.lockfile_sha256 +
                        "), not " + input.lockfile->path + " (sha256 " + input.lockfile->sha256 +
                        ")",
                    path.string());
    }
    const bool checked = facts.lockfile_sha256 && input.lockfile;
    if (!checked && !unchecked_allowed) {
        return fail(Errc::rejected,
                    facts.lockfile_sha256
                        ? "no lockfile is recorded to check the SBOM against: pass --lockfile "
                          "FILE, or --sbom-unchecked to record it as not checked"
                        : "the " + facts.format +
                              " SBOM does not say which lockfile it describes (not made by vouch "
                              "sbom): pass --sbom-unchecked to record it as not checked",
                    path.string());
    }
    input.sbom = DigestedFile{path.generic_string(), digest::sha256_hex(text)};
    input.sbom_format = facts.format;
    input.sbom_checked = checked;
    if (!checked) {
        warnings.push_back("--sbom-unchecked: " + path.string() +
                           " is recorded without checking which lockfile it describes "
                           "(\"checked\": false)");
    }
    return {};
}

// verify refuses these later; the signer should hear it first.
void verdict_warnings(const VerdictRecord& verdict, const std::optional<DigestedFile>& lockfile,
                      std::vector<std::string>& warnings) {
    if (verdict.verdict != "pass") {
        warnings.push_back("the verdict " + verdict.document.path + " is \"" + verdict.verdict +
                           "\", not \"pass\": verify --require-verdict pass will refuse this "
                           "attestation");
    }
    if (!lockfile) {
        warnings.push_back("the verdict " + verdict.document.path +
                           " is about a lockfile, but no lockfile is recorded (--lockfile FILE)");
    } else if (verdict.lockfile.sha256 != lockfile->sha256) {
        warnings.push_back("the verdict " + verdict.document.path + " is about another lockfile (" +
                           (verdict.lockfile.path.empty() ? std::string("sha256 ")
                                                          : verdict.lockfile.path + ", sha256 ") +
                           verdict.lockfile.sha256 + "), not " + lockfile->path + " (sha256 " +
                           lockfile->sha256 + ")");
    }
}

} // namespace

std::string subject_name(const fs::path& artifact) {
    std::string name = artifact.lexically_normal().generic_string();
    while (name.size() > 1 && name.back() == '/') {
        name.pop_back();
    }
    return name;
}

Result<VerdictRecord> read_verdict(const fs::path& path) {
    VOUCH_TRY_ASSIGN(const std::string text, util::read_file(path, std::uintmax_t{16} << 20));
    nlohmann::json document;
    if (auto malformed = util::check_json_syntax(text, path.string(), Errc::parse)) {
        return tl::unexpected(std::move(*malformed));
    }
    // check_json_syntax() accepted the text, so this parse does not throw.
    document = nlohmann::json::parse(text);
    auto bad = [&](const std::string& what) {
        return fail(Errc::parse, "verdict: " + what, path.string());
    };
    if (!document.is_object()) {
        return bad("not a JSON object");
    }
    const auto verdict = document.find("verdict");
    if (verdict == document.end() || !verdict->is_string() ||
        (*verdict != "pass" && *verdict != "fail" && *verdict != "report-only")) {
        return bad("\"verdict\" must be \"pass\", \"fail\" or \"report-only\"");
    }
    const auto gate = document.find("gate");
    if (gate != document.end() && !gate->is_string()) {
        return bad("\"gate\" must be a string (any, low, moderate, high, critical or none)");
    }
    std::string database_sha256, database_imported;
    if (const auto database = document.find("database"); database != document.end()) {
        if (!database->is_object()) {
            return bad("\"database\" must be an object");
        }
        for (auto [key, into] :
             {std::pair{"sha256", &database_sha256}, std::pair{"imported", &database_imported}}) {
            const auto value = database->find(key);
            if (value == database->end() || value->is_null()) {
                continue;
            }
            if (!value->is_string()) {
                return bad(std::string("\"database.") + key + "\" must be a string");
            }
            *into = value->get<std::string>();
        }
    }
    const auto lockfile = document.find("lockfile");
    if (lockfile == document.end() || !lockfile->is_object() || !lockfile->contains("sha256") ||
        !(*lockfile)["sha256"].is_string() ||
        (lockfile->contains("path") && !(*lockfile)["path"].is_string())) {
        return bad("\"lockfile\" must be an object with string \"path\" and \"sha256\"");
    }
    VerdictRecord record;
    record.verdict = verdict->get<std::string>();
    record.gate = gate != document.end() ? gate->get<std::string>() : std::string();
    record.database_sha256 = std::move(database_sha256);
    record.database_imported = std::move(database_imported);
    record.lockfile.sha256 = (*lockfile)["sha256"].get<std::string>();
    record.lockfile.path = lockfile->value("path", std::string());
    record.document = DigestedFile{path.generic_string(), digest::sha256_hex(text)};
    return record;
}

Result<ProvenanceOutput> make_provenance(const ProvenanceRequest& request) {
    if (sodium_init() < 0) {
        return fail(Errc::internal, "libsodium failed to initialise");
    }
    if (request.artifacts.empty()) {
        return fail(Errc::usage, "no artifact to sign");
    }
    ProvenanceInput input;
    ProvenanceOutput out;
    VOUCH_TRY_ASSIGN(input.started, util::now());
    if (git::repository_exists(request.repo)) {
        VOUCH_TRY_ASSIGN(input.commit, commit_from_git(request));
    } else {
        VOUCH_TRY_ASSIGN(input.commit, commit_from_ci(request));
    }
    input.allow_dirty = request.allow_dirty;
    input.allow_external_links = request.external_links == digest::ExternalLinks::allow;
    input.ci = detect_ci(request.env);
    if (input.ci.invocation_id.empty()) {
        input.ci.invocation_id = random_invocation_id();
    }

    if (request.lockfile) {
        VOUCH_TRY_ASSIGN(input.lockfile, digest_of(*request.lockfile));
    } else if (std::error_code ec; fs::is_regular_file(request.repo / "package-lock.json", ec)) {
        VOUCH_TRY_ASSIGN(input.lockfile, digest_of(request.repo / "package-lock.json"));
    }
    if (request.sbom) {
        VOUCH_TRY(record_sbom(*request.sbom, request.sbom_unchecked, input, out.warnings));
    }
    if (request.verdict) {
        VOUCH_TRY_ASSIGN(input.verdict, read_verdict(*request.verdict));
        verdict_warnings(*input.verdict, input.lockfile, out.warnings);
    }

    // Every artifact is checked to be inspectable before any is hashed.
    std::vector<ArtifactInspection> inspections;
    if (request.inspection) {
        for (const auto& artifact : request.artifacts) {
            VOUCH_TRY_ASSIGN(auto started, start_inspection(artifact, *request.inspection));
            inspections.push_back(std::move(started));
        }
        auto& record = input.inspection;
        record.performed = true;
        record.trigger = request.inspection->trigger;
        record.policy_path = request.inspection->policy_path;
        record.policy_sha256 = request.inspection->policy_sha256;
        record.threshold = inspect::threshold_name(request.inspection->config.threshold);
        record.allow_findings = request.inspection->allow_findings;
    }

    for (std::size_t i = 0; i < request.artifacts.size(); ++i) {
        ArtifactInspection* inspection = inspections.empty() ? nullptr : &inspections[i];
        VOUCH_TRY_ASSIGN(auto subject, digest_artifact(request.artifacts[i], request, out.prehashes,
                                                       out, inspection));
        const bool duplicate =
            std::any_of(input.subjects.begin(), input.subjects.end(),
                        [&](const Subject& s) { return s.name == subject.name; });
        if (duplicate) {
            return fail(Errc::usage, "artifact named twice: " + subject.name);
        }
        if (inspection != nullptr) {
            VOUCH_TRY_ASSIGN(const auto outcome, inspection->inspection->finish(input.started));
            record_outcome(outcome, subject.name, input.inspection, out.inspection_findings,
                           out.warnings);
        }
        input.subjects.push_back(std::move(subject));
    }
    if (input.inspection.failing > 0 && !input.inspection.allow_findings) {
        return fail(Errc::rejected, refusal(input.inspection, out.inspection_findings));
    }
    VOUCH_TRY_ASSIGN(input.finished, util::now());
    out.statement = build_statement(input);
    out.subjects = input.subjects;
    out.commit = input.commit;
    out.inspection = input.inspection;
    return out;
}

} // namespace vouch::attest
