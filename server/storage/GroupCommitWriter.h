#pragma once

#include "shared/core/Problem.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>

class ConnectionFactory;
class QSqlQuery;
class QThread;
class WalCheckpointer;

// The single writer. Jobs that wait while a commit is on its way to disk are committed together
// in the next durable transaction (group commit); each job runs inside its own savepoint, so a
// job that fails leaves the others untouched. A job's Done runs only after its batch's COMMIT has
// returned, so no caller answers before its change is on disk.
//
// On PostgreSQL several writers (one per server instance) share the database. Their batches hold
// row locks until COMMIT, so two batches could deadlock even though each job locks in a fixed
// order. So only a batch's first job, which holds nothing yet, may wait for a lock a while
// (kFirstJobLockWaitMs: every write queued behind it waits too, even for rows it does not need);
// later jobs wait at most kLaterJobLockWaitMs. A job that times out, loses a deadlock or a
// serialization conflict (55P03/40P01/40001) is rolled back to its savepoint and runs again at the
// head of the next batch, after this batch has released its locks; only after kMaxAttempts does
// its caller get the 503. Work must therefore be safe to run again, which it is: a rolled-back
// attempt left nothing behind.
class GroupCommitWriter
{
    Q_DISABLE_COPY_MOVE(GroupCommitWriter)
public:
    // What a job tells the writer: keep its changes (true), or roll them back to its savepoint
    // (false, or the Problem it stopped at). A job stopped by a lost race (Problem::lostRace) runs
    // again, up to kMaxAttempts in all.
    struct JobResult
    {
        JobResult(bool keepChanges) : keep(keepChanges) {}
        JobResult(const Problem &failure) : runAgain(failure.lostRace) {}

        bool keep = false;
        bool runAgain = false; // never with keep
    };
    // Runs on the writer thread inside a savepoint. Must return at the first failed statement.
    using Work = std::function<JobResult(QSqlDatabase &db)>;
    // Runs on the writer thread once the batch is settled: committed, or failed for `failure`.
    using Done = std::function<void(bool committed, const Problem &failure)>;

    // With kFirstJobLockWaitMs, how long a write waits for a row it needs before its 503: 6 s, longer
    // than any batch of another instance holds its key's row when that instance is healthy.
    static constexpr int kMaxAttempts = 12;
    // PostgreSQL lock_timeout of a batch's first job and of the later ones. The later bound is
    // longer than an uncontended batch of another instance takes to commit, and far shorter than
    // deadlock_timeout (1 s), so a lock cycle between batches ends here first.
    static constexpr int kFirstJobLockWaitMs = 500;
    static constexpr int kLaterJobLockWaitMs = 100;

    explicit GroupCommitWriter(ConnectionFactory &connections, int maxBatch = 256);
    ~GroupCommitWriter();

    void submit(Work work, Done done);
    // Finishes every job already submitted, then stops the thread. Later submits fail at once.
    void stop();

    quint64 batchCount() const { return m_batches.load(std::memory_order_relaxed); }
    quint64 jobCount() const { return m_jobs.load(std::memory_order_relaxed); }
    // Job runs that lost a deadlock or serialization conflict and were run again.
    quint64 retryCount() const { return m_retries.load(std::memory_order_relaxed); }
    // The most jobs one transaction has carried, committed or not: above 1 only if group commit
    // has really grouped.
    quint64 largestBatch() const { return m_largestBatch.load(std::memory_order_relaxed); }
    // Jobs submitted and not yet taken into a transaction.
    qsizetype queuedJobs() const;

private:
    struct Job
    {
        Work work;
        Done done;
        int attempts = 0;
        bool runAgain = false;
    };

    void run();
    bool begin(QSqlDatabase &db, QSqlError &error);
    void runBatch(QSqlDatabase &db, std::deque<Job> &batch);
    // Rolls the whole batch back after `error`: retries it if that was a deadlock, else fails it.
    void abandon(QSqlQuery &query, std::deque<Job> &batch, const QSqlError &error);
    // Answers a batch once its COMMIT has returned (committed) or was cut off (`failure` says the
    // outcome is unknown), except the jobs that rolled themselves back to run again: requeued.
    void settle(std::deque<Job> &batch, bool committed, const Problem &failure);
    // Puts jobs back at the head of the queue for the next batch.
    void requeue(std::deque<Job> &jobs);
    static void failAll(std::deque<Job> &batch, const Problem &failure);

    ConnectionFactory &m_connections;
    const int m_maxBatch;
    mutable QMutex m_mutex;
    std::condition_variable_any m_wake; // not QWaitCondition: ThreadSanitizer sees through this one
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite only
    bool m_autoCheckpointOff = false;                // on the writer's connection
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_jobs{0};
    std::atomic<quint64> m_retries{0};
    std::atomic<quint64> m_largestBatch{0}; // written by the writer thread only
};
