#include "server/auth/UserQuotaStore.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"

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

namespace {

struct LiveRows
{
    qint64 count = 0;
    qint64 firstExpiry = 0;
};

// How many of `userId`'s rows `liveRows` selects (their expires_at), counting at most `max`, and
// when the first of them expires. The user's partial indexes (migration 3) keep this to `max` rows.
Result<LiveRows> countLive(QSqlDatabase &db, const QString &liveRows, qint64 userId, int max, qint64 nowMs)
{
    ConnectionFactory::CachedStatement query(
        db, QStringLiteral("SELECT COUNT(*), MIN(expires_at) FROM (") + liveRows + QStringLiteral(" LIMIT ?) AS live"));
    query->addBindValue(userId);
    query->addBindValue(nowMs);
    query->addBindValue(max);
    if (!query->exec() || !query->next())
        return StorageFailure::toProblem(query->lastError());
    return LiveRows{query->value(0).toLongLong(), query->value(1).toLongLong()};
}

} // namespace

std::optional<Problem> UserQuotaStore::refuseKeyBeyond(QSqlDatabase &db, qint64 userId, int max, qint64 nowMs)
{
    if (max <= 0)
        return std::nullopt;
    const auto unused = countLive(
        db,
        QStringLiteral("SELECT expires_at FROM idempotency_keys WHERE user_id = ? AND response_status IS NULL"
                       " AND expired_at IS NULL AND expires_at > ?"),
        userId, max, nowMs);
    if (!unused)
        return unused.problem();
    if (unused->count < max)
        return std::nullopt;
    return Problem(ProblemCode::TooManyRequests,
                   QStringLiteral(
                       "you hold %1 unused idempotency keys; use one of them for a request before asking for another")
                       .arg(max))
        .retryAfterMs(unused->firstExpiry - nowMs);
}

std::optional<Problem> UserQuotaStore::refuseSessionBeyond(QSqlDatabase &db, qint64 userId, int max, qint64 nowMs)
{
    if (max <= 0)
        return std::nullopt;
    const auto live = countLive(
        db, QStringLiteral("SELECT expires_at FROM sessions WHERE user_id = ? AND expires_at > ?"), userId, max, nowMs);
    if (!live)
        return live.problem();
    if (live->count < max)
        return std::nullopt;
    return Problem(ProblemCode::TooManyRequests,
                   QStringLiteral(
                       "you are signed in %1 times already; sign out on another device, or wait until its session ends")
                       .arg(max))
        .retryAfterMs(live->firstExpiry - nowMs);
}
