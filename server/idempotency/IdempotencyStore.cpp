#include "idempotency/IdempotencyStore.h"

#include "api/IdempotencyKeyFormat.h"
#include "api/Timestamp.h"
#include "storage/ConnectionFactory.h"
#include "storage/StorageFailure.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

QString IdempotencyStore::newKey(QStringView prefix)
{
    QByteArray raw(kKeyRandomBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), kKeyRandomBytes / 4);
    return prefix.toString() + QString::fromLatin1(raw.toHex());
}

Result<StoredKey> IdempotencyStore::insert(QSqlDatabase &db, const QString &key, qint64 userId, const QString &operation,
                                           qint64 nowMs, qint64 ttlMs)
{
    // DO NOTHING: on PostgreSQL another instance may register the same client-chosen key at the
    // same moment. This insert then waits for that one to commit and, finding the key taken,
    // answers 409 (the client's retry is replayed) instead of failing on the unique constraint.
    ConnectionFactory::CachedStatement query(db, QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"
                                 " ON CONFLICT DO NOTHING"));
    query->addBindValue(key);
    query->addBindValue(userId);
    query->addBindValue(operation);
    query->addBindValue(nowMs);
    query->addBindValue(nowMs + ttlMs);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (query->numRowsAffected() != 1)
        return Problem(ProblemCode::IdempotencyKeyInUse,
                       QStringLiteral("another request registered this key at the same moment; retry shortly"));
    StoredKey stored;
    stored.key = key;
    stored.userId = userId;
    stored.operation = operation;
    stored.createdAt = nowMs;
    stored.expiresAt = nowMs + ttlMs;
    return stored;
}

Result<std::optional<StoredKey>> IdempotencyStore::find(QSqlDatabase &db, SqlDialect dialect, qint64 userId, const QString &key,
                                                        bool forUpdate)
{
    ConnectionFactory::CachedStatement query(db, QStringLiteral("SELECT user_id, operation, created_at, expires_at, fingerprint, response_status,"
                                 " response_body, transfer_id, expired_at, replays FROM idempotency_keys WHERE user_id = ? AND key = ?")
                  + (forUpdate ? SqlDialects::forUpdate(dialect) : QString()));
    query->addBindValue(userId);
    query->addBindValue(key);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (!query->next())
        return std::optional<StoredKey>();
    StoredKey stored;
    stored.key = key;
    stored.userId = query->value(0).toLongLong();
    stored.operation = query->value(1).toString();
    stored.createdAt = query->value(2).toLongLong();
    stored.expiresAt = query->value(3).toLongLong();
    stored.fingerprint = query->value(4).toString().toLatin1();
    if (!query->value(5).isNull())
        stored.responseStatus = query->value(5).toInt();
    stored.responseBody = query->value(6).toByteArray();
    stored.transferId = query->value(7).toString();
    if (!query->value(8).isNull())
        stored.expiredAt = query->value(8).toLongLong();
    stored.replays = query->value(9).toLongLong();
    return std::optional<StoredKey>(stored);
}

Result<bool> IdempotencyStore::addReplays(QSqlDatabase &db, qint64 userId, const QString &key, qint64 count)
{
    ConnectionFactory::CachedStatement query(db, QStringLiteral("UPDATE idempotency_keys SET replays = replays + ? WHERE user_id = ? AND key = ?"));
    query->addBindValue(count);
    query->addBindValue(userId);
    query->addBindValue(key);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return true;
}

Result<bool> IdempotencyStore::complete(QSqlDatabase &db, const StoredKey &key, const QByteArray &fingerprint,
                                        int responseStatus, const QByteArray &responseBody, const QString &transferId,
                                        qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(db, QStringLiteral("UPDATE idempotency_keys SET fingerprint = ?, response_status = ?, response_body = ?,"
                                 " transfer_id = ?, completed_at = ? WHERE user_id = ? AND key = ? AND completed_at IS NULL"
                                 " AND expired_at IS NULL"));
    query->addBindValue(QString::fromLatin1(fingerprint));
    query->addBindValue(responseStatus);
    query->addBindValue(responseBody);
    query->addBindValue(transferId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(transferId));
    query->addBindValue(nowMs);
    query->addBindValue(key.userId);
    query->addBindValue(key.key);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (query->numRowsAffected() != 1)
        return Problem(ProblemCode::InternalError, QStringLiteral("the idempotency key changed while it was being completed"));
    return true;
}

Result<bool> IdempotencyStore::settleExpired(QSqlDatabase &db, const StoredKey &key, qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(db, QStringLiteral("UPDATE idempotency_keys SET expired_at = ?"
                                 " WHERE user_id = ? AND key = ? AND completed_at IS NULL AND expired_at IS NULL AND expires_at <= ?"));
    query->addBindValue(nowMs);
    query->addBindValue(key.userId);
    query->addBindValue(key.key);
    query->addBindValue(nowMs);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (query->numRowsAffected() != 1)
        return Problem(ProblemCode::InternalError, QStringLiteral("the idempotency key changed while it was being expired"));
    return true;
}

Result<int> IdempotencyStore::purgeExpired(QSqlDatabase &db, SqlDialect dialect, qint64 cutoffMs, int limit)
{
    // Every instance purges; rows another instance is deleting (or a request holds) are skipped.
    // Only keys that never had an outcome go: unused or settled as expired. A completed key -- a
    // transfer, or a stored refusal such as insufficient funds -- is its request's record and is
    // kept, so every late retry gets the same answer and none can execute later. An issued key
    // that is gone is never registered again (IdempotencyKeyFormat::isIssuedForm), so purging an
    // unused one cannot let it start anything.
    ConnectionFactory::CachedStatement query(db, QStringLiteral("DELETE FROM idempotency_keys WHERE (user_id, key) IN"
                                 " (SELECT user_id, key FROM idempotency_keys WHERE expires_at < ? AND completed_at IS NULL LIMIT ?")
                  + SqlDialects::forUpdateSkipLocked(dialect) + QStringLiteral(")"));
    query->addBindValue(cutoffMs);
    query->addBindValue(limit);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return query->numRowsAffected();
}

IdempotencyKeyInfo IdempotencyStore::toInfo(const StoredKey &key, qint64 nowMs)
{
    IdempotencyKeyInfo info;
    info.key = key.key;
    info.operation = key.operation;
    info.status = KeyState::statusName(KeyState::status(key, nowMs));
    info.createdAt = Timestamp::toIso(key.createdAt);
    info.expiresAt = Timestamp::toIso(key.expiresAt);
    info.responseStatus = key.responseStatus;
    info.transferId = key.transferId;
    if (key.isCompleted())
        info.replays = key.replays;
    return info;
}
