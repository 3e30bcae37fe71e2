#include "idempotency/InFlightKeys.h"

bool InFlightKeys::tryAcquire(qint64 userId, const QString &key)
{
    QMutexLocker lock(&m_mutex);
    if (m_keys.contains({userId, key}))
        return false;
    m_keys.insert({userId, key});
    return true;
}

void InFlightKeys::release(qint64 userId, const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_keys.remove({userId, key});
}
