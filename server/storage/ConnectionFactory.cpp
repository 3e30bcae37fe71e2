#include "storage/ConnectionFactory.h"

#include <QAtomicInteger>
#include <QFile>
#include <QFileInfo>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <utility>

namespace {
QAtomicInteger<quint64> g_factoryCounter;
}

ConnectionFactory::ConnectionFactory(DatabaseConfig config)
    : m_config(std::move(config)), m_prefix(QStringLiteral("bank-%1-").arg(g_factoryCounter.fetchAndAddRelaxed(1)))
{
}

ConnectionFactory::~ConnectionFactory() { closeAll(); }

QSqlDatabase ConnectionFactory::connectionForCurrentThread()
{
    const QString name = m_prefix + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isOpen() && db.open())
            configure(db);
        return db;
    }
    if (m_config.dialect == SqlDialect::Sqlite) {
        // Created by us with owner-only permissions before SQLite ever opens it.
        QFileInfo info(m_config.sqlitePath);
        if (!info.exists()) {
            QDir().mkpath(info.absolutePath());
            QFile file(m_config.sqlitePath);
            if (file.open(QIODevice::WriteOnly))
                file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(SqlDialects::driverName(m_config.dialect), name);
    {
        QMutexLocker lock(&m_mutex);
        m_names.append(name);
    }
    if (m_config.dialect == SqlDialect::Sqlite) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
    }
    if (db.open())
        configure(db);
    return db;
}

bool ConnectionFactory::configure(QSqlDatabase &db)
{
    if (m_config.dialect != SqlDialect::Sqlite)
        return true;
    QSqlQuery query(db);
    // WAL lets readers run beside the writer; FULL makes an acknowledged transfer durable.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return false;
    }
    return true;
}

void ConnectionFactory::closeAll()
{
    QStringList names;
    {
        QMutexLocker lock(&m_mutex);
        names = std::exchange(m_names, {});
    }
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name);
}
