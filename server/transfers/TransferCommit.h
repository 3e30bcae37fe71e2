#pragma once

#include "server/idempotency/KeyedCommit.h"
#include "server/transfers/TransferOrder.h"
#include "server/transfers/TransferOutcome.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>

// A transfer's writer job: the generic keyed job (KeyedCommit: re-read the key under the write
// lock, decide again, complete it with the answer) around the transfer's own work, perform():
// move the money (or find too little) and record the transfer. The request path
// (TransferService), the unsafe demonstration and the bench's single-commit limit all run these.
class TransferCommit
{
public:
    // The operation of the keys the unsafe demonstration makes for its transfers.
    static constexpr char kUnsafeOperation[] = "unsafe_transfer";

    explicit TransferCommit(const KeyedCommit &keys);

    // The job of `order`. `notBeforeMs`: the reader's clock when it decided, a floor for this one.
    Result<TransferOutcome> execute(QSqlDatabase &db, const TransferOrder &order, qint64 notBeforeMs,
                                    const std::optional<StoredKey> &seen = std::nullopt) const;
    // The job of a transfer without a key of the client's: it gets a fresh key of kUnsafeOperation,
    // completed in the same transaction, which no client sees before the money has moved and so
    // can never replay. Every call moves the money again.
    Result<TransferOutcome> executeUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                          const TransferRequest &transfer) const;

    // Moves the money (or finds too little) and records the transfer under `key`: the answer
    // the key stores. A refusal for too little money is an answer, not a failure.
    static KeyedCommit::Perform perform(SqlDialect dialect, const TransferRequest &transfer);
    // perform(), and on PostgreSQL the same in one statement with the key's check and completion
    // (inOneStatement()). On SQLite a statement is no round trip.
    static KeyedCommit::Operation operation(SqlDialect dialect, const TransferRequest &transfer);

private:
    // perform() with the key's check and completion in one statement: PostgreSQL only.
    static KeyedCommit::PerformAndComplete inOneStatement(const TransferRequest &transfer);

    const KeyedCommit &m_keys;
};
