#include "server/storage/WalCheckpointer.h"

#include "server/storage/ConnectionFactory.h"

#include <QDeadlineTimer>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

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
    return m_writerShouldCheckpoint.exchange(false, std::memory_order_relaxed);
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
        QSqlQuery checkpoint(db);
        // One row: busy, frames in the log, frames copied back. The log starts over once a
        // checkpoint has copied all of it before the writer's next transaction begins.
        if (checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && checkpoint.next()
            && checkpoint.value(1).toLongLong() > kWriterCheckpointFrames)
            m_writerShouldCheckpoint.store(true, std::memory_order_relaxed);
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
