#include "server/ledger/Ledger.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/RowId.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Timestamp.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

const QString kTransferColumns = QStringLiteral("t.id, t.from_account, t.to_account, t.amount, t.currency, t.memo,"
                                                " t.created_at, t.idempotency_key, t.seq");

// Transfers touching any account of the user.
const QString kVisibleToUser = QStringLiteral("(t.from_account IN (SELECT id FROM accounts WHERE user_id = :user)"
                                              " OR t.to_account IN (SELECT id FROM accounts WHERE user_id = :user2))");

Transfer transferFromRow(const Statement &q)
{
    Transfer t;
    t.id = q.value(0).toString();
    t.fromAccount = q.value(1).toString();
    t.toAccount = q.value(2).toString();
    t.amount = q.value(3).toLongLong();
    t.currency = q.value(4).toString();
    t.memo = q.value(5).toString();
    t.createdAt = Timestamp::toIso(q.value(6).toLongLong());
    t.idempotencyKey = q.value(7).toString();
    return t;
}

} // namespace

QString Ledger::newAccountId() { return RowId::random(u"acc_", 16); }

QString Ledger::newTransferId()
{
    // Time-ordered: new ids go to the end of the unique indexes on transfers.id and
    // idempotency_keys.transfer_id (a commit of five transfers wrote 22 WAL pages instead of 29).
    return RowId::timeOrdered(u"tr_", 12);
}

QString Ledger::newScheduleId() { return RowId::random(u"sch_", 24); }

Result<QList<Account>> Ledger::accountsOf(QSqlDatabase &db, qint64 userId)
{
    ConnectionFactory::CachedStatement q(
        db,
        QStringLiteral("SELECT a.id, a.name, u.username, a.currency, a.balance FROM accounts a"
                       " JOIN users u ON u.id = a.user_id WHERE a.user_id = ? ORDER BY a.name, a.id"));
    q->addBindValue(userId);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    QList<Account> accounts;
    while (q->next())
        accounts.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString(),
                         q->value(4).toLongLong()});
    return accounts;
}

Result<QList<Payee>> Ledger::payeesFor(QSqlDatabase &db, qint64 userId)
{
    // Never the login name, which is half of what a password guesser needs.
    ConnectionFactory::CachedStatement q(
        db,
        QStringLiteral("SELECT a.id, a.name, COALESCE(u.display_name, 'Customer ' || u.id),"
                       " a.currency FROM accounts a JOIN users u ON u.id = a.user_id WHERE a.user_id <> ?"
                       " ORDER BY 3, a.name, a.id"));
    q->addBindValue(userId);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    QList<Payee> payees;
    while (q->next())
        payees.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(), q->value(3).toString()});
    return payees;
}

Result<std::optional<AccountRecord>> Ledger::account(QSqlDatabase &db, const QString &id)
{
    const auto found = accounts(db, id, id);
    if (!found)
        return found.problem();
    return found->first;
}

Result<AccountPair> Ledger::accounts(QSqlDatabase &db, const QString &first, const QString &second)
{
    // Two lookups in one statement, not `a.id IN (?, ?)`: SQLite builds a temporary table for an
    // IN list at every run, which cost a quarter of this read.
    static const QString kBoth = [] {
        const QString one = QStringLiteral("SELECT a.id, a.user_id, u.username, a.name, a.currency, a.balance"
                                           " FROM accounts a JOIN users u ON u.id = a.user_id WHERE a.id = ?");
        return one + QStringLiteral(" UNION ALL ") + one;
    }();
    ConnectionFactory::CachedStatement q(db, kBoth);
    q->addBindValue(first);
    q->addBindValue(second);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    AccountPair found;
    while (q->next()) {
        const AccountRecord record{q->value(0).toString(), q->value(1).toLongLong(), q->value(2).toString(),
                                   q->value(3).toString(), q->value(4).toString(),   q->value(5).toLongLong()};
        if (record.id == first)
            found.first = record;
        if (record.id == second)
            found.second = record;
    }
    return found;
}

Result<TransferPage> Ledger::transfersVisibleTo(QSqlDatabase &db, qint64 userId, int limit,
                                                const QString &startingAfter)
{
    qint64 beforeSeq = -1;
    if (!startingAfter.isEmpty()) {
        ConnectionFactory::CachedStatement q(
            db, QStringLiteral("SELECT t.seq FROM transfers t WHERE t.id = :id AND ") + kVisibleToUser);
        q->bindValue(QStringLiteral(":id"), startingAfter);
        q->bindValue(QStringLiteral(":user"), userId);
        q->bindValue(QStringLiteral(":user2"), userId);
        if (!q->exec())
            return StorageFailure::toProblem(q->lastError());
        if (!q->next())
            return Problem(ProblemCode::ValidationFailed, QStringLiteral("starting_after: no such transfer"));
        beforeSeq = q->value(0).toLongLong();
    }
    ConnectionFactory::CachedStatement q(db,
                                         QStringLiteral("SELECT ") + kTransferColumns
                                             + QStringLiteral(" FROM transfers t WHERE ") + kVisibleToUser
                                             + (beforeSeq >= 0 ? QStringLiteral(" AND t.seq < :before") : QString())
                                             + QStringLiteral(" ORDER BY t.seq DESC LIMIT :limit"));
    q->bindValue(QStringLiteral(":user"), userId);
    q->bindValue(QStringLiteral(":user2"), userId);
    if (beforeSeq >= 0)
        q->bindValue(QStringLiteral(":before"), beforeSeq);
    q->bindValue(QStringLiteral(":limit"), limit + 1);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    TransferPage page;
    while (q->next()) {
        if (page.transfers.size() == limit) {
            page.hasMore = true;
            break;
        }
        page.transfers.append(transferFromRow(*q));
    }
    return page;
}

Result<std::optional<Transfer>> Ledger::transferVisibleTo(QSqlDatabase &db, qint64 userId, const QString &id)
{
    ConnectionFactory::CachedStatement q(db,
                                         QStringLiteral("SELECT ") + kTransferColumns
                                             + QStringLiteral(" FROM transfers t WHERE t.id = :id AND ")
                                             + kVisibleToUser);
    q->bindValue(QStringLiteral(":id"), id);
    q->bindValue(QStringLiteral(":user"), userId);
    q->bindValue(QStringLiteral(":user2"), userId);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    if (!q->next())
        return std::optional<Transfer>();
    return std::optional<Transfer>(transferFromRow(*q));
}

Result<Ledger::MoveOutcome> Ledger::moveAndRecord(QSqlDatabase &db, SqlDialect dialect, const Transfer &t,
                                                  qint64 createdAtMs)
{
    const auto destinationGone
        = [] { return Problem(ProblemCode::InternalError, QStringLiteral("the destination account disappeared")); };
    if (dialect == SqlDialect::Postgres) {
        // One round trip, not four, while the batch holds its locks; nothing moved is 0 rows.
        static const QString sql
            = QStringLiteral("WITH args (source, target, amount, transfer_id, currency, memo, created_at,"
                             " idempotency_key) AS (VALUES (?::text, ?::text, ?::bigint, ?::text, ?::text, ?::text,"
                             " ?::bigint, ?::text)), %1"
                             " SELECT (SELECT COUNT(*) FROM moved), (SELECT COUNT(*) FROM recorded)")
                  .arg(moveAndRecordSteps(QStringLiteral("true")));
        ConnectionFactory::CachedStatement moved(db, sql);
        moved->addBindValue(t.fromAccount);
        moved->addBindValue(t.toAccount);
        moved->addBindValue(t.amount);
        moved->addBindValue(t.id);
        moved->addBindValue(t.currency);
        moved->addBindValue(t.memo.isNull() ? QStringLiteral("") : t.memo); // never NULL: the column is NOT NULL
        moved->addBindValue(createdAtMs);
        moved->addBindValue(t.idempotencyKey);
        if (!moved->exec())
            return StorageFailure::toProblem(moved->lastError());
        const qint64 rows = moved->next() ? moved->value(0).toLongLong() : -1;
        if (rows == 0)
            return MoveOutcome::InsufficientFunds;
        if (rows != 2 || moved->value(1).toLongLong() != 1)
            return destinationGone();
        return MoveOutcome::Moved;
    }
    ConnectionFactory::CachedStatement debit(
        db, QStringLiteral("UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?"));
    debit->addBindValue(t.amount);
    debit->addBindValue(t.fromAccount);
    debit->addBindValue(t.amount);
    if (!debit->exec())
        return StorageFailure::toProblem(debit->lastError());
    if (debit->numRowsAffected() != 1)
        return MoveOutcome::InsufficientFunds;
    ConnectionFactory::CachedStatement credit(db,
                                              QStringLiteral("UPDATE accounts SET balance = balance + ? WHERE id = ?"));
    credit->addBindValue(t.amount);
    credit->addBindValue(t.toAccount);
    if (!credit->exec())
        return StorageFailure::toProblem(credit->lastError());
    if (credit->numRowsAffected() != 1)
        return destinationGone();
    const auto inserted = insertTransfer(db, t, createdAtMs);
    if (!inserted)
        return inserted.problem();
    return MoveOutcome::Moved;
}

QString Ledger::moveAndRecordSteps(const QString &onlyIf)
{
    return QStringLiteral("locked AS (SELECT a.id, a.balance FROM accounts a, args"
                          " WHERE a.id IN (args.source, args.target) AND %1 ORDER BY a.id FOR UPDATE OF a),"
                          " moved AS (UPDATE accounts a SET balance = CASE WHEN a.id = args.source"
                          " THEN a.balance - args.amount ELSE a.balance + args.amount END"
                          " FROM locked l, args WHERE a.id = l.id"
                          " AND (SELECT locked.balance FROM locked, args WHERE locked.id = args.source)"
                          " >= args.amount RETURNING a.id),"
                          " recorded AS (INSERT INTO transfers (id, from_account, to_account, amount, currency,"
                          " memo, created_at, idempotency_key)"
                          " SELECT args.transfer_id, args.source, args.target, args.amount, args.currency, args.memo,"
                          " args.created_at, args.idempotency_key FROM args WHERE (SELECT COUNT(*) FROM moved) = 2"
                          " RETURNING 1)")
        .arg(onlyIf);
}

Result<bool> Ledger::insertTransfer(QSqlDatabase &db, const Transfer &t, qint64 createdAtMs)
{
    ConnectionFactory::CachedStatement q(
        db,
        QStringLiteral("INSERT INTO transfers (id, from_account, to_account, amount, currency, memo, created_at,"
                       " idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q->addBindValue(t.id);
    q->addBindValue(t.fromAccount);
    q->addBindValue(t.toAccount);
    q->addBindValue(t.amount);
    q->addBindValue(t.currency);
    q->addBindValue(t.memo.isNull() ? QStringLiteral("") : t.memo); // never NULL: the column is NOT NULL
    q->addBindValue(createdAtMs);
    q->addBindValue(t.idempotencyKey);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    return true;
}

Result<bool> Ledger::createAccount(QSqlDatabase &db, const QString &id, qint64 userId, const QString &name,
                                   const QString &currency, qint64 balance)
{
    ConnectionFactory::CachedStatement q(
        db, QStringLiteral("INSERT INTO accounts (id, user_id, name, currency, balance) VALUES (?, ?, ?, ?, ?)"));
    q->addBindValue(id);
    q->addBindValue(userId);
    q->addBindValue(name);
    q->addBindValue(currency);
    q->addBindValue(balance);
    if (!q->exec())
        return StorageFailure::toProblem(q->lastError());
    return true;
}

Result<qint64> Ledger::totalBalance(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM accounts")) || !q.next())
        return StorageFailure::toProblem(q.lastError());
    return q.value(0).toLongLong();
}
