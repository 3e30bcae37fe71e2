#include "server/transfers/TransferService.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/reliability/FaultPoints.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"

TransferService::TransferService(Storage &storage, TransferOptions options)
    : m_storage(storage),
      m_commit(storage.dialect(), options),
      m_replays(storage),
      m_delay(options.processingDelayMs)
{}

void TransferService::submit(QSqlDatabase &db, const TransferOrder &order, Done done)
{
    // The key first: a retry of a completed transfer is answered from its record even if the
    // accounts have changed since.
    const qint64 readerNow = Timestamp::nowMs();
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), order.userId, order.key, false);
    if (!found)
        return done(found.problem());
    const KeyState::Decision decision
        = KeyState::decide(found.value(), order.userId, ApiOperations::kTransfer, order.fingerprint, order.digest,
                           readerNow, m_commit.mayRegister(order.key));
    if (decision.kind == KeyState::Decision::Kind::Reject)
        return done(decision.problem);
    if (decision.kind == KeyState::Decision::Kind::Replay) {
        m_replays.count(order.userId, order.key);
        return done(TransferOutcome{TransferOutcome::Kind::Replayed, *found.value(), {}});
    }

    // A lapsed key only goes to the writer to have its expiry settled; it moves nothing, so the
    // accounts are not its business.
    // Refusals from here on concern the key that was found (a client-chosen key yet to be
    // registered has none).
    const auto aboutTheKey = [&found](const Problem &problem) {
        return found.value() ? KeyState::aboutKey(problem, *found.value()) : problem;
    };
    if (decision.kind != KeyState::Decision::Kind::Expire) {
        if (const auto refused = checkAccounts(db, order.userId, order.transfer))
            return done(aboutTheKey(*refused));
    }

    if (!m_inFlight.tryAcquire(order.userId, order.key))
        return done(aboutTheKey(
            Problem(ProblemCode::IdempotencyKeyInUse,
                    QStringLiteral("the first request with this key is still being processed; retry shortly"))));

    // The key stays in flight through the demonstration delay: a retry meanwhile gets 409.
    m_delay.run([this, order, done, readerNow] {
        m_storage.write<TransferOutcome>(
            [this, order, readerNow](QSqlDatabase &writerDb) { return m_commit.execute(writerDb, order, readerNow); },
            [this, order, done](Result<TransferOutcome> outcome) {
                m_inFlight.release(order.userId, order.key);
                if (outcome && outcome->kind == TransferOutcome::Kind::Expired)
                    return done(outcome->refusal);
                if (outcome && outcome->kind == TransferOutcome::Kind::Replayed)
                    m_replays.count(order.userId, order.key);
                else if (outcome)
                    FaultPoints::dieIfArmed(FaultPoint::AfterCommit);
                done(std::move(outcome));
            });
    });
}

bool TransferService::isInFlight(qint64 userId, const QString &key) const { return m_inFlight.contains(userId, key); }

void TransferService::submitUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                   const TransferRequest &transfer, Done done)
{
    if (const auto refused = checkAccounts(db, userId, transfer))
        return done(*refused);
    // The same demonstration delay as submit(), so failure case 2 can be shown here too.
    m_delay.run([this, userId, fingerprint, transfer, done] {
        m_storage.write<TransferOutcome>(
            [this, userId, fingerprint, transfer](QSqlDatabase &writerDb) {
                return m_commit.executeUnsafe(writerDb, userId, fingerprint, transfer);
            },
            done);
    });
}

std::optional<Problem> TransferService::checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer)
{
    const auto from = Ledger::account(db, transfer.fromAccount);
    const auto to = Ledger::account(db, transfer.toAccount);
    if (!from || !to)
        return !from ? from.problem() : to.problem();
    if (!from.value() || from.value()->userId != userId)
        return Problem(ProblemCode::Forbidden, QStringLiteral("from_account: not one of your accounts"));
    if (!to.value())
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("to_account: no such account"));
    for (const auto &[side, account] :
         {std::pair{"from_account", *from.value()}, std::pair{"to_account", *to.value()}}) {
        if (account.currency != transfer.currency)
            return Problem(ProblemCode::ValidationFailed,
                           QStringLiteral("currency: %1 holds %2, not %3")
                               .arg(QLatin1String(side), account.currency, transfer.currency));
    }
    return std::nullopt;
}
