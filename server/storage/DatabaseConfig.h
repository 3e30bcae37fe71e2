#pragma once

#include "server/storage/SqlDialect.h"
#include "shared/core/Result.h"

#include <QString>
#include <QStringList>

// Where the bank's data lives: a SQLite file (the embedded default) or a PostgreSQL database.
struct DatabaseConfig
{
    SqlDialect dialect = SqlDialect::Sqlite;
    QString sqlitePath;
    struct Endpoint
    {
        QString host;
        int port = 5432;
    };
    // PostgreSQL: one server, or several that libpq tries in turn (with target_session_attrs=
    // read-write it settles on the writable primary, also after a failover).
    QList<Endpoint> endpoints;
    QString user;
    QString password;
    QString databaseName;
    // libpq connection parameters, "name=value" each: the URL's query (?sslmode=require) plus
    // defaults for connect_timeout and application_name. Without a password in the URL, libpq
    // still finds one in PGPASSWORD or ~/.pgpass.
    QStringList connectOptions;

    static DatabaseConfig sqlite(const QString &path);
    // postgresql://USER[:PASSWORD]@HOST[:PORT][,HOST[:PORT]...]/DB[?PARAM=VALUE&...]
    static Result<DatabaseConfig> fromUrl(const QString &url);
    QString describe() const; // for logs: never includes the password
};
