#include "server/idempotency/InFlightKeys.h"

bool InFlightKeys::tryAcquire(qint64 userId, const QString &key)
{
    QMutexLocker lock(&m_mutex);
    if (m_keys.contains({userId, key}))
        return false;
    m_keys.insert({userId, key});
    return true;
}

bool InFlightKeys::contains(qint64 userId, const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    return m_keys.contains({userId, key});
}

void InFlightKeys::release(qint64 userId, const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_keys.remove({userId, key});
}
