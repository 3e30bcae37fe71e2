#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

#include <utility>

class Storage;

// How often each key's stored answer was replayed (idempotency_keys.replays, shown by GET
// /v1/idempotency-keys/{key}). A replay is answered by a reader, without a write, and stays that
// fast: its count collects here, and one writer job adds up all that collected meanwhile (under
// load many replays share one job). Until that job has committed, this instance adds the counts
// to what the database says, so it always answers the full count; another instance may lag by a
// commit. A crash loses the counts not yet written, never a replay.
class ReplayCounter
{
    Q_DISABLE_COPY_MOVE(ReplayCounter)
public:
    explicit ReplayCounter(Storage &storage) : m_storage(storage) {}

    // One more replay of `userId`'s `key`.
    void count(qint64 userId, const QString &key);
    // Replays of the key counted here and not yet committed to the database.
    qint64 uncommitted(qint64 userId, const QString &key) const;

private:
    using Key = std::pair<qint64, QString>;
    void write();

    Storage &m_storage;
    mutable QMutex m_mutex;
    QHash<Key, qint64> m_pending; // not yet taken by a writer job
    QHash<Key, qint64> m_writing; // taken by a writer job that has not committed yet
    bool m_jobQueued = false;
};
