#include "auth/UserQuotaStore.h"

#include "storage/ConnectionFactory.h"
#include "storage/StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

std::optional<Problem> UserQuotaStore::lockUser(QSqlDatabase &db, SqlDialect dialect, qint64 userId)
{
    const QString lock = SqlDialects::forNoKeyUpdate(dialect);
    if (lock.isEmpty())
        return std::nullopt;
    ConnectionFactory::CachedStatement query(db, QStringLiteral("SELECT id FROM users WHERE id = ?") + lock);
    query->addBindValue(userId);
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    return std::nullopt;
}

std::optional<Problem> UserQuotaStore::refuseKeyBeyond(QSqlDatabase &db, qint64 userId, int max, qint64 nowMs)
{
    if (max <= 0)
        return std::nullopt;
    // At most `max` rows are read, from the partial index of unused keys (migration 3).
    ConnectionFactory::CachedStatement query(db, QStringLiteral("SELECT COUNT(*), MIN(expires_at) FROM (SELECT expires_at FROM idempotency_keys"
                                                                " WHERE user_id = ? AND response_status IS NULL AND expired_at IS NULL"
                                                                " AND expires_at > ? LIMIT ?) AS unused"));
    query->addBindValue(userId);
    query->addBindValue(nowMs);
    query->addBindValue(max);
    if (!query->exec() || !query->next())
        return StorageFailure::toProblem(query->lastError());
    const qint64 unused = query->value(0).toLongLong();
    const qint64 firstExpiry = query->value(1).toLongLong();
    if (unused < max)
        return std::nullopt;
    return Problem(ProblemCode::TooManyRequests,
                   QStringLiteral("you hold %1 unused idempotency keys; use one of them for a request before asking for another")
                       .arg(max))
        .retryAfterMs(firstExpiry - nowMs);
}

Result<int> UserQuotaStore::keepNewestSessions(QSqlDatabase &db, qint64 userId, int keep, qint64 nowMs)
{
    ConnectionFactory::CachedStatement live(db, QStringLiteral("SELECT token_hash FROM sessions WHERE user_id = ? AND expires_at > ?"
                                                               " ORDER BY created_at DESC, token_hash DESC"));
    live->addBindValue(userId);
    live->addBindValue(nowMs);
    if (!live->exec())
        return StorageFailure::toProblem(live->lastError());
    QStringList ended;
    for (int row = 0; live->next(); ++row) {
        if (row >= keep)
            ended.append(live->value(0).toString());
    }
    live->finish();
    for (const QString &tokenHash : std::as_const(ended)) {
        ConnectionFactory::CachedStatement end(db, QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
        end->addBindValue(tokenHash);
        if (!end->exec())
            return StorageFailure::toProblem(end->lastError());
    }
    return int(ended.size());
}
