#pragma once

#include "server/auth/SessionService.h"

#include <QByteArray>
#include <QHash>

#include <mutex>
#include <optional>

// Sessions found valid a moment ago, so that every request of a busy client does not query the
// sessions table. An entry is kept at most kMaxAgeMs, so a session deleted from the database (by
// sign-out on another instance, or by an operator) stops working on every instance within that
// time. A sign-out on this instance takes effect at once: revoke() replaces the entry with a
// tombstone that no remember() overwrites for kMaxAgeMs, so a reader that looked the session up
// just before it was deleted cannot bring it back. Shared by the reader threads.
class SessionCache
{
    Q_DISABLE_COPY_MOVE(SessionCache)
public:
    static constexpr qint64 kMaxAgeMs = 5'000;
    static constexpr qsizetype kCapacity = 4'096;

    SessionCache() = default;

    std::optional<AuthenticatedUser> find(const QByteArray &tokenHash, qint64 nowMs) const;
    void remember(const QByteArray &tokenHash, const AuthenticatedUser &user, qint64 expiresAtMs, qint64 nowMs);
    void revoke(const QByteArray &tokenHash, qint64 nowMs);
    qsizetype size() const;

private:
    // With m_mutex held: drops aged-out entries (or all) when a new one would pass kCapacity.
    void makeRoom(const QByteArray &tokenHash, qint64 nowMs);

    struct Entry
    {
        AuthenticatedUser user;
        qint64 validUntilMs = 0;
        bool revoked = false; // a tombstone: the session was signed out here
    };

    // A pthread mutex, which ThreadSanitizer sees; Qt's locks work partly inside the
    // uninstrumented Qt library, and QReadWriteLock showed up as a false data race.
    mutable std::mutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
};
