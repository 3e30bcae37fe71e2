#include "storage/GroupCommitWriter.h"

#include "storage/ConnectionFactory.h"
#include "storage/StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <utility>

GroupCommitWriter::GroupCommitWriter(ConnectionFactory &connections, int maxBatch)
    : m_connections(connections), m_maxBatch(maxBatch), m_thread(QThread::create([this] { run(); }))
{
    m_thread->setObjectName(QStringLiteral("bank-writer"));
    m_thread->start();
}

GroupCommitWriter::~GroupCommitWriter() { stop(); }

void GroupCommitWriter::submit(Work work, Done done)
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_stopping) {
            m_queue.push_back({std::move(work), std::move(done)});
            m_wake.wakeOne();
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
        m_wake.wakeAll();
    }
    if (m_thread && m_thread->isRunning())
        m_thread->wait();
}

void GroupCommitWriter::run()
{
    while (true) {
        std::deque<Job> batch;
        {
            QMutexLocker lock(&m_mutex);
            while (m_queue.empty() && !m_stopping)
                m_wake.wait(&m_mutex);
            if (m_queue.empty() && m_stopping)
                break;
            while (!m_queue.empty() && int(batch.size()) < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            failAll(batch, StorageFailure::toProblem(db.lastError()));
            continue;
        }
        runBatch(db, batch);
    }
}

void GroupCommitWriter::runBatch(QSqlDatabase &db, std::deque<Job> &batch)
{
    QSqlQuery control(db);
    if (!control.exec(SqlDialects::beginWrite(m_connections.dialect()))) {
        failAll(batch, StorageFailure::toProblem(control.lastError()));
        return;
    }
    for (Job &job : batch) {
        if (!control.exec(QStringLiteral("SAVEPOINT job"))) {
            const Problem failure = StorageFailure::toProblem(control.lastError());
            control.exec(QStringLiteral("ROLLBACK"));
            failAll(batch, failure);
            return;
        }
        const bool keep = job.work(db);
        // If the savepoint cannot be released or rolled back, the engine has already aborted the
        // whole transaction (SQLite does on a full disk or I/O error): nothing of the batch stands.
        const bool settled = keep ? control.exec(QStringLiteral("RELEASE SAVEPOINT job"))
                                     : (control.exec(QStringLiteral("ROLLBACK TO SAVEPOINT job"))
                                        && control.exec(QStringLiteral("RELEASE SAVEPOINT job")));
        if (!settled) {
            const Problem failure = StorageFailure::toProblem(control.lastError());
            control.exec(QStringLiteral("ROLLBACK"));
            failAll(batch, failure);
            return;
        }
    }
    if (!control.exec(QStringLiteral("COMMIT"))) {
        const Problem failure = StorageFailure::toProblem(control.lastError());
        control.exec(QStringLiteral("ROLLBACK"));
        failAll(batch, failure);
        return;
    }
    m_batches.fetch_add(1, std::memory_order_relaxed);
    m_jobs.fetch_add(batch.size(), std::memory_order_relaxed);
    for (Job &job : batch)
        job.done(true, Problem());
}

void GroupCommitWriter::failAll(std::deque<Job> &batch, const Problem &failure)
{
    for (Job &job : batch)
        job.done(false, failure);
}
