#pragma once
// The streaming secret scanner. It is fed one file's bytes chunk by chunk, in order, so the read
// that hashes a file for signing can feed it too (no second pass over the tree):
//
//   FileScanner scanner(rules);
//   scanner.begin("static/chunks/app.js");
//   while (read(chunk)) scanner.feed(chunk);
//   for (auto& f : scanner.end()) ...
//
// Matches that straddle chunk boundaries are found: the scanner keeps a bounded tail of the
// previous chunk (k_lookbehind bytes behind and k_lookahead bytes ahead of the next unscanned
// position), so memory does not grow with the file size. No std::regex: candidates are found with
// a two-byte prefix table and validated by hand-written matchers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/inspect/finding.hpp>

namespace vouch::inspect {

// Every rule the content scanner knows (ids as they appear in findings and policies).
const std::vector<std::string_view>& content_rule_ids();

// A NEXT_PUBLIC_ variable whose value looks like a secret (see public_secret_candidates): every
// place the value appears in what browsers download is a next-public-secret finding.
struct KnownValue {
    std::string name;   // NEXT_PUBLIC_...
    std::string value;  // 12..512 bytes
    std::string source; // where it was defined ("environment", ".env.production")
};

struct ScanRules {
    std::set<std::string, std::less<>> disabled; // rule ids switched off by the policy
    bool strict = false; // an AWS access key id is a finding even without a secret key nearby
    std::vector<KnownValue> known_values;
    // Find candidates 32 bytes at a time where the CPU has AVX2 (false: byte by byte only; the
    // tests compare the two).
    bool vector_scan = true;
    bool enabled(std::string_view rule) const { return disabled.find(rule) == disabled.end(); }
};

// Does a NEXT_PUBLIC_ name with this value look like a secret? The name says secret, private,
// password, token, credential or service role, and the value is random-looking (12+ characters,
// entropy >= 3.0 bits/char, no placeholder).
bool is_public_secret(std::string_view name, std::string_view value);

// NAME=VALUE lines of a dotenv file ("export " prefix, quotes and comments handled); malformed
// lines are skipped (dotenv semantics). Never fails.
std::vector<std::pair<std::string, std::string>> parse_dotenv(std::string_view text);

class FileScanner {
  public:
    static constexpr std::size_t k_lookahead = 1024;
    static constexpr std::size_t k_lookbehind = 1024;

    explicit FileScanner(ScanRules rules);

    // Starts a new file; `path` (relative) is copied into its findings.
    void begin(std::string_view path);
    void feed(std::span<const std::uint8_t> chunk);
    void feed(std::string_view chunk) {
        feed(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(chunk.data()),
                                           chunk.size()));
    }
    // Scans what is left and returns the file's findings, in order of position.
    std::vector<Finding> end();

  private:
    struct Pending {
        std::uint64_t offset = 0; // absolute byte offset in the file
        Finding finding;
    };
    void scan_until(std::size_t stop);
    void check_pairs(std::size_t i, unsigned char second);
    void match_at(std::size_t i);
    void advance_lines(std::uint64_t absolute);
    void resolve_until(std::uint64_t absolute);
    void report(std::size_t i, std::string rule, Severity severity, std::string excerpt,
                std::string detail);

    void match_pem(std::size_t i);
    void match_aws(std::size_t i);
    void match_stripe(std::size_t i);
    void match_github(std::size_t i);
    void match_gitlab(std::size_t i);
    void match_npm(std::size_t i);
    void match_vercel(std::size_t i);
    void match_slack(std::size_t i);
    void match_url(std::size_t i);
    void match_assignment(std::size_t i);
    void match_known(std::size_t i);

    ScanRules m_rules;
    std::array<std::uint64_t, 1024> m_known_pairs{}; // first two bytes of the known values
    // The vector prefilter's bucketed nibble tables (first byte low/high, second byte low/high)
    // of every rule prefix and known value; m_vector_scan when the CPU has AVX2.
    std::array<std::uint8_t, 64> m_prefilter{};
    bool m_vector_scan = false;
    std::string m_path;
    std::string m_buf;        // the window: lookbehind + unscanned bytes
    std::uint64_t m_base = 0; // absolute offset of m_buf[0]
    std::size_t m_next = 0;   // index in m_buf of the next start position to scan
    bool m_at_end = false;    // scanning the last bytes of the file
    // Line cursor: absolute offset up to which newlines are counted.
    std::uint64_t m_line_pos = 0;
    std::size_t m_line = 1;
    std::uint64_t m_line_start = 0;
    std::uint64_t m_last_assignment = UINT64_MAX; // identifier already judged
    std::vector<Pending> m_pending;               // found, line and column not yet known
    std::vector<Finding> m_findings;
};

// Helpers exposed for unit tests.
std::uint32_t crc32(std::string_view data);
// Shannon entropy in bits per character.
double shannon_entropy(std::string_view text);
// The GitHub/npm token checksum: the last 6 characters are base62(CRC32(body)).
bool base62_crc32_matches(std::string_view body, std::string_view checksum);
std::string base62_crc32(std::string_view body);

} // namespace vouch::inspect
