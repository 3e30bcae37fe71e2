// The single writer on PostgreSQL, where each statement is a round trip: a batch's own statements
// travel together, and still a failed job rolls back only its own work, and the later jobs' bound
// on lock waits holds after it.
#include "server/storage/ConnectionFactory.h"
#include "server/storage/GroupCommitWriter.h"
#include "tests/support/HeldWriter.h"
#include "tests/support/PostgresRelay.h"
#include "tests/support/TestDatabase.h"

#include <QSqlQuery>
#include <QTest>

#include <future>
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

    // Beyond its jobs' statements a batch costs one round trip per job (its savepoint, released
    // with the next one's) and COMMIT, plus one for each job rolled back; it began before its first
    // job ran. It used to cost a SAVEPOINT and a RELEASE per job and two more for the bounds.
    void aBatchCostsOneRoundTripPerJobBeyondItsStatements()
    {
        PostgresRelay relay(m_database.config().endpoints.constFirst());
        QCOMPARE(relay.error(), QString());
        ConnectionFactory connections(relay.through(m_database.config()));
        GroupCommitWriter writer(connections);
        HeldWriter held(writer); // the batch's first job: the jobs below queue behind it and join it
        const int queriesBefore = relay.queries();

        // Each job reads the bound on its lock waits and inserts its number; the first also inserts
        // the last's number twice, and fails.
        constexpr int kJobs = 10;
        std::vector<std::promise<QString>> bounds(kJobs);
        std::vector<std::promise<bool>> settled(kJobs);
        for (int i = 0; i < kJobs; ++i) {
            writer.submit(
                [i, &bounds](QSqlDatabase &db) -> GroupCommitWriter::JobResult {
                    QSqlQuery query(db);
                    if (!query.exec(QStringLiteral("SHOW lock_timeout")) || !query.next())
                        return false;
                    bounds[size_t(i)].set_value(query.value(0).toString());
                    if (!query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(i)))
                        return false;
                    return i != 0
                        || (query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(kJobs - 1))
                            && query.exec(QStringLiteral("INSERT INTO probe VALUES (%1)").arg(kJobs - 1)));
                },
                [i, &settled](bool committed, const Problem &) { settled[size_t(i)].set_value(committed); });
        }
        held.release();
        for (int i = 0; i < kJobs; ++i) {
            QVERIFY(settled[size_t(i)].get_future().get());
            // Set between the first job and the second's savepoint: a job rolled back keeps it.
            QCOMPARE(bounds[size_t(i)].get_future().get(), QStringLiteral("1ms"));
        }
        QTRY_COMPARE(writer.batchCount(), quint64(1)); // counted just after its answers

        // Each job: its opening, SHOW, INSERT; the first two more INSERTs and its ROLLBACK TO; then COMMIT.
        QCOMPARE(relay.queries() - queriesBefore, kJobs * 3 + 2 + 1 + 1);
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM probe")), qint64(kJobs - 1));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM probe WHERE n = 0")), qint64(0));
        writer.stop();
        connections.closeAll();
    }

private:
    TestDatabase m_database;
};

QTEST_GUILESS_MAIN(TestPostgresWriter)
#include "tst_postgreswriter.moc"
