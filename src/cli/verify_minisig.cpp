#include "verify_minisig.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <vouch/keys/minisig.hpp>

namespace vouch::cli {

Result<int> run_verify_minisig(const std::string& artifact, const std::string& sig,
                               const std::vector<std::string>& pubs, bool allow_legacy,
                               const std::string& format) {
    if (pubs.empty()) {
        return fail(Errc::usage, "--pub KEY is required to verify a minisign signature");
    }
    std::vector<keys::PublicKey> trusted;
    for (const auto& path : pubs) {
        VOUCH_TRY_ASSIGN(auto key, keys::load_public_key(path));
        trusted.push_back(key);
    }
    const std::string sigfile = sig.empty() ? artifact + ".minisig" : sig;
    auto verdict = keys::verify_minisig_file(artifact, sigfile, trusted, allow_legacy);
    const bool json = format == "json";

    if (!verdict) {
        if (verdict.error().code != Errc::rejected || !json) {
            return tl::unexpected<Error>(verdict.error());
        }
        nlohmann::json out = {{"verified", false},
                              {"artifact", artifact},
                              {"signature", sigfile},
                              {"error", verdict.error().describe()}};
        std::cout << out.dump(2) << '\n';
        std::cerr << "vouch: error: " << verdict.error().describe() << '\n';
        return exit_fail;
    }
    const char* algorithm = verdict->algorithm == keys::SigAlgorithm::prehashed ? "ED" : "Ed";
    if (json) {
        nlohmann::json out = {
            {"verified", true},       {"artifact", artifact},
            {"signature", sigfile},   {"key_id", keys::key_id_hex(verdict->key_id)},
            {"algorithm", algorithm}, {"trusted_comment", verdict->trusted_comment}};
        std::cout << out.dump(2) << '\n';
    } else {
        // The trusted comment is authenticated and free of control characters (checked when
        // parsed), so it is safe to print as is.
        std::cout << "Signature and comment signature verified\n"
                  << "Key id: " << keys::key_id_hex(verdict->key_id) << '\n'
                  << "Trusted comment: " << verdict->trusted_comment << '\n';
    }
    return exit_pass;
}

} // namespace vouch::cli
