#include "server/auth/SessionCache.h"

#include <algorithm>
#include <iterator>

std::optional<AuthenticatedUser> SessionCache::find(const QByteArray &tokenHash, qint64 nowMs) const
{
    const std::lock_guard locker(m_mutex);
    const auto entry = m_entries.constFind(tokenHash);
    if (entry == m_entries.cend() || entry->validUntilMs <= nowMs || entry->revoked)
        return std::nullopt;
    return entry->user;
}

void SessionCache::remember(const QByteArray &tokenHash, const AuthenticatedUser &user, qint64 expiresAtMs,
                            qint64 nowMs)
{
    const std::lock_guard locker(m_mutex);
    if (const auto entry = m_entries.constFind(tokenHash);
        entry != m_entries.cend() && entry->revoked && entry->validUntilMs > nowMs)
        return;
    makeRoom(tokenHash, nowMs);
    m_entries.insert(tokenHash, {user, std::min(expiresAtMs, nowMs + kMaxAgeMs), false});
}

void SessionCache::revoke(const QByteArray &tokenHash, qint64 nowMs)
{
    const std::lock_guard locker(m_mutex);
    makeRoom(tokenHash, nowMs);
    m_entries.insert(tokenHash, {{}, nowMs + kMaxAgeMs, true});
}

void SessionCache::makeRoom(const QByteArray &tokenHash, qint64 nowMs)
{
    if (m_entries.size() >= kCapacity && !m_entries.contains(tokenHash)) {
        for (auto entry = m_entries.begin(); entry != m_entries.end();)
            entry = entry->validUntilMs <= nowMs ? m_entries.erase(entry) : std::next(entry);
        // Still full of live sessions: start over rather than track which is oldest; each costs
        // only one query to come back.
        if (m_entries.size() >= kCapacity)
            m_entries.clear();
    }
}

qsizetype SessionCache::size() const
{
    const std::lock_guard locker(m_mutex);
    return m_entries.size();
}
