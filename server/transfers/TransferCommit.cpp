#include "server/transfers/TransferCommit.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "shared/wire/TransferAnswer.h"

TransferCommit::TransferCommit(const KeyedCommit &keys) : m_keys(keys) {}

Result<TransferOutcome> TransferCommit::execute(QSqlDatabase &db, const TransferOrder &order, qint64 notBeforeMs,
                                                const std::optional<StoredKey> &seen) const
{
    return TransferOutcome::of(
        m_keys.execute(db, order.keyed(), notBeforeMs, operation(m_keys.dialect(), order.transfer), seen));
}

Result<TransferOutcome> TransferCommit::executeUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                                      const TransferRequest &transfer) const
{
    const qint64 now = Timestamp::nowMs();
    // A key of its own form, made up for the record: a history can tell such a transfer from one
    // that was sent with a key.
    const auto key = IdempotencyStore::insert(db, IdempotencyStore::newKey(IdempotencyKeyFormat::kUnsafeDemoPrefix),
                                              userId, QLatin1String(kUnsafeOperation), now, m_keys.options().keyTtlMs);
    if (!key)
        return key.problem();
    return TransferOutcome::of(
        m_keys.performAndComplete(db, key.value(), fingerprint, now, perform(m_keys.dialect(), transfer)));
}

namespace {

Transfer newTransfer(const TransferRequest &transfer, const StoredKey &key)
{
    Transfer created;
    created.id = Ledger::newTransferId();
    created.fromAccount = transfer.fromAccount;
    created.toAccount = transfer.toAccount;
    created.amount = transfer.amount;
    created.currency = transfer.currency;
    created.memo = transfer.memo;
    created.idempotencyKey = key.key;
    return created;
}

OperationAnswer createdAnswer(Transfer created, qint64 nowMs)
{
    created.createdAt = Timestamp::toIso(nowMs);
    const TransferAnswer answer = TransferAnswer::created(created);
    return OperationAnswer{answer.status, answer.body, created.id};
}

OperationAnswer refusedAnswer(const TransferRequest &transfer)
{
    const TransferAnswer refused = TransferAnswer::refused(
        Problem(ProblemCode::InsufficientFunds,
                QStringLiteral("from_account does not hold %1 minor units").arg(transfer.amount)));
    return OperationAnswer{refused.status, refused.body, {}};
}

} // namespace

KeyedCommit::Perform TransferCommit::perform(SqlDialect dialect, const TransferRequest &transfer)
{
    return [dialect, transfer](QSqlDatabase &db, const StoredKey &key, qint64 nowMs) -> Result<OperationAnswer> {
        const Transfer created = newTransfer(transfer, key);
        const auto moved = Ledger::moveAndRecord(db, dialect, created, nowMs);
        if (!moved)
            return moved.problem();
        if (moved.value() == Ledger::MoveOutcome::InsufficientFunds)
            return refusedAnswer(transfer);
        return createdAnswer(created, nowMs);
    };
}

KeyedCommit::Operation TransferCommit::operation(SqlDialect dialect, const TransferRequest &transfer)
{
    return {perform(dialect, transfer), dialect == SqlDialect::Postgres ? inOneStatement(transfer) : nullptr};
}

KeyedCommit::PerformAndComplete TransferCommit::inOneStatement(const TransferRequest &transfer)
{
    return [transfer](QSqlDatabase &db, const StoredKey &key, const QByteArray &fingerprint,
                      qint64 nowMs) -> Result<std::optional<OperationAnswer>> {
        const Transfer created = newTransfer(transfer, key);
        const OperationAnswer made = createdAnswer(created, nowMs);
        // Each step only if the one before went through: the key's row locked if it is still
        // unused, the money moved and the transfer recorded, the key completed with `made`.
        static const QString sql
            = QStringLiteral("WITH args (key_user, key_name, key_created_at, source, target, amount, transfer_id,"
                             " currency, memo, created_at, idempotency_key, fingerprint, request_digest,"
                             " response_status, response_body, completed_at) AS (VALUES (?::bigint, ?::text,"
                             " ?::bigint, ?::text, ?::text, ?::bigint, ?::text, ?::text, ?::text, ?::bigint, ?::text,"
                             " ?::text, ?::text, ?::integer, ?::bytea, ?::bigint)), %1, %2, %3"
                             " SELECT COALESCE((SELECT still FROM unused), false), (SELECT COUNT(*) FROM moved),"
                             " (SELECT COUNT(*) FROM recorded), (SELECT COUNT(*) FROM completed)")
                  .arg(IdempotencyStore::stillUnusedStep(),
                       Ledger::moveAndRecordSteps(QStringLiteral("(SELECT still FROM unused)")),
                       IdempotencyStore::completionStep(QStringLiteral("(SELECT COUNT(*) FROM recorded) = 1")));
        ConnectionFactory::CachedStatement q(db, sql);
        for (const QVariant &value :
             {QVariant(key.userId), QVariant(key.key), QVariant(key.createdAt), QVariant(created.fromAccount),
              QVariant(created.toAccount), QVariant(created.amount), QVariant(created.id), QVariant(created.currency),
              QVariant(created.memo.isNull() ? QStringLiteral("") : created.memo), QVariant(nowMs), QVariant(key.key),
              QVariant(QString::fromLatin1(fingerprint)), QVariant(QString::fromLatin1(key.requestDigest)),
              QVariant(made.status), QVariant(made.body), QVariant(nowMs)})
            q->addBindValue(value);
        if (!q->exec())
            return StorageFailure::toProblem(q->lastError());
        if (!q->next())
            return Problem(ProblemCode::InternalError, QStringLiteral("the transfer's statement returned nothing"));
        if (!q->value(0).toBool())
            return std::optional<OperationAnswer>();
        const qint64 moved = q->value(1).toLongLong();
        if (moved == 0) {
            // Too little money, which is rare: the key, locked by now, is completed with the refusal.
            const OperationAnswer refused = refusedAnswer(transfer);
            const auto stored
                = IdempotencyStore::complete(db, key, fingerprint, refused.status, refused.body, {}, nowMs);
            if (!stored)
                return stored.problem();
            return std::optional<OperationAnswer>(refused);
        }
        if (moved != 2 || q->value(2).toLongLong() != 1)
            return Problem(ProblemCode::InternalError, QStringLiteral("the destination account disappeared"));
        if (q->value(3).toLongLong() != 1)
            return Problem(ProblemCode::InternalError, QStringLiteral("the key was not completed"));
        return std::optional<OperationAnswer>(made);
    };
}
