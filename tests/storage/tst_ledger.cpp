// Ledger on its own, on a real database with the demo data: who sees which accounts, payees and
// transfers (and never another's login name), a move that debits and credits or changes nothing,
// transfers paged newest first, and the total that moves never change.
#include "server/ledger/Ledger.h"
#include "server/storage/RowId.h"
#include "shared/core/Timestamp.h"
#include "tests/support/DemoDatabase.h"

#include <QSqlQuery>
#include <QTest>

#include <optional>

namespace {

constexpr qint64 kCreatedAt = 1'700'000'000'000;

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private:
    DemoDatabase m_database;
    QString m_aliceChecking;
    QString m_aliceSavings;
    QString m_bobChecking;

    static qint64 balanceOf(QSqlDatabase &db, const QString &account)
    {
        const auto found = Ledger::account(db, account);
        return found && found->has_value() ? found->value().balance : -1;
    }

    // A user with two accounts of their own, for what must not meet the demo users' data.
    static qint64 addUser(QSqlDatabase &db, const QString &username, const QString &first, const QString &second)
    {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral(
            "INSERT INTO users (username, display_name, password_salt, password_hash, password_iterations,"
            " created_at) VALUES (?, ?, 's', 'h', 1, 0)"));
        insert.addBindValue(username);
        insert.addBindValue(username.toUpper());
        QSqlQuery select(db);
        select.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
        select.addBindValue(username);
        if (!insert.exec() || !select.exec() || !select.next())
            return -1;
        const qint64 id = select.value(0).toLongLong();
        for (const QString &account : {first, second}) {
            if (!Ledger::createAccount(db, account, id, account, QStringLiteral("USD"), 1'000))
                return -1;
        }
        return id;
    }

    static Transfer transfer(const QString &from, const QString &to, qint64 amount, const QString &memo = {})
    {
        Transfer t;
        t.id = Ledger::newTransferId();
        t.fromAccount = from;
        t.toAccount = to;
        t.amount = amount;
        t.currency = QStringLiteral("USD");
        t.memo = memo;
        t.idempotencyKey = QStringLiteral("key-") + t.id;
        return t;
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_database.create(), QString());
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const auto alices = Ledger::accountsOf(db, m_database.alice());
            const auto bobs = Ledger::accountsOf(db, m_database.bob());
            QVERIFY(alices.ok() && bobs.ok());
            QCOMPARE(alices->size(), 2);
            QCOMPARE(bobs->size(), 1);
            m_aliceChecking = alices->at(0).id;
            m_aliceSavings = alices->at(1).id;
            m_bobChecking = bobs->at(0).id;
        }),
                 QString());
    }

    void newIdsHaveTheirPrefixesAndDiffer()
    {
        const QString account = Ledger::newAccountId();
        const QString transfer = Ledger::newTransferId();
        QVERIFY(account.startsWith(QLatin1String("acc_")));
        QCOMPARE(account.size(), 4 + 16);
        QVERIFY(transfer.startsWith(QLatin1String("tr_")));
        QCOMPARE(transfer.size(), 3 + 24);
        QVERIFY(account != Ledger::newAccountId());
        QVERIFY(transfer != Ledger::newTransferId());
    }

    // So that new transfers go to the end of the indexes on their id (RowId::timeOrdered).
    void aTransferIdBeginsWithItsTime()
    {
        const qint64 before = Timestamp::nowMs();
        const QString id = Ledger::newTransferId();
        const qint64 after = Timestamp::nowMs();
        const qint64 ms = id.mid(3, RowId::kTimeHexDigits).toLongLong(nullptr, 16);
        QVERIFY2(ms >= before && ms <= after, qPrintable(id));
    }

    void aUserSeesTheirOwnAccountsByName()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const auto alices = Ledger::accountsOf(db, m_database.alice());
            QVERIFY(alices.ok());
            QCOMPARE(alices->size(), 2);
            QCOMPARE(alices->at(0).name, QStringLiteral("Alice Checking"));
            QCOMPARE(alices->at(1).name, QStringLiteral("Alice Savings"));
            for (const Account &account : alices.value()) {
                QCOMPARE(account.owner, QStringLiteral("alice"));
                QCOMPARE(account.currency, QStringLiteral("USD"));
                QCOMPARE(account.balance, balanceOf(db, account.id));
            }
            const auto bobs = Ledger::accountsOf(db, m_database.bob());
            QCOMPARE(bobs->size(), 1);
            QCOMPARE(bobs->at(0).name, QStringLiteral("Bob Checking"));
            QCOMPARE(bobs->at(0).owner, QStringLiteral("bob"));
        }),
                 QString());
    }

    void payeesAreOtherUsersAccountsUnderTheirDisplayName()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const auto alices = Ledger::payeesFor(db, m_database.alice());
            QVERIFY(alices.ok());
            QCOMPARE(alices->size(), 1);
            QCOMPARE(alices->at(0).id, m_bobChecking);
            QCOMPARE(alices->at(0).name, QStringLiteral("Bob Checking"));
            QCOMPARE(alices->at(0).ownerName, QStringLiteral("Bob the Builder"));
            QCOMPARE(alices->at(0).currency, QStringLiteral("USD"));
            const auto bobs = Ledger::payeesFor(db, m_database.bob());
            QVERIFY(bobs.ok());
            QCOMPARE(bobs->size(), 2);
            QCOMPARE(bobs->at(0).id, m_aliceChecking);
            QCOMPARE(bobs->at(1).id, m_aliceSavings);
            for (const Payee &payee : bobs.value())
                QCOMPARE(payee.ownerName, QStringLiteral("Alice Liddell"));
        }),
                 QString());
    }

    void anAccountIsFoundById()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const auto found = Ledger::account(db, m_aliceSavings);
            QVERIFY(found.ok());
            QVERIFY(found->has_value());
            const AccountRecord &record = found->value();
            QCOMPARE(record.id, m_aliceSavings);
            QCOMPARE(record.userId, m_database.alice());
            QCOMPARE(record.owner, QStringLiteral("alice"));
            QCOMPARE(record.name, QStringLiteral("Alice Savings"));
            QCOMPARE(record.currency, QStringLiteral("USD"));
            QVERIFY(record.balance > 0);
            const auto missing = Ledger::account(db, QStringLiteral("acc_0000000000000000"));
            QVERIFY(missing.ok());
            QVERIFY(!missing->has_value());
        }),
                 QString());
    }

    void aTransfersTwoSidesAreFoundInOneRead()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const QString missing = QStringLiteral("acc_0000000000000000");
            const auto both = Ledger::accounts(db, m_bobChecking, m_aliceSavings);
            QVERIFY(both.ok());
            QVERIFY(both->first && both->second);
            QCOMPARE(both->first->id, m_bobChecking);
            QCOMPARE(both->first->userId, m_database.bob());
            QCOMPARE(both->second->id, m_aliceSavings);
            QCOMPARE(both->second->userId, m_database.alice());
            // Each side is matched by its id, whichever order the rows come in, and a missing one
            // stays empty without taking the other's place.
            const auto noSecond = Ledger::accounts(db, m_aliceSavings, missing);
            QVERIFY(noSecond.ok());
            QCOMPARE(noSecond->first ? noSecond->first->id : QString(), m_aliceSavings);
            QVERIFY(!noSecond->second);
            const auto noFirst = Ledger::accounts(db, missing, m_aliceSavings);
            QVERIFY(noFirst.ok());
            QVERIFY(!noFirst->first);
            QCOMPARE(noFirst->second ? noFirst->second->id : QString(), m_aliceSavings);
        }),
                 QString());
    }

    void aMoveDebitsCreditsRecordsAndKeepsTheTotal()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 total = Ledger::totalBalance(db).value();
            const qint64 from = balanceOf(db, m_aliceChecking);
            const qint64 to = balanceOf(db, m_bobChecking);
            const Transfer sent = transfer(m_aliceChecking, m_bobChecking, 1'234, QStringLiteral("rent"));
            const auto moved = Ledger::moveAndRecord(db, m_database.dialect(), sent, kCreatedAt);
            QVERIFY(moved.ok());
            QCOMPARE(moved.value(), Ledger::MoveOutcome::Moved);
            QCOMPARE(balanceOf(db, m_aliceChecking), from - 1'234);
            QCOMPARE(balanceOf(db, m_bobChecking), to + 1'234);
            QCOMPARE(Ledger::totalBalance(db).value(), total);
            const auto recorded = Ledger::transferVisibleTo(db, m_database.alice(), sent.id);
            QVERIFY(recorded.ok() && recorded->has_value());
            QCOMPARE((*recorded)->fromAccount, m_aliceChecking);
            QCOMPARE((*recorded)->toAccount, m_bobChecking);
            QCOMPARE((*recorded)->amount, 1'234);
            QCOMPARE((*recorded)->currency, QStringLiteral("USD"));
            QCOMPARE((*recorded)->memo, QStringLiteral("rent"));
            QCOMPARE((*recorded)->idempotencyKey, sent.idempotencyKey);
            QCOMPARE((*recorded)->createdAt, Timestamp::toIso(kCreatedAt));
        }),
                 QString());
    }

    void aMoveWithoutTheFundsChangesAndRecordsNothing()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 from = balanceOf(db, m_bobChecking);
            const qint64 to = balanceOf(db, m_aliceSavings);
            QVERIFY(from > 0);
            const auto move = [&](const QString &source, const QString &target, qint64 amount) {
                const Transfer t = transfer(source, target, amount);
                const auto moved = Ledger::moveAndRecord(db, m_database.dialect(), t, kCreatedAt);
                const auto recorded = Ledger::transferVisibleTo(db, m_database.alice(), t.id);
                if (!moved || !recorded)
                    return std::optional<Ledger::MoveOutcome>();
                // Recorded exactly when moved.
                if (recorded->has_value() != (moved.value() == Ledger::MoveOutcome::Moved))
                    return std::optional<Ledger::MoveOutcome>();
                return std::optional(moved.value());
            };
            QCOMPARE(move(m_bobChecking, m_aliceSavings, from + 1), Ledger::MoveOutcome::InsufficientFunds);
            QCOMPARE(balanceOf(db, m_bobChecking), from);
            QCOMPARE(balanceOf(db, m_aliceSavings), to);
            // Exactly the balance is enough; then nothing is.
            QCOMPARE(move(m_bobChecking, m_aliceSavings, from), Ledger::MoveOutcome::Moved);
            QCOMPARE(balanceOf(db, m_bobChecking), 0);
            QCOMPARE(move(m_bobChecking, m_aliceSavings, 1), Ledger::MoveOutcome::InsufficientFunds);
            QCOMPARE(move(m_aliceSavings, m_bobChecking, from), Ledger::MoveOutcome::Moved);
            QCOMPARE(balanceOf(db, m_bobChecking), from);
            QCOMPARE(balanceOf(db, m_aliceSavings), to);
        }),
                 QString());
    }

    void aMoveToAnAccountThatIsNotThereFails()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 from = balanceOf(db, m_aliceChecking);
            // Inside a writer job the failure rolls back the job's savepoint, debit included.
            QVERIFY(db.transaction());
            const auto moved = Ledger::moveAndRecord(
                db, m_database.dialect(), transfer(m_aliceChecking, QStringLiteral("acc_0000000000000000"), 10),
                kCreatedAt);
            QVERIFY(!moved.ok());
            QCOMPARE(moved.problem().code, ProblemCode::InternalError);
            QVERIFY(db.rollback());
            QCOMPARE(balanceOf(db, m_aliceChecking), from);
        }),
                 QString());
    }

    void aTransferIsVisibleToBothSidesOnly()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 carol
                = addUser(db, QStringLiteral("carol"), QStringLiteral("acc_carol_1"), QStringLiteral("acc_carol_2"));
            QVERIFY(carol > 0);
            const Transfer sent = transfer(m_aliceChecking, m_bobChecking, 700, QStringLiteral("rent \u20ac"));
            QVERIFY(Ledger::insertTransfer(db, sent, kCreatedAt).ok());
            for (const qint64 user : {m_database.alice(), m_database.bob()}) {
                const auto seen = Ledger::transferVisibleTo(db, user, sent.id);
                QVERIFY(seen.ok());
                QVERIFY(seen->has_value());
                const Transfer &t = seen->value();
                QCOMPARE(t.id, sent.id);
                QCOMPARE(t.fromAccount, sent.fromAccount);
                QCOMPARE(t.toAccount, sent.toAccount);
                QCOMPARE(t.amount, 700);
                QCOMPARE(t.currency, QStringLiteral("USD"));
                QCOMPARE(t.memo, sent.memo);
                QCOMPARE(t.status, QStringLiteral("completed"));
                QCOMPARE(t.createdAt, Timestamp::toIso(kCreatedAt));
                QCOMPARE(t.idempotencyKey, sent.idempotencyKey);
            }
            const auto asCarol = Ledger::transferVisibleTo(db, carol, sent.id);
            QVERIFY(asCarol.ok());
            QVERIFY(!asCarol->has_value());
            QCOMPARE(Ledger::transfersVisibleTo(db, carol, 20, QString())->transfers.size(), 0);
            // A transfer without a memo is stored with an empty one (the column is NOT NULL).
            const Transfer plain = transfer(m_aliceChecking, m_aliceSavings, 1);
            QVERIFY(Ledger::insertTransfer(db, plain, kCreatedAt).ok());
            QVERIFY(Ledger::transferVisibleTo(db, m_database.alice(), plain.id)->value().memo.isEmpty());
        }),
                 QString());
    }

    void transfersArePagedNewestFirst()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 dave
                = addUser(db, QStringLiteral("dave"), QStringLiteral("acc_dave_1"), QStringLiteral("acc_dave_2"));
            QVERIFY(dave > 0);
            QStringList ids;
            for (int i = 0; i < 5; ++i) {
                const Transfer t = i % 2 ? transfer(QStringLiteral("acc_dave_2"), QStringLiteral("acc_dave_1"), 10 + i)
                                         : transfer(QStringLiteral("acc_dave_1"), QStringLiteral("acc_dave_2"), 10 + i);
                QVERIFY(Ledger::insertTransfer(db, t, kCreatedAt + i).ok());
                ids.prepend(t.id);
            }
            QStringList seen;
            QString after;
            QList<bool> hasMore;
            do {
                const auto page = Ledger::transfersVisibleTo(db, dave, 2, after);
                QVERIFY(page.ok());
                for (const Transfer &t : page->transfers)
                    seen.append(t.id);
                hasMore.append(page->hasMore);
                after = seen.isEmpty() ? QString() : seen.constLast();
            } while (hasMore.constLast());
            QCOMPARE(seen, ids);
            QCOMPARE(hasMore, (QList<bool>{true, true, false}));

            // A transfer the user cannot see is no place to start from.
            const Transfer alices = transfer(m_aliceChecking, m_aliceSavings, 5);
            QVERIFY(Ledger::insertTransfer(db, alices, kCreatedAt).ok());
            const auto elsewhere = Ledger::transfersVisibleTo(db, dave, 2, alices.id);
            QVERIFY(!elsewhere.ok());
            QCOMPARE(elsewhere.problem().code, ProblemCode::ValidationFailed);
        }),
                 QString());
    }

    void accountsAddToTheTotal()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const qint64 total = Ledger::totalBalance(db).value();
            const qint64 erin
                = addUser(db, QStringLiteral("erin"), QStringLiteral("acc_erin_2"), QStringLiteral("acc_erin_1"));
            QVERIFY(erin > 0);
            QCOMPARE(Ledger::totalBalance(db).value(), total + 2 * 1'000);
            const auto accounts = Ledger::accountsOf(db, erin);
            QCOMPARE(accounts->size(), 2);
            QCOMPARE(accounts->at(0).id, QStringLiteral("acc_erin_1"));
            QCOMPARE(accounts->at(0).owner, QStringLiteral("erin"));
            QCOMPARE(accounts->at(0).balance, 1'000);
            // An id is one account.
            QVERIFY(!Ledger::createAccount(db, QStringLiteral("acc_erin_1"), m_database.alice(), QStringLiteral("Copy"),
                                           QStringLiteral("USD"), 1)
                         .ok());
            QCOMPARE(Ledger::totalBalance(db).value(), total + 2 * 1'000);
        }),
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
