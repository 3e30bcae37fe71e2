#pragma once

#include "server/runtime/ServerConfig.h"
#include "server/storage/DatabaseConfig.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

#include <functional>

// The database behind one or more TestServers. When BANK_TEST_DATABASE_URL names a PostgreSQL
// server (postgresql://USER@HOST:PORT/DB, DB being any database to connect to for CREATE
// DATABASE), it is a fresh database bank_test_<random> there, dropped again in the destructor, so
// every test starts empty and tests running at the same time never meet. Otherwise it is a SQLite
// file in a temporary directory.
class TestDatabase
{
    Q_DISABLE_COPY_MOVE(TestDatabase)
public:
    static constexpr const char *kServerUrlVariable = "BANK_TEST_DATABASE_URL";

    // On the server BANK_TEST_DATABASE_URL names, else SQLite.
    TestDatabase();
    // On the PostgreSQL server(s) `serverUrl` names (a multi-host URL too).
    explicit TestDatabase(const QString &serverUrl);
    ~TestDatabase();

    // Why the database could not be created; empty if it was.
    const QString &setupError() const { return m_setupError; }
    SqlDialect dialect() const { return m_config.dialect; }
    const DatabaseConfig &config() const { return m_config; }
    // Points a server at this database (databasePath or databaseUrl).
    void applyTo(ServerConfig &config) const;

    // Runs `work` on a connection of its own to this database, on the calling thread. Returns why
    // it could not connect, or an empty string.
    QString withConnection(const std::function<void(QSqlDatabase &db)> &work) const;
    // Runs one statement; returns the database's error, or an empty string on success.
    QString exec(const QString &sql) const;
    // The first column of the first row, or -1 if the query failed.
    qint64 scalar(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    DatabaseConfig m_config;
    QString m_url;                // PostgreSQL: this database's URL, for servers
    DatabaseConfig m_maintenance; // PostgreSQL: the database CREATE/DROP DATABASE run from
    QString m_setupError;
};
