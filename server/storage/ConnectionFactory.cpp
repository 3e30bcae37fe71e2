#include "server/storage/ConnectionFactory.h"

#include "server/storage/WalCheckpointer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <unordered_map>
#include <utility>

namespace {

QAtomicInteger<quint64> g_factoryCounter;
QAtomicInteger<quint64> g_threadCounter;

// Names a thread for as long as it lives. Not its QThread address: a pool that ends a thread and
// starts another may get the same address back, and would then be handed a connection that
// belongs to the dead thread ("requested database does not belong to the calling thread").
quint64 currentThreadSerial()
{
    thread_local const quint64 serial = g_threadCounter.fetchAndAddRelaxed(1);
    return serial;
}

const QString kStatementCacheName = QStringLiteral("bank-statement-cache");

// Prepared statements of one connection, a child of its driver: destroyed with the driver, after
// the driver has finalized them on close.
class StatementCache : public QObject
{
public:
    explicit StatementCache(QSqlDriver *driver) : QObject(driver) { setObjectName(kStatementCacheName); }

    static StatementCache *of(const QSqlDatabase &db, bool create)
    {
        QSqlDriver *driver = db.driver();
        if (!driver)
            return nullptr;
        auto *cache = static_cast<StatementCache *>(
            driver->findChild<QObject *>(kStatementCacheName, Qt::FindDirectChildrenOnly));
        return cache || !create ? cache : new StatementCache(driver);
    }

    // Node-based, so references stay valid while other statements are added.
    std::unordered_map<QString, QSqlQuery> statements;
};

} // namespace

ConnectionFactory::CachedStatement::CachedStatement(QSqlDatabase &db, const QString &sql)
{
    StatementCache *cache = StatementCache::of(db, true);
    if (cache) {
        if (const auto found = cache->statements.find(sql); found != cache->statements.end()) {
            m_query = &found->second;
            return;
        }
    }
    QSqlQuery query(db);
    if (!cache || !query.prepare(sql)) {
        m_uncached.emplace(std::move(query));
        m_query = &*m_uncached;
        return;
    }
    m_query = &cache->statements.emplace(sql, std::move(query)).first->second;
}

ConnectionFactory::CachedStatement::~CachedStatement() { m_query->finish(); }

ConnectionFactory::ConnectionFactory(DatabaseConfig config)
    : m_config(std::move(config)),
      m_prefix(QStringLiteral("bank-%1-").arg(g_factoryCounter.fetchAndAddRelaxed(1)))
{}

ConnectionFactory::~ConnectionFactory() { closeAll(); }

QSqlDatabase ConnectionFactory::connectionForCurrentThread()
{
    const QString name = m_prefix + QString::number(currentThreadSerial());
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (!db.isOpen() && db.open()) {
            // Statements prepared on the lost session do not exist on the new one.
            delete StatementCache::of(db, false);
            configure(db);
        }
        return db;
    }
    if (m_config.dialect == SqlDialect::Sqlite) {
        // Created by us with owner-only permissions (set by open(2) itself, so there is no moment
        // in which others may open it) before SQLite ever opens it; SQLite gives its -wal and
        // -shm files the same permissions.
        QFileInfo info(m_config.sqlitePath);
        if (!info.exists()) {
            QDir().mkpath(info.absolutePath());
            // If this fails (another thread was first, or the folder is not writable), opening
            // the database below says so.
            [[maybe_unused]] const bool created = QFile(m_config.sqlitePath)
                                                      .open(QIODevice::WriteOnly | QIODevice::NewOnly,
                                                            QFileDevice::ReadOwner | QFileDevice::WriteOwner);
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
        // QPSQL passes these on to libpq, ';' between them.
        db.setConnectOptions(m_config.connectOptions.join(QLatin1Char(';')));
    }
    if (db.open())
        configure(db);
    return db;
}

bool ConnectionFactory::configure(QSqlDatabase &db)
{
    QSqlQuery query(db);
    // libpq prints NOTICEs ("relation already exists, skipping") to stderr, into the request log.
    if (m_config.dialect == SqlDialect::Postgres)
        return query.exec(QStringLiteral("SET client_min_messages = warning"));
    // WAL lets readers run beside the writer; FULL makes an acknowledged transfer durable.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (!query.exec(QString::fromLatin1(pragma)))
            return false;
    }
    // Each time the log starts over, its file is cut back to this size (WalCheckpointer).
    return query.exec(QStringLiteral("PRAGMA journal_size_limit=%1").arg(WalCheckpointer::kJournalSizeLimit));
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
