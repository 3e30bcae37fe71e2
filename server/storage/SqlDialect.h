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
// A row lock that serializes writers of one parent row without blocking inserts of rows that
// reference it (PostgreSQL's FOR NO KEY UPDATE; their foreign key checks take KEY SHARE). Nothing
// on SQLite.
QString forNoKeyUpdate(SqlDialect dialect);
// Row locks that skip rows another transaction holds, for work any instance may do (purging):
// two instances take disjoint rows instead of waiting for each other. Nothing on SQLite.
QString forUpdateSkipLocked(SqlDialect dialect);
// Run in a write transaction: from then on it waits at most this long for a row lock
// (PostgreSQL's lock_timeout, SQLSTATE 55P03). Empty on SQLite, where the write transaction
// already holds the whole database.
QString boundLockWaits(SqlDialect dialect, int milliseconds);
// Around the whole migration run: on PostgreSQL a session-level advisory lock, so instances
// starting at once on one database migrate one after the other (concurrent CREATE TABLE IF NOT
// EXISTS can fail there). Empty on SQLite, whose write transactions already serialize them.
QString lockMigrations(SqlDialect dialect);
// Takes the writers' turn: one instance's batch at a time, until its COMMIT (PostgreSQL; SQLite's
// write transaction is one already).
QString takeWritersTurn(SqlDialect dialect);
QString unlockMigrations(SqlDialect dialect);
// Replaces the dialect tokens used in migrations ({{AUTOINCREMENT_PK}}, {{BLOB}}).
QString expand(SqlDialect dialect, QString sql);
} // namespace SqlDialects
