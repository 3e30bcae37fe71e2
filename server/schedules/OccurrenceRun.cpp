#include "server/schedules/OccurrenceRun.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/idempotency/OperationRegistry.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"
#include "server/transfers/TransferCommit.h"
#include "shared/json/CanonicalJson.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

QString OccurrenceRun::keyOf(const QString &scheduleId, int number)
{
    return scheduleId + QLatin1Char('.') + QString::number(number);
}

Result<OccurrenceRun::Outcome> OccurrenceRun::execute(QSqlDatabase &db, const KeyedCommit &keys,
                                                      const QString &scheduleId, int number, qint64 nowMs)
{
    // Locks the occurrence and its schedule (a cancel waits for this run, or this run for the
    // cancel); one that another instance is running is skipped, not waited for.
    ConnectionFactory::CachedStatement q(
        db,
        QStringLiteral("SELECT o.status, s.cancelled_at, s.user_id, s.from_account, s.to_account, s.amount,"
                       " s.currency, s.memo FROM scheduled_occurrences o"
                       " JOIN scheduled_transfers s ON s.id = o.schedule_id"
                       " WHERE o.schedule_id = ? AND o.number = ?")
            + SqlDialects::forUpdateSkipLocked(keys.dialect()));
    q->addBindValue(scheduleId);
    q->addBindValue(number);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    if (!q->next() || q->value(0).toString() != QLatin1String("pending") || !q->value(1).isNull())
        return Outcome{};
    const qint64 userId = q->value(2).toLongLong();
    TransferRequest transfer;
    transfer.fromAccount = q->value(3).toString();
    transfer.toAccount = q->value(4).toString();
    transfer.amount = q->value(5).toLongLong();
    transfer.currency = q->value(6).toString();
    transfer.memo = q->value(7).toString();
    q->finish();

    // The key is the transfer's as if its owner had sent it: a lookup by key finds its answer.
    const auto key = IdempotencyStore::insert(db, keyOf(scheduleId, number), userId, ApiOperations::kTransfer, nowMs,
                                              keys.options().keyTtlMs);
    if (!key)
        return key.problem();
    const QByteArray fingerprint = CanonicalJson::fingerprint(
        "POST", OperationRegistry::find(ApiOperations::kTransfer)->path, transfer.toJson());
    const auto performed = keys.performAndComplete(db, key.value(), fingerprint, nowMs,
                                                   TransferCommit::perform(keys.dialect(), transfer));
    if (!performed)
        return performed.problem();

    Outcome outcome;
    outcome.userId = userId;
    outcome.transferId = performed->key.transferId;
    if (outcome.transferId.isEmpty()) {
        outcome.kind = Outcome::Kind::Failed;
        outcome.problemCode
            = QJsonDocument::fromJson(performed->key.responseBody).object().value(QLatin1String("code")).toString();
    } else {
        outcome.kind = Outcome::Kind::Executed;
    }
    ConnectionFactory::CachedStatement done(
        db,
        QStringLiteral("UPDATE scheduled_occurrences SET status = ?, transfer_id = ?, problem_code = ?,"
                       " finished_at = ? WHERE schedule_id = ? AND number = ?"));
    done->addBindValue(outcome.kind == Outcome::Kind::Executed ? QStringLiteral("executed") : QStringLiteral("failed"));
    done->addBindValue(outcome.transferId.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                    : QVariant(outcome.transferId));
    done->addBindValue(outcome.problemCode.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                     : QVariant(outcome.problemCode));
    done->addBindValue(nowMs);
    done->addBindValue(scheduleId);
    done->addBindValue(number);
    if (!done->exec())
        return StorageFailure::toProblem(done->lastError());
    return outcome;
}
