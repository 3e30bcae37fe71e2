#include "server/transfers/TransferService.h"

#include "server/ledger/Ledger.h"
#include "server/storage/Storage.h"
#include "shared/wire/ApiTypes.h"

TransferService::TransferService(Storage &storage, IdempotentExecutor &executor)
    : m_storage(storage),
      m_executor(executor),
      m_commit(executor.commit())
{}

namespace {

// A replay recalled from memory, as the transfer it answers.
std::optional<TransferOutcome> recalled(std::optional<KeyedOutcome> known)
{
    if (!known)
        return std::nullopt;
    return TransferOutcome::of(std::move(*known)).value();
}

// `done` as the executor calls it.
IdempotentExecutor::Done asKeyed(TransferService::Done done)
{
    return [done = std::move(done)](Result<KeyedOutcome> outcome) { done(TransferOutcome::of(std::move(outcome))); };
}

// The transfer's own check, on whichever connection runs it.
KeyedCommit::Check accountsOf(const TransferOrder &order)
{
    return [userId = order.userId, transfer = order.transfer](QSqlDatabase &db) {
        return TransferService::checkAccounts(db, userId, transfer);
    };
}

} // namespace

std::optional<TransferOutcome> TransferService::recall(const TransferOrder &order, const QByteArray &body)
{
    return recalled(m_executor.recall(order.keyed(), body));
}

std::optional<TransferOutcome> TransferService::recallRepeat(qint64 userId, const QString &key, const QByteArray &body)
{
    return recalled(m_executor.recallRepeat(userId, key, ApiOperations::kTransfer, body));
}

void TransferService::submit(QSqlDatabase &db, const TransferOrder &order, Done done)
{
    m_executor.submit(db, order.keyed(), accountsOf(order),
                      TransferCommit::operation(m_storage.dialect(), order.transfer), asKeyed(std::move(done)));
}

void TransferService::submitToWriter(const TransferOrder &order, Done done)
{
    m_executor.submitToWriter(order.keyed(), accountsOf(order),
                              TransferCommit::operation(m_storage.dialect(), order.transfer), asKeyed(std::move(done)));
}

void TransferService::submitUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                   const TransferRequest &transfer, Done done)
{
    if (const auto refused = checkAccounts(db, userId, transfer))
        return done(*refused);
    // The same demonstration delay as submit(), so failure case 2 can be shown here too.
    m_executor.runDelayed([this, userId, fingerprint, transfer, done] {
        m_storage.write<TransferOutcome>(
            [this, userId, fingerprint, transfer](QSqlDatabase &writerDb) {
                return m_commit.executeUnsafe(writerDb, userId, fingerprint, transfer);
            },
            done);
    });
}

std::optional<Problem> TransferService::checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer)
{
    const auto found = Ledger::accounts(db, transfer.fromAccount, transfer.toAccount);
    if (!found)
        return found.problem();
    const auto &[from, to] = found.value();
    if (!from || from->userId != userId)
        return Problem(ProblemCode::Forbidden, QStringLiteral("from_account: not one of your accounts"));
    if (!to)
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("to_account: no such account"));
    for (const auto &[side, account] : {std::pair{"from_account", *from}, std::pair{"to_account", *to}}) {
        if (account.currency != transfer.currency)
            return Problem(ProblemCode::ValidationFailed,
                           QStringLiteral("currency: %1 holds %2, not %3")
                               .arg(QLatin1String(side), account.currency, transfer.currency));
    }
    return std::nullopt;
}
