#pragma once

#include "server/storage/SqlDialect.h"
#include "shared/core/Problem.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>

#include <optional>

// The per-user quotas counted in the database (UserQuotas), so they hold however many server
// instances share it. Every function runs inside a writer job.
class UserQuotaStore
{
public:
    // Makes the quota checks of one user take turns across instances: on PostgreSQL a row lock on
    // the user, held to the end of the transaction (SQLite's write lock already does this).
    static std::optional<Problem> lockUser(QSqlDatabase &db, SqlDialect dialect, qint64 userId);
    // 429 too_many_requests, with Retry-After until the first of them expires, when `userId`
    // already holds `max` unused, unexpired keys (max <= 0: no limit).
    static std::optional<Problem> refuseKeyBeyond(QSqlDatabase &db, qint64 userId, int max, qint64 nowMs);
    // 429 too_many_requests, with Retry-After until the first of them expires, when `userId`
    // already holds `max` live sessions (max <= 0: no limit). Refused rather than ending an older
    // session: a stolen password must not sign the owner out everywhere.
    static std::optional<Problem> refuseSessionBeyond(QSqlDatabase &db, qint64 userId, int max, qint64 nowMs);
};
