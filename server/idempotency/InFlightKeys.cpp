#include "idempotency/InFlightKeys.h"

bool InFlightKeys::tryAcquire(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    if (m_keys.contains(key))
        return false;
    m_keys.insert(key);
    return true;
}

void InFlightKeys::release(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    m_keys.remove(key);
}
