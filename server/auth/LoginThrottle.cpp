#include "auth/LoginThrottle.h"

#include <algorithm>

namespace {

QString addressKey(const QHostAddress &address)
{
    // An IPv4 client reaching a dual-stack listener appears as ::ffff:a.b.c.d; count it once.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

} // namespace

LoginThrottle::LoginThrottle(Policy policy) : m_policy(policy) {}

LoginThrottle::LoginThrottle() : LoginThrottle(Policy{}) {}

std::optional<qint64> LoginThrottle::tryBegin(const QString &username, const QHostAddress &address, qint64 nowMs)
{
    const QString addressName = addressKey(address);
    const QMutexLocker lock(&m_mutex);
    const qint64 wait = std::max(waitFor(m_usernames, username, m_policy.maxFailuresPerUsername, nowMs),
                                 waitFor(m_addresses, addressName, m_policy.maxFailuresPerAddress, nowMs));
    if (wait > 0)
        return wait;
    ++entryFor(m_usernames, username, nowMs).attempts;
    ++entryFor(m_addresses, addressName, nowMs).attempts;
    return std::nullopt;
}

void LoginThrottle::finish(const QString &username, const QHostAddress &address, Outcome outcome)
{
    const QString addressName = addressKey(address);
    const QMutexLocker lock(&m_mutex);
    switch (outcome) {
    case Outcome::WrongCredentials:
        return;
    case Outcome::LoggedIn:
        // The account's owner is back: its earlier failures were typos. The address keeps its
        // other failures, or one valid account would let its owner guess everyone else's.
        m_usernames.remove(username);
        uncount(m_addresses, addressName);
        return;
    case Outcome::Undecided:
        uncount(m_usernames, username);
        uncount(m_addresses, addressName);
        return;
    }
}

qsizetype LoginThrottle::trackedEntries() const
{
    const QMutexLocker lock(&m_mutex);
    return m_usernames.size() + m_addresses.size();
}

qint64 LoginThrottle::waitFor(Table &table, const QString &key, int maxAttempts, qint64 nowMs)
{
    const auto it = table.find(key);
    if (it == table.end())
        return 0;
    Entry &entry = it.value();
    if (entry.blockedUntilMs > nowMs)
        return entry.blockedUntilMs - nowMs;
    if (nowMs - entry.windowStartMs >= m_policy.windowMs) {
        entry.attempts = 0;
        entry.windowStartMs = nowMs;
    }
    if (entry.attempts < maxAttempts)
        return 0;
    const int doublings = std::min(entry.lockouts, 20);
    const qint64 lockout = std::min(m_policy.lockoutMs << doublings, m_policy.maxLockoutMs);
    ++entry.lockouts;
    entry.blockedUntilMs = nowMs + lockout;
    entry.attempts = 0;
    entry.windowStartMs = nowMs;
    return lockout;
}

LoginThrottle::Entry &LoginThrottle::entryFor(Table &table, const QString &key, qint64 nowMs)
{
    if (!table.contains(key)) {
        makeRoom(table, nowMs);
        table.insert(key, Entry{0, nowMs, 0, 0});
    }
    return table[key];
}

void LoginThrottle::makeRoom(Table &table, qint64 nowMs)
{
    if (table.size() < m_policy.maxEntries)
        return;
    // First forget whatever has nothing left to say: no lockout running, window over.
    table.removeIf([&](const Table::iterator &it) {
        return it->blockedUntilMs <= nowMs && nowMs - it->windowStartMs >= m_policy.windowMs;
    });
    if (table.size() < m_policy.maxEntries)
        return;
    // Still full (a flood of names or addresses): drop the oldest entry that is not locked out, so
    // a flood cannot free a username that is; only if every entry is locked out, the one ending first.
    auto victim = table.end();
    for (auto it = table.begin(); it != table.end(); ++it) {
        const bool blocked = it->blockedUntilMs > nowMs;
        if (victim == table.end()) {
            victim = it;
            continue;
        }
        const bool victimBlocked = victim->blockedUntilMs > nowMs;
        if (blocked != victimBlocked) {
            if (!blocked)
                victim = it;
        } else if (blocked ? it->blockedUntilMs < victim->blockedUntilMs : it->windowStartMs < victim->windowStartMs) {
            victim = it;
        }
    }
    table.erase(victim);
}

void LoginThrottle::uncount(Table &table, const QString &key)
{
    const auto it = table.find(key);
    if (it != table.end() && it->attempts > 0)
        --it->attempts;
}
