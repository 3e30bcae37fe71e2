#include "server/idempotency/IdempotencyStore.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/RowId.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

QString IdempotencyStore::newKey(QStringView prefix)
{
    // Time-ordered, so that a commit of many new keys writes the last leaf of the primary key
    // (user_id, key) instead of a random leaf per key; 80 random bits still make each one unique.
    return RowId::timeOrdered(prefix, IdempotencyKeyFormat::kIssuedHexDigits - RowId::kTimeHexDigits);
}

namespace {

// What is still unused has none of the columns that are written when a key stops being unused.
const QString kStillUnused = QStringLiteral("response_status IS NULL AND expired_at IS NULL AND abandoned_at IS NULL");

// The unused key whose user, name and creation are these SQL values, and its row lock on PostgreSQL.
QString stillUnusedQuery(SqlDialect dialect, const QString &user, const QString &key, const QString &createdAt)
{
    // Whether it is still unused is read, not asked in WHERE: a WHERE that implies the partial
    // index of unused keys lets PostgreSQL's planner pick that index, found by user_id alone, and
    // walk all the user's unused keys at every write (5–9 ms each with 20 000 of them). The
    // primary key finds the one row.
    return QStringLiteral(
               "SELECT %1 AS still FROM idempotency_keys WHERE user_id = %2 AND key = %3 AND created_at = %4")
               .arg(kStillUnused, user, key, createdAt)
        + SqlDialects::forUpdate(dialect);
}

// Completes the unused key whose user and name are these SQL values, with the answer in the
// columns complete() writes, each given by `value` of its name.
QString completion(const QString &user, const QString &key, const std::function<QString(const char *)> &value)
{
    QString sql = QStringLiteral("UPDATE idempotency_keys SET ");
    const char *separator = "";
    for (const char *column :
         {"fingerprint", "request_digest", "response_status", "response_body", "transfer_id", "completed_at"}) {
        sql += QLatin1String(separator) + QLatin1String(column) + QStringLiteral(" = ") + value(column);
        separator = ", ";
    }
    return sql
        + QStringLiteral(" WHERE user_id = %1 AND key = %2 AND completed_at IS NULL AND expired_at IS NULL")
              .arg(user, key);
}

const QString kColumns
    = QStringLiteral("key, user_id, operation, created_at, expires_at, fingerprint, request_digest,"
                     " response_status, response_body, transfer_id, expired_at, abandoned_at, replays");

StoredKey fromRow(const Statement &row)
{
    StoredKey stored;
    stored.key = row.value(0).toString();
    stored.userId = row.value(1).toLongLong();
    stored.operation = row.value(2).toString();
    stored.createdAt = row.value(3).toLongLong();
    stored.expiresAt = row.value(4).toLongLong();
    stored.fingerprint = row.value(5).toString().toLatin1();
    stored.requestDigest = row.value(6).toString().toLatin1();
    if (!row.value(7).isNull())
        stored.responseStatus = row.value(7).toInt();
    stored.responseBody = row.value(8).toByteArray();
    stored.transferId = row.value(9).toString();
    if (!row.value(10).isNull())
        stored.expiredAt = row.value(10).toLongLong();
    if (!row.value(11).isNull())
        stored.abandonedAt = row.value(11).toLongLong();
    stored.replays = row.value(12).toLongLong();
    return stored;
}

// The rows of each status as IdempotencyKeyInfo names it; a lapsed key is listed as unused until
// it is settled (list() settles them first).
QString statusCondition(KeyState::Status status)
{
    switch (status) {
    case KeyState::Status::Unused:
    case KeyState::Status::Lapsed:
        return QStringLiteral("completed_at IS NULL AND expired_at IS NULL");
    case KeyState::Status::Completed:
        return QStringLiteral("completed_at IS NOT NULL");
    case KeyState::Status::Expired:
        return QStringLiteral("expired_at IS NOT NULL AND abandoned_at IS NULL");
    case KeyState::Status::Abandoned:
        return QStringLiteral("abandoned_at IS NOT NULL");
    }
    return {};
}

// Runs an UPDATE of one key that its writer holds the lock of, so it finds the row as decided.
Result<bool> updateOne(Statement &query, const char *change)
{
    if (!query.exec())
        return StorageFailure::toProblem(query.lastError());
    if (query.numRowsAffected() != 1)
        return Problem(ProblemCode::InternalError,
                       QStringLiteral("the idempotency key changed while it was being %1").arg(QLatin1String(change)));
    return true;
}

} // namespace

Result<StoredKey> IdempotencyStore::insert(QSqlDatabase &db, const QString &key, qint64 userId,
                                           const QString &operation, qint64 nowMs, qint64 ttlMs)
{
    // DO NOTHING: on PostgreSQL another instance may register the same client-chosen key at the
    // same moment. This insert then waits for that one to commit and, finding the key taken,
    // answers 409 (the client's retry is replayed) instead of failing on the unique constraint.
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral(
            "INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"
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

Result<std::optional<StoredKey>> IdempotencyStore::find(QSqlDatabase &db, SqlDialect dialect, qint64 userId,
                                                        const QString &key, bool forUpdate)
{
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM idempotency_keys WHERE user_id = ? AND key = ?")
            + (forUpdate ? SqlDialects::forUpdate(dialect) : QString()));
    query->addBindValue(userId);
    query->addBindValue(key);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (!query->next())
        return std::optional<StoredKey>();
    return std::optional<StoredKey>(fromRow(*query));
}

Result<bool> IdempotencyStore::isStillUnused(QSqlDatabase &db, SqlDialect dialect, const StoredKey &seen)
{
    // created_at tells the key apart from one registered anew under the same name after a purge.
    // Every other column of an unused key is written only when it stops being unused.
    static const QString placeholder = QStringLiteral("?");
    static const QString sqlite = stillUnusedQuery(SqlDialect::Sqlite, placeholder, placeholder, placeholder);
    static const QString postgres = stillUnusedQuery(SqlDialect::Postgres, placeholder, placeholder, placeholder);
    ConnectionFactory::CachedStatement query(db, dialect == SqlDialect::Sqlite ? sqlite : postgres);
    query->addBindValue(seen.userId);
    query->addBindValue(seen.key);
    query->addBindValue(seen.createdAt);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return query->next() && query->value(0).toBool();
}

Result<bool> IdempotencyStore::addReplays(QSqlDatabase &db, qint64 userId, const QString &key, qint64 count)
{
    ConnectionFactory::CachedStatement query(
        db, QStringLiteral("UPDATE idempotency_keys SET replays = replays + ? WHERE user_id = ? AND key = ?"));
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
    static const QString placeholder = QStringLiteral("?");
    static const QString sql = completion(placeholder, placeholder, [](const char *) { return placeholder; });
    ConnectionFactory::CachedStatement query(db, sql);
    query->addBindValue(QString::fromLatin1(fingerprint));
    query->addBindValue(QString::fromLatin1(key.requestDigest));
    query->addBindValue(responseStatus);
    query->addBindValue(responseBody);
    query->addBindValue(transferId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(transferId));
    query->addBindValue(nowMs);
    query->addBindValue(key.userId);
    query->addBindValue(key.key);
    return updateOne(*query, "completed");
}

QString IdempotencyStore::stillUnusedStep()
{
    return QStringLiteral("unused AS (%1)")
        .arg(stillUnusedQuery(SqlDialect::Postgres, QStringLiteral("(SELECT key_user FROM args)"),
                              QStringLiteral("(SELECT key_name FROM args)"),
                              QStringLiteral("(SELECT key_created_at FROM args)")));
}

QString IdempotencyStore::completionStep(const QString &onlyIf)
{
    return QStringLiteral("completed AS (%1 AND %2 RETURNING 1)")
        .arg(completion(
                 QStringLiteral("(SELECT key_user FROM args)"), QStringLiteral("(SELECT key_name FROM args)"),
                 [](const char *column) { return QStringLiteral("(SELECT %1 FROM args)").arg(QLatin1String(column)); }),
             onlyIf);
}

Result<bool> IdempotencyStore::settleExpired(QSqlDatabase &db, const StoredKey &key, qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral(
            "UPDATE idempotency_keys SET expired_at = ?"
            " WHERE user_id = ? AND key = ? AND completed_at IS NULL AND expired_at IS NULL AND expires_at <= ?"));
    query->addBindValue(nowMs);
    query->addBindValue(key.userId);
    query->addBindValue(key.key);
    query->addBindValue(nowMs);
    return updateOne(*query, "expired");
}

Result<bool> IdempotencyStore::abandon(QSqlDatabase &db, const StoredKey &key, qint64 nowMs)
{
    // expired_at too: every guard that keeps a key from completing (complete() above, the quota
    // of unused keys, the purge) looks at expired_at alone.
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral("UPDATE idempotency_keys SET abandoned_at = ?, expired_at = ?"
                       " WHERE user_id = ? AND key = ? AND completed_at IS NULL AND expired_at IS NULL"));
    query->addBindValue(nowMs);
    query->addBindValue(nowMs);
    query->addBindValue(key.userId);
    query->addBindValue(key.key);
    return updateOne(*query, "abandoned");
}

Result<bool> IdempotencyStore::hasLapsed(QSqlDatabase &db, qint64 userId, qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral("SELECT 1 FROM idempotency_keys WHERE user_id = ? AND response_status IS NULL"
                       " AND expired_at IS NULL AND expires_at <= ? LIMIT 1"));
    query->addBindValue(userId);
    query->addBindValue(nowMs);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return query->next();
}

Result<int> IdempotencyStore::settleLapsed(QSqlDatabase &db, qint64 userId, qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral("UPDATE idempotency_keys SET expired_at = ?"
                       " WHERE user_id = ? AND completed_at IS NULL AND expired_at IS NULL AND expires_at <= ?"));
    query->addBindValue(nowMs);
    query->addBindValue(userId);
    query->addBindValue(nowMs);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return query->numRowsAffected();
}

Result<IdempotencyKeyPage> IdempotencyStore::list(QSqlDatabase &db, qint64 userId,
                                                  std::optional<KeyState::Status> status, int limit,
                                                  const QString &startingAfter, qint64 nowMs)
{
    qint64 afterCreatedAt = 0;
    if (!startingAfter.isEmpty()) {
        ConnectionFactory::CachedStatement query(
            db, QStringLiteral("SELECT created_at FROM idempotency_keys WHERE user_id = ? AND key = ?"));
        query->addBindValue(userId);
        query->addBindValue(startingAfter);
        if (!query->exec())
            return StorageFailure::toProblem(query->lastError());
        if (!query->next())
            return Problem(ProblemCode::ValidationFailed, QStringLiteral("starting_after: no such idempotency key"));
        afterCreatedAt = query->value(0).toLongLong();
    }
    // Newest first; keys issued in the same millisecond in key order, so that a page ends at a
    // definite place.
    QString sql = QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM idempotency_keys WHERE user_id = ?");
    if (status)
        sql += QStringLiteral(" AND ") + statusCondition(*status);
    if (!startingAfter.isEmpty())
        sql += QStringLiteral(" AND (created_at < ? OR (created_at = ? AND key < ?))");
    sql += QStringLiteral(" ORDER BY created_at DESC, key DESC LIMIT ?");
    ConnectionFactory::CachedStatement query(db, sql);
    query->addBindValue(userId);
    if (!startingAfter.isEmpty()) {
        query->addBindValue(afterCreatedAt);
        query->addBindValue(afterCreatedAt);
        query->addBindValue(startingAfter);
    }
    query->addBindValue(limit + 1);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    IdempotencyKeyPage page;
    while (query->next()) {
        if (page.keys.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.keys.append(toInfo(fromRow(*query), nowMs));
    }
    return page;
}

Result<int> IdempotencyStore::purgeExpired(QSqlDatabase &db, SqlDialect dialect, qint64 cutoffMs, int limit)
{
    // Every instance purges; rows another instance is deleting (or a request holds) are skipped.
    // Only keys that never had an outcome go: unused or settled as expired. A completed key -- a
    // transfer, or a stored refusal such as insufficient funds -- is its request's record and is
    // kept, so every late retry gets the same answer and none can execute later. An issued key
    // that is gone is never registered again (IdempotencyKeyFormat::isIssuedForm), so purging an
    // unused one cannot let it start anything.
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral(
            "DELETE FROM idempotency_keys WHERE (user_id, key) IN"
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
