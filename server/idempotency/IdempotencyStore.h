#pragma once

#include "api/ApiTypes.h"
#include "api/IdempotencyKeyFormat.h"
#include "api/Result.h"
#include "idempotency/KeyState.h"
#include "storage/SqlDialect.h"

#include <QSqlDatabase>

#include <optional>

// The idempotency_keys table: issuing, looking up, completing and purging keys. All functions run
// on the thread that owns `db`; the writing ones expect to be inside a writer job.
class IdempotencyStore
{
public:
    static constexpr int kKeyRandomBytes = 16; // 128 bits

    static QString newKey(QStringView prefix = IdempotencyKeyFormat::kIssuedPrefix);

    static Result<StoredKey> insert(QSqlDatabase &db, const QString &key, qint64 userId, const QString &operation,
                                    qint64 nowMs, qint64 ttlMs);
    // `userId`'s key (nullopt: the user has no such key; keys are a namespace per user). `forUpdate`
    // takes the row lock where the dialect has one.
    static Result<std::optional<StoredKey>> find(QSqlDatabase &db, SqlDialect dialect, qint64 userId, const QString &key,
                                                 bool forUpdate);
    static Result<bool> complete(QSqlDatabase &db, const StoredKey &key, const QByteArray &fingerprint, int responseStatus,
                                 const QByteArray &responseBody, const QString &transferId, qint64 nowMs);
    // Records that the unused, lapsed `key` has expired: from then on it can never complete.
    static Result<bool> settleExpired(QSqlDatabase &db, const StoredKey &key, qint64 nowMs);
    // Adds `count` replays to the key's count (ReplayCounter). A purged key has none to add to.
    static Result<bool> addReplays(QSqlDatabase &db, qint64 userId, const QString &key, qint64 count);
    // Deletes up to `limit` keys without an outcome (unused or settled as expired) that expired
    // before `cutoffMs`; returns how many. Safe to run on every instance at once: none waits for
    // another.
    static Result<int> purgeExpired(QSqlDatabase &db, SqlDialect dialect, qint64 cutoffMs, int limit);

    static IdempotencyKeyInfo toInfo(const StoredKey &key, qint64 nowMs);
};
