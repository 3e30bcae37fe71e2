#pragma once

#include "server/http/HttpResponse.h"
#include "server/idempotency/KeyState.h"

class Metrics;

// The answers of every keyed endpoint (OperationRegistry): a completed key's stored answer, byte
// for byte, and refusals, with the key's expiry and the idempotency metrics.
class KeyedReplies
{
    Q_DISABLE_COPY_MOVE(KeyedReplies)
public:
    explicit KeyedReplies(Metrics &metrics);

    // The key's stored status and body; `location`, when not empty, the resource it made.
    static HttpResponse stored(const StoredKey &key, bool replayed, const QByteArray &location);
    // stored(), counted as a replay where it is one.
    HttpResponse answer(const StoredKey &key, bool replayed, const QByteArray &location) const;
    HttpResponse reject(const Problem &problem, const QString &key) const;
    // Counts a keyed request answered from memory (IdempotentExecutor::recall), whatever the answer.
    void countRecalled() const;

private:
    Metrics &m_metrics;
};
