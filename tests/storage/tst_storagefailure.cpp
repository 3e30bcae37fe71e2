// StorageFailure: which database errors are trouble with the storage itself (503: the client may
// retry later), which are the request's own (500), and which lost a race for rows, so that the
// writer runs the job again (Problem::lostRace). First errors the database really raises, on SQLite
// and, as tst_storagefailure_postgres, on PostgreSQL; then the table of codes as the drivers report them.
#include "tests/support/TestDatabase.h"

#include "server/storage/ConnectionFactory.h"
#include "server/storage/Storage.h"
#include "server/storage/StorageFailure.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <memory>

namespace {

// A connection of its own to the test database, beside any other one on this thread.
struct Connection
{
    explicit Connection(const DatabaseConfig &config) : factory(std::make_unique<ConnectionFactory>(config)) {}

    QSqlError run(const QString &sql)
    {
        QSqlQuery query(db);
        return query.exec(sql) ? QSqlError() : query.lastError();
    }

    std::unique_ptr<ConnectionFactory> factory;
    QSqlDatabase db = factory->connectionForCurrentThread();
};

} // namespace

class TestStorageFailure : public QObject
{
    Q_OBJECT
private:
    TestDatabase m_database;

    bool onPostgres() const { return m_database.dialect() == SqlDialect::Postgres; }

    static void expect(const QSqlError &error, int status, bool lostRace)
    {
        QVERIFY2(error.isValid(), "the database raised no error");
        const Problem problem = StorageFailure::toProblem(error);
        QCOMPARE(problem.status(), status);
        QCOMPARE(problem.code, status == 503 ? ProblemCode::StorageUnavailable : ProblemCode::InternalError);
        QCOMPARE(problem.lostRace, lostRace);
        QCOMPARE(StorageFailure::isRetryable(error), lostRace);
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_database.setupError(), QString());
        Connection setup(m_database.config());
        QVERIFY(setup.db.isOpen());
        QVERIFY(!setup.run(QStringLiteral("CREATE TABLE race (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")).isValid());
        QVERIFY(!setup.run(QStringLiteral("INSERT INTO race (id, v) VALUES (1, 0)")).isValid());
    }

    void aStatementTheDatabaseRefusesIsAnInternalError()
    {
        Connection connection(m_database.config());
        expect(connection.run(QStringLiteral("SELEC 1")), 500, false);
        expect(connection.run(QStringLiteral("INSERT INTO race (id, v) VALUES (1, 0)")), 500, false);
        expect(connection.run(QStringLiteral("INSERT INTO race (id, v) VALUES (2, NULL)")), 500, false);
    }

    void aDatabaseThatCannotBeReachedIsUnavailable()
    {
        QTemporaryDir dir;
        QFile notAFolder(dir.filePath(QStringLiteral("file")));
        QVERIFY(notAFolder.open(QIODevice::WriteOnly));
        // Nobody listens on port 1; no SQLite file can live below a plain file.
        const auto unreachable = onPostgres()
            ? DatabaseConfig::fromUrl(QStringLiteral("postgresql://bank@127.0.0.1:1/bank"))
            : Result<DatabaseConfig>(DatabaseConfig::sqlite(notAFolder.fileName() + QStringLiteral("/bank.db")));
        QVERIFY(unreachable.ok());
        Connection connection(unreachable.value());
        QVERIFY(!connection.db.isOpen());
        QVERIFY(StorageFailure::isStorageUnavailable(connection.db.lastError()));
        expect(connection.db.lastError(), 503, false);
    }

    void aConnectionThatWasCutIsUnavailable()
    {
        if (!onPostgres())
            QSKIP("a SQLite connection is a file, not a session another one can end");
        Connection victim(m_database.config());
        Connection admin(m_database.config());
        QSqlQuery pid(victim.db);
        QVERIFY(pid.exec(QStringLiteral("SELECT pg_backend_pid()")) && pid.next());
        QSqlQuery end(admin.db);
        QVERIFY(end.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid.value(0).toLongLong())));
        expect(victim.run(QStringLiteral("SELECT v FROM race")), 503, false);
    }

    void aLockAnotherConnectionHoldsIsUnavailable()
    {
        Connection holder(m_database.config());
        Connection waiter(m_database.config());
        if (onPostgres()) {
            QVERIFY(!holder.run(QStringLiteral("BEGIN")).isValid());
            QVERIFY(!holder.run(QStringLiteral("SELECT v FROM race WHERE id = 1 FOR UPDATE")).isValid());
            QVERIFY(!waiter.run(QStringLiteral("BEGIN")).isValid());
            QVERIFY(!waiter.run(QStringLiteral("SET LOCAL lock_timeout = '10ms'")).isValid());
            // The writer's bounded lock wait (55P03): the job lost the race and may run again.
            expect(waiter.run(QStringLiteral("SELECT v FROM race WHERE id = 1 FOR UPDATE")), 503, true);
        } else {
            QVERIFY(!holder.run(QStringLiteral("BEGIN IMMEDIATE")).isValid());
            QVERIFY(!waiter.run(QStringLiteral("PRAGMA busy_timeout = 0")).isValid());
            // SQLITE_BUSY: another process holds the database's one write lock for longer than
            // the busy timeout; trouble with the storage, not a race for rows.
            expect(waiter.run(QStringLiteral("BEGIN IMMEDIATE")), 503, false);
        }
        waiter.run(QStringLiteral("ROLLBACK"));
        holder.run(QStringLiteral("ROLLBACK"));
    }

    void aSerializationConflictIsALostRace()
    {
        if (!onPostgres())
            QSKIP("SQLite runs one writer at a time: its transactions never conflict");
        Connection first(m_database.config());
        Connection second(m_database.config());
        QVERIFY(!first.run(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")).isValid());
        QVERIFY(!first.run(QStringLiteral("SELECT v FROM race WHERE id = 1")).isValid());
        QVERIFY(!second.run(QStringLiteral("UPDATE race SET v = v + 1 WHERE id = 1")).isValid());
        expect(first.run(QStringLiteral("UPDATE race SET v = v + 1 WHERE id = 1")), 503, true);
        first.run(QStringLiteral("ROLLBACK"));
    }

    void aReadOnlyDatabaseIsUnavailable()
    {
        Connection connection(m_database.config());
        QVERIFY(
            !connection.run(onPostgres() ? QStringLiteral("BEGIN READ ONLY") : QStringLiteral("PRAGMA query_only = ON"))
                 .isValid());
        expect(connection.run(QStringLiteral("UPDATE race SET v = v + 1 WHERE id = 1")), 503, false);
        connection.run(onPostgres() ? QStringLiteral("ROLLBACK") : QStringLiteral("PRAGMA query_only = OFF"));
    }

    // What the writer makes of it: a job that stops at a lost race runs again (up to
    // GroupCommitWriter::kMaxAttempts in all), any other failed job is answered at once.
    void aWriterJobThatLostARaceRunsAgain()
    {
        Storage storage(m_database.config());
        QCOMPARE(storage.open(), QString());
        const auto runUntil = [&storage](int succeedOnAttempt, const QSqlError &failure) {
            int attempts = 0;
            std::promise<Result<int>> done;
            storage.write<int>(
                [&attempts, succeedOnAttempt, failure](QSqlDatabase &) -> Result<int> {
                    if (++attempts < succeedOnAttempt)
                        return StorageFailure::toProblem(failure);
                    return attempts;
                },
                [&done](Result<int> result) { done.set_value(std::move(result)); });
            return done.get_future().get();
        };
        const QSqlError deadlock(QString(), QStringLiteral("deadlock detected"), QSqlError::StatementError,
                                 QStringLiteral("40P01"));
        const QSqlError syntax(QString(), QStringLiteral("syntax error"), QSqlError::StatementError,
                               QStringLiteral("42601"));

        const quint64 retriesBefore = storage.writer().retryCount();
        const auto won = runUntil(3, deadlock);
        QVERIFY(won.ok());
        QCOMPARE(won.value(), 3);
        QCOMPARE(storage.writer().retryCount(), retriesBefore + 2);

        const auto lost = runUntil(GroupCommitWriter::kMaxAttempts + 1, deadlock);
        QVERIFY(!lost.ok());
        QCOMPARE(lost.problem().code, ProblemCode::StorageUnavailable);
        QCOMPARE(storage.writer().retryCount(), retriesBefore + 2 + GroupCommitWriter::kMaxAttempts - 1);

        const auto failed = runUntil(2, syntax);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.problem().code, ProblemCode::InternalError);
        QCOMPARE(storage.writer().retryCount(), retriesBefore + 2 + GroupCommitWriter::kMaxAttempts - 1);
    }

    void theDriversCodesAreClassified_data()
    {
        QTest::addColumn<QSqlError>("error");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("lostRace");
        const auto statement = [](const char *code) {
            return QSqlError(QString(), QStringLiteral("refused"), QSqlError::StatementError,
                             QString::fromLatin1(code));
        };
        // PostgreSQL: five-character SQLSTATEs.
        QTest::newRow("serialization failure") << statement("40001") << 503 << true;
        QTest::newRow("deadlock") << statement("40P01") << 503 << true;
        QTest::newRow("lock wait timeout") << statement("55P03") << 503 << true;
        QTest::newRow("connection failure") << statement("08006") << 503 << false;
        QTest::newRow("too many connections") << statement("53300") << 503 << false;
        QTest::newRow("disk full") << statement("53100") << 503 << false;
        QTest::newRow("shutting down") << statement("57P01") << 503 << false;
        QTest::newRow("read-only transaction") << statement("25006") << 503 << false;
        QTest::newRow("unique violation") << statement("23505") << 500 << false;
        QTest::newRow("syntax error") << statement("42601") << 500 << false;
        // SQLite: extended result codes, classified by their primary code (the low byte).
        QTest::newRow("busy") << statement("5") << 503 << false;
        QTest::newRow("busy snapshot") << statement("517") << 503 << false;
        QTest::newRow("locked") << statement("6") << 503 << false;
        QTest::newRow("out of memory") << statement("7") << 503 << false;
        QTest::newRow("read-only") << statement("8") << 503 << false;
        QTest::newRow("I/O error") << statement("10") << 503 << false;
        QTest::newRow("I/O error on write") << statement("778") << 503 << false;
        QTest::newRow("corrupt") << statement("11") << 503 << false;
        QTest::newRow("full") << statement("13") << 503 << false;
        QTest::newRow("cannot open") << statement("14") << 503 << false;
        QTest::newRow("constraint") << statement("19") << 500 << false;
        QTest::newRow("primary key constraint") << statement("1555") << 500 << false;
        QTest::newRow("generic error") << statement("1") << 500 << false;
        // No code: a driver without a connection, libpq without a server, or Qt's own complaint.
        QTest::newRow("no connection") << QSqlError(QStringLiteral("cannot open"), QString(),
                                                    QSqlError::ConnectionError)
                                       << 503 << false;
        QTest::newRow("libpq without a server")
            << QSqlError(QString(), QStringLiteral("no connection to the server"), QSqlError::StatementError) << 503
            << false;
        QTest::newRow("bind mismatch") << QSqlError(QStringLiteral("Parameter count mismatch"), QString(),
                                                    QSqlError::StatementError)
                                       << 500 << false;
    }

    void theDriversCodesAreClassified()
    {
        QFETCH(QSqlError, error);
        QFETCH(int, status);
        QFETCH(bool, lostRace);
        expect(error, status, lostRace);
    }
};

QTEST_GUILESS_MAIN(TestStorageFailure)
#include "tst_storagefailure.moc"
