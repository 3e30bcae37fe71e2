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
    // The operation's work with the key's check and completion, in one statement, for a key the
    // reader saw unused (`key`, its digest set): it locks the key and does everything, or nothing
    // if the key is no longer unused (nullopt). Where each statement is a round trip (PostgreSQL)
    // that is two fewer per job than checking, performing and completing one by one.
    using PerformAndComplete = std::function<Result<std::optional<OperationAnswer>>(
        QSqlDatabase &db, const StoredKey &key, const QByteArray &fingerprint, qint64 nowMs)>;
    // The operation's checks of a new order, with a connection that reads; a Problem refuses it,
    // and nothing is written.
    using Check = std::function<std::optional<Problem>(QSqlDatabase &db)>;
    // An operation as the writer runs it: its work, and that work in one statement where the
    // operation has one (may be empty).
    struct Operation
    {
        Perform perform;
        PerformAndComplete inOneStatement{};
    };

    KeyedCommit(SqlDialect dialect, IdempotencyOptions options);

    // The job of `order`. `notBeforeMs`: the reader's clock when it decided, a floor for this one.
    // `seen`: the key's record as the reader found it, if it was unused then; the job then only
    // checks that it still is (IdempotencyStore::isStillUnused) before it reads the key whole.
    // For a `seen` key, the operation's work in one statement goes first, if it has it.
    // `check`: the operation's checks, when no reader ran them; run here before the order goes
    // ahead with a key, and a refusal leaves the key as it was.
    Result<KeyedOutcome> execute(QSqlDatabase &db, const KeyedOrder &order, qint64 notBeforeMs,
                                 const Operation &operation, std::optional<StoredKey> seen = std::nullopt,
                                 const Check &check = {}) const;
    // Runs `perform` for the unused `key` and completes it with the answer.
    Result<KeyedOutcome> performAndComplete(QSqlDatabase &db, StoredKey key, const QByteArray &fingerprint,
                                            qint64 nowMs, const Perform &perform) const;

    // Whether an unknown `key` may be registered as a client-chosen key.
    bool mayRegister(const QString &key) const;
    SqlDialect dialect() const { return m_dialect; }
    const IdempotencyOptions &options() const { return m_options; }

private:
    // The end of a performed job, before its batch commits: the hold and fault point of the tests.
    static Result<KeyedOutcome> beforeCommit(Result<KeyedOutcome> performed, const IdempotencyOptions &options);
    // The key as it stands under the write lock.
    Result<std::optional<StoredKey>> reread(QSqlDatabase &db, const KeyedOrder &order,
                                            const std::optional<StoredKey> &seen) const;

    SqlDialect m_dialect;
    IdempotencyOptions m_options;
};
