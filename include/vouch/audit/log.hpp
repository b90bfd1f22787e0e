#pragma once
// The decision log: one JSON object per line, each carrying the SHA-256 of the line before it, so
// an edited, removed or reordered entry breaks the chain at a line `verify_log` names. A signed
// head (entry count + last hash, beside the log) makes a cut-off tail visible too.
// Field names are a stable interface (docs/decision-log.md).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <vouch/keys/keys.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/result.hpp>

namespace vouch::audit {

// What one decision was about. Empty strings are written as null.
struct Entry {
    std::string event;                        // "gate" | "verify"
    std::map<std::string, std::string> actor; // who/where: {"ci": "github-actions", "run": ...}
    std::string deployment;                   // Vercel deployment id ("" for verify)
    std::string commit;
    std::string attestation_sha256;
    std::vector<std::pair<std::string, std::string>> artifacts; // subject name -> sha256
    std::vector<std::string> key_ids;
    std::string verdict; // "pass" | "fail" (verify), "go" | "no-go" (gate)
    std::vector<std::string> reasons;
    std::vector<std::string> opt_outs; // e.g. "--any-commit"
    std::string action;                // gate: "promoted", "already-current", "not-promoted", ...
    util::TimePoint time{};
};

inline constexpr const char* k_genesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The line for `entry` as entry number `seq` (1-based) after a line hashing to `prev_sha256`,
// without the trailing newline.
std::string format_line(const Entry& entry, std::uint64_t seq, const std::string& prev_sha256);

struct Appended {
    std::uint64_t seq = 0;
    std::string sha256;
    bool repaired_torn_tail = false; // an unterminated last line (a crashed writer) was cut off
};

// Appends under an exclusive flock, as one write() of the whole line, then fsync. A last line
// without its newline is a write that never completed (its writer crashed before reporting
// success); it is cut off before appending, and nothing before it is touched.
Result<Appended> append(const std::filesystem::path& path, const Entry& entry);

struct Head {
    std::uint64_t count = 0;
    std::string last_sha256;
};

struct Verification {
    bool ok = true;
    std::uint64_t entries = 0;        // complete, chained lines
    std::string last_sha256;          // hash of the last good line
    std::uint64_t first_bad_line = 0; // 1-based; 0 when ok
    std::string problem;
};

// Checks the chain of the log text: every line a JSON object, seq 1, 2, 3..., prev_sha256 the
// hash of the line before. With `head`, the log must hold at least head->count entries and the
// entry at that count must hash to head->last_sha256 (truncation, or a rewritten log).
Verification verify_text(std::string_view text, const std::optional<Head>& head);

// The signed head file written beside the log ("<log>.head").
std::filesystem::path head_path(const std::filesystem::path& log);
// The exact bytes the head signature covers.
std::string head_message(const Head& head);
// JSON: {"format": "vouch-log-head/v1", "count", "last_sha256", "key_id", "signature"(base64)}.
std::string format_head(const Head& head, const std::string& key_id,
                        const std::string& signature_base64);
struct SignedHead {
    Head head;
    std::string key_id;
    std::string signature_base64;
};
Result<SignedHead> parse_head(std::string_view text, const std::string& file);

// `vouch log verify`: the chain, and with `trusted` keys also the signed head (which must then
// exist and verify under one of them). A missing or unreadable log is an error (exit 3); a
// broken chain is a Verification with ok = false (exit 1).
Result<Verification> verify_log(const std::filesystem::path& log,
                                const std::vector<keys::PublicKey>& trusted);

// `vouch log sign`: checks the chain, then writes the signed head atomically. A broken chain is
// Errc::rejected: a head must never vouch for a tampered log.
Result<Head> sign_log(const std::filesystem::path& log, const keys::SecretKey& key);

} // namespace vouch::audit
