#include "server/storage/WalCheckpointer.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/StatementCache.h"

#include <QDeadlineTimer>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <sqlite3.h>

WalCheckpointer::WalCheckpointer(ConnectionFactory &connections)
    : m_connections(connections),
      m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(QStringLiteral("bank-checkpointer"));
    m_thread->start();
}

WalCheckpointer::~WalCheckpointer() { stop(); }

bool WalCheckpointer::committed()
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_wanted) {
            m_wanted = true;
            m_wake.wakeOne();
        }
    }
    return m_logFrames.load(std::memory_order_relaxed) > kWriterCheckpointFrames;
}

bool WalCheckpointer::attachWriter(const QSqlDatabase &db)
{
    const StatementCache *cache = StatementCache::of(db);
    if (!cache || !cache->sqlite())
        return false;
    // Replaces SQLite's automatic checkpoint, which is a wal hook as well.
    sqlite3_wal_hook(cache->sqlite(), &WalCheckpointer::onCommit, this);
    return true;
}

int WalCheckpointer::onCommit(void *self, sqlite3 *, const char *, int frames)
{
    static_cast<WalCheckpointer *>(self)->m_logFrames.store(frames, std::memory_order_relaxed);
    return SQLITE_OK;
}

void WalCheckpointer::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.wakeAll();
    }
    if (m_thread && m_thread->isRunning())
        m_thread->wait();
}

void WalCheckpointer::run()
{
    bool truncatePending = false;
    while (true) {
        bool idle = false;
        {
            QMutexLocker lock(&m_mutex);
            const QDeadlineTimer quiet
                = truncatePending ? QDeadlineTimer(kIdleMs) : QDeadlineTimer(QDeadlineTimer::Forever);
            while (!m_wanted && !m_stopping && !quiet.hasExpired())
                m_wake.wait(&m_mutex, quiet);
            if (m_stopping)
                break;
            idle = !m_wanted;
            m_wanted = false;
        }
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            QThread::msleep(kIntervalMs);
            continue;
        }
        if (idle) {
            truncatePending = !truncate(db);
            continue;
        }
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        truncatePending = true;
        QThread::msleep(kIntervalMs);
    }
}

bool WalCheckpointer::truncate(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA busy_timeout=%1").arg(kTruncateBusyTimeoutMs)))
        return false;
    return query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && query.next() && query.value(0).toInt() == 0;
}
