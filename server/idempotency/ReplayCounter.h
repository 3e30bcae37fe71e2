#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <memory>
#include <utility>

class Storage;

// How often each key's stored answer was replayed (idempotency_keys.replays, shown by GET
// /v1/idempotency-keys/{key}). A replay is answered by a reader, without a write, and stays that
// fast: its count collects here, and one writer job adds up all that collected meanwhile (under
// load many replays share one job). Until that job has committed, this instance adds the counts
// to what the database says (TransferService::replays); another instance may lag by a commit. A
// crash loses the counts not yet written, never a replay.
class ReplayCounter
{
    Q_DISABLE_COPY_MOVE(ReplayCounter)
public:
    explicit ReplayCounter(Storage &storage);

    // One more replay of `userId`'s `key`.
    void count(qint64 userId, const QString &key);
    // Replays of the key counted here and not yet committed to the database.
    qint64 uncommitted(qint64 userId, const QString &key) const;

private:
    using Key = std::pair<qint64, QString>;
    // The counts, shared with the writer jobs: a job queued before this counter went away still
    // runs (the writer drains its queue), and must not find it gone.
    struct Tally
    {
        QMutex mutex;
        QHash<Key, qint64> pending; // not yet taken by a writer job
        QHash<Key, qint64> writing; // taken by a writer job that has not committed yet
        bool jobQueued = false;
    };
    void write();

    Storage &m_storage;
    const std::shared_ptr<Tally> m_tally;
};
