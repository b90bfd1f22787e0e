#include "subjects.hpp"

#include <algorithm>
#include <vouch/attest/provenance.hpp>
#include <vouch/digest/manifest.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/text.hpp>

namespace vouch::verify {

namespace fs = std::filesystem;

namespace {

std::string list(const std::vector<std::string>& paths) {
    constexpr std::size_t k_shown = 10;
    std::string out;
    for (std::size_t i = 0; i < paths.size() && i < k_shown; ++i) {
        out += (i == 0 ? "" : ", ") + paths[i];
    }
    if (paths.size() > k_shown) {
        out += ", ... (" + std::to_string(paths.size()) + " in all)";
    }
    return out;
}

std::string describe_diff(const digest::ManifestDiff& diff) {
    std::string out;
    auto part = [&](const char* label, const std::vector<std::string>& paths) {
        if (!paths.empty()) {
            out += std::string(out.empty() ? "" : "; ") + label + ": " + list(paths);
        }
    };
    part("added", diff.added);
    part("removed", diff.removed);
    part("changed", diff.changed);
    return out;
}

const std::string* sha256_of(const attest::Subject& subject) {
    const auto it = subject.digest.find("sha256");
    return it == subject.digest.end() ? nullptr : &it->second;
}

struct Computed {
    std::string sha256;
    std::optional<digest::Manifest> manifest; // directories
};

Result<Computed> compute(const fs::path& artifact, unsigned threads) {
    std::error_code ec;
    const auto status = fs::status(artifact, ec);
    Computed out;
    if (fs::is_directory(status)) {
        // Links are recorded, never followed, so an external link is safe to list here; if the
        // signer refused it, it is simply an added file.
        VOUCH_TRY_ASSIGN(out.manifest,
                         digest::build_manifest(artifact, {digest::ExternalLinks::allow, threads}));
        out.sha256 = digest::manifest_sha256(*out.manifest);
        return out;
    }
    if (!fs::is_regular_file(status)) {
        return fail(Errc::rejected, "artifact not found or not a file/directory",
                    artifact.string());
    }
    VOUCH_TRY_ASSIGN(const auto digest, digest::hash_file(artifact));
    out.sha256 = digest.sha256;
    return out;
}

// A signed manifest must itself be canonical and carry no hostile paths, and must be what the
// subject digest covers.
Result<digest::Manifest> signed_manifest(const attest::Subject& subject) {
    VOUCH_TRY_ASSIGN(auto manifest, digest::parse_manifest(subject.manifest, subject.name));
    const std::string* sha = sha256_of(subject);
    if (sha == nullptr || digest::sha256_hex(subject.manifest) != *sha) {
        return fail(Errc::rejected, "manifest does not match the subject digest", subject.name);
    }
    return manifest;
}

} // namespace

std::string plain_text(const Error& error) {
    std::string out;
    if (!error.file.empty()) {
        out += util::strip_userinfo(error.file);
        if (error.line > 0) {
            out += ':' + std::to_string(error.line) + ':' + std::to_string(error.column);
        }
        out += ": ";
    }
    return out + error.message;
}

SubjectsOutcome check_subjects(const std::vector<fs::path>& artifacts,
                               const std::vector<attest::Subject>& subjects, unsigned threads,
                               bool every_subject) {
    if (artifacts.empty()) {
        return {false, "no artifact given to check against the subjects"};
    }
    // Every signed manifest is validated up front, whether or not it is needed for a diff.
    for (const auto& subject : subjects) {
        if (!subject.manifest.empty()) {
            if (auto manifest = signed_manifest(subject); !manifest) {
                return {false, "signed manifest of '" + subject.name +
                                   "' is invalid: " + plain_text(manifest.error())};
            }
        }
    }
    std::string matched;
    std::vector<const attest::Subject*> seen;
    for (const auto& artifact : artifacts) {
        const std::string name = attest::subject_name(artifact);
        auto computed = compute(artifact, threads);
        if (!computed) {
            return {false, plain_text(computed.error())};
        }
        const attest::Subject* by_name = nullptr;
        const attest::Subject* by_digest = nullptr;
        for (const auto& subject : subjects) {
            const std::string* sha = sha256_of(subject);
            if (subject.name == name && by_name == nullptr) {
                by_name = &subject;
            }
            if (sha != nullptr && digest::equal_constant_time(*sha, computed->sha256) &&
                by_digest == nullptr) {
                by_digest = &subject;
            }
        }
        if (by_digest != nullptr) {
            seen.push_back(by_digest);
            matched += (matched.empty() ? "" : ", ") + name + " sha256:" + computed->sha256;
            continue;
        }
        if (by_name == nullptr && computed->manifest) {
            // Signed under another path (e.g. an absolute one): the only directory subject is
            // the one to compare with.
            const attest::Subject* only_directory = nullptr;
            int directories = 0;
            for (const auto& subject : subjects) {
                if (!subject.manifest.empty()) {
                    only_directory = &subject;
                    ++directories;
                }
            }
            by_name = directories == 1 ? only_directory : nullptr;
        }
        if (by_name == nullptr) {
            return {false, name + ": no subject has this name or digest (sha256:" +
                               computed->sha256 + ")"};
        }
        std::string detail = name + ": digest mismatch (signed sha256:" +
                             (sha256_of(*by_name) ? *sha256_of(*by_name) : "none") +
                             ", now sha256:" + computed->sha256 + ")";
        if (computed->manifest && !by_name->manifest.empty()) {
            const auto signed_files = signed_manifest(*by_name);
            const auto diff = digest::diff_manifests(*signed_files, *computed->manifest);
            detail += "; " + describe_diff(diff);
        } else if (computed->manifest) {
            detail += "; the signed subject is a file, this is a directory";
        } else if (!by_name->manifest.empty()) {
            detail += "; the signed subject is a directory, this is a file";
        }
        return {false, detail};
    }
    if (every_subject) {
        for (const auto& subject : subjects) {
            const std::string* sha = sha256_of(subject);
            const bool covered = std::any_of(seen.begin(), seen.end(), [&](const auto* s) {
                return sha != nullptr && sha256_of(*s) != nullptr && *sha256_of(*s) == *sha;
            });
            if (!covered) {
                return {false, "subject '" + subject.name +
                                   "' was not among the ARTIFACTs re-hashed; give every signed "
                                   "artifact"};
            }
        }
    }
    return {true, matched};
}

} // namespace vouch::verify
