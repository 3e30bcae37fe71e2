#include "server/idempotency/ReplayCache.h"

ReplayCache::ReplayCache(qint64 budgetBytes) : m_budgetBytes(budgetBytes) {}

qint64 ReplayCache::costOf(const StoredKey &key)
{
    return kEntryOverheadBytes + 2 * (key.key.size() + key.operation.size() + key.transferId.size())
        + key.fingerprint.size() + key.requestDigest.size() + key.responseBody.size();
}

std::optional<ReplayCache::Entries::iterator> ReplayCache::live(qint64 userId, const QString &key, qint64 nowMs)
{
    const auto found = m_index.constFind({userId, key});
    if (found == m_index.cend())
        return std::nullopt;
    const Entries::iterator entry = found.value();
    if (entry->key.expiresAt <= nowMs) {
        drop(entry);
        return std::nullopt;
    }
    m_entries.splice(m_entries.begin(), m_entries, entry);
    return entry;
}

std::optional<StoredKey> ReplayCache::find(qint64 userId, const QString &key, qint64 nowMs)
{
    const std::lock_guard locker(m_mutex);
    const auto entry = live(userId, key, nowMs);
    return entry ? std::optional<StoredKey>((*entry)->key) : std::nullopt;
}

std::optional<StoredKey> ReplayCache::findRepeat(qint64 userId, const QString &key, const QByteArray &body,
                                                 qint64 nowMs)
{
    const std::lock_guard locker(m_mutex);
    const auto entry = live(userId, key, nowMs);
    if (!entry || (*entry)->repeat.isNull() || (*entry)->repeat != body)
        return std::nullopt;
    return (*entry)->key;
}

void ReplayCache::rememberRepeat(qint64 userId, const QString &key, const QByteArray &body)
{
    const std::lock_guard locker(m_mutex);
    const auto found = m_index.constFind({userId, key});
    if (found == m_index.cend())
        return;
    const Entries::iterator entry = found.value();
    const qint64 cost = entry->cost - entry->repeat.size() + body.size();
    if (cost > m_budgetBytes)
        return;
    m_bytes += cost - entry->cost;
    entry->cost = cost;
    // Never null, so that an empty body can be a repeat too.
    entry->repeat = body.isNull() ? QByteArray("") : body;
    m_entries.splice(m_entries.begin(), m_entries, entry);
    fit();
}

bool ReplayCache::contains(qint64 userId, const QString &key, qint64 nowMs) const
{
    const std::lock_guard locker(m_mutex);
    const auto found = m_index.constFind({userId, key});
    return found != m_index.cend() && found.value()->key.expiresAt > nowMs;
}

void ReplayCache::remember(const StoredKey &key)
{
    const qint64 cost = costOf(key);
    if (!key.isCompleted() || cost > m_budgetBytes)
        return;
    const std::lock_guard locker(m_mutex);
    const Id id{key.userId, key.key};
    if (const auto known = m_index.constFind(id); known != m_index.cend()) {
        m_entries.splice(m_entries.begin(), m_entries, known.value());
        return;
    }
    m_entries.push_front({id, key, {}, cost});
    m_index.insert(id, m_entries.begin());
    m_bytes += cost;
    fit();
}

void ReplayCache::fit()
{
    while (m_bytes > m_budgetBytes)
        drop(std::prev(m_entries.end()));
}

void ReplayCache::drop(Entries::iterator entry)
{
    m_bytes -= entry->cost;
    m_index.remove(entry->id);
    m_entries.erase(entry);
}

qint64 ReplayCache::bytes() const
{
    const std::lock_guard locker(m_mutex);
    return m_bytes;
}

qsizetype ReplayCache::size() const
{
    const std::lock_guard locker(m_mutex);
    return m_entries.size();
}
