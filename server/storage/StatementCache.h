#pragma once

#include "server/storage/Statement.h"

#include <QObject>
#include <QSqlDatabase>

#include <memory>
#include <unordered_map>

struct sqlite3;
class QSqlDriver;

// The prepared statements of one connection, a child of its driver. On a QSQLITE connection they
// are SqliteStatements, run by SQLite on the driver's handle; they must be finalized (clear())
// before the connection closes, or QSQLITE's close fails and leaves it open. ConnectionFactory,
// which makes and removes every connection, does that. Any other connection's are QtSqlStatements,
// which QtSql's close finalizes itself.
class StatementCache : public QObject
{
public:
    // Made by ConnectionFactory for each connection it has opened and configured.
    static StatementCache *create(const QSqlDatabase &db);
    // The connection's cache, or null for a connection ConnectionFactory did not make.
    static StatementCache *of(const QSqlDatabase &db);

    // The statement prepared for `sql`, prepared now on first use; null if it cannot be prepared.
    // Node-based, so a statement stays where it is while others are added.
    Statement *statement(QSqlDatabase &db, const QString &sql);
    bool runsOnSqlite() const { return m_sqlite != nullptr; }
    // The QSQLITE connection's handle, or null on any other connection.
    sqlite3 *sqlite() const { return m_sqlite; }
    void clear() { m_statements.clear(); }

private:
    StatementCache(QSqlDriver *driver, sqlite3 *sqlite);

    sqlite3 *m_sqlite;
    std::unordered_map<QString, std::unique_ptr<Statement>> m_statements;
};
