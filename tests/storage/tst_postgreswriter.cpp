// The single writer on PostgreSQL, where each statement is a round trip: a batch's own statements
// travel together, its later jobs need none of their own, and still a failed job rolls back only
// its own work, and the later jobs' bound on lock waits holds after it; a fresh transfer's job is
// one statement.
#include "server/idempotency/IdempotencyStore.h"
#include "server/runtime/DemoSeed.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/GroupCommitWriter.h"
#include "server/storage/Storage.h"
#include "server/transfers/TransferCommit.h"
#include "shared/core/Timestamp.h"
#include "shared/json/CanonicalJson.h"
#include "tests/support/HeldWriter.h"
#include "tests/support/PostgresRelay.h"
#include "tests/support/TestDatabase.h"

#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <future>
#include <utility>
#include <vector>

class TestPostgresWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(m_database.setupError(), QString());
        QCOMPARE(m_database.dialect(), SqlDialect::Postgres);
        QCOMPARE(m_database.exec(QStringLiteral("CREATE TABLE probe (n INTEGER PRIMARY KEY)")), QString());
    }

    // A batch's later jobs run without savepoints, so beyond their statements they cost no round
    // trip each: the batch costs its first job's savepoint (before the jobs below), its release with
    // the later jobs' bound on lock waits, and COMMIT. They used to cost one each (a savepoint,
    // released with the next one's), and before that two. When a later job fails, the batch runs
    // again with a savepoint per job: still only that job's work is rolled back, and the bound holds.
    void aBatchsLaterJobsCostNoRoundTripBeyondTheirStatements_data()
    {
        QTest::addColumn<bool>("oneFails");
        QTest::newRow("all keep their changes") << false;
        QTest::newRow("one fails") << true;
    }
    void aBatchsLaterJobsCostNoRoundTripBeyondTheirStatements()
    {
        QFETCH(bool, oneFails);
        QCOMPARE(m_database.exec(QStringLiteral("DELETE FROM probe")), QString());
        PostgresRelay relay(m_database.config().endpoints.constFirst());
        QCOMPARE(relay.error(), QString());
        ConnectionFactory connections(relay.through(m_database.config()));
        GroupCommitWriter writer(connections);
        HeldWriter held(writer); // the batch's first job: the jobs below queue behind it and join it
        const int queriesBefore = relay.queries();

        // Each job reads the bound on its lock waits and inserts its number; if one fails, the
        // first also inserts the last's number twice.
        constexpr int kJobs = 10;
        std::vector<std::promise<QString>> bounds(kJobs);
        std::vector<std::promise<bool>> settled(kJobs);
        for (int i = 0; i < kJobs; ++i) {
            writer.submit(
                [i, oneFails, &bounds, first = true](QSqlDatabase &db) mutable -> GroupCommitWriter::JobResult {
                    QSqlQuery query(db);
                    if (!query.exec(QStringLiteral("SHOW lock_timeout")) || !query.next())
                        return false;
                    if (std::exchange(first, false)) // a job may run twice
                        bounds[size_t(i)].set_value(query.value(0).toString());
                    if (!query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(i)))
                        return false;
                    return i != 0 || !oneFails
                        || (query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(kJobs - 1))
                            && query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(kJobs - 1)));
                },
                [i, &settled](bool committed, const Problem &) { settled[size_t(i)].set_value(committed); });
        }
        held.release();
        for (int i = 0; i < kJobs; ++i) {
            QVERIFY(settled[size_t(i)].get_future().get()); // its batch committed, whatever it kept
            // Set between the first job and the second: a job rolled back keeps it.
            QCOMPARE(bounds[size_t(i)].get_future().get(), QStringLiteral("1ms"));
        }
        QTRY_COMPARE(writer.batchCount(), quint64(1)); // counted just after its answers
        QCOMPARE(writer.rerunBatchCount(), quint64(oneFails ? 1 : 0));

        // The second job's opening; each job SHOW and INSERT; COMMIT.
        if (!oneFails)
            QCOMPARE(relay.queries() - queriesBefore, 1 + kJobs * 2 + 1);
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM probe")), qint64(oneFails ? kJobs - 1 : kJobs));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM probe WHERE n = 0")), qint64(oneFails ? 0 : 1));
        writer.stop();
        connections.closeAll();
    }

    // The job of a transfer whose key a reader saw unused is one statement: the key's check, the
    // money's move, the transfer's record and the key's completion. It used to be three.
    void aFreshTransfersJobIsOneStatement()
    {
        PostgresRelay relay(m_database.config().endpoints.constFirst());
        QCOMPARE(relay.error(), QString());
        Storage storage(relay.through(m_database.config()), 1);
        QCOMPARE(storage.open(), QString());
        QVERIFY(written<bool>(storage, [](QSqlDatabase &db) { return DemoSeed::seedIfEmpty(db); }).ok());
        qint64 alice = 0;
        QStringList accounts;
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT a.user_id, a.id FROM accounts a JOIN users u ON u.id = a.user_id"
                                              " WHERE u.username = 'alice' ORDER BY a.id")));
            while (query.next()) {
                alice = query.value(0).toLongLong();
                accounts << query.value(1).toString();
            }
        }),
                 QString());
        QCOMPARE(accounts.size(), 2);

        const KeyedCommit keys(SqlDialect::Postgres, {});
        const TransferCommit commit(keys);
        const auto transfer = [&] {
            const auto key = written<StoredKey>(storage, [alice](QSqlDatabase &db) {
                return IdempotencyStore::insert(db, IdempotencyStore::newKey(), alice, ApiOperations::kTransfer,
                                                Timestamp::nowMs(), 60'000);
            });
            if (!key)
                return Result<TransferOutcome>(key.problem());
            TransferOrder order{alice, key->key, {}, {}, {accounts[0], accounts[1], 1, QStringLiteral("USD"), {}}};
            order.fingerprint = CanonicalJson::fingerprint("POST", "/v1/transfers", order.transfer.toJson());
            return written<TransferOutcome>(
                storage, [&](QSqlDatabase &db) { return commit.execute(db, order, 0, key.value()); });
        };
        // The first prepares its statement.
        const auto first = transfer();
        QVERIFY(first.ok());
        QCOMPARE(first->kind, TransferOutcome::Kind::Moved);

        const int queriesBefore = relay.queries();
        const auto second = transfer();
        QVERIFY(second.ok());
        QCOMPARE(second->kind, TransferOutcome::Kind::Moved);
        // Two batches: the key's, then the transfer's, each its opening, the writers' turn, a
        // savepoint, its one statement and COMMIT.
        QCOMPARE(relay.queries() - queriesBefore, 2 * 5);
    }

private:
    template <typename T>
    static Result<T> written(Storage &storage, std::function<Result<T>(QSqlDatabase &db)> job)
    {
        std::promise<Result<T>> done;
        storage.write<T>(std::move(job), [&done](Result<T> result) { done.set_value(std::move(result)); });
        return done.get_future().get();
    }

    TestDatabase m_database;
};

QTEST_GUILESS_MAIN(TestPostgresWriter)
#include "tst_postgreswriter.moc"
