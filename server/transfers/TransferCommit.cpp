#include "server/transfers/TransferCommit.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "shared/wire/TransferAnswer.h"

TransferCommit::TransferCommit(const KeyedCommit &keys) : m_keys(keys) {}

Result<TransferOutcome> TransferCommit::execute(QSqlDatabase &db, const TransferOrder &order, qint64 notBeforeMs,
                                                const std::optional<StoredKey> &seen) const
{
    return TransferOutcome::of(
        m_keys.execute(db, order.keyed(), notBeforeMs, perform(m_keys.dialect(), order.transfer), seen));
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

KeyedCommit::Perform TransferCommit::perform(SqlDialect dialect, const TransferRequest &transfer)
{
    return [dialect, transfer](QSqlDatabase &db, const StoredKey &key, qint64 nowMs) -> Result<OperationAnswer> {
        Transfer created;
        created.id = Ledger::newTransferId();
        created.fromAccount = transfer.fromAccount;
        created.toAccount = transfer.toAccount;
        created.amount = transfer.amount;
        created.currency = transfer.currency;
        created.memo = transfer.memo;
        created.idempotencyKey = key.key;
        const auto moved = Ledger::moveAndRecord(db, dialect, created, nowMs);
        if (!moved)
            return moved.problem();
        if (moved.value() == Ledger::MoveOutcome::InsufficientFunds) {
            const TransferAnswer refused = TransferAnswer::refused(
                Problem(ProblemCode::InsufficientFunds,
                        QStringLiteral("from_account does not hold %1 minor units").arg(transfer.amount)));
            return OperationAnswer{refused.status, refused.body, {}};
        }
        created.createdAt = Timestamp::toIso(nowMs);
        const TransferAnswer answer = TransferAnswer::created(created);
        return OperationAnswer{answer.status, answer.body, created.id};
    };
}
