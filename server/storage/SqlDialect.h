#pragma once

#include <QString>

// What differs between the two SQL dialects the bank speaks; everything else is written once.
enum class SqlDialect { Sqlite, Postgres };

namespace SqlDialects {
QString driverName(SqlDialect dialect);
// The statement that opens a write transaction: SQLite must take the write lock up front
// (a deferred BEGIN fails with SQLITE_BUSY_SNAPSHOT in WAL mode on read-then-write).
QString beginWrite(SqlDialect dialect);
// "SELECT ... FOR UPDATE" row locks exist only in PostgreSQL; SQLite's write lock covers it.
QString forUpdate(SqlDialect dialect);
// Replaces the dialect tokens used in migrations ({{AUTOINCREMENT_PK}}, {{BLOB}}).
QString expand(SqlDialect dialect, QString sql);
}
