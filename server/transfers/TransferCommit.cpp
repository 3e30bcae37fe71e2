#include "server/transfers/TransferCommit.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/reliability/FaultPoints.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "shared/wire/TransferAnswer.h"

#include <QThread>

#include <algorithm>

TransferCommit::TransferCommit(SqlDialect dialect, TransferOptions options) : m_dialect(dialect), m_options(options) {}

bool TransferCommit::mayRegister(const QString &key) const
{
    return m_options.acceptClientKeys && !IdempotencyKeyFormat::isIssuedForm(key);
}

Result<TransferOutcome> TransferCommit::execute(QSqlDatabase &db, const TransferOrder &order, qint64 notBeforeMs) const
{
    // Re-read under the write lock: another request (or another server instance) may have
    // completed or expired the key since the reader looked.
    const auto found = IdempotencyStore::find(db, m_dialect, order.userId, order.key, true);
    if (!found)
        return found.problem();
    // The clock is read under the lock, and never earlier than the reader's: a key the reader saw
    // lapse cannot become usable here, whatever this clock says.
    const qint64 now = std::max(Timestamp::nowMs(), notBeforeMs);
    const KeyState::Decision decision = KeyState::decide(found.value(), order.userId, ApiOperations::kTransfer,
                                                         order.fingerprint, order.digest, now, mayRegister(order.key));
    StoredKey stored;
    switch (decision.kind) {
    case KeyState::Decision::Kind::Reject:
        return decision.problem;
    case KeyState::Decision::Kind::Replay:
        return TransferOutcome{TransferOutcome::Kind::Replayed, *found.value(), {}};
    case KeyState::Decision::Kind::Expire: {
        // Recorded, not just answered: no request with this key can commit after "expired" was said.
        const auto settled = IdempotencyStore::settleExpired(db, *found.value(), now);
        if (!settled)
            return settled.problem();
        return TransferOutcome{TransferOutcome::Kind::Expired, *found.value(), decision.problem};
    }
    case KeyState::Decision::Kind::RegisterAndProceed: {
        const auto inserted
            = IdempotencyStore::insert(db, order.key, order.userId, ApiOperations::kTransfer, now, m_options.keyTtlMs);
        if (!inserted)
            return inserted.problem();
        stored = inserted.value();
        break;
    }
    case KeyState::Decision::Kind::Proceed:
        stored = *found.value();
        break;
    }

    stored.requestDigest = order.digest; // kept with the fingerprint by complete()
    const auto committed = commit(db, stored, order.fingerprint, order.transfer, now);
    if (!committed)
        return committed;
    if (m_options.holdBeforeCommitMs > 0)
        QThread::msleep(ulong(m_options.holdBeforeCommitMs));
    FaultPoints::dieIfArmed(FaultPoint::BeforeCommit);
    return committed;
}

Result<TransferOutcome> TransferCommit::executeUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                                      const TransferRequest &transfer) const
{
    const qint64 now = Timestamp::nowMs();
    // A key of its own form, made up for the record: a history can tell such a transfer from one
    // that was sent with a key.
    const auto key = IdempotencyStore::insert(db, IdempotencyStore::newKey(IdempotencyKeyFormat::kUnsafeDemoPrefix),
                                              userId, QLatin1String(kUnsafeOperation), now, m_options.keyTtlMs);
    if (!key)
        return key.problem();
    return commit(db, key.value(), fingerprint, transfer, now);
}

Result<TransferOutcome> TransferCommit::commit(QSqlDatabase &db, StoredKey key, const QByteArray &fingerprint,
                                               const TransferRequest &transfer, qint64 nowMs) const
{
    const auto moved = Ledger::move(db, m_dialect, transfer.fromAccount, transfer.toAccount, transfer.amount);
    if (!moved)
        return moved.problem();
    TransferOutcome::Kind kind = TransferOutcome::Kind::Moved;
    TransferAnswer answer;
    if (moved.value() == Ledger::MoveOutcome::InsufficientFunds) {
        // A business outcome, not a failure: it is stored and every retry gets the same answer.
        kind = TransferOutcome::Kind::InsufficientFunds;
        answer = TransferAnswer::refused(
            Problem(ProblemCode::InsufficientFunds,
                    QStringLiteral("from_account does not hold %1 minor units").arg(transfer.amount)));
    } else {
        Transfer created;
        created.id = Ledger::newTransferId();
        created.fromAccount = transfer.fromAccount;
        created.toAccount = transfer.toAccount;
        created.amount = transfer.amount;
        created.currency = transfer.currency;
        created.memo = transfer.memo;
        created.createdAt = Timestamp::toIso(nowMs);
        created.idempotencyKey = key.key;
        const auto inserted = Ledger::insertTransfer(db, created, nowMs);
        if (!inserted)
            return inserted.problem();
        answer = TransferAnswer::created(created);
        key.transferId = created.id;
    }
    const auto completed
        = IdempotencyStore::complete(db, key, fingerprint, answer.status, answer.body, key.transferId, nowMs);
    if (!completed)
        return completed.problem();
    key.fingerprint = fingerprint;
    key.responseStatus = answer.status;
    key.responseBody = answer.body;
    return TransferOutcome{kind, key, {}};
}
