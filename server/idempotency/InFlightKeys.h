#pragma once

#include <QMutex>
#include <QSet>
#include <QString>

// Keys whose first request is being processed in this process right now. A second request for
// such a key is answered 409 at once instead of queueing behind the first. (Across processes the
// key's row lock in the write transaction serializes them.)
class InFlightKeys
{
    Q_DISABLE_COPY_MOVE(InFlightKeys)
public:
    InFlightKeys() = default;

    // False if the key is already in flight.
    bool tryAcquire(const QString &key);
    void release(const QString &key);

private:
    QMutex m_mutex;
    QSet<QString> m_keys;
};
