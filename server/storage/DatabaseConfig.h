#pragma once

#include "api/Result.h"
#include "storage/SqlDialect.h"

#include <QString>

// Where the bank's data lives: a SQLite file (the embedded default) or a PostgreSQL database.
struct DatabaseConfig
{
    SqlDialect dialect = SqlDialect::Sqlite;
    QString sqlitePath;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    static DatabaseConfig sqlite(const QString &path);
    // postgresql://USER[:PASSWORD]@HOST[:PORT]/DB
    static Result<DatabaseConfig> fromUrl(const QString &url);
    QString describe() const; // for logs: never includes the password
};
