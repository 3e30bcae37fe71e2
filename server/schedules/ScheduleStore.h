#pragma once

#include "shared/core/Result.h"
#include "shared/wire/ScheduledTransfer.h"
#include "shared/wire/ScheduledTransferRequest.h"

#include <QSqlDatabase>

#include <optional>

// The scheduled_transfers and scheduled_occurrences tables. A schedule is written with all its
// occurrences at once (at most ScheduledTransferRequest::kMaxCount), each "pending" with its due
// time. All functions run on the thread that owns `db`; the writing ones inside a writer job.
class ScheduleStore
{
public:
    static Result<ScheduledTransfer> insert(QSqlDatabase &db, qint64 userId, const QString &key,
                                            const ScheduledTransferRequest &request, qint64 nowMs);
    // `userId`'s schedule with its occurrences; nullopt: the user has no such schedule.
    static Result<std::optional<ScheduledTransfer>> find(QSqlDatabase &db, qint64 userId, const QString &id);
    // A page of `userId`'s schedules, newest first, after `startingAfter` if not empty.
    static Result<ScheduledTransferPage> list(QSqlDatabase &db, qint64 userId, int limit, const QString &startingAfter);
    // Cancels `userId`'s schedule: its pending occurrences become "cancelled". False: no such
    // schedule. Cancelling a cancelled or completed schedule changes nothing and is no error.
    static Result<bool> cancel(QSqlDatabase &db, qint64 userId, const QString &id, qint64 nowMs);
};
