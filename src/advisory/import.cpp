// Writing the database: load sources, merge aliases, write a fresh SQLite file beside the live
// one and rename it into place (atomic on POSIX), so readers see the old or the new database,
// never a half-written one, and a failed import leaves the old one intact.
#include "sqlite_util.hpp"

#include <set>
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

Status step_done(sqlite3* db, sqlite3_stmt* statement, const std::string& file) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
        return detail::sqlite_error(db, Errc::io, "database write failed", file);
    }
    sqlite3_reset(statement);
    return {};
}

Status write_database(const fs::path& file, const std::vector<Advisory>& advisories,
                      const std::vector<SourceInfo>& sources, Database::Info& info) {
    const std::string name = file.string();
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    detail::SqliteDb db(raw);
    if (rc != SQLITE_OK)
        return detail::sqlite_error(raw, Errc::io, "cannot create the database", name);
    VOUCH_TRY(detail::exec(raw, "PRAGMA journal_mode=OFF; PRAGMA synchronous=FULL; BEGIN;", name));
    VOUCH_TRY(detail::exec(raw, k_schema_sql, name));

    VOUCH_TRY_ASSIGN(auto insert_advisory,
                     detail::prepare(raw,
                                     "INSERT INTO advisories(rowid, id, json, sources) "
                                     "VALUES(?1,?2,?3,?4)",
                                     Errc::io, name));
    VOUCH_TRY_ASSIGN(auto insert_index,
                     detail::prepare(raw,
                                     "INSERT OR IGNORE INTO package_index(package, advisory) "
                                     "VALUES(?1,?2)",
                                     Errc::io, name));
    std::set<std::string_view> packages;
    ContentHasher hasher;
    sqlite3_int64 row = 0;
    // One serialisation per advisory serves both the stored blob and the content hash; sources
    // live in their own column because the hash leaves them out.
    for (const auto* each : sorted_by_id(advisories)) {
        const auto& advisory = *each;
        ++row;
        auto canonical = to_json(advisory, false);
        hasher.add(canonical);
        sqlite3_bind_int64(insert_advisory.get(), 1, row);
        detail::bind_text(insert_advisory.get(), 2, advisory.id);
        detail::bind_text(insert_advisory.get(), 3, canonical);
        detail::bind_text(insert_advisory.get(), 4, join_lines(advisory.sources));
        VOUCH_TRY(step_done(raw, insert_advisory.get(), name));
        for (const auto& affected : advisory.affected) {
            packages.insert(affected.package);
            detail::bind_text(insert_index.get(), 1, affected.package);
            sqlite3_bind_int64(insert_index.get(), 2, row);
            VOUCH_TRY(step_done(raw, insert_index.get(), name));
        }
    }
    VOUCH_TRY_ASSIGN(
        auto insert_source,
        detail::prepare(raw, "INSERT INTO sources VALUES(?1,?2,?3,?4,?5,?6)", Errc::io, name));
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const auto& s = sources[i];
        sqlite3_bind_int64(insert_source.get(), 1, static_cast<sqlite3_int64>(i));
        detail::bind_text(insert_source.get(), 2, util::strip_userinfo(s.location));
        detail::bind_text(insert_source.get(), 3, s.format);
        sqlite3_bind_int64(insert_source.get(), 4, static_cast<sqlite3_int64>(s.records));
        sqlite3_bind_int64(insert_source.get(), 5, static_cast<sqlite3_int64>(s.withdrawn));
        sqlite3_bind_int64(insert_source.get(), 6, static_cast<sqlite3_int64>(s.skipped));
        VOUCH_TRY(step_done(raw, insert_source.get(), name));
    }
    info.advisories = advisories.size();
    info.packages = packages.size();
    info.content_sha256 = hasher.finish();
    info.sources = sources;
    VOUCH_TRY_ASSIGN(auto insert_meta,
                     detail::prepare(raw, "INSERT INTO meta VALUES(?1,?2)", Errc::io, name));
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
        VOUCH_TRY(step_done(raw, insert_meta.get(), name));
    }
    insert_advisory.reset();
    insert_index.reset();
    insert_source.reset();
    insert_meta.reset();
    VOUCH_TRY(detail::exec(raw, "COMMIT;", name));
    if (sqlite3_close(db.release()) != SQLITE_OK) {
        return fail(Errc::io, "cannot close the database", name);
    }
    return {};
}

} // namespace

Result<Database::Info> import_sources(const fs::path& db_dir, const std::vector<fs::path>& sources,
                                      const ImportOptions& options) {
    if (sources.empty())
        return fail(Errc::usage, "no advisory source given");
    std::vector<Advisory> advisories;
    std::vector<SourceInfo> infos;
    if (options.add && fs::exists(db_dir / k_database_file)) {
        VOUCH_TRY_ASSIGN(auto existing, Database::open(db_dir));
        VOUCH_TRY_ASSIGN(advisories, existing.all());
        infos = existing.info().sources;
    }
    LoadOptions load_options{options.skip_invalid, options.on_skipped};
    for (std::size_t i = 0; i < sources.size(); ++i) {
        VOUCH_TRY_ASSIGN(auto loaded, load_source(sources[i], load_options));
        if (i < options.labels.size() && !options.labels[i].empty()) {
            loaded.info.location = options.labels[i];
            for (auto& advisory : loaded.advisories)
                advisory.sources = {options.labels[i]};
        }
        infos.push_back(loaded.info);
        for (auto& advisory : loaded.advisories)
            advisories.push_back(std::move(advisory));
    }
    advisories = merge_aliases(std::move(advisories));

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
    auto written = write_database(temp_file, advisories, infos, info);
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
