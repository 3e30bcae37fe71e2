#include "server/auth/LoginThrottle.h"

#include <algorithm>

namespace {

QString addressKey(const QHostAddress &address)
{
    // An IPv4 client reaching a dual-stack listener appears as ::ffff:a.b.c.d; count it once.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        return QHostAddress(v4).toString();
    // One IPv6 host usually holds a whole /64; counting each of its addresses apart would give
    // it 2^64 budgets.
    Q_IPV6ADDR bytes = address.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

QString pairKey(const QString &addressName, const QString &username) { return addressName + u' ' + username; }

} // namespace

LoginThrottle::LoginThrottle(Policy policy) : m_policy(policy) {}

LoginThrottle::LoginThrottle() : LoginThrottle(Policy{}) {}

std::optional<qint64> LoginThrottle::tryBegin(const QString &username, const QHostAddress &address, qint64 nowMs)
{
    const QString addressName = addressKey(address);
    const QString pair = pairKey(addressName, username);
    const QMutexLocker lock(&m_mutex);
    const qint64 wait = std::max(waitFor(m_pairs, pair, m_policy.freeFailuresPerUsername, nowMs),
                                 waitFor(m_addresses, addressName, m_policy.freeFailuresPerAddress, nowMs));
    if (wait > 0)
        return wait;
    for (Entry *entry : {&entryFor(m_pairs, pair, nowMs), &entryFor(m_addresses, addressName, nowMs)}) {
        ++entry->attempts;
        entry->lastAttemptMs = nowMs;
    }
    return std::nullopt;
}

void LoginThrottle::finish(const QString &username, const QHostAddress &address, Outcome outcome, qint64 nowMs)
{
    const QString addressName = addressKey(address);
    const QMutexLocker lock(&m_mutex);
    switch (outcome) {
    case Outcome::WrongCredentials:
        for (auto [table, key] :
             {std::pair{&m_pairs, pairKey(addressName, username)}, std::pair{&m_addresses, addressName}}) {
            const auto it = table->find(key);
            if (it != table->end())
                it->lastAttemptMs = std::max(it->lastAttemptMs, nowMs);
        }
        return;
    case Outcome::LoggedIn:
        // The account's owner is back: the earlier failures from here were typos. The address
        // keeps its other failures, or one valid account would let its owner guess everyone else's.
        m_pairs.remove(pairKey(addressName, username));
        uncount(m_addresses, addressName);
        return;
    case Outcome::Undecided:
        uncount(m_pairs, pairKey(addressName, username));
        uncount(m_addresses, addressName);
        return;
    }
}

qsizetype LoginThrottle::trackedEntries() const
{
    const QMutexLocker lock(&m_mutex);
    return m_pairs.size() + m_addresses.size();
}

qint64 LoginThrottle::delayAfter(int attempts, int freeAttempts) const
{
    if (attempts < freeAttempts)
        return 0;
    const int doublings = std::min(attempts - freeAttempts, 20);
    return std::min(m_policy.firstDelayMs << doublings, m_policy.maxDelayMs);
}

qint64 LoginThrottle::waitFor(Table &table, const QString &key, int freeAttempts, qint64 nowMs)
{
    const auto it = table.find(key);
    if (it == table.end())
        return 0;
    Entry &entry = it.value();
    if (nowMs - entry.lastAttemptMs >= m_policy.windowMs) {
        entry.attempts = 0;
        return 0;
    }
    return std::max<qint64>(0, entry.lastAttemptMs + delayAfter(entry.attempts, freeAttempts) - nowMs);
}

LoginThrottle::Entry &LoginThrottle::entryFor(Table &table, const QString &key, qint64 nowMs)
{
    if (!table.contains(key)) {
        makeRoom(table, nowMs);
        table.insert(key, Entry{0, nowMs});
    }
    return table[key];
}

void LoginThrottle::makeRoom(Table &table, qint64 nowMs)
{
    if (table.size() < m_policy.maxEntries)
        return;
    // First forget whatever has nothing left to say: window over.
    table.removeIf([&](const Table::iterator &it) { return nowMs - it->lastAttemptMs >= m_policy.windowMs; });
    if (table.size() < m_policy.maxEntries)
        return;
    // Still full (a flood of names or addresses): drop the entry with the least failures, the
    // oldest among equals, so a flood of fresh names cannot free a pair that is being slowed down.
    const auto victim = std::min_element(table.begin(), table.end(), [](const Entry &a, const Entry &b) {
        return a.attempts != b.attempts ? a.attempts < b.attempts : a.lastAttemptMs < b.lastAttemptMs;
    });
    table.erase(victim);
}

void LoginThrottle::uncount(Table &table, const QString &key)
{
    const auto it = table.find(key);
    if (it != table.end() && it->attempts > 0)
        --it->attempts;
}
