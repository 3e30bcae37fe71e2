#include "server/schedules/ScheduleStore.h"

#include "server/ledger/Ledger.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Timestamp.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kColumns = QStringLiteral("s.id, s.from_account, s.to_account, s.amount, s.currency, s.memo,"
                                        " s.first_run_at, s.repeat_every, s.repeat_count, s.created_at,"
                                        " s.idempotency_key,"
                                        " (SELECT MIN(o.due_at) FROM scheduled_occurrences o"
                                        "  WHERE o.schedule_id = s.id AND o.status = 'pending'),"
                                        " (SELECT COUNT(*) FROM scheduled_occurrences o"
                                        "  WHERE o.schedule_id = s.id AND o.status = 'cancelled')");

ScheduledTransfer scheduleFromRow(const Statement &q)
{
    ScheduledTransfer s;
    s.id = q.value(0).toString();
    s.transfer.fromAccount = q.value(1).toString();
    s.transfer.toAccount = q.value(2).toString();
    s.transfer.amount = q.value(3).toLongLong();
    s.transfer.currency = q.value(4).toString();
    s.transfer.memo = q.value(5).toString();
    s.firstRunAt = Timestamp::toIso(q.value(6).toLongLong());
    s.every = q.value(7).toString();
    s.count = q.value(8).toInt();
    s.createdAt = Timestamp::toIso(q.value(9).toLongLong());
    s.idempotencyKey = q.value(10).toString();
    // From the occurrences alone (a cancel marks every pending one): a cancel that came after the
    // last run leaves the schedule completed.
    const bool pending = !q.value(11).isNull();
    s.nextRunAt = pending ? Timestamp::toIso(q.value(11).toLongLong()) : QString();
    if (pending)
        s.status = QStringLiteral("active");
    else
        s.status = q.value(12).toLongLong() > 0 ? QStringLiteral("cancelled") : QStringLiteral("completed");
    return s;
}

} // namespace

Result<ScheduledTransfer> ScheduleStore::insert(QSqlDatabase &db, qint64 userId, const QString &key,
                                                const ScheduledTransferRequest &request, qint64 nowMs)
{
    const QString id = Ledger::newScheduleId();
    ConnectionFactory::CachedStatement q(
        db,
        QStringLiteral("INSERT INTO scheduled_transfers (id, user_id, from_account, to_account, amount, currency,"
                       " memo, first_run_at, repeat_every, repeat_count, created_at, idempotency_key)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q->addBindValue(id);
    q->addBindValue(userId);
    q->addBindValue(request.transfer.fromAccount);
    q->addBindValue(request.transfer.toAccount);
    q->addBindValue(request.transfer.amount);
    q->addBindValue(request.transfer.currency);
    q->addBindValue(request.transfer.memo.isNull() ? QStringLiteral("")
                                                   : request.transfer.memo); // the column is NOT NULL
    q->addBindValue(request.firstRunAtMs);
    // A one-off schedule keeps no period: "repeat" is absent from its answer.
    q->addBindValue(request.count > 1 ? QVariant(ScheduledTransferRequest::everyName(request.every))
                                      : QVariant(QMetaType::fromType<QString>()));
    q->addBindValue(request.count);
    q->addBindValue(nowMs);
    q->addBindValue(key);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());

    ConnectionFactory::CachedStatement run(db,
                                           QStringLiteral("INSERT INTO scheduled_occurrences"
                                                          " (schedule_id, number, due_at, status)"
                                                          " VALUES (?, ?, ?, 'pending')"));
    for (int number = 1; number <= request.count; ++number) {
        run->addBindValue(id);
        run->addBindValue(number);
        run->addBindValue(request.dueAtMs(number));
        if (!run->exec())
            return StorageFailure::toProblem(run->lastError());
    }
    const auto stored = find(db, userId, id);
    if (!stored)
        return stored.problem();
    return *stored.value();
}

Result<std::optional<ScheduledTransfer>> ScheduleStore::find(QSqlDatabase &db, qint64 userId, const QString &id)
{
    ConnectionFactory::CachedStatement q(db,
                                         QStringLiteral("SELECT ") + kColumns
                                             + QStringLiteral(" FROM scheduled_transfers s"
                                                              " WHERE s.id = ? AND s.user_id = ?"));
    q->addBindValue(id);
    q->addBindValue(userId);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    if (!q->next())
        return std::optional<ScheduledTransfer>();
    ScheduledTransfer schedule = scheduleFromRow(*q);

    ConnectionFactory::CachedStatement runs(
        db,
        QStringLiteral("SELECT number, due_at, status, transfer_id, problem_code FROM scheduled_occurrences"
                       " WHERE schedule_id = ? ORDER BY number"));
    runs->addBindValue(id);
    if (!runs->exec())
        return StorageFailure::toProblem(runs->lastError());
    while (runs->next()) {
        schedule.occurrences.append({runs->value(0).toInt(), Timestamp::toIso(runs->value(1).toLongLong()),
                                     runs->value(2).toString(), runs->value(3).toString(), runs->value(4).toString()});
    }
    return std::optional<ScheduledTransfer>(std::move(schedule));
}

Result<ScheduledTransferPage> ScheduleStore::list(QSqlDatabase &db, qint64 userId, int limit,
                                                  const QString &startingAfter)
{
    qint64 beforeSeq = -1;
    if (!startingAfter.isEmpty()) {
        ConnectionFactory::CachedStatement q(
            db, QStringLiteral("SELECT seq FROM scheduled_transfers WHERE id = ? AND user_id = ?"));
        q->addBindValue(startingAfter);
        q->addBindValue(userId);
        if (!q->exec())
            return StorageFailure::toProblem(q->lastError());
        if (!q->next())
            return Problem(ProblemCode::ValidationFailed, QStringLiteral("starting_after: no such scheduled transfer"));
        beforeSeq = q->value(0).toLongLong();
    }
    ConnectionFactory::CachedStatement q(db,
                                         QStringLiteral("SELECT ") + kColumns
                                             + QStringLiteral(" FROM scheduled_transfers s WHERE s.user_id = ?")
                                             + (beforeSeq >= 0 ? QStringLiteral(" AND s.seq < ?") : QString())
                                             + QStringLiteral(" ORDER BY s.seq DESC LIMIT ?"));
    q->addBindValue(userId);
    if (beforeSeq >= 0)
        q->addBindValue(beforeSeq);
    q->addBindValue(limit + 1);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    ScheduledTransferPage page;
    while (q->next()) {
        if (page.schedules.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.schedules.append(scheduleFromRow(*q));
    }
    return page;
}

Result<bool> ScheduleStore::cancel(QSqlDatabase &db, qint64 userId, const QString &id, qint64 nowMs)
{
    ConnectionFactory::CachedStatement q(db,
                                         QStringLiteral("UPDATE scheduled_transfers SET cancelled_at = ?"
                                                        " WHERE id = ? AND user_id = ? AND cancelled_at IS NULL"));
    q->addBindValue(nowMs);
    q->addBindValue(id);
    q->addBindValue(userId);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    if (q->numRowsAffected() == 0) {
        const auto existing = find(db, userId, id);
        if (!existing)
            return existing.problem();
        return existing.value().has_value();
    }
    // The occurrence a scheduler is running holds its row lock until it commits: this waits for
    // it, so an occurrence is either executed or cancelled, never half.
    ConnectionFactory::CachedStatement runs(db,
                                            QStringLiteral("UPDATE scheduled_occurrences SET status = 'cancelled',"
                                                           " finished_at = ? WHERE schedule_id = ?"
                                                           " AND status = 'pending'"));
    runs->addBindValue(nowMs);
    runs->addBindValue(id);
    if (!runs->exec())
        return StorageFailure::toProblem(runs->lastError());
    return true;
}
