#pragma once

#include <QMutex>
#include <QSet>
#include <QString>

#include <utility>

// Keys whose first request is being processed in this process right now. A second request for
// such a key is answered 409 at once instead of queueing behind the first. (Across processes the
// key's row lock in the write transaction serializes them.) Held per user: with client-chosen keys
// one user's key must not make another user's request with the same string wait or answer 409.
class InFlightKeys
{
    Q_DISABLE_COPY_MOVE(InFlightKeys)
public:
    InFlightKeys() = default;

    // False if the key is already in flight.
    bool tryAcquire(qint64 userId, const QString &key);
    void release(qint64 userId, const QString &key);
    bool contains(qint64 userId, const QString &key) const;

private:
    mutable QMutex m_mutex;
    QSet<std::pair<qint64, QString>> m_keys;
};
