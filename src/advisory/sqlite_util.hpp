#pragma once
// Internal: thin RAII over the SQLite C API with Result errors.
#include <memory>
#include <sqlite3.h>
#include <string>
#include <vouch/util/result.hpp>

namespace vouch::advisory::detail {

struct SqliteCloser {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

inline tl::unexpected<Error> sqlite_error(sqlite3* db, Errc code, const std::string& what,
                                          const std::string& file) {
    return fail(code, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"), file);
}

inline Status exec(sqlite3* db, const char* sql, const std::string& file) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return sqlite_error(db, Errc::io, "database write failed", file);
    }
    return {};
}

inline Result<Statement> prepare(sqlite3* db, const char* sql, Errc code, const std::string& file) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        return sqlite_error(db, code, "database query failed", file);
    }
    return Statement(raw);
}

inline std::string column_text(sqlite3_stmt* statement, int column) {
    auto text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
    return text ? std::string(text,
                              static_cast<std::size_t>(sqlite3_column_bytes(statement, column)))
                : std::string();
}

inline void bind_text(sqlite3_stmt* statement, int index, std::string_view text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

} // namespace vouch::advisory::detail
