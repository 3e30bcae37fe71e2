#include "bench/PostgresDatabase.h"

#include "server/storage/ConnectionFactory.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace PostgresDatabase {

QString with(const QString &url, const std::function<void(QSqlDatabase &db)> &work)
{
    const auto config = DatabaseConfig::fromUrl(url);
    if (!config)
        return config.problem().detail;
    // The factory's connection is removed when it goes out of scope, after the last handle.
    ConnectionFactory connections(config.value());
    QSqlDatabase db = connections.connectionForCurrentThread();
    if (!db.isOpen())
        return QStringLiteral("cannot connect to %1: %2").arg(config->describe(), db.lastError().text());
    work(db);
    return {};
}

Result<QString> recreate(const QString &serverUrl, const QString &name)
{
    for (const QString &sql : {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name),
                               QStringLiteral("CREATE DATABASE %1").arg(name)}) {
        QString failure;
        const QString connection = with(serverUrl, [&sql, &failure](QSqlDatabase &db) {
            QSqlQuery query(db);
            if (!query.exec(sql))
                failure = query.lastError().text();
        });
        if (!connection.isEmpty() || !failure.isEmpty())
            return Problem(ProblemCode::InternalError, connection + failure);
    }
    QUrl url(serverUrl);
    url.setPath(QLatin1Char('/') + name);
    return url.toString();
}

} // namespace PostgresDatabase
