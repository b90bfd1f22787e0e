// Hidden `vouch minisig sign|verify`: plain minisign signatures of one file. `verify` is the same
// as `vouch verify ARTIFACT --minisig SIG` (run_verify_minisig); both exist so the keys concern
// is testable end to end, and interoperable with minisign, independently of `vouch sign/verify`.
#include "command.hpp"
#include "passphrase.hpp"
#include "verify_minisig.hpp"

#include <iostream>
#include <nlohmann/json.hpp>
#include <vouch/keys/minisig.hpp>
#include <vouch/util/file.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string artifact;
    std::string sig;
    std::vector<std::string> pubs;
    std::string key;
    std::string password_file;
    bool allow_legacy = false;
    std::string format = "table";
};

Result<int> sign(const Options& opts) {
    VOUCH_TRY_ASSIGN(auto key, load_secret_key(opts.key, opts.password_file));
    VOUCH_TRY_ASSIGN(auto sig, keys::sign_file_minisig(key, opts.artifact));
    const std::string out = opts.sig.empty() ? opts.artifact + ".minisig" : opts.sig;
    VOUCH_TRY(util::write_file_atomic(out, keys::format_minisig(sig), 0644));
    if (opts.format == "json") {
        const nlohmann::json json = {{"artifact", opts.artifact},
                                     {"signature", out},
                                     {"key_id", keys::key_id_hex(sig.key_id)},
                                     {"trusted_comment", sig.trusted_comment}};
        std::cout << json.dump(2) << '\n';
    } else {
        std::cout << "Signature: " << out << "\nKey id: " << keys::key_id_hex(sig.key_id)
                  << "\nTrusted comment: " << sig.trusted_comment << '\n';
    }
    return exit_pass;
}

const bool registered = register_command(
    "minisig", "minisign signatures of one file (sign | verify)",
    [](CLI::App& app) -> Action {
        app.require_subcommand(1);
        auto opts = std::make_shared<Options>();
        auto format = [opts](CLI::App* sub) {
            sub->add_option("--format", opts->format, "table|json")
                ->check(CLI::IsMember({"table", "json"}));
        };
        CLI::App* sign_cmd = app.add_subcommand("sign", "Write ARTIFACT.minisig");
        sign_cmd->add_option("artifact", opts->artifact, "File to sign")->required();
        sign_cmd->add_option("--key", opts->key, "Secret key file (default: VOUCH_SECRET_KEY)");
        sign_cmd->add_option("--password-file", opts->password_file, "Passphrase file");
        sign_cmd->add_option("-o,--output", opts->sig, "Signature file (default ARTIFACT.minisig)");
        format(sign_cmd);
        CLI::App* verify_cmd = app.add_subcommand("verify", "Verify ARTIFACT.minisig");
        verify_cmd->add_option("artifact", opts->artifact, "Signed file")->required();
        verify_cmd->add_option("--minisig", opts->sig, "Signature file (default ARTIFACT.minisig)");
        verify_cmd->add_option("--pub", opts->pubs, "Trusted minisign public key file(s)");
        verify_cmd->add_flag("--allow-legacy", opts->allow_legacy,
                             "Accept legacy non-prehashed signatures");
        format(verify_cmd);
        return [opts, sign_cmd]() -> Result<int> {
            if (sign_cmd->parsed()) {
                return sign(*opts);
            }
            return run_verify_minisig(opts->artifact, opts->sig, opts->pubs, opts->allow_legacy,
                                      opts->format);
        };
    },
    // Hidden: `vouch sign --minisign` and `vouch verify --minisig` are the public way in.
    Listing::hidden);

} // namespace
} // namespace vouch::cli
