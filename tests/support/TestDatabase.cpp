#include "tests/support/TestDatabase.h"

#include "server/storage/ConnectionFactory.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QString runOn(const DatabaseConfig &config, const std::function<void(QSqlDatabase &db)> &work)
{
    // The factory's connection is removed when it goes out of scope, after the last handle.
    ConnectionFactory connections(config);
    QSqlDatabase db = connections.connectionForCurrentThread();
    if (!db.isOpen())
        return QStringLiteral("cannot connect to %1: %2").arg(config.describe(), db.lastError().text());
    work(db);
    return {};
}

QString execOn(const DatabaseConfig &config, const QString &sql)
{
    QString failure;
    const QString unreachable = runOn(config, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (!query.exec(sql))
            failure = query.lastError().text();
    });
    return unreachable.isEmpty() ? failure : unreachable;
}

} // namespace

TestDatabase::TestDatabase() : TestDatabase(qEnvironmentVariable(kServerUrlVariable)) {}

TestDatabase::TestDatabase(const QString &serverUrl)
{
    if (serverUrl.isEmpty()) {
        m_config = DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("bank.db")));
        return;
    }
    const auto maintenance = DatabaseConfig::fromUrl(serverUrl);
    if (!maintenance) {
        m_setupError = QStringLiteral("%1: %2").arg(QLatin1String(kServerUrlVariable), maintenance.problem().detail);
        return;
    }
    m_maintenance = maintenance.value();
    const QString name
        = QStringLiteral("bank_test_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    // Not through QUrl, which does not take libpq's multi-host form.
    static const QRegularExpression path(QStringLiteral("^([^:]+://[^/]*)/[^?]*"));
    m_url = QString(serverUrl).replace(path, QStringLiteral("\\1/") + name);
    m_config = DatabaseConfig::fromUrl(m_url).value();
    if (const QString failure = execOn(m_maintenance, QStringLiteral("CREATE DATABASE %1").arg(name));
        !failure.isEmpty())
        m_setupError = QStringLiteral("cannot create the test database: %1").arg(failure);
}

TestDatabase::~TestDatabase()
{
    if (m_config.dialect == SqlDialect::Postgres && m_setupError.isEmpty()) {
        // FORCE: a bank-server that was SIGKILLed may not have been noticed as gone yet.
        const QString failure = execOn(
            m_maintenance, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_config.databaseName));
        if (!failure.isEmpty())
            qWarning("TestDatabase: cannot drop %s: %s", qPrintable(m_config.databaseName), qPrintable(failure));
    }
}

void TestDatabase::applyTo(ServerConfig &config) const
{
    if (m_config.dialect == SqlDialect::Postgres) {
        config.databaseUrl = m_url;
    } else {
        config.databaseUrl.clear();
        config.databasePath = m_config.sqlitePath;
    }
}

QString TestDatabase::withConnection(const std::function<void(QSqlDatabase &db)> &work) const
{
    if (!m_setupError.isEmpty())
        return m_setupError;
    return runOn(m_config, work);
}

QString TestDatabase::exec(const QString &sql) const
{
    if (!m_setupError.isEmpty())
        return m_setupError;
    return execOn(m_config, sql);
}

qint64 TestDatabase::scalar(const QString &sql) const
{
    qint64 value = -1;
    withConnection([&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            value = query.value(0).toLongLong();
    });
    return value;
}
