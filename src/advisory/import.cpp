// Writing the database: load sources, merge aliases, write a fresh SQLite file beside the live
// one and rename it into place (atomic on POSIX), so readers see the old or the new database,
// never a half-written one, and a failed import leaves the old one intact.
#include "canonical_json.hpp"
#include "sqlite_util.hpp"
#include "streaming.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <thread>
#include <unistd.h>
#include <vouch/advisory/database.hpp>
#include <vouch/digest/sha256.hpp>
#include <vouch/util/clock.hpp>
#include <vouch/util/encoding.hpp>
#include <vouch/util/text.hpp>

namespace vouch::advisory {

namespace fs = std::filesystem;

namespace {

// SHA-256 over each advisory's canonical JSON (sources left out) + "\n", in id order.
class ContentHasher {
  public:
    void add(std::string_view canonical) {
        m_sha.update(canonical);
        m_sha.update("\n");
    }
    std::string finish() {
        const auto digest = m_sha.finish();
        return util::to_hex(digest.data(), digest.size());
    }

  private:
    digest::Sha256 m_sha;
};

std::vector<const Advisory*> sorted_by_id(const std::vector<Advisory>& advisories) {
    std::vector<const Advisory*> sorted;
    for (const auto& a : advisories)
        sorted.push_back(&a);
    std::sort(sorted.begin(), sorted.end(),
              [](const Advisory* a, const Advisory* b) { return a->id < b->id; });
    return sorted;
}

std::string join_lines(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty())
            out += '\n';
        out += item;
    }
    return out;
}

} // namespace

std::string content_hash(const std::vector<Advisory>& advisories) {
    ContentHasher hasher;
    for (const auto* a : sorted_by_id(advisories))
        hasher.add(to_json(*a, false));
    return hasher.finish();
}

namespace {

constexpr const char* k_schema_sql = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(position INTEGER PRIMARY KEY, location TEXT NOT NULL, format TEXT NOT NULL,
                     records INTEGER NOT NULL, withdrawn INTEGER NOT NULL, skipped INTEGER NOT NULL);
CREATE TABLE advisories(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
                        sources TEXT NOT NULL);
CREATE TABLE package_index(package TEXT NOT NULL, advisory INTEGER NOT NULL,
                           PRIMARY KEY(package, advisory)) WITHOUT ROWID;
)SQL";

std::string_view column_view(sqlite3_stmt* statement, int column) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text ? std::string_view(
                      text, static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
                : std::string_view();
}

// Binds text without SQLite copying it: `text` must stay valid until the statement has been
// stepped (every use here binds, steps and resets in one go, rebinding before the next step).
void bind_borrowed(sqlite3_stmt* statement, int index, std::string_view text) {
    // A null pointer would bind SQL NULL, not an empty text.
    sqlite3_bind_text(statement, index, text.data() ? text.data() : "",
                      static_cast<int>(text.size()), SQLITE_STATIC);
}

Status step_done(sqlite3* db, sqlite3_stmt* statement, const std::string& file) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
        return detail::sqlite_error(db, Errc::io, "database write failed", file);
    }
    sqlite3_reset(statement);
    return {};
}

// Writes the database in one transaction while the sources stream in: each advisory is staged
// (its full JSON in a temporary table, its ids in memory) as soon as it is parsed, so only one
// record at a time is held whole. finish() plans the alias groups from the ids, then reads, merges
// and stores one group at a time in id order (rowids in id order, as Database relies on), and
// builds the package index last, from pairs sorted by key.
class StreamingWriter {
  public:
    Status open(const fs::path& file) {
        m_name = file.string();
        sqlite3* raw = nullptr;
        int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                 nullptr);
        m_db.reset(raw);
        if (rc != SQLITE_OK)
            return detail::sqlite_error(raw, Errc::io, "cannot create the database", m_name);
        // No rollback journals (a failed import deletes the file; the staging tables die with
        // the connection) and page caches big enough that pages are written once, not evicted
        // and written again. Stored forms and merge inputs are staged in separate tables, so the
        // stored forms, read back in id order (not the order they came in), sit three to a page.
        VOUCH_TRY(
            detail::exec(raw,
                         "PRAGMA journal_mode=OFF; PRAGMA synchronous=FULL; "
                         "PRAGMA temp_store=FILE; PRAGMA cache_size=-16384; "
                         "CREATE TEMP TABLE staged(seq INTEGER PRIMARY KEY, "
                         "canonical TEXT NOT NULL, sources TEXT NOT NULL); "
                         "CREATE TEMP TABLE staged_raw(seq INTEGER PRIMARY KEY, "
                         "raw TEXT NOT NULL); "
                         "PRAGMA temp.journal_mode=OFF; PRAGMA temp.cache_size=-16384; BEGIN;",
                         m_name));
        VOUCH_TRY(detail::exec(raw, k_schema_sql, m_name));
        VOUCH_TRY_ASSIGN(
            m_stage, detail::prepare(raw, "INSERT INTO staged VALUES(?1,?2,?3)", Errc::io, m_name));
        VOUCH_TRY_ASSIGN(m_stage_raw, detail::prepare(raw, "INSERT INTO staged_raw VALUES(?1,?2)",
                                                      Errc::io, m_name));
        return {};
    }

    Status stage(Advisory&& advisory) {
        VOUCH_TRY_ASSIGN(auto staged, detail::stage_record(std::move(advisory), m_name));
        sqlite3_bind_int64(m_stage.get(), 1, static_cast<sqlite3_int64>(m_ids.size()));
        bind_borrowed(m_stage.get(), 2, staged.canonical);
        bind_borrowed(m_stage.get(), 3, staged.sources);
        VOUCH_TRY(step_done(m_db.get(), m_stage.get(), m_name));
        sqlite3_bind_int64(m_stage_raw.get(), 1, static_cast<sqlite3_int64>(m_ids.size()));
        bind_borrowed(m_stage_raw.get(), 2, staged.raw);
        VOUCH_TRY(step_done(m_db.get(), m_stage_raw.get(), m_name));
        m_ids.push_back(std::move(staged.ids));
        m_packages.push_back(std::move(staged.packages));
        return {};
    }

    Status finish(const std::vector<SourceInfo>& sources, Database::Info& info) {
        sqlite3* raw = m_db.get();
        m_stage.reset();
        m_stage_raw.reset();
        // The groups in the order of their merged ids.
        const auto groups = detail::alias_groups(m_ids);
        std::vector<std::pair<std::string, std::size_t>> order; // (merged id, group)
        order.reserve(groups.size());
        for (std::size_t g = 0; g < groups.size(); ++g) {
            std::vector<const detail::AliasIds*> members;
            for (auto i : groups[g])
                members.push_back(&m_ids[i]);
            order.emplace_back(detail::group_id(members), g);
        }
        std::sort(order.begin(), order.end());
        m_ids = {};
        auto staged_packages = std::move(m_packages);

        VOUCH_TRY_ASSIGN(
            auto read_staged,
            detail::prepare(raw, "SELECT raw FROM staged_raw WHERE seq = ?1", Errc::io, m_name));
        VOUCH_TRY_ASSIGN(auto read_single,
                         detail::prepare(raw,
                                         "SELECT canonical, sources FROM staged WHERE seq = ?1",
                                         Errc::io, m_name));
        VOUCH_TRY_ASSIGN(auto insert_advisory,
                         detail::prepare(raw,
                                         "INSERT INTO advisories(rowid, id, json, sources) "
                                         "VALUES(?1,?2,?3,?4)",
                                         Errc::io, m_name));
        std::vector<std::pair<std::string, sqlite3_int64>> index; // (package, advisory rowid)
        ContentHasher hasher;
        sqlite3_int64 row = 0;
        for (const auto& [id, g] : order) {
            if (groups[g].size() == 1) {
                // A group of its own: its stored form was made when it was staged.
                const auto seq = groups[g].front();
                sqlite3_bind_int64(read_single.get(), 1, static_cast<sqlite3_int64>(seq));
                if (sqlite3_step(read_single.get()) != SQLITE_ROW)
                    return detail::sqlite_error(raw, Errc::io, "staged advisory missing", m_name);
                ++row;
                hasher.add(column_view(read_single.get(), 0));
                sqlite3_bind_int64(insert_advisory.get(), 1, row);
                detail::bind_text(insert_advisory.get(), 2, id);
                bind_borrowed(insert_advisory.get(), 3, column_view(read_single.get(), 0));
                bind_borrowed(insert_advisory.get(), 4, column_view(read_single.get(), 1));
                VOUCH_TRY(step_done(raw, insert_advisory.get(), m_name));
                sqlite3_reset(read_single.get());
                for (auto& package : staged_packages[seq])
                    index.emplace_back(std::move(package), row);
                staged_packages[seq] = {};
                continue;
            }
            std::vector<Advisory> members;
            for (auto seq : groups[g]) {
                sqlite3_bind_int64(read_staged.get(), 1, static_cast<sqlite3_int64>(seq));
                if (sqlite3_step(read_staged.get()) != SQLITE_ROW)
                    return detail::sqlite_error(raw, Errc::io, "staged advisory missing", m_name);
                auto staged = advisory_from_json(detail::column_text(read_staged.get(), 0), m_name);
                sqlite3_reset(read_staged.get());
                if (!staged)
                    return tl::unexpected(staged.error());
                members.push_back(std::move(*staged));
            }
            const Advisory advisory = detail::merge_group(std::move(members));
            ++row;
            // One serialisation serves both the stored blob and the content hash; sources live
            // in their own column because the hash leaves them out.
            auto canonical = to_json(advisory, false);
            hasher.add(canonical);
            sqlite3_bind_int64(insert_advisory.get(), 1, row);
            detail::bind_text(insert_advisory.get(), 2, advisory.id);
            bind_borrowed(insert_advisory.get(), 3, canonical);
            detail::bind_text(insert_advisory.get(), 4, join_lines(advisory.sources));
            VOUCH_TRY(step_done(raw, insert_advisory.get(), m_name));
            for (const auto& affected : advisory.affected)
                index.emplace_back(affected.package, row);
        }
        read_staged.reset();
        read_single.reset();
        insert_advisory.reset();
        // The staging tables are not dropped: dropping reads every page of them to free it, and
        // the temporary file they live in is deleted when the connection closes anyway.

        // The package index, built after the load in key order (appending to the b-tree).
        std::sort(index.begin(), index.end());
        index.erase(std::unique(index.begin(), index.end()), index.end());
        VOUCH_TRY_ASSIGN(auto insert_index,
                         detail::prepare(raw,
                                         "INSERT INTO package_index(package, advisory) "
                                         "VALUES(?1,?2)",
                                         Errc::io, m_name));
        std::size_t packages = 0;
        for (std::size_t i = 0; i < index.size(); ++i) {
            if (i == 0 || index[i].first != index[i - 1].first)
                ++packages;
            detail::bind_text(insert_index.get(), 1, index[i].first);
            sqlite3_bind_int64(insert_index.get(), 2, index[i].second);
            VOUCH_TRY(step_done(raw, insert_index.get(), m_name));
        }
        insert_index.reset();

        VOUCH_TRY_ASSIGN(auto insert_source,
                         detail::prepare(raw, "INSERT INTO sources VALUES(?1,?2,?3,?4,?5,?6)",
                                         Errc::io, m_name));
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const auto& s = sources[i];
            sqlite3_bind_int64(insert_source.get(), 1, static_cast<sqlite3_int64>(i));
            detail::bind_text(insert_source.get(), 2, util::strip_userinfo(s.location));
            detail::bind_text(insert_source.get(), 3, s.format);
            sqlite3_bind_int64(insert_source.get(), 4, static_cast<sqlite3_int64>(s.records));
            sqlite3_bind_int64(insert_source.get(), 5, static_cast<sqlite3_int64>(s.withdrawn));
            sqlite3_bind_int64(insert_source.get(), 6, static_cast<sqlite3_int64>(s.skipped));
            VOUCH_TRY(step_done(raw, insert_source.get(), m_name));
        }
        insert_source.reset();
        info.advisories = static_cast<std::size_t>(row);
        info.packages = packages;
        info.content_sha256 = hasher.finish();
        info.sources = sources;
        VOUCH_TRY_ASSIGN(auto insert_meta,
                         detail::prepare(raw, "INSERT INTO meta VALUES(?1,?2)", Errc::io, m_name));
        const std::pair<const char*, std::string> meta[] = {
            {"schema", "vouch-advisory-db/1"},
            {"imported_at", info.imported_at},
            {"content_sha256", info.content_sha256},
            {"advisories", std::to_string(info.advisories)},
            {"packages", std::to_string(info.packages)},
        };
        for (const auto& [key, value] : meta) {
            detail::bind_text(insert_meta.get(), 1, key);
            detail::bind_text(insert_meta.get(), 2, value);
            VOUCH_TRY(step_done(raw, insert_meta.get(), m_name));
        }
        insert_meta.reset();
        VOUCH_TRY(detail::exec(raw, "COMMIT;", m_name));
        if (sqlite3_close(m_db.release()) != SQLITE_OK)
            return fail(Errc::io, "cannot close the database", m_name);
        return {};
    }

  private:
    std::string m_name;
    detail::SqliteDb m_db;
    detail::Statement m_stage, m_stage_raw;
    std::vector<detail::AliasIds> m_ids;
    std::vector<std::vector<std::string>> m_packages; // per staged record
};

} // namespace

Result<DatabaseLock> DatabaseLock::acquire(const fs::path& db_dir, std::chrono::seconds timeout,
                                           const std::function<void(const std::string&)>& on_wait) {
    std::error_code ec;
    fs::create_directories(db_dir, ec);
    if (ec)
        return fail(Errc::io, "cannot create the database directory: " + ec.message(),
                    db_dir.string());
    const fs::path path = db_dir / ".lock";
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(Errc::io, std::string("cannot open the lock file: ") + std::strerror(errno),
                    path.string());
    DatabaseLock lock(fd);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool told = false;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            return fail(Errc::io, std::string("cannot lock: ") + std::strerror(errno),
                        path.string());
        if (std::chrono::steady_clock::now() >= deadline)
            return fail(Errc::io,
                        "another vouch db import/update still holds the database lock after " +
                            std::to_string(timeout.count()) + " s; try again when it is done",
                        path.string());
        if (!told && on_wait) {
            on_wait("another vouch db import/update is using " + db_dir.string() +
                    "; waiting up to " + std::to_string(timeout.count()) + " s for it");
            told = true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return lock;
}

DatabaseLock::~DatabaseLock() {
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

Result<detail::StagedRecord> detail::stage_record(Advisory&& advisory, const std::string& name) {
    StagedRecord staged;
    staged.raw = to_json(advisory, true);
    staged.ids = {advisory.id, advisory.aliases}; // alias groups are planned from these, as given
    if (!survives_storage(advisory)) {
        // Merge what a group of several would be merged from: the form read back from storage.
        VOUCH_TRY_ASSIGN(advisory, advisory_from_json(staged.raw, name));
    }
    std::vector<Advisory> alone;
    alone.push_back(std::move(advisory));
    const Advisory merged = merge_group(std::move(alone));
    staged.canonical = to_json(merged, false);
    staged.sources = join_lines(merged.sources);
    staged.packages.reserve(merged.affected.size());
    for (const auto& affected : merged.affected)
        staged.packages.push_back(affected.package);
    return staged;
}

namespace detail {

Result<Database::Info> import_locked(const fs::path& db_dir, const std::vector<fs::path>& sources,
                                     const ImportOptions& options);

} // namespace detail

Result<Database::Info> import_sources(const fs::path& db_dir, const std::vector<fs::path>& sources,
                                      const ImportOptions& options) {
    if (sources.empty())
        return fail(Errc::usage, "no advisory source given");
    VOUCH_TRY_ASSIGN(auto lock,
                     DatabaseLock::acquire(db_dir, options.lock_timeout, options.on_wait));
    return detail::import_locked(db_dir, sources, options);
}

// The import itself, with DIR/.lock already held by the caller.
Result<Database::Info> detail::import_locked(const fs::path& db_dir,
                                             const std::vector<fs::path>& sources,
                                             const ImportOptions& options) {
    if (sources.empty())
        return fail(Errc::usage, "no advisory source given");
    std::vector<Advisory> existing_advisories;
    std::vector<SourceInfo> infos;
    if (options.add && fs::exists(db_dir / k_database_file)) {
        VOUCH_TRY_ASSIGN(auto existing, Database::open(db_dir));
        VOUCH_TRY_ASSIGN(existing_advisories, existing.all());
        infos = existing.info().sources;
    }

    Database::Info info;
    VOUCH_TRY_ASSIGN(auto now, util::now());
    info.imported_at = util::format_rfc3339(now);
    std::error_code ec;
    fs::create_directories(db_dir, ec);
    if (ec)
        return fail(Errc::io, "cannot create the database directory: " + ec.message(),
                    db_dir.string());
    const fs::path final_file = db_dir / k_database_file;
    std::string temp_name = ".";
    temp_name += k_database_file;
    temp_name += ".tmp-";
    temp_name += std::to_string(::getpid());
    const fs::path temp_file = db_dir / temp_name;
    fs::remove(temp_file, ec);

    // Sources are read while the database is written; a failed source leaves nothing behind (the
    // temporary file is removed).
    auto written = [&]() -> Status {
        StreamingWriter writer;
        VOUCH_TRY(writer.open(temp_file));
        for (auto& advisory : existing_advisories)
            VOUCH_TRY(writer.stage(std::move(advisory)));
        existing_advisories = {};
        LoadOptions load_options{options.skip_invalid, options.on_skipped};
        for (std::size_t i = 0; i < sources.size(); ++i) {
            const bool relabel = i < options.labels.size() && !options.labels[i].empty();
            VOUCH_TRY_ASSIGN(
                auto source_info,
                detail::stream_source(sources[i], load_options, [&](Advisory&& advisory) -> Status {
                    if (relabel)
                        advisory.sources = {options.labels[i]};
                    return writer.stage(std::move(advisory));
                }));
            if (relabel)
                source_info.location = options.labels[i];
            infos.push_back(std::move(source_info));
        }
        return writer.finish(infos, info);
    }();
    if (written) {
        fs::rename(temp_file, final_file, ec);
        if (ec)
            written =
                fail(Errc::io, "cannot replace the database: " + ec.message(), final_file.string());
    }
    if (!written) {
        fs::remove(temp_file, ec);
        return tl::unexpected(written.error());
    }
    info.path = final_file.string();
    return info;
}

Result<Database::Info> import_sources(const fs::path& db_dir, const std::vector<fs::path>& sources,
                                      bool add) {
    ImportOptions options;
    options.add = add;
    return import_sources(db_dir, sources, options);
}

MemoryIndex MemoryIndex::from_advisories(std::vector<Advisory> advisories) {
    MemoryIndex index;
    index.m_advisories = merge_aliases(std::move(advisories));
    for (std::size_t i = 0; i < index.m_advisories.size(); ++i) {
        for (const auto& affected : index.m_advisories[i].affected) {
            auto& list = index.m_by_package[affected.package];
            if (list.empty() || list.back() != i)
                list.push_back(i);
        }
    }
    return index;
}

Result<MemoryIndex> MemoryIndex::load(const std::vector<fs::path>& sources,
                                      const LoadOptions& options) {
    std::vector<Advisory> advisories;
    std::vector<SourceInfo> infos;
    for (const auto& source : sources) {
        VOUCH_TRY_ASSIGN(auto loaded, load_source(source, options));
        infos.push_back(loaded.info);
        for (auto& advisory : loaded.advisories)
            advisories.push_back(std::move(advisory));
    }
    auto index = from_advisories(std::move(advisories));
    index.m_sources = std::move(infos);
    return index;
}

Result<std::vector<Advisory>> MemoryIndex::for_package(std::string_view name) const {
    std::vector<Advisory> out;
    auto it = m_by_package.find(std::string(name));
    if (it == m_by_package.end())
        return out;
    for (auto i : it->second)
        out.push_back(m_advisories[i]);
    return out;
}

} // namespace vouch::advisory
