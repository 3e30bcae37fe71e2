#pragma once

#include "server/idempotency/InFlightKeys.h"
#include "server/idempotency/ReplayCounter.h"
#include "server/transfers/ProcessingDelay.h"
#include "server/transfers/TransferCommit.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

class Storage;

// The exactly-once transfer, without HTTP. Everything that can be checked without the writer is
// checked on the reader thread: the key first (a retry of a completed transfer is answered from
// its record), then the accounts. The key is then held in flight, through the demonstration delay,
// until its writer job (TransferCommit) has committed.
class TransferService
{
    Q_DISABLE_COPY_MOVE(TransferService)
public:
    // Called once, with a completed key to answer from or the Problem the order is refused with
    // (an expired key's too, never Kind::Expired): on the reader thread when the answer is known
    // there, else on the writer thread once the job's batch has committed.
    using Done = std::function<void(Result<TransferOutcome>)>;

    TransferService(Storage &storage, TransferOptions options);

    // On a reader thread, with its connection.
    void submit(QSqlDatabase &db, const TransferOrder &order, Done done);
    // The teaching contrast to submit(): the same accounts check, delay and commit, but no key of
    // the client's, so every call moves the money, retries included (TransferCommit::executeUnsafe).
    void submitUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint, const TransferRequest &transfer,
                      Done done);
    // Whether an order with `userId`'s `key` is being executed here now (between its reader's
    // decision and its writer's answer).
    bool isInFlight(qint64 userId, const QString &key) const;
    // How often each key's answer was replayed, counted as submit() answers from a completed key.
    const ReplayCounter &replays() const { return m_replays; }

private:
    // Whether `transfer` may leave one of `userId`'s accounts for an existing account in its
    // currency. Accounts never change owner or currency, so a reader's answer holds for the writer.
    static std::optional<Problem> checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer);

    Storage &m_storage;
    const TransferCommit m_commit;
    InFlightKeys m_inFlight;
    ReplayCounter m_replays;
    ProcessingDelay m_delay;
};
