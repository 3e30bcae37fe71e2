#include "storage/DatabaseConfig.h"

#include <QUrl>

DatabaseConfig DatabaseConfig::sqlite(const QString &path)
{
    DatabaseConfig config;
    config.dialect = SqlDialect::Sqlite;
    config.sqlitePath = path;
    return config;
}

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres")))
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("expected postgresql://USER@HOST:PORT/DB"));
    DatabaseConfig config;
    config.dialect = SqlDialect::Postgres;
    config.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
    config.port = url.port(5432);
    config.user = url.userName();
    config.password = url.password();
    config.databaseName = url.path().mid(1);
    if (config.databaseName.isEmpty())
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("the database URL names no database"));
    return config;
}

QString DatabaseConfig::describe() const
{
    if (dialect == SqlDialect::Sqlite)
        return QStringLiteral("sqlite:%1").arg(sqlitePath);
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host, QString::number(port), databaseName);
}
