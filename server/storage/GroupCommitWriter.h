#pragma once

#include "api/Problem.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class ConnectionFactory;
class QThread;

// The single writer. Jobs that wait while a commit is on its way to disk are committed together
// in the next durable transaction (group commit); each job runs inside its own savepoint, so a
// job that fails leaves the others untouched. A job's Done runs only after its batch's COMMIT has
// returned, so no caller answers before its change is on disk.
class GroupCommitWriter
{
    Q_DISABLE_COPY_MOVE(GroupCommitWriter)
public:
    // Runs on the writer thread inside a savepoint. Return true to keep the changes, false to roll
    // them back to the savepoint. Must return at the first failed statement.
    using Work = std::function<bool(QSqlDatabase &db)>;
    // Runs on the writer thread once the batch is settled: committed, or failed for `failure`.
    using Done = std::function<void(bool committed, const Problem &failure)>;

    explicit GroupCommitWriter(ConnectionFactory &connections, int maxBatch = 256);
    ~GroupCommitWriter();

    void submit(Work work, Done done);
    // Finishes every job already submitted, then stops the thread. Later submits fail at once.
    void stop();

    quint64 batchCount() const { return m_batches.load(std::memory_order_relaxed); }
    quint64 jobCount() const { return m_jobs.load(std::memory_order_relaxed); }

private:
    struct Job
    {
        Work work;
        Done done;
    };

    void run();
    void runBatch(QSqlDatabase &db, std::deque<Job> &batch);
    static void failAll(std::deque<Job> &batch, const Problem &failure);

    ConnectionFactory &m_connections;
    const int m_maxBatch;
    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_jobs{0};
};
