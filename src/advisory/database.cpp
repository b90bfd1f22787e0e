// Reading the database: open, per-package lookup, info, age.
#include "sqlite_util.hpp"

#include <cstdlib>
#include <vouch/advisory/database.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/text.hpp>

namespace vouch::advisory {

namespace fs = std::filesystem;
using detail::column_text;
using detail::prepare;

struct Database::Handle {
    detail::SqliteDb db;
    detail::Statement lookup;
};

Database::Database(std::unique_ptr<Handle> handle, Info info)
    : m_handle(std::move(handle)), m_info(std::move(info)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

Result<fs::path> resolve_database_dir(const std::string& flag, const DatabaseLocationEnv& env) {
    if (!flag.empty())
        return fs::path(flag);
    if (!env.vouch_db.empty())
        return fs::path(env.vouch_db);
    if (!env.xdg_cache_home.empty()) {
        return fs::path(env.xdg_cache_home) / "vouch" / "db";
    }
    if (!env.home.empty()) {
        return fs::path(env.home) / ".cache" / "vouch" / "db";
    }
    return fail(Errc::usage, "cannot locate the advisory database: set --db, VOUCH_DB, "
                             "XDG_CACHE_HOME or HOME");
}

namespace {

Result<Database::Info> read_info(sqlite3* db, const std::string& file) {
    Database::Info info;
    info.path = file;
    VOUCH_TRY_ASSIGN(auto meta, prepare(db, "SELECT key, value FROM meta", Errc::parse, file));
    std::string schema;
    while (sqlite3_step(meta.get()) == SQLITE_ROW) {
        auto key = column_text(meta.get(), 0);
        auto value = column_text(meta.get(), 1);
        if (key == "schema")
            schema = value;
        else if (key == "imported_at")
            info.imported_at = value;
        else if (key == "content_sha256")
            info.content_sha256 = value;
        else if (key == "advisories")
            info.advisories = std::strtoull(value.c_str(), nullptr, 10);
        else if (key == "packages")
            info.packages = std::strtoull(value.c_str(), nullptr, 10);
    }
    if (schema != "vouch-advisory-db/1") {
        return fail(Errc::unsupported, "not a vouch advisory database (schema '" + schema + "')",
                    file);
    }
    VOUCH_TRY_ASSIGN(auto sources,
                     prepare(db,
                             "SELECT location, format, records, withdrawn, skipped FROM "
                             "sources ORDER BY position",
                             Errc::parse, file));
    while (sqlite3_step(sources.get()) == SQLITE_ROW) {
        SourceInfo source;
        // A database written by an older vouch may hold a mirror URL with credentials.
        source.location = util::strip_userinfo(column_text(sources.get(), 0));
        source.format = column_text(sources.get(), 1);
        source.records = static_cast<std::size_t>(sqlite3_column_int64(sources.get(), 2));
        source.withdrawn = static_cast<std::size_t>(sqlite3_column_int64(sources.get(), 3));
        source.skipped = static_cast<std::size_t>(sqlite3_column_int64(sources.get(), 4));
        info.sources.push_back(std::move(source));
    }
    return info;
}

// Columns (json, sources): the canonical blob and the newline-separated source list.
Result<Advisory> read_row(sqlite3_stmt* statement, const std::string& file) {
    VOUCH_TRY_ASSIGN(auto advisory, advisory_from_json(column_text(statement, 0), file));
    auto sources = column_text(statement, 1);
    std::size_t start = 0;
    while (start < sources.size()) {
        auto end = sources.find('\n', start);
        if (end == std::string::npos)
            end = sources.size();
        advisory.sources.push_back(sources.substr(start, end - start));
        start = end + 1;
    }
    return advisory;
}

} // namespace

Result<Database> Database::open(const fs::path& dir) {
    const fs::path file = dir / k_database_file;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        return fail(Errc::io,
                    "no advisory database here; run 'vouch db import SOURCE...' or "
                    "'vouch db update' first",
                    dir.string());
    }
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    auto handle = std::make_unique<Handle>();
    handle->db.reset(raw);
    if (rc != SQLITE_OK) {
        return detail::sqlite_error(raw, Errc::io, "cannot open the advisory database",
                                    file.string());
    }
    // Memory-mapped reads: lookups touch a few pages each, without read() copies.
    sqlite3_exec(raw, "PRAGMA mmap_size=268435456", nullptr, nullptr, nullptr);
    // One read transaction for the handle's life: a lookup per lockfile package would otherwise
    // take and drop the file lock (fcntl) and re-check the header each time, ~2 ms per scan.
    // Imports never write this file in place (they rename a new one over it), so holding the
    // shared lock blocks nobody.
    sqlite3_exec(raw, "BEGIN", nullptr, nullptr, nullptr);
    VOUCH_TRY_ASSIGN(auto info, read_info(raw, file.string()));
    // Rowids are assigned in id order at import, so the index order is the id order: no sort.
    VOUCH_TRY_ASSIGN(handle->lookup,
                     prepare(raw,
                             "SELECT a.json, a.sources FROM package_index p JOIN advisories a ON "
                             "a.rowid = p.advisory WHERE p.package = ?1 ORDER BY p.advisory",
                             Errc::parse, file.string()));
    return Database(std::move(handle), std::move(info));
}

Result<std::vector<Advisory>> Database::for_package(std::string_view name) const {
    sqlite3_stmt* statement = m_handle->lookup.get();
    sqlite3_reset(statement);
    detail::bind_text(statement, 1, name);
    std::vector<Advisory> out;
    int rc = 0;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        VOUCH_TRY_ASSIGN(auto advisory, read_row(statement, m_info.path));
        out.push_back(std::move(advisory));
    }
    if (rc != SQLITE_DONE) {
        return detail::sqlite_error(m_handle->db.get(), Errc::io, "database read failed",
                                    m_info.path);
    }
    return out;
}

Result<std::vector<Advisory>> Database::all() const {
    VOUCH_TRY_ASSIGN(auto statement,
                     prepare(m_handle->db.get(), "SELECT json, sources FROM advisories ORDER BY id",
                             Errc::parse, m_info.path));
    std::vector<Advisory> out;
    int rc = 0;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        VOUCH_TRY_ASSIGN(auto advisory, read_row(statement.get(), m_info.path));
        out.push_back(std::move(advisory));
    }
    if (rc != SQLITE_DONE) {
        return detail::sqlite_error(m_handle->db.get(), Errc::io, "database read failed",
                                    m_info.path);
    }
    return out;
}

Result<long> database_age_days(const Database::Info& info) {
    auto imported = util::parse_rfc3339(info.imported_at);
    if (!imported) {
        return fail(Errc::parse, "database import time '" + info.imported_at + "' is not RFC 3339",
                    info.path);
    }
    VOUCH_TRY_ASSIGN(auto now, util::now());
    auto seconds = (now - *imported).count();
    return seconds <= 0 ? 0L : static_cast<long>(seconds / 86400);
}

} // namespace vouch::advisory
