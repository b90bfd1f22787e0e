// `vouch keygen -o PREFIX`: an Ed25519 key pair in minisign's file formats.
#include "command.hpp"
#include "passphrase.hpp"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <system_error>
#include <vouch/keys/keys.hpp>
#include <vouch/util/file.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string prefix;
    bool no_password = false;
    std::string password_file;
    bool force = false;
    std::string format = "table";
};

Result<int> keygen(const Options& opts) {
    namespace fs = std::filesystem;
    const fs::path pub_path = opts.prefix + ".pub";
    const fs::path key_path = opts.prefix + ".key";
    if (!opts.force) {
        for (const auto& path : {key_path, pub_path}) {
            std::error_code ec;
            if (fs::symlink_status(path, ec).type() != fs::file_type::not_found) {
                return fail(Errc::usage, "already exists; pass --force to overwrite it",
                            path.string());
            }
        }
    }

    std::optional<keys::Password> password;
    if (!opts.no_password) {
        VOUCH_TRY_ASSIGN(
            auto entered,
            read_passphrase(opts.password_file, "Passphrase for the new secret key: ", true));
        if (entered.size() == 0) {
            return fail(Errc::usage,
                        "empty passphrase; pass --no-password for an unencrypted secret key");
        }
        password = std::move(entered);
    }

    const keys::SecretKey key = keys::generate_key();
    // Encrypting costs about 1 GiB and a few seconds by design (minisign's scrypt parameters).
    VOUCH_TRY_ASSIGN(auto secret_text,
                     keys::format_secret_key(key, password ? &*password : nullptr));
    const keys::PublicKey pub = key.public_key();
    VOUCH_TRY(util::write_file_atomic(key_path, secret_text.view(), 0600));
    if (auto written = util::write_file_atomic(pub_path, keys::format_public_key(pub), 0644);
        !written) {
        std::error_code ec;
        fs::remove(key_path, ec); // never leave half a key pair behind
        return tl::unexpected<Error>(written.error());
    }

    const std::string id = keys::key_id_hex(pub.id);
    if (opts.format == "json") {
        const nlohmann::json out = {{"key_id", id},
                                    {"public_key", pub_path.string()},
                                    {"secret_key", key_path.string()},
                                    {"encrypted", password.has_value()},
                                    {"public_key_base64", keys::public_key_base64(pub)}};
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << "Key id: " << id << '\n'
                  << "Public key: " << pub_path.string() << '\n'
                  << "Secret key: " << key_path.string()
                  << (password ? " (encrypted)" : " (NOT encrypted)") << '\n'
                  << "Verify with minisign: minisign -Vm <file> -P " << keys::public_key_base64(pub)
                  << '\n';
    }
    return exit_pass;
}

const bool registered = register_command(
    "keygen", "Create an Ed25519 key pair in minisign's formats (PREFIX.pub, PREFIX.key)",
    [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.add_option("-o,--output", opts->prefix, "Path prefix of PREFIX.pub and PREFIX.key")
            ->required();
        auto* no_password = app.add_flag("--no-password", opts->no_password,
                                         "Write the secret key unencrypted (as minisign -W)");
        app.add_option("--password-file", opts->password_file,
                       "Read the passphrase from the first line of FILE")
            ->excludes(no_password);
        app.add_flag("--force", opts->force, "Overwrite an existing key pair");
        app.add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        return [opts]() -> Result<int> { return keygen(*opts); };
    });

} // namespace
} // namespace vouch::cli
