#pragma once
// Feed parsers: OSV (directory, file, all.zip), npm bulk-advisory and quick-audit responses, the
// Node.js security WG's vuln/npm records and saved GitHub GraphQL responses. Every parser keeps
// npm entries only and drops withdrawn records. See docs/advisory-db.md for the mapping.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <vouch/advisory/advisory.hpp>
#include <vouch/util/result.hpp>

namespace vouch::advisory {

// One imported source as the database records it.
struct SourceInfo {
    std::string location;    // path or URL as given
    std::string format;      // "osv", "osv-zip", "npm-bulk", "npm-quick-audit",
                             // "nodejs-security-wg", "github-graphql" ("a+b" for a mixed directory)
    std::size_t records = 0; // advisories read (before cross-source alias merging)
    std::size_t withdrawn = 0; // records dropped because withdrawn/deleted
    std::size_t skipped = 0;   // invalid records skipped (only with skip_invalid)
};

struct LoadOptions {
    // false (default): one malformed record fails the whole source (fail closed).
    // true: a malformed record is reported through `on_skipped` and the import continues.
    bool skip_invalid = false;
    std::function<void(const Error&)> on_skipped;
};

struct LoadedSource {
    SourceInfo info;
    std::vector<Advisory> advisories;
};

// Limits that keep hostile inputs (huge files, zip bombs) from exhausting memory.
inline constexpr std::uintmax_t k_max_document_bytes = std::uintmax_t{256} << 20;
inline constexpr std::uintmax_t k_max_zip_entry_bytes = std::uintmax_t{64} << 20;
inline constexpr std::uintmax_t k_max_zip_total_bytes = std::uintmax_t{2} << 30;
inline constexpr std::uint64_t k_max_zip_entries = 1'000'000;

// Detects the kind of `path` (directory, .zip, single JSON document) and reads it. Errors:
// Errc::io (missing/unreadable/too large), Errc::parse (malformed, naming the file, the zip
// entry as "ZIP!/ENTRY", and line:col for malformed JSON).
Result<std::vector<Advisory>> load_source(const std::filesystem::path& path);
Result<LoadedSource> load_source(const std::filesystem::path& path, const LoadOptions& options);

// One in-memory JSON document of any supported format; `name` is used in errors.
Result<LoadedSource> parse_feed_document(std::string_view json, const std::string& name);

// One OSV record; nullopt when it is withdrawn or has no npm entry.
Result<std::optional<Advisory>> parse_osv_record(std::string_view json, const std::string& name);

// GitHub's "vulnerableVersionRange" (">= 2.0.0, < 2.1.4", "= 1.2.3") as a node-semver range
// (">=2.0.0 <2.1.4", "1.2.3"). Errc::parse on anything else.
Result<std::string> github_range_to_npm(std::string_view range);

// Merges advisories that share any id or alias (union-find over ids) into one each: ranges are
// unioned per package, aliases/sources/vectors/CWEs/references unioned, the preferred id chosen
// by preferred_id(). Two groups that carry different GHSA ids are never joined (a CVE shared by
// two GHSA advisories stays two findings). Output is sorted by id.
std::vector<Advisory> merge_aliases(std::vector<Advisory> advisories);

// GHSA-* first, then CVE-*, then MAL-*, then anything else; ties broken by string order.
std::string preferred_id(const std::vector<std::string>& ids);

// Compact, deterministic JSON (the database's storage form). `with_sources` = false leaves out
// `sources`, which is what the content hash covers (the same data from another path hashes the
// same).
std::string to_json(const Advisory& advisory, bool with_sources = true);
Result<Advisory> advisory_from_json(std::string_view json, const std::string& name);

} // namespace vouch::advisory
