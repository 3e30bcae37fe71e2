#pragma once

#include "server/idempotency/IdempotencyOptions.h"
#include "server/idempotency/KeyedOrder.h"
#include "server/idempotency/KeyedOutcome.h"
#include "server/idempotency/OperationAnswer.h"
#include "server/storage/SqlDialect.h"
#include "shared/core/Result.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

// A keyed order's writer job, run inside the writer's transaction and the same for every
// operation: re-read the key under the write lock and decide again, run the operation, and
// complete the key with its answer, all or nothing.
class KeyedCommit
{
public:
    // The operation's own work, inside the transaction, for `key` (not yet completed). A Problem
    // rolls everything back and nothing is stored; an answer, refusals included, is the key's for good.
    using Perform = std::function<Result<OperationAnswer>(QSqlDatabase &db, const StoredKey &key, qint64 nowMs)>;

    KeyedCommit(SqlDialect dialect, IdempotencyOptions options);

    // The job of `order`. `notBeforeMs`: the reader's clock when it decided, a floor for this one.
    // `seen`: the key's record as the reader found it, if it was unused then; the job then only
    // checks that it still is (IdempotencyStore::isStillUnused) before it reads the key whole.
    Result<KeyedOutcome> execute(QSqlDatabase &db, const KeyedOrder &order, qint64 notBeforeMs, const Perform &perform,
                                 const std::optional<StoredKey> &seen = std::nullopt) const;
    // Runs `perform` for the unused `key` and completes it with the answer.
    Result<KeyedOutcome> performAndComplete(QSqlDatabase &db, StoredKey key, const QByteArray &fingerprint,
                                            qint64 nowMs, const Perform &perform) const;

    // Whether an unknown `key` may be registered as a client-chosen key.
    bool mayRegister(const QString &key) const;
    SqlDialect dialect() const { return m_dialect; }
    const IdempotencyOptions &options() const { return m_options; }

private:
    // The key as it stands under the write lock.
    Result<std::optional<StoredKey>> reread(QSqlDatabase &db, const KeyedOrder &order,
                                            const std::optional<StoredKey> &seen) const;

    SqlDialect m_dialect;
    IdempotencyOptions m_options;
};
