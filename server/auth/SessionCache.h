#pragma once

#include "auth/SessionService.h"

#include <QByteArray>
#include <QHash>

#include <mutex>
#include <optional>

// Sessions found valid a moment ago, so that every request of a busy client does not query the
// sessions table. A session never changes once made (there is no logout; it ends at its
// expires_at), so an entry would stay right until then; it is kept only kMaxAgeMs all the same,
// so a session an operator deletes from the database stops working on every instance within
// that time. Shared by the reader threads.
class SessionCache
{
    Q_DISABLE_COPY_MOVE(SessionCache)
public:
    static constexpr qint64 kMaxAgeMs = 5'000;
    static constexpr qsizetype kCapacity = 4'096;

    SessionCache() = default;

    std::optional<AuthenticatedUser> find(const QByteArray &tokenHash, qint64 nowMs) const;
    void remember(const QByteArray &tokenHash, const AuthenticatedUser &user, qint64 expiresAtMs, qint64 nowMs);
    qsizetype size() const;

private:
    struct Entry
    {
        AuthenticatedUser user;
        qint64 validUntilMs = 0;
    };

    // A pthread mutex, which ThreadSanitizer sees; Qt's locks work partly inside the
    // uninstrumented Qt library, and QReadWriteLock showed up as a false data race.
    mutable std::mutex m_mutex;
    QHash<QByteArray, Entry> m_entries;
};
