#pragma once
// The offline advisory database: one SQLite file DIR/advisories.sqlite with the advisories as
// compact JSON and an index package name -> advisory, so a scan looks up only the names in its
// lockfile and never loads the whole database. See docs/advisory-db.md.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <vouch/advisory/advisory.hpp>
#include <vouch/advisory/feeds.hpp>
#include <vouch/util/result.hpp>

namespace vouch::advisory {

// What the scanner needs: every advisory that names an npm package.
class AdvisoryLookup {
  public:
    virtual ~AdvisoryLookup() = default;
    virtual Result<std::vector<Advisory>> for_package(std::string_view name) const = 0;
};

inline constexpr const char* k_database_file = "advisories.sqlite";

// The environment variables that locate the database, read by the CLI (the core never calls
// getenv). Empty = unset.
struct DatabaseLocationEnv {
    std::string vouch_db;       // $VOUCH_DB
    std::string xdg_cache_home; // $XDG_CACHE_HOME
    std::string home;           // $HOME
};

// --db flag if non-empty, else $VOUCH_DB, else $XDG_CACHE_HOME/vouch/db, else ~/.cache/vouch/db.
Result<std::filesystem::path> resolve_database_dir(const std::string& flag,
                                                   const DatabaseLocationEnv& env);

// Read-only after open(). One prepared lookup statement is reused, so a Database serves one
// thread at a time (open one per thread if a scan ever goes parallel).
class Database : public AdvisoryLookup {
  public:
    struct Info {
        std::string path;        // the database file
        std::string imported_at; // RFC 3339 (util::now() at the last successful import/update)
        std::vector<SourceInfo> sources;
        std::size_t advisories = 0;
        std::size_t packages = 0;
        std::string content_sha256; // over the canonical serialisation (sources left out)
    };

    // Errc::io when missing ("run vouch db import/update first"); Errc::parse when it is not a
    // vouch database.
    static Result<Database> open(const std::filesystem::path& dir);
    Result<std::vector<Advisory>> for_package(std::string_view name) const override;
    // Every advisory (used by `db import --add`).
    Result<std::vector<Advisory>> all() const;
    const Info& info() const { return m_info; }

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database() override;

  private:
    struct Handle;
    Database(std::unique_ptr<Handle> handle, Info info);
    std::unique_ptr<Handle> m_handle;
    Info m_info;
};

// Whole days between `imported_at` and util::now() (0 when in the future).
Result<long> database_age_days(const Database::Info& info);

struct ImportOptions {
    bool add = false; // merge into the existing database instead of replacing it
    bool skip_invalid =
        false; // skip malformed records (reported via on_skipped) instead of failing
    std::function<void(const Error&)> on_skipped;
    // Per-source label recorded instead of the path (e.g. the URL `db update` downloaded from);
    // empty or shorter than `sources` = use the path.
    std::vector<std::string> labels;
    // Two imports/updates of one database at once: the second waits for DIR/.lock (flock) up to
    // this long, calling on_wait once with a message, then fails with Errc::io.
    std::chrono::seconds lock_timeout{300};
    std::function<void(const std::string&)> on_wait;
};

// An exclusive flock on DIR/.lock, released when destroyed (or when the process ends).
class DatabaseLock {
  public:
    static Result<DatabaseLock> acquire(const std::filesystem::path& db_dir,
                                        std::chrono::seconds timeout,
                                        const std::function<void(const std::string&)>& on_wait);
    DatabaseLock(DatabaseLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    DatabaseLock& operator=(DatabaseLock&&) = delete;
    ~DatabaseLock();

  private:
    explicit DatabaseLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

// Builds a new database from exactly `sources` in a temp file and renames it into place
// atomically (a failed import leaves the previous database intact). With `add`, merges into the
// existing one (its sources are kept in the record).
Result<Database::Info> import_sources(const std::filesystem::path& db_dir,
                                      const std::vector<std::filesystem::path>& sources, bool add);
Result<Database::Info> import_sources(const std::filesystem::path& db_dir,
                                      const std::vector<std::filesystem::path>& sources,
                                      const ImportOptions& options);

// For `vouch scan --advisories SOURCE...`: the sources read and alias-merged in memory, with the
// same lookup as the database and no age rule.
class MemoryIndex : public AdvisoryLookup {
  public:
    static Result<MemoryIndex> load(const std::vector<std::filesystem::path>& sources,
                                    const LoadOptions& options = {});
    static MemoryIndex from_advisories(std::vector<Advisory> advisories);
    Result<std::vector<Advisory>> for_package(std::string_view name) const override;
    const std::vector<Advisory>& advisories() const { return m_advisories; }
    const std::vector<SourceInfo>& sources() const { return m_sources; }

  private:
    std::vector<Advisory> m_advisories;
    std::unordered_map<std::string, std::vector<std::size_t>> m_by_package;
    std::vector<SourceInfo> m_sources;
};

// SHA-256 (hex) over the canonical serialisation of `advisories` (sorted by id, sources left out).
std::string content_hash(const std::vector<Advisory>& advisories);

} // namespace vouch::advisory
