#pragma once

#include "server/storage/SqlDialect.h"
#include "shared/core/Result.h"
#include "shared/wire/ApiTypes.h"

#include <QSqlDatabase>

#include <optional>

struct AccountRecord
{
    QString id;
    qint64 userId = 0;
    QString owner;
    QString name;
    QString currency;
    qint64 balance = 0;
};

// A transfer's two sides, each as found (or not).
struct AccountPair
{
    std::optional<AccountRecord> first;
    std::optional<AccountRecord> second;
};

// Accounts and transfers. Reads run on any reader thread; moveAndRecord() and insertTransfer()
// only inside a writer job, where they share the job's transaction with the idempotency key's
// completion.
class Ledger
{
public:
    static QString newAccountId();
    static QString newTransferId();
    static QString newScheduleId();

    static Result<QList<Account>> accountsOf(QSqlDatabase &db, qint64 userId);
    static Result<QList<Payee>> payeesFor(QSqlDatabase &db, qint64 userId);
    static Result<std::optional<AccountRecord>> account(QSqlDatabase &db, const QString &id);
    // Both in one query: a transfer's check costs one round trip, not two.
    static Result<AccountPair> accounts(QSqlDatabase &db, const QString &first, const QString &second);
    static Result<TransferPage> transfersVisibleTo(QSqlDatabase &db, qint64 userId, int limit,
                                                   const QString &startingAfter);
    static Result<std::optional<Transfer>> transferVisibleTo(QSqlDatabase &db, qint64 userId, const QString &id);

    enum class MoveOutcome { Moved, InsufficientFunds };
    // Debits the transfer's source and credits its destination by its amount, and records it
    // (insertTransfer); or changes nothing if the source lacks the funds. A failure may leave part
    // of it done: the writer job's savepoint rolls it back.
    static Result<MoveOutcome> moveAndRecord(QSqlDatabase &db, SqlDialect dialect, const Transfer &transfer,
                                             qint64 createdAtMs);
    // moveAndRecord() on PostgreSQL as steps of one statement (WITH …), taken only if `onlyIf`
    // holds, for the transfer a step `args` describes by source, target, amount, transfer_id,
    // currency, memo, created_at and idempotency_key: `locked`, both accounts' rows locked in id
    // order (so transfers in opposite directions cannot deadlock); `moved`, their rows once the
    // balance, checked on the locked row, sufficed and both were updated; `recorded`, one row once
    // the transfer is recorded, which it is only if both moved.
    static QString moveAndRecordSteps(const QString &onlyIf);
    static Result<bool> insertTransfer(QSqlDatabase &db, const Transfer &transfer, qint64 createdAtMs);

    static Result<bool> createAccount(QSqlDatabase &db, const QString &id, qint64 userId, const QString &name,
                                      const QString &currency, qint64 balance);
    // Sum of all balances, for invariant checks.
    static Result<qint64> totalBalance(QSqlDatabase &db);
};
