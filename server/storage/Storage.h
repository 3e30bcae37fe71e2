#pragma once

#include "server/storage/ConnectionFactory.h"
#include "server/storage/DatabaseConfig.h"
#include "server/storage/GroupCommitWriter.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

// The bank's database: a pool of reader threads (one connection each) beside the single
// group-commit writer. Work never runs on the network thread.
class Storage
{
    Q_DISABLE_COPY_MOVE(Storage)
public:
    explicit Storage(DatabaseConfig config, int readerThreads = 4);
    ~Storage();

    // Opens the database, applies migrations and opens every connection this storage will hold
    // (connectionCount()). Returns an empty string or the reason it failed.
    QString open();
    void stop();

    SqlDialect dialect() const { return m_connections.dialect(); }
    const DatabaseConfig &config() const { return m_connections.config(); }
    GroupCommitWriter &writer() { return m_writer; }
    // The connections it holds from open() on: the writer's and one per reader thread.
    int connectionCount() const { return 1 + m_readers.maxThreadCount(); }

    // Runs `task` on a reader thread with that thread's connection. If the connection cannot be
    // opened, `task` receives the Problem instead.
    void read(std::function<void(QSqlDatabase &db)> task, std::function<void(const Problem &)> unavailable);

    // Runs `work` inside the writer's next batch; `done` gets its Result once that batch has
    // committed (or the failure if it did not). A Problem from `work` rolls back only its own
    // changes, and runs `work` again if it was a lost race (Problem::lostRace). `work` may run
    // more than once (GroupCommitWriter::Work): only `done` may act on what was stored.
    template <typename T>
    void write(std::function<Result<T>(QSqlDatabase &db)> work, std::function<void(Result<T>)> done)
    {
        auto outcome = std::make_shared<std::optional<Result<T>>>();
        m_writer.submit(
            [work = std::move(work), outcome](QSqlDatabase &db) -> GroupCommitWriter::JobResult {
                const Result<T> &result = outcome->emplace(work(db));
                if (!result)
                    return result.problem();
                return true;
            },
            [done = std::move(done), outcome](bool committed, const Problem &failure) {
                if (outcome->has_value() && (committed || !outcome->value().ok()))
                    done(std::move(outcome->value()));
                else
                    done(Result<T>(failure));
            });
    }

private:
    QString openEveryConnection();
    // Runs `job` on a reader thread, then publishes its end to stop() through m_readerJobsDone.
    void onReader(std::function<void()> job);

    ConnectionFactory m_connections;
    QThreadPool m_readers;
    // Reader jobs ended (release), read by stop() (acquire) before the connections and their
    // statement caches go: the pool's own synchronisation is inside Qt, which ThreadSanitizer
    // cannot see, and without this it reports the caches' destruction as racing their last use.
    std::atomic<quint64> m_readerJobsDone{0};
    GroupCommitWriter m_writer;
};
