#pragma once

#include "server/api/RequestContext.h"
#include "server/idempotency/KeyState.h"

#include <QSqlDatabase>

#include <optional>

class Metrics;
class Storage;
class IdempotentExecutor;

// POST /v1/idempotency-keys (issue a key, within the user's quota of unused keys),
// GET /v1/idempotency-keys (the user's keys, newest first), GET /v1/idempotency-keys/{key} (what
// became of one) and DELETE /v1/idempotency-keys/{key} (abandon an unused one). Every answer
// about one key carries its expiry (IdempotencyKeyHeader::writeExpiry).
class KeyEndpoints
{
    Q_DISABLE_COPY_MOVE(KeyEndpoints)
public:
    // Keys live `keyTtlMs`; a user may hold `maxUnusedKeys` unused ones (0: no limit). `transfers`
    // says which keys are in flight here.
    KeyEndpoints(Storage &storage, Metrics &metrics, const IdempotentExecutor &executor, qint64 keyTtlMs,
                 int maxUnusedKeys);

    // Checks the body and queues the key's insert: nothing for a reader (BankApi::Route::reads).
    ReaderWork issueKey(const RequestContext &call);
    void listKeys(const RequestContext &call, QSqlDatabase &db);
    void getKey(const RequestContext &call, QSqlDatabase &db);
    void abandonKey(const RequestContext &call, QSqlDatabase &db);

private:
    void replyKeyInfo(const RequestContext &call, const std::optional<StoredKey> &key, qint64 nowMs) const;
    // The count of a completed key's replays, as this instance knows it: the committed count plus
    // those still on their way to the database.
    void addUncommittedReplays(IdempotencyKeyInfo &info, qint64 userId) const;
    // 204 for a key that can never start anything now (abandoned, or expired), else the refusal.
    static void replyAbandonment(const RequestContext &call, const std::optional<StoredKey> &key, bool inFlight);

    Storage &m_storage;
    Metrics &m_metrics;
    const IdempotentExecutor &m_executor;
    const qint64 m_keyTtlMs;
    const int m_maxUnusedKeys;
};
