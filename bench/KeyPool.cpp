#include "bench/KeyPool.h"

void KeyPool::add(const QString &key)
{
    const QMutexLocker lock(&m_mutex);
    m_keys.append(key);
}

std::optional<QString> KeyPool::take()
{
    const QMutexLocker lock(&m_mutex);
    if (m_next >= m_keys.size())
        return std::nullopt;
    return m_keys.at(m_next++);
}

qsizetype KeyPool::available() const
{
    const QMutexLocker lock(&m_mutex);
    return m_keys.size() - m_next;
}
