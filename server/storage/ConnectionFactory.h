#pragma once

#include "server/storage/DatabaseConfig.h"
#include "server/storage/Statement.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

#include <memory>
#include <unordered_map>

class StatementCache;

// One named connection per thread: QSqlDatabase handles must never cross threads. Each factory
// has its own name prefix, so several bank servers can live in one process (tests, the app).
class ConnectionFactory
{
    Q_DISABLE_COPY_MOVE(ConnectionFactory)
public:
    explicit ConnectionFactory(DatabaseConfig config);
    ~ConnectionFactory();

    const DatabaseConfig &config() const { return m_config; }
    SqlDialect dialect() const { return m_config.dialect; }

    // The calling thread's connection for this factory, opened and configured on first use, and
    // replaced by a new one when it was lost. Returns an invalid (closed) database if it cannot
    // be opened; lastError() says why. The thread must hold no other handle of its connection
    // when it calls this (a replaced one would stop working).
    QSqlDatabase connectionForCurrentThread();

    // Removes every connection this factory made. Call only once no thread uses them any more.
    void closeAll();

    // A statement prepared once per connection and reused after that: for the short statements
    // of the request paths, preparing costs about as much as running. Bind with bindValue(i, v),
    // exec(), read; when the guard goes out of scope the statement is reset, so no read
    // transaction stays open behind it (which would hold back WAL checkpoints). The cache
    // (StatementCache) lives with the connection's driver and goes when the connection does.
    class CachedStatement
    {
        Q_DISABLE_COPY_MOVE(CachedStatement)
    public:
        CachedStatement(QSqlDatabase &db, const QString &sql);
        ~CachedStatement();

        Statement *operator->() { return m_statement; }
        Statement &operator*() { return *m_statement; }

    private:
        Statement *m_statement = nullptr;
        std::unique_ptr<Statement> m_uncached; // a statement that failed to prepare, for its error
    };

private:
    bool configure(QSqlDatabase &db);
    // Finalizes what SQLite runs of the connection itself, before QtSql closes it.
    void forget(const QString &name);

    DatabaseConfig m_config;
    QString m_prefix;
    QMutex m_mutex;
    QStringList m_names;
    std::unordered_map<QString, StatementCache *> m_sqliteCaches; // of the connections in m_names
};
