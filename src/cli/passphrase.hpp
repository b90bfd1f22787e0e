#pragma once
// Where the CLI gets secrets from: the secret key (--key FILE, else VOUCH_SECRET_KEY) and its
// passphrase (--password-file, else VOUCH_PASSWORD, else a no-echo prompt on /dev/tty). The keys
// library receives the text and a passphrase callback; it reads no environment and no terminal.
#include <string>
#include <vouch/keys/keys.hpp>

namespace vouch::cli {

// Reads a passphrase: --password-file (first line), else VOUCH_PASSWORD, else a no-echo prompt on
// /dev/tty (asked twice when `confirm`), never from a non-TTY stdin. Errc::io when no source is
// available; Errc::usage when the two typed passphrases differ.
Result<keys::Password> read_passphrase(const std::string& password_file, const std::string& prompt,
                                       bool confirm = false);

// The secret key of --key `key_path`, else of VOUCH_SECRET_KEY; its passphrase, when it is
// encrypted, from read_passphrase(password_file, "Passphrase for <key>: ").
Result<keys::SecretKey> load_secret_key(const std::string& key_path,
                                        const std::string& password_file);

} // namespace vouch::cli
