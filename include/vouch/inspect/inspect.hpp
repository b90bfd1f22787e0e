#pragma once
// vouch inspect: secrets, public files and security headers of a Vercel build output
// (.vercel/output) or a Next.js .next folder, before it is signed and deployed.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <vouch/inspect/config.hpp>
#include <vouch/inspect/finding.hpp>
#include <vouch/inspect/scanner.hpp>
#include <vouch/util/result.hpp>

namespace vouch::inspect {

enum class OutputKind { vercel_output, next_dir };

// Where the build output is: DIR/.vercel/output, DIR itself (config.json with "version": 3),
// DIR/.next, or DIR itself as a .next folder (BUILD_ID or routes-manifest.json). Anything else
// is Errc::unsupported (exit 3).
struct Located {
    OutputKind kind = OutputKind::vercel_output;
    std::filesystem::path root; // the build output folder
    std::string prefix;         // root relative to DIR ('/'-terminated, or empty)
};
Result<Located> locate(const std::filesystem::path& dir);

// Which files are served to browsers, so scanned for secrets and checked as public files.
// `path` is relative to the build output root.
bool is_served(OutputKind kind, std::string_view path);
bool is_public_static(OutputKind kind, std::string_view path);

// File rules (.env*, private key files, .git/, node_modules/.cache, source maps) for one served
// path; `display` is the path shown in the finding.
std::vector<Finding> check_public_path(std::string_view path, const std::string& display,
                                       const Config& config);

// One route that sets headers.
struct HeaderRoute {
    std::string source;       // src (config.json) or source (routes manifest)
    bool conditional = false; // has/missing conditions: does not cover every request
    std::vector<std::pair<std::string, std::string>> headers; // names as written
};
// routes[].headers of a Build Output config.json; fails on malformed JSON or a version != 3.
Result<std::vector<HeaderRoute>> read_config_routes(std::string_view text, const std::string& file);
// headers[] of .next/routes-manifest.json.
Result<std::vector<HeaderRoute>> read_manifest_headers(std::string_view text,
                                                       const std::string& file);
// The header rules over the routes; findings point at `file`.
std::vector<Finding> check_headers(const std::vector<HeaderRoute>& routes, const std::string& file,
                                   const Config& config);

struct Outcome {
    OutputKind kind = OutputKind::vercel_output;
    std::string root;               // the inspected folder, relative to DIR ("" = DIR)
    std::vector<Finding> findings;  // sorted by file, line, column, rule
    std::vector<Exception> expired; // exceptions past their date (no longer applied)
    std::size_t files_scanned = 0;  // files whose content was scanned
    std::uint64_t bytes_scanned = 0;
    Threshold threshold;
    // Findings counting against the threshold (unsuppressed, at or above it).
    std::size_t failing() const;
    bool passed() const { return failing() == 0; }
    std::map<std::string, std::size_t> rule_counts() const; // unsuppressed findings per rule
};

// Marks findings covered by an unexpired exception, collects expired ones, sorts.
void apply_exceptions(Outcome& outcome, const Config& config, util::TimePoint now);

struct Options {
    std::filesystem::path dir = ".";
    Config config;
    util::TimePoint now{};
    // NEXT_PUBLIC_* variables of the build environment (the CLI passes its own; the library
    // never reads the environment). Together with those in DIR's .env, .env.local,
    // .env.production and .env.production.local, the secret-looking ones are searched for.
    std::vector<std::pair<std::string, std::string>> environment;
};

// The secret-looking NEXT_PUBLIC_ values among `environment` and the dotenv files of `project`
// (none read when `project` is empty).
std::vector<KnownValue>
public_secret_candidates(const std::filesystem::path& project,
                         const std::vector<std::pair<std::string, std::string>>& environment);

// One inspection of a build output, fed by whoever reads its files (vouch inspect's own walk, or
// the hashing read of vouch sign through digest::ManifestOptions::file_tap). open() and close()
// are thread-safe; each file's scanner is used by one thread at a time.
class TreeInspection {
  public:
    TreeInspection(Located where, Config config, std::vector<KnownValue> known_values);
    // For a regular file at `path` (relative to the build output root): records its public-file
    // findings and returns a scanner, already begun, when its content is to be scanned.
    std::unique_ptr<FileScanner> open(std::string_view path);
    // Ends the scanner and keeps its findings.
    void close(std::unique_ptr<FileScanner> scanner, std::uint64_t bytes);
    // Reads the headers (config.json or routes-manifest.json), applies the exceptions, sorts.
    Result<Outcome> finish(util::TimePoint now);

  private:
    Located m_where;
    Config m_config;
    ScanRules m_rules;
    std::mutex m_mutex;
    Outcome m_outcome;
    std::set<std::pair<std::string, std::string>> m_seen_dirs;
};

// The library entry point of `vouch inspect`.
Result<Outcome> run(const Options& options);

// Renderings. No format ever contains a secret: findings only hold redacted excerpts.
std::string render_json(const Outcome& outcome);
std::string render_sarif(const Outcome& outcome);
std::string render_table(const Outcome& outcome); // untrusted text escaped for a terminal

} // namespace vouch::inspect
