#include "server/storage/ConnectionFactory.h"

#include "server/storage/QtSqlStatement.h"
#include "server/storage/StatementCache.h"
#include "server/storage/WalCheckpointer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <dlfcn.h>
#include <sqlite3.h>

#include <unordered_map>
#include <utility>

Q_LOGGING_CATEGORY(lcPostgres, "bank.postgres")

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

// libpq writes what the server says outside a query (the FATAL of a terminated backend, a NOTICE)
// straight to stderr, into the request log; on each connection it is sent through Qt's logging
// instead, which bank-server puts into the documented shape. The function is looked up in the
// libpq that Qt's QPSQL plugin has loaded, so building the bank needs no libpq headers.
void routeNoticesToQtLogging(const QSqlDatabase &db)
{
    using NoticeProcessor = void (*)(void *, const char *);
    using SetNoticeProcessor = NoticeProcessor (*)(void *connection, NoticeProcessor, void *);
    // The plugin's libraries are loaded privately (not RTLD_GLOBAL): asked for by name.
    static const auto setNoticeProcessor = [] {
        void *libpq = dlopen("libpq.so.5", RTLD_LAZY | RTLD_NOLOAD);
        return libpq ? reinterpret_cast<SetNoticeProcessor>(dlsym(libpq, "PQsetNoticeProcessor")) : nullptr;
    }();
    const QVariant handle = db.driver()->handle();
    // Qt names the type as it normalizes the plugin's PGconn*.
    if (!setNoticeProcessor || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return;
    void *connection = *static_cast<void *const *>(handle.constData());
    if (connection)
        setNoticeProcessor(
            connection,
            [](void *, const char *message) {
                qCWarning(lcPostgres, "%s", qPrintable(QString::fromUtf8(message).trimmed()));
            },
            nullptr);
}

// SQLite counts the memory it holds behind one mutex for the whole process, taken at every
// allocation of every connection: under load 4–8 % of the readers' and the writer's samples, much
// of it waiting for each other. Nothing here reads the count. It can only be turned off before
// SQLite initializes, which the first connection's open does; every connection opens through here.
void stopSqliteMemoryCount()
{
    static const int result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(result); // SQLITE_MISUSE if SQLite was already initialized: it then keeps counting
}

// Longer than any writer job keeps its transaction idle (tests hold one for 4 s before COMMIT).
constexpr int kIdleInTransactionTimeoutMs = 10'000;

} // namespace

ConnectionFactory::CachedStatement::CachedStatement(QSqlDatabase &db, const QString &sql)
{
    StatementCache *cache = db.isOpen() ? StatementCache::of(db) : nullptr;
    m_statement = cache ? cache->statement(db, sql) : nullptr;
    if (m_statement)
        return;
    // Not prepared on a lost connection (QSqlQuery would only warn "database not open"): run
    // unprepared, the statement fails with the connection's error; or with the error of preparing.
    QSqlQuery query(db);
    QSqlError preparing;
    if (db.isOpen() && !query.prepare(sql))
        preparing = query.lastError();
    m_uncached = std::make_unique<QtSqlStatement>(std::move(query), preparing);
    m_statement = m_uncached.get();
}

ConnectionFactory::CachedStatement::~CachedStatement() { m_statement->finish(); }

ConnectionFactory::ConnectionFactory(DatabaseConfig config)
    : m_config(std::move(config)),
      m_prefix(QStringLiteral("bank-%1-").arg(g_factoryCounter.fetchAndAddRelaxed(1)))
{}

ConnectionFactory::~ConnectionFactory() { closeAll(); }

QSqlDatabase ConnectionFactory::connectionForCurrentThread()
{
    const QString name = m_prefix + QString::number(currentThreadSerial());
    if (QSqlDatabase::contains(name)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                return db;
        }
        // A connection that was lost (or never opened) is replaced, not reopened: its cached
        // statements would deallocate themselves on the new session, where they do not exist
        // ("Unable to free statement"). Removing it destroys its driver first, and statements
        // outliving their driver deallocate nothing.
        forget(name);
        QSqlDatabase::removeDatabase(name);
    } else {
        QMutexLocker lock(&m_mutex);
        m_names.append(name);
    }
    if (m_config.dialect == SqlDialect::Sqlite) {
        stopSqliteMemoryCount();
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
    if (m_config.dialect == SqlDialect::Sqlite) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        // libpq takes several hosts as lists: host=a,b port=1,2. QPSQL quotes the host name as
        // one value and passes the connect options on as they are, ';' between them.
        QStringList hosts;
        QStringList ports;
        for (const DatabaseConfig::Endpoint &endpoint : m_config.endpoints) {
            hosts.append(endpoint.host);
            ports.append(QString::number(endpoint.port));
        }
        db.setHostName(hosts.join(QLatin1Char(',')));
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
        db.setConnectOptions(
            (QStringList(QStringLiteral("port=") + ports.join(QLatin1Char(','))) + m_config.connectOptions)
                .join(QLatin1Char(';')));
    }
    // Not used half set up (a SQLite connection without synchronous=FULL would acknowledge what a
    // crash can lose); the next call replaces it.
    if (db.open() && !configure(db))
        db.close();
    if (db.isOpen()) {
        StatementCache *cache = StatementCache::create(db);
        if (cache->runsOnSqlite()) {
            QMutexLocker lock(&m_mutex);
            m_sqliteCaches.emplace(name, cache);
        }
    }
    return db;
}

bool ConnectionFactory::configure(QSqlDatabase &db)
{
    // First, so that even a connection that is already lost says why through Qt's logging.
    if (m_config.dialect == SqlDialect::Postgres)
        routeNoticesToQtLogging(db);
    // QPSQL's open() runs set-up queries of its own and succeeds even when the session died in
    // them (pg_terminate_backend, a crash): the connection then reports itself closed.
    if (!db.isOpen())
        return false;
    QSqlQuery query(db);
    // NOTICEs ("relation already exists, skipping") are not worth a line in the log.
    if (m_config.dialect == SqlDialect::Postgres) {
        // A session left idle inside a transaction (its instance stopped or hung mid-batch)
        // would hold its row locks for ever; unless the operator chose a timeout, it gets one.
        return query.exec(QStringLiteral("SET client_min_messages = warning"))
            && query.exec(QStringLiteral("SELECT set_config('idle_in_transaction_session_timeout', '%1ms', false)"
                                         " WHERE current_setting('idle_in_transaction_session_timeout') = '0'")
                              .arg(kIdleInTransactionTimeoutMs));
    }
    // WAL lets readers run beside the writer; FULL makes an acknowledged transfer durable. The
    // writer's savepoints keep the original of every page they change, which SQLite otherwise
    // writes to a temporary file once past its in-memory limit: under load a file was created,
    // written page by page and deleted for almost every batch. In memory it is a batch's pages at
    // most. Readers' temporary data is as small: every list is a page of an index.
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"}) {
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
    for (const QString &name : names) {
        forget(name);
        QSqlDatabase::removeDatabase(name);
    }
}

void ConnectionFactory::forget(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    if (const auto found = m_sqliteCaches.find(name); found != m_sqliteCaches.end()) {
        found->second->clear();
        m_sqliteCaches.erase(found);
    }
}
