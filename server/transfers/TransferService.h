#pragma once

#include "server/idempotency/IdempotentExecutor.h"
#include "server/transfers/TransferCommit.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

class Storage;

// The exactly-once transfer, without HTTP: the operation "transfer" run by the IdempotentExecutor,
// its own check (the accounts) on the reader or in the writer job, and its own work
// (TransferCommit) in the writer job.
class TransferService
{
    Q_DISABLE_COPY_MOVE(TransferService)
public:
    // Called once, with a completed key to answer from or the Problem the order is refused with
    // (an expired key's too, never Kind::Expired): on the reader thread when the answer is known
    // there, else on the writer thread once the job's batch has committed.
    using Done = std::function<void(Result<TransferOutcome>)>;

    TransferService(Storage &storage, IdempotentExecutor &executor);

    // On any thread: the replay of `order`, whose request had `body`, when its key's completed
    // answer is kept in memory (IdempotentExecutor::recall); nullopt: submit() it.
    std::optional<TransferOutcome> recall(const TransferOrder &order, const QByteArray &body);
    // The same for a request not parsed yet, whose body repeats one recall() answered byte for
    // byte (IdempotentExecutor::recallRepeat); nullopt: parse it and recall() it.
    std::optional<TransferOutcome> recallRepeat(qint64 userId, const QString &key, const QByteArray &body);
    // On a reader thread, with its connection.
    void submit(QSqlDatabase &db, const TransferOrder &order, Done done);
    // On any thread, without a reader, where that is the cheaper way (decidesInWriter): the writer
    // job reads the key and checks the accounts itself (IdempotentExecutor::submitToWriter).
    void submitToWriter(const TransferOrder &order, Done done);
    bool decidesInWriter() const { return m_executor.decidesInWriter(); }
    // The teaching contrast to submit(): the same accounts check, delay and commit, but no key of
    // the client's, so every call moves the money, retries included (TransferCommit::executeUnsafe).
    void submitUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint, const TransferRequest &transfer,
                      Done done);

    // Whether `transfer` may leave one of `userId`'s accounts for an existing account in its
    // currency. Accounts never change owner or currency, so a reader's answer holds for the writer.
    // On the connection of whichever thread runs it.
    static std::optional<Problem> checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer);

private:
    Storage &m_storage;
    IdempotentExecutor &m_executor;
    const TransferCommit m_commit;
};
