#include "server/storage/GroupCommitWriter.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"
#include "server/storage/WalCheckpointer.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <utility>

GroupCommitWriter::GroupCommitWriter(ConnectionFactory &connections, int maxBatch)
    : m_connections(connections),
      m_maxBatch(maxBatch),
      m_releasesWithNextJob(connections.dialect() == SqlDialect::Postgres),
      m_thread(QThread::create([this] {
          run();
          m_ended.store(true, std::memory_order_release);
      }))
{
    m_thread->setObjectName(QStringLiteral("bank-writer"));
    if (connections.dialect() == SqlDialect::Sqlite)
        m_checkpointer = std::make_unique<WalCheckpointer>(connections);
    m_thread->start();
}

GroupCommitWriter::~GroupCommitWriter() { stop(); }

void GroupCommitWriter::submit(Work work, Done done)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stopping) {
            m_queue.push_back({std::move(work), std::move(done)});
            m_wake.notify_one();
            return;
        }
    }
    done(false, Problem(ProblemCode::ServiceUnavailable, QStringLiteral("the server is shutting down")));
}

void GroupCommitWriter::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        m_wake.notify_all();
    }
    if (m_thread && m_thread->isRunning())
        m_thread->wait();
    static_cast<void>(m_ended.load(std::memory_order_acquire));
    if (m_checkpointer)
        m_checkpointer->stop();
}

qsizetype GroupCommitWriter::queuedJobs() const
{
    QMutexLocker lock(&m_mutex);
    return qsizetype(m_queue.size());
}

void GroupCommitWriter::run()
{
    while (true) {
        std::deque<Job> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(m_mutex);
            if (m_queue.empty() && m_stopping)
                break;
            takeQueued(batch);
        }
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        if (m_checkpointer && !m_autoCheckpointOff && db.isOpen())
            m_autoCheckpointOff = m_checkpointer->attachWriter(db);
        if (!db.isOpen()) {
            failAll(batch, StorageFailure::notOpen(db.lastError()));
            continue;
        }
        if (beginOrFail(db, batch))
            runBatch(db, batch, false);
    }
}

bool GroupCommitWriter::beginOrFail(QSqlDatabase &db, std::deque<Job> &batch)
{
    QSqlError error;
    if (begin(db, error))
        return true;
    failAll(batch, db.isOpen() ? StorageFailure::toProblem(error) : StorageFailure::notOpen(error));
    return false;
}

bool GroupCommitWriter::begin(QSqlDatabase &db, QSqlError &error)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0) {
            // A connection the database server dropped (restart, terminated backend) is only
            // noticed when it is used. Nothing has run yet, so reopening it and beginning again
            // is safe.
            if (db.isOpen())
                return false;
            db = QSqlDatabase(); // the lost connection is replaced, and no handle of it may remain
            db = m_connections.connectionForCurrentThread();
            if (!db.isOpen()) {
                error = db.lastError();
                return false;
            }
        }
        if (control(db, opening(), error))
            return true;
    }
    return false;
}

void GroupCommitWriter::runBatch(QSqlDatabase &db, std::deque<Job> &batch, bool everyJobInSavepoint)
{
    QSqlError error;
    for (std::size_t index = 0; index < batch.size(); ++index) {
        Job &job = batch[index];
        // The first job holds no locks of the batch while it waits, so it may wait a while; but
        // not for ever, since every write queued behind it waits as well, for rows it may not
        // need. The later ones would wait holding the earlier ones' locks, so they do not wait.
        const bool first = index == 0;
        if (first && !takeTurn(db, error))
            return abandon(db, batch, error);
        if (!control(db, jobOpening(index, everyJobInSavepoint), error))
            return abandon(db, batch, error);
        const JobResult result = job.work(db);
        const bool keep = result.keep;
        if (!keep && !first && !everyJobInSavepoint) {
            // Nothing but a savepoint takes back one job alone: the batch runs again from its
            // start, every job in one. Work is safe to run again; the rollback left nothing of it.
            m_rerunBatches.fetch_add(1, std::memory_order_relaxed);
            QSqlError ignored;
            control(db, {QStringLiteral("ROLLBACK")}, ignored);
            if (beginOrFail(db, batch))
                runBatch(db, batch, true);
            return;
        }
        job.runAgain = result.runAgain && mayRunAgain(job, !first);
        // If the savepoint cannot be released or rolled back, the engine has already aborted the
        // whole transaction (SQLite does on a full disk or I/O error): nothing of the batch stands.
        const bool settled = !hasSavepoint(index, everyJobInSavepoint)
            || ((keep || control(db, {QStringLiteral("ROLLBACK TO SAVEPOINT job")}, error))
                && (m_releasesWithNextJob || control(db, {QStringLiteral("RELEASE SAVEPOINT job")}, error)));
        if (!settled) {
            // Only storage trouble makes the engine abort a transaction, so that is what every
            // job of the batch hears, not the failed RELEASE's "no such savepoint" (a 500).
            if (StorageFailure::isRetryable(error))
                return abandon(db, batch, error);
            control(db, {QStringLiteral("ROLLBACK")}, error);
            return failAll(
                batch,
                Problem(ProblemCode::StorageUnavailable, QStringLiteral("the database is unavailable; retry later")));
        }
        // The first job may have waited for another instance's batch to commit. What was queued
        // meanwhile joins this batch, which now holds the rows that job waited for, instead of
        // waiting behind the next one.
        if (first) {
            QMutexLocker lock(&m_mutex);
            takeQueued(batch);
        }
    }
    if (!control(db, {QStringLiteral("COMMIT")}, error)) {
        if (db.isOpen())
            return abandon(db, batch, error);
        // The connection was lost during COMMIT: PostgreSQL may have committed before it went,
        // and there is no asking it now. The jobs that rolled themselves back are certain.
        return settle(batch, false,
                      Problem(ProblemCode::StorageOutcomeUnknown,
                              QStringLiteral("the connection to the database was lost while committing, so this may "
                                             "or may not have been stored; retry with the same idempotency key")));
    }
    settle(batch, true, Problem());
    m_batches.fetch_add(1, std::memory_order_relaxed);
    // After the answers are out: a checkpoint here delays only the next batch.
    if (m_checkpointer && m_checkpointer->committed())
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
}

QStringList GroupCommitWriter::opening() const
{
    const SqlDialect dialect = m_connections.dialect();
    QStringList statements{SqlDialects::beginWrite(dialect)};
    if (const QString bound = SqlDialects::boundLockWaits(dialect, kFirstJobLockWaitMs); !bound.isEmpty())
        statements << bound;
    return statements;
}

QStringList GroupCommitWriter::jobOpening(std::size_t index, bool everyJobInSavepoint) const
{
    QStringList statements;
    if (m_releasesWithNextJob && index > 0 && hasSavepoint(index - 1, everyJobInSavepoint))
        statements << QStringLiteral("RELEASE SAVEPOINT job");
    // Outside any job's savepoint: set inside one, it would be undone if that job rolled back.
    if (index == 1) {
        if (const QString bound = SqlDialects::boundLockWaits(m_connections.dialect(), kLaterJobLockWaitMs);
            !bound.isEmpty())
            statements << bound;
    }
    if (hasSavepoint(index, everyJobInSavepoint))
        statements << QStringLiteral("SAVEPOINT job");
    return statements;
}

bool GroupCommitWriter::control(QSqlDatabase &db, const QStringList &statements, QSqlError &error)
{
    if (statements.isEmpty())
        return true;
    if (!db.isOpen()) {
        error = QSqlError(QStringLiteral("the connection to the database was lost"), {}, QSqlError::ConnectionError);
        return false;
    }
    if (m_connections.dialect() == SqlDialect::Sqlite) {
        for (const QString &sql : statements) {
            ConnectionFactory::CachedStatement statement(db, sql);
            if (!statement->exec()) {
                error = statement->lastError();
                return false;
            }
        }
        return true;
    }
    // One round trip: PostgreSQL runs them in order and stops at the first that fails.
    QSqlQuery query(db);
    if (query.exec(statements.join(QStringLiteral("; "))))
        return true;
    error = query.lastError();
    return false;
}

bool GroupCommitWriter::takeTurn(QSqlDatabase &db, QSqlError &error)
{
    const QString turn = SqlDialects::takeWritersTurn(m_connections.dialect());
    if (turn.isEmpty() || control(db, {turn}, error))
        return true;
    // Another instance's batch kept the turn past the bound (it is stopped or slow): this batch
    // goes ahead without it, as before, rather than stall every write here. Nothing but the wait
    // has run, so the transaction simply begins again: cheaper than a savepoint around every turn.
    if (!StorageFailure::isRetryable(error))
        return false;
    return control(db, QStringList{QStringLiteral("ROLLBACK")} + opening(), error);
}

void GroupCommitWriter::takeQueued(std::deque<Job> &batch)
{
    while (!m_queue.empty() && int(batch.size()) < m_maxBatch) {
        batch.push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
    if (batch.size() > m_largestBatch.load(std::memory_order_relaxed))
        m_largestBatch.store(batch.size(), std::memory_order_relaxed);
}

bool GroupCommitWriter::mayRunAgain(Job &job, bool deferred)
{
    job.deferred = deferred;
    if (!job.losingSince.isValid())
        job.losingSince.start();
    return (deferred || job.attempts + 1 < kMaxAttempts) && job.losingSince.elapsed() < kRetryWindowMs;
}

void GroupCommitWriter::abandon(QSqlDatabase &db, std::deque<Job> &batch, const QSqlError &error)
{
    const Problem failure = StorageFailure::toProblem(error);
    QSqlError ignored;
    control(db, {QStringLiteral("ROLLBACK")}, ignored);
    if (!StorageFailure::isRetryable(error)) {
        failAll(batch, failure);
        return;
    }
    std::deque<Job> again;
    for (Job &job : batch) {
        // The whole batch was rolled back: an attempt for each job.
        if (mayRunAgain(job, false))
            again.push_back(std::move(job));
        else
            job.done(false, failure);
    }
    requeue(again);
}

void GroupCommitWriter::settle(std::deque<Job> &batch, bool committed, const Problem &failure)
{
    std::deque<Job> again;
    for (Job &job : batch) {
        if (job.runAgain) {
            again.push_back(std::move(job));
            continue;
        }
        if (committed)
            m_jobs.fetch_add(1, std::memory_order_relaxed);
        job.done(committed, failure);
    }
    requeue(again);
}

void GroupCommitWriter::requeue(std::deque<Job> &jobs)
{
    if (jobs.empty())
        return;
    m_retries.fetch_add(jobs.size(), std::memory_order_relaxed);
    QMutexLocker lock(&m_mutex);
    // Runs even while stopping: stop() waits for every submitted job, and these were submitted.
    for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
        if (it->deferred)
            m_deferrals.fetch_add(1, std::memory_order_relaxed);
        else
            ++it->attempts;
        it->runAgain = false;
        it->deferred = false;
        m_queue.push_front(std::move(*it));
    }
}

void GroupCommitWriter::failAll(std::deque<Job> &batch, const Problem &failure)
{
    for (Job &job : batch)
        job.done(false, failure);
}
