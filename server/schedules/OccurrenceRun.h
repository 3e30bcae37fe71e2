#pragma once

#include "server/idempotency/KeyedCommit.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>
#include <QString>

// One due occurrence of a scheduled transfer, run as a writer job: under the occurrence's row
// lock, if it is still pending and its schedule not cancelled, the transfer is made under a key
// derived from the schedule and the occurrence number (its idempotency_key), through the keyed
// commit every transfer takes, and the occurrence is marked executed or failed in the same
// transaction. So a crash before COMMIT leaves it pending and it runs after the restart; after
// COMMIT it is done and never runs again; an instance that finds it locked or done does nothing.
class OccurrenceRun
{
public:
    struct Outcome
    {
        enum class Kind {
            Skipped,  // not pending, cancelled, or being run elsewhere
            Executed, // transferId made
            Failed,   // problemCode stored, e.g. insufficient_funds; not retried
        };
        Kind kind = Kind::Skipped;
        qint64 userId = 0; // whose schedule it is
        QString transferId;
        QString problemCode;
    };

    // The key of occurrence `number` of `scheduleId`: "sch_….3".
    static QString keyOf(const QString &scheduleId, int number);

    static Result<Outcome> execute(QSqlDatabase &db, const KeyedCommit &keys, const QString &scheduleId, int number,
                                   qint64 nowMs);
};
