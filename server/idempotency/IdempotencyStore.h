#pragma once

#include "server/idempotency/KeyState.h"
#include "server/storage/SqlDialect.h"
#include "shared/core/Result.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QSqlDatabase>

#include <optional>

// The idempotency_keys table: issuing, looking up, listing, completing, abandoning and purging
// keys. All functions run on the thread that owns `db`; the writing ones expect to be inside a
// writer job.
class IdempotencyStore
{
public:
    static QString newKey(QStringView prefix = IdempotencyKeyFormat::kIssuedPrefix);

    static Result<StoredKey> insert(QSqlDatabase &db, const QString &key, qint64 userId, const QString &operation,
                                    qint64 nowMs, qint64 ttlMs);
    // `userId`'s key (nullopt: the user has no such key; keys are a namespace per user). `forUpdate`
    // takes the row lock where the dialect has one.
    static Result<std::optional<StoredKey>> find(QSqlDatabase &db, SqlDialect dialect, qint64 userId,
                                                 const QString &key, bool forUpdate);
    // Whether `seen`, read earlier as unused, is still the same unused key (neither completed nor
    // settled, not purged and registered anew), and so still reads as `seen`; if so, its row is
    // locked as find() with `forUpdate` locks it. Cheaper than find() by the columns it does not return.
    static Result<bool> isStillUnused(QSqlDatabase &db, SqlDialect dialect, const StoredKey &seen);
    static Result<bool> complete(QSqlDatabase &db, const StoredKey &key, const QByteArray &fingerprint,
                                 int responseStatus, const QByteArray &responseBody, const QString &transferId,
                                 qint64 nowMs);
    // isStillUnused() and complete() as steps of an operation's one statement on PostgreSQL
    // (WITH …), for the key a step `args` names by key_user, key_name and key_created_at:
    // `unused`, its row locked, with `still` true if it is still unused (no row: purged); and
    // `completed`, one row once the key is completed, only if `onlyIf` holds, with args'
    // fingerprint, request_digest, response_status, response_body, transfer_id and completed_at.
    static QString stillUnusedStep();
    static QString completionStep(const QString &onlyIf);
    // Records that the unused, lapsed `key` has expired: from then on it can never complete.
    static Result<bool> settleExpired(QSqlDatabase &db, const StoredKey &key, qint64 nowMs);
    // Records that the unused (or lapsed) `key` was abandoned by its user: from then on it can
    // never complete.
    static Result<bool> abandon(QSqlDatabase &db, const StoredKey &key, qint64 nowMs);
    // Whether `userId` holds a lapsed key, one that settleLapsed() would settle.
    static Result<bool> hasLapsed(QSqlDatabase &db, qint64 userId, qint64 nowMs);
    // settleExpired() for every lapsed key of `userId`; returns how many.
    static Result<int> settleLapsed(QSqlDatabase &db, qint64 userId, qint64 nowMs);
    // A page of `userId`'s keys, newest first, only those of `status` if given, after the key
    // `startingAfter` if not empty (400 validation_failed if the user has no such key).
    static Result<IdempotencyKeyPage> list(QSqlDatabase &db, qint64 userId, std::optional<KeyState::Status> status,
                                           int limit, const QString &startingAfter, qint64 nowMs);
    // Adds `count` replays to the key's count (ReplayCounter). A purged key has none to add to.
    static Result<bool> addReplays(QSqlDatabase &db, qint64 userId, const QString &key, qint64 count);
    // Deletes up to `limit` keys without an outcome (unused or settled as expired) that expired
    // before `cutoffMs`; returns how many. Safe to run on every instance at once: none waits for
    // another.
    static Result<int> purgeExpired(QSqlDatabase &db, SqlDialect dialect, qint64 cutoffMs, int limit);

    static IdempotencyKeyInfo toInfo(const StoredKey &key, qint64 nowMs);
};
