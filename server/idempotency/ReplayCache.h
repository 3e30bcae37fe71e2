#pragma once

#include "server/idempotency/KeyState.h"

#include <QHash>
#include <QString>

#include <list>
#include <mutex>
#include <optional>
#include <utility>

// Completed keys kept in memory, so that a retry is answered without a database round trip, on
// whatever thread its request is. Only a completed key is kept: its stored answer, fingerprint and
// operation never change, on any instance (ADR 6: an outcome is never purged, expired or
// abandoned), so an entry is never stale and another instance needs to hear nothing; a key not
// found here is read from the database as before. An entry goes when its key's expiry passes (the
// database answers the same after it) or when the entries pass the byte budget, least recently
// used first. Shared by every thread of the server.
class ReplayCache
{
    Q_DISABLE_COPY_MOVE(ReplayCache)
public:
    // What the budget counts per entry besides its text: the list and hash nodes and the strings'
    // headers, rounded up.
    static constexpr qint64 kEntryOverheadBytes = 256;

    // `budgetBytes` 0: keep nothing.
    explicit ReplayCache(qint64 budgetBytes);

    // `userId`'s completed `key`, if it is here and its expiry has not passed at `nowMs`.
    std::optional<StoredKey> find(qint64 userId, const QString &key, qint64 nowMs);
    // Whether find() would return it, without copying it or marking it used.
    bool contains(qint64 userId, const QString &key, qint64 nowMs) const;
    // Keeps `key` if it is completed and fits the budget, dropping the least recently used entries
    // to make room.
    void remember(const StoredKey &key);
    // find(), when `body` is also the body of a request the key's answer was replayed to
    // (rememberRepeat): a retry repeats its request byte for byte as a rule, and the same bytes
    // are the same request, so it need not be parsed to know that it is.
    std::optional<StoredKey> findRepeat(qint64 userId, const QString &key, const QByteArray &body, qint64 nowMs);
    // Notes `body` as the request `userId`'s `key` was last replayed to, if the key is here. Its
    // bytes count against the budget.
    void rememberRepeat(qint64 userId, const QString &key, const QByteArray &body);

    qint64 bytes() const;
    qsizetype size() const;

    static qint64 costOf(const StoredKey &key);

private:
    using Id = std::pair<qint64, QString>;
    struct Entry
    {
        Id id;
        StoredKey key;
        QByteArray repeat; // the body of a request it was replayed to
        qint64 cost = 0;
    };
    using Entries = std::list<Entry>; // most recently used first

    // With m_mutex held.
    std::optional<Entries::iterator> live(qint64 userId, const QString &key, qint64 nowMs);
    void drop(Entries::iterator entry);
    // Drops the least recently used entries until the budget holds.
    void fit();

    const qint64 m_budgetBytes;
    // A pthread mutex, which ThreadSanitizer sees (as in SessionCache).
    mutable std::mutex m_mutex;
    Entries m_entries;
    QHash<Id, Entries::iterator> m_index;
    qint64 m_bytes = 0;
};
