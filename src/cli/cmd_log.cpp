// `vouch log verify|sign`: check the decision log's hash chain; sign its head against truncation.
#include "command.hpp"
#include "passphrase.hpp"

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vouch/audit/log.hpp>
#include <vouch/keys/keys.hpp>
#include <vouch/util/text.hpp>

namespace vouch::cli {
namespace {

struct Options {
    std::string file;
    std::vector<std::string> pubs;
    std::string key;
    std::string password_file;
    std::string format = "table";
};

Result<int> verify_log(const Options& opts) {
    std::vector<keys::PublicKey> trusted;
    for (const auto& path : opts.pubs) {
        VOUCH_TRY_ASSIGN(auto key, keys::load_public_key(path));
        trusted.push_back(key);
    }
    VOUCH_TRY_ASSIGN(const auto result, audit::verify_log(opts.file, trusted));
    if (!result.ok) {
        const std::string where =
            result.first_bad_line > 0 ? ":" + std::to_string(result.first_bad_line) : "";
        std::cerr << make_error(Errc::rejected,
                                (result.first_bad_line > 0
                                     ? "line " + std::to_string(result.first_bad_line) + ": "
                                     : std::string()) +
                                    result.problem,
                                opts.file + where)
                         .describe()
                  << '\n';
        if (opts.format == "json") {
            nlohmann::ordered_json doc;
            doc["ok"] = false;
            doc["first_bad_line"] = result.first_bad_line;
            doc["problem"] = result.problem;
            doc["good_entries_before"] = result.entries;
            std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                      << '\n';
        }
        return exit_fail;
    }
    if (opts.format == "json") {
        std::cout << "{\"ok\": true, \"entries\": " << result.entries << ", \"last_sha256\": \""
                  << result.last_sha256
                  << "\", \"head_checked\": " << (opts.pubs.empty() ? "false" : "true") << "}\n";
    } else {
        std::cout << "log ok: " << result.entries << " entries chained"
                  << (opts.pubs.empty() ? " (no --pub: truncation of the tail not checked)"
                                        : ", signed head verified")
                  << '\n';
    }
    return exit_pass;
}

Result<int> sign_log(const Options& opts) {
    if (opts.key.empty() && std::getenv("VOUCH_SECRET_KEY") == nullptr) {
        return fail(Errc::usage, "--key KEY is required (or set VOUCH_SECRET_KEY)");
    }
    VOUCH_TRY_ASSIGN(const auto key, load_secret_key(opts.key, opts.password_file));
    VOUCH_TRY_ASSIGN(const auto head, audit::sign_log(opts.file, key));
    if (opts.format == "json") {
        nlohmann::ordered_json doc;
        doc["head"] = audit::head_path(opts.file).string();
        doc["count"] = head.count;
        doc["last_sha256"] = head.last_sha256;
        std::cout << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                  << '\n';
        return exit_pass;
    }
    std::cout << "signed head " << util::escape_for_terminal(audit::head_path(opts.file).string())
              << ": " << head.count << " entries, last sha256 " << head.last_sha256 << '\n';
    return exit_pass;
}

const bool registered = register_command(
    "log", "Check or sign a decision log (hash-chained JSON lines)", [](CLI::App& app) -> Action {
        auto opts = std::make_shared<Options>();
        app.require_subcommand(1);
        auto* verify = app.add_subcommand(
            "verify", "Check the hash chain; with --pub also the signed head (truncation)");
        verify->add_option("file", opts->file, "Decision log (JSON lines)")->required();
        verify->add_option("--pub", opts->pubs, "Trusted public key(s) for the signed head");
        verify->add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        auto* sign =
            app.add_subcommand("sign", "Write FILE.head: the entry count and last hash, signed");
        sign->add_option("file", opts->file, "Decision log (JSON lines)")->required();
        sign->add_option("--key", opts->key, "Secret key (or VOUCH_SECRET_KEY)");
        sign->add_option("--password-file", opts->password_file,
                         "Read the key's passphrase from this file");
        sign->add_option("--format", opts->format, "table|json")
            ->check(CLI::IsMember({"table", "json"}));
        return [opts, verify]() -> Result<int> {
            return verify->parsed() ? verify_log(*opts) : sign_log(*opts);
        };
    });

} // namespace
} // namespace vouch::cli
