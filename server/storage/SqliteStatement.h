#pragma once

#include "server/storage/Statement.h"

#include <QString>

#include <cstdint>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

// A Statement run by SQLite itself on a QSQLITE connection's handle, with QtSql's meaning of
// every call (the same value types in and out, text bound and read as UTF-16, an error's native
// code SQLite's result code). QtSql builds a description of every column at every exec and
// formats a placeholder name for every value bound; on the writer's short statements that cost
// more than SQLite's own work. Must be destroyed before its connection closes (StatementCache).
class SqliteStatement final : public Statement
{
public:
    // Null when SQLite cannot prepare `sql` as one statement.
    static std::unique_ptr<SqliteStatement> prepare(sqlite3 *connection, const QString &sql);
    ~SqliteStatement() override;

    void addBindValue(const QVariant &value) override;
    void bindValue(int position, const QVariant &value) override;
    void bindValue(const QString &placeholder, const QVariant &value) override;
    bool exec() override;
    bool next() override;
    QVariant value(int column) const override;
    int numRowsAffected() const override;
    QSqlError lastError() const override { return m_error; }
    void finish() override;

private:
    explicit SqliteStatement(sqlite3_stmt *statement);
    void bind(int index, const QVariant &value);
    bool step();
    void fail(const QString &driverText, int resultCode);

    sqlite3_stmt *m_statement;
    int m_parameters;
    int m_nextPosition = 0;
    std::uint64_t m_bound = 0; // the parameters bound since the last exec, one bit each
    bool m_started = false;    // stepped since the last reset
    bool m_rowPending = false; // exec() stepped onto the first row; next() moves onto it
    bool m_onRow = false;
    QSqlError m_error;
};
