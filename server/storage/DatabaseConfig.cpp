#include "server/storage/DatabaseConfig.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

DatabaseConfig DatabaseConfig::sqlite(const QString &path)
{
    DatabaseConfig config;
    config.dialect = SqlDialect::Sqlite;
    config.sqlitePath = path;
    return config;
}

Result<DatabaseConfig> DatabaseConfig::fromUrl(const QString &text)
{
    const Problem notAUrl(ProblemCode::ValidationFailed, QStringLiteral("expected postgresql://USER@HOST:PORT/DB"));
    // libpq's multi-host form (HOST1:PORT1,HOST2:PORT2) is no URL to QUrl: the host list is taken
    // apart here, and the rest parsed with the first host in its place.
    static const QRegularExpression parts(QStringLiteral("^(postgres(?:ql)?://(?:[^@/?#]*@)?)([^/?#]*)(.*)$"));
    const QRegularExpressionMatch match = parts.match(text);
    if (!match.hasMatch())
        return notAUrl;
    const QStringList hosts = match.captured(2).split(QLatin1Char(','));
    DatabaseConfig config;
    config.dialect = SqlDialect::Postgres;
    for (const QString &host : hosts) {
        const QUrl endpoint(QStringLiteral("postgresql://%1/").arg(host), QUrl::StrictMode);
        if (!endpoint.isValid() || (hosts.size() > 1 && endpoint.host().isEmpty()))
            return notAUrl;
        config.endpoints.append(
            {endpoint.host().isEmpty() ? QStringLiteral("localhost") : endpoint.host(), endpoint.port(5432)});
    }
    const QUrl url(match.captured(1) + hosts.front() + match.captured(3), QUrl::StrictMode);
    if (!url.isValid())
        return notAUrl;
    config.user = url.userName();
    config.password = url.password();
    config.databaseName = url.path().mid(1);
    if (config.databaseName.isEmpty())
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("the database URL names no database"));
    // Each parameter becomes one "name=value" word of libpq's connection string, so a value may
    // hold nothing that would end or quote that word.
    static const QRegularExpression name(QStringLiteral("^[a-z_]+$"));
    static const QRegularExpression value(QStringLiteral("^[^\\s;'\\\\]+$"));
    const QList<QPair<QString, QString>> parameters = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, setting] : parameters) {
        if (!name.match(key).hasMatch() || !value.match(setting).hasMatch())
            return Problem(ProblemCode::ValidationFailed,
                           QStringLiteral("the database URL parameter \"%1\" is not name=value").arg(key));
        config.connectOptions.append(key + QLatin1Char('=') + setting);
    }
    // A database that does not answer must fail the request (503), not hang it for ever.
    const auto given = [&parameters](const char *key) {
        return std::any_of(parameters.begin(), parameters.end(),
                           [key](const auto &p) { return p.first == QLatin1String(key); });
    };
    if (!given("connect_timeout"))
        config.connectOptions.append(QStringLiteral("connect_timeout=10"));
    if (!given("application_name"))
        config.connectOptions.append(QStringLiteral("application_name=bank-server"));
    return config;
}

QString DatabaseConfig::describe() const
{
    if (dialect == SqlDialect::Sqlite)
        return QStringLiteral("sqlite:%1").arg(sqlitePath);
    QStringList hosts;
    for (const Endpoint &endpoint : endpoints)
        hosts.append(QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port));
    return QStringLiteral("postgresql://%1@%2/%3").arg(user, hosts.join(QLatin1Char(',')), databaseName);
}
