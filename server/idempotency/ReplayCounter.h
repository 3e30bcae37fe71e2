#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>

#include <memory>
#include <utility>

class Storage;

// How often each key's stored answer was replayed (idempotency_keys.replays, shown by GET
// /v1/idempotency-keys/{key}). A replay is answered without a write, and stays that fast: its
// count collects here, and one writer job adds up all that collected meanwhile. Those jobs start
// at most every kWriteIntervalMs: under a stream of replays each would otherwise be a durable
// commit of its own, one after another, which cost a third of the server's CPU. Until a job has
// committed, this instance adds the counts to what the database says (TransferService::replays);
// another instance may lag by that interval and a commit. A crash loses the counts not yet
// written, never a replay.
class ReplayCounter
{
    Q_DISABLE_COPY_MOVE(ReplayCounter)
public:
    static constexpr int kWriteIntervalMs = 200;

    // Its write timer runs on the calling thread, which must run an event loop.
    explicit ReplayCounter(Storage &storage);

    // One more replay of `userId`'s `key`.
    void count(qint64 userId, const QString &key);
    // Replays of the key counted here and not yet committed to the database.
    qint64 uncommitted(qint64 userId, const QString &key) const;
    // Queues the write of what was counted now instead of at its time: before storage stops.
    void flush();

private:
    using Key = std::pair<qint64, QString>;
    // The counts, shared with the writer jobs: a job queued before this counter went away still
    // runs (the writer drains its queue), and must not find it gone.
    struct Tally
    {
        QMutex mutex;
        QHash<Key, qint64> pending; // not yet taken by a writer job
        QHash<Key, qint64> writing; // taken by a writer job that has not committed yet
        bool jobQueued = false;     // a write is queued or timed; counts join it
        bool timed = false;         // that write waits for nextWrite
        QDeadlineTimer nextWrite;   // no write job starts before this
    };
    void write();
    // The timed write, if it has not been queued yet.
    void writeIfTimed();

    Storage &m_storage;
    const std::shared_ptr<Tally> m_tally;
    QObject m_timerContext; // the constructing thread's: the write timers run there
};
