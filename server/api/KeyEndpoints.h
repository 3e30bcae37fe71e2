#pragma once

#include "server/api/RequestContext.h"
#include "server/idempotency/KeyState.h"

#include <QSqlDatabase>

#include <optional>

class Metrics;
class Storage;

// POST /v1/idempotency-keys (issue a key, within the user's quota of unused keys) and
// GET /v1/idempotency-keys/{key} (what became of it).
class KeyEndpoints
{
    Q_DISABLE_COPY_MOVE(KeyEndpoints)
public:
    // Keys live `keyTtlMs`; a user may hold `maxUnusedKeys` unused ones (0: no limit).
    KeyEndpoints(Storage &storage, Metrics &metrics, qint64 keyTtlMs, int maxUnusedKeys);

    void issueKey(const RequestContext &call, QSqlDatabase &db);
    void getKey(const RequestContext &call, QSqlDatabase &db);

private:
    void replyKeyInfo(const RequestContext &call, const std::optional<StoredKey> &key, qint64 nowMs) const;

    Storage &m_storage;
    Metrics &m_metrics;
    const qint64 m_keyTtlMs;
    const int m_maxUnusedKeys;
};
