#pragma once

#include "server/storage/SqlDialect.h"
#include "server/transfers/TransferOptions.h"
#include "server/transfers/TransferOrder.h"
#include "server/transfers/TransferOutcome.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>

// A transfer's writer job, run inside the writer's transaction: re-read the key under the write
// lock and decide again, move the money (or find too little), record the transfer and complete
// the key with its answer (TransferAnswer), all or nothing. The request path (TransferService),
// the unsafe demonstration and the bench's single-commit limit all run these functions.
class TransferCommit
{
public:
    // The operation of the keys the unsafe demonstration makes for its transfers.
    static constexpr char kUnsafeOperation[] = "unsafe_transfer";

    TransferCommit(SqlDialect dialect, TransferOptions options);

    // The job of `order`. `notBeforeMs`: the reader's clock when it decided, a floor for this one.
    Result<TransferOutcome> execute(QSqlDatabase &db, const TransferOrder &order, qint64 notBeforeMs) const;
    // The job of a transfer without a key of the client's: it gets a fresh key of kUnsafeOperation,
    // completed in the same transaction, which no client sees before the money has moved and so
    // can never replay. Every call moves the money again.
    Result<TransferOutcome> executeUnsafe(QSqlDatabase &db, qint64 userId, const QByteArray &fingerprint,
                                          const TransferRequest &transfer) const;

    // Whether an unknown `key` may be registered as a client-chosen key.
    bool mayRegister(const QString &key) const;

private:
    // Moves the money (or finds too little) and completes `key` with what happened.
    Result<TransferOutcome> commit(QSqlDatabase &db, StoredKey key, const QByteArray &fingerprint,
                                   const TransferRequest &transfer, qint64 nowMs) const;

    SqlDialect m_dialect;
    TransferOptions m_options;
};
