#pragma once

#include "shared/core/Problem.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlError>
#include <QStringList>

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
// in the next durable transaction (group commit), and those queued while a batch's first job runs
// join that batch. A job that fails leaves the others untouched: the first job runs inside a
// savepoint of its own; the later ones run without, since almost all keep their changes and on
// PostgreSQL each savepoint is a round trip. When a later job does not keep its changes, the
// batch is rolled back and runs again from its start with a savepoint for every job. A job's Done
// runs only after its batch's COMMIT has returned, so no caller answers before its change is on
// disk.
//
// On PostgreSQL several writers (one per server instance) share the database. They take turns: a
// batch first takes a transaction advisory lock all instances share (waiting at most
// kFirstJobLockWaitMs, holding nothing yet, so the wait is in no cycle; past that it goes ahead
// without the turn, so a stopped instance cannot stall the others), and so never meets another
// instance's batch. Without the turn, batches hold row locks until COMMIT, so a job that waits for
// a lock while its batch holds earlier jobs' locks makes every other instance that needs those wait
// too, and two such waits can close a cycle. So only a batch's first job, which holds no other
// job's locks yet, waits for a lock, and only a while (kFirstJobLockWaitMs: every write queued
// behind it waits too, even for rows it does not need). A later job does not wait
// (kLaterJobLockWaitMs): one that meets a lock held elsewhere is rolled back to its savepoint and
// deferred to the head of the next batch, where it comes first and may wait. First jobs lock in one
// order (their key's row, then both accounts by id), so their waits cannot form a cycle. A first
// job that times out, or any job that loses a deadlock or a serialization conflict
// (55P03/40P01/40001), runs again at the head of the next batch too, after this batch has released
// its locks. Its caller gets the 503 only after kMaxAttempts such runs that waited, or once it has
// been losing for kRetryWindowMs. Work must therefore be safe to run again, which it is: a rolled-
// back attempt left nothing behind.
class GroupCommitWriter
{
    Q_DISABLE_COPY_MOVE(GroupCommitWriter)
public:
    // What a job tells the writer: keep its changes (true), or roll them back to its savepoint
    // (false, or the Problem it stopped at). A job stopped by a lost race (Problem::lostRace) runs
    // again, within the bounds above.
    struct JobResult
    {
        JobResult(bool keepChanges) : keep(keepChanges) {}
        JobResult(const Problem &failure) : runAgain(failure.lostRace) {}

        bool keep = false;
        bool runAgain = false; // never with keep
    };
    // Runs on the writer thread, inside a savepoint or a transaction that is rolled back whole if
    // it does not keep its changes. Must return at the first failed statement. Must be safe to run
    // again after such a rollback: only Done may act on what was stored.
    using Work = std::function<JobResult(QSqlDatabase &db)>;
    // Runs on the writer thread once the batch is settled: committed, or failed for `failure`.
    using Done = std::function<void(bool committed, const Problem &failure)>;

    // With kFirstJobLockWaitMs, how long a write waits for a row it needs before its 503: 6 s, longer
    // than any batch of another instance holds its key's row when that instance is healthy.
    static constexpr int kMaxAttempts = 12;
    // PostgreSQL lock_timeout of a batch's first job and of the later ones. The first bound is
    // shorter than deadlock_timeout (1 s), so a cycle through a session other than the writers'
    // (psql) ends here first; the later one is the shortest there is (0 would mean no limit), so a
    // later job that meets a lock gives up at once.
    static constexpr int kFirstJobLockWaitMs = 500;
    static constexpr int kLaterJobLockWaitMs = 1;
    // How long a job may keep losing races, from its first loss. Deferrals do not count as
    // attempts: under contention a job may be deferred several times before it comes first, and
    // that is no reason for a 503. This bound matters when a row stays locked: every job that needs
    // it is deferred behind the one that waits for it, and is answered about as soon.
    static constexpr int kRetryWindowMs = kMaxAttempts * kFirstJobLockWaitMs;

    explicit GroupCommitWriter(ConnectionFactory &connections, int maxBatch = 256);
    ~GroupCommitWriter();

    void submit(Work work, Done done);
    // Finishes every job already submitted, then stops the thread. Later submits fail at once.
    void stop();

    quint64 batchCount() const { return m_batches.load(std::memory_order_relaxed); }
    quint64 jobCount() const { return m_jobs.load(std::memory_order_relaxed); }
    // Job runs that met a lock, lost a deadlock or serialization conflict and were run again.
    quint64 retryCount() const { return m_retries.load(std::memory_order_relaxed); }
    // Of those, the later jobs of a batch that met a lock and were deferred without waiting.
    quint64 deferredCount() const { return m_deferrals.load(std::memory_order_relaxed); }
    // Batches rolled back and run again with a savepoint for every job, because a later job did
    // not keep its changes.
    quint64 rerunBatchCount() const { return m_rerunBatches.load(std::memory_order_relaxed); }
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
        int attempts = 0;            // runs that waited and lost, or whose whole batch was rolled back
        QElapsedTimer losingSince{}; // started at its first lost race
        bool runAgain = false;
        bool deferred = false; // runAgain as a later job of its batch: it did not wait
    };

    void run();
    bool begin(QSqlDatabase &db, QSqlError &error);
    // begin(), or every job of the batch hears why not.
    bool beginOrFail(QSqlDatabase &db, std::deque<Job> &batch);
    // The batch in its transaction; the first job in a savepoint, the later ones too if
    // `everyJobInSavepoint`, else without (and the batch runs again with them if one fails).
    void runBatch(QSqlDatabase &db, std::deque<Job> &batch, bool everyJobInSavepoint);
    // Moves queued jobs into `batch`, up to the batch limit. m_mutex must be held.
    void takeQueued(std::deque<Job> &batch);
    bool takeTurn(QSqlDatabase &db, QSqlError &error);
    // Runs the batch's own statements (SAVEPOINT, COMMIT, …) in order, up to the first that fails.
    // A connection already lost is not used again, which QSqlQuery would only answer with a
    // "database not open" warning; `error` then says it was lost, which is storage trouble
    // (StorageFailure::isStorageUnavailable). On SQLite they are prepared once, like the jobs'
    // statements; PostgreSQL prepares no transaction control, and gets them in one round trip.
    bool control(QSqlDatabase &db, const QStringList &statements, QSqlError &error);
    // What begins a batch: its transaction, and the first job's bound on lock waits.
    QStringList opening() const;
    // Whether the job at `index` of its batch runs in a savepoint: the first always.
    static bool hasSavepoint(std::size_t index, bool everyJobInSavepoint) { return index == 0 || everyJobInSavepoint; }
    // What runs before the job at `index` of its batch: its savepoint if it gets one, and the bound
    // of the later jobs' lock waits before the second.
    QStringList jobOpening(std::size_t index, bool everyJobInSavepoint) const;
    // Whether `job`, which lost a race, may run again. `deferred`: it lost as a later job of its
    // batch, without waiting, which is no attempt.
    static bool mayRunAgain(Job &job, bool deferred);
    // Rolls the whole batch back after `error`: retries it if that was a deadlock, else fails it.
    void abandon(QSqlDatabase &db, std::deque<Job> &batch, const QSqlError &error);
    // Answers a batch once its COMMIT has returned (committed) or was cut off (`failure` says the
    // outcome is unknown), except the jobs that rolled themselves back to run again: requeued.
    void settle(std::deque<Job> &batch, bool committed, const Problem &failure);
    // Puts jobs back at the head of the queue for the next batch.
    void requeue(std::deque<Job> &jobs);
    static void failAll(std::deque<Job> &batch, const Problem &failure);

    ConnectionFactory &m_connections;
    const int m_maxBatch;
    // On PostgreSQL each statement of the writer's own is a round trip in the chain that bounds a
    // batch. So a job's savepoint, kept or rolled back to, is released in the round trip that opens
    // the next job, and the last one by COMMIT. SQLite has no round trips and releases at once.
    const bool m_releasesWithNextJob;
    mutable QMutex m_mutex;
    std::condition_variable_any m_wake; // not QWaitCondition: ThreadSanitizer sees through this one
    std::deque<Job> m_queue;
    bool m_stopping = false;
    std::unique_ptr<QThread> m_thread;
    // The writer thread's end (release), read by stop() (acquire) after it waited for it: QThread's
    // wait is inside Qt, which ThreadSanitizer cannot see, and the thread's statement caches are
    // destroyed on another thread afterwards.
    std::atomic<bool> m_ended{false};
    std::unique_ptr<WalCheckpointer> m_checkpointer; // SQLite only
    bool m_autoCheckpointOff = false;                // on the writer's connection
    std::atomic<quint64> m_batches{0};
    std::atomic<quint64> m_jobs{0};
    std::atomic<quint64> m_retries{0};
    std::atomic<quint64> m_deferrals{0};
    std::atomic<quint64> m_rerunBatches{0};
    std::atomic<quint64> m_largestBatch{0}; // written by the writer thread only
};
