// Storage trouble under a running server: the database turns read-only, fills up, or is locked by
// another process. Every write is answered 503 storage_unavailable (with Retry-After), no transfer
// is half done, reads keep working, and once storage recovers the same key completes once.
//
// The trouble is made on the server's own writer connection, through its writer queue:
// PRAGMA query_only=ON is what SQLite does with a read-only database (SQLITE_READONLY on every
// write), PRAGMA max_page_count=<current size> is a full disk (SQLITE_FULL). The product's code
// path is untouched.
#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"
#include "server/storage/Storage.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/HeldWriter.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/TestServer.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <future>
#include <thread>

class TestStorageTrouble : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    DemoAccounts m_accounts;
    qint64 m_initialTotal = 0;

    GroupCommitWriter &writer() { return m_server.serverThread()->server()->storage().writer(); }

    // Runs `sql` inside a job on the server's writer connection; returns the connection's name.
    QString runOnWriter(const QString &sql)
    {
        std::promise<QString> done;
        QString name;
        writer().submit(
            [sql, &name](QSqlDatabase &db) {
                name = db.connectionName();
                QSqlQuery query(db);
                if (!query.exec(sql))
                    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
                return true;
            },
            [&done, &name](bool committed, const Problem &failure) {
                done.set_value(committed ? name : QStringLiteral("failed: ") + failure.detail);
            });
        return done.get_future().get();
    }

    QJsonObject body(qint64 amount) const
    {
        return transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), amount);
    }
    TestResponse send(const QString &key, qint64 amount) { return postTransfer(*m_alice, key, body(amount)); }
    void expectUnavailable(const TestResponse &response)
    {
        QCOMPARE(response.status, 503);
        QCOMPARE(response.code(), QStringLiteral("storage_unavailable"));
        QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
    }
    void expectUnused(const QString &key)
    {
        QCOMPARE(m_server.database()->scalar(
                     QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key)),
                 0);
        QCOMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
            QStringLiteral("unused"));
    }
    // Once storage is back: the same key completes once, then replays.
    void expectRecovery(const QString &key, qint64 amount)
    {
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const TestResponse created = send(key, amount);
        QCOMPARE(created.status, 201);
        QVERIFY(created.header("idempotent-replayed").isEmpty());
        const TestResponse replayed = send(key, amount);
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.header("idempotent-replayed"), QByteArray("true"));
        const LedgerSnapshot after = LedgerSnapshot::of(m_server);
        QCOMPARE(after.transfers, before.transfers + 1);
        QVERIFY(!m_server.client("bob", "builder")->token().isEmpty()); // logins write again too
        checkInvariants();
    }
    // A gauge or counter of the writer, as GET /metrics reports it.
    qint64 writerMetric(const char *name)
    {
        const QByteArray metrics = m_server.metricsClient()->get("/metrics").body;
        for (const QByteArray &line : metrics.split('\n')) {
            if (line.startsWith(QByteArray(name) + ' '))
                return line.mid(qsizetype(qstrlen(name)) + 1).toLongLong();
        }
        return -1;
    }
    void checkInvariants() { QCOMPARE(m_server.invariants().violations(m_initialTotal), QStringList()); }

private slots:
    void initTestCase()
    {
        m_server.config().metricsAddress = QHostAddress(QHostAddress::LocalHost);
        QCOMPARE(m_server.start(), QString());
        QVERIFY(m_server.serverThread());
        m_alice = m_server.client();
        m_accounts = DemoAccounts(*m_alice);
        m_initialTotal = m_server.invariants().totalBalance;
    }
    void cleanupTestCase() { m_server.stop(); }

    void readOnlyDatabase()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QString writerConnection = runOnWriter(QStringLiteral("PRAGMA query_only = ON"));
        QVERIFY2(!writerConnection.startsWith(QLatin1String("failed")), qPrintable(writerConnection));
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);

        const TestResponse refused = send(key, 700);
        expectUnavailable(refused);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        expectUnavailable(
            m_alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}}));
        TestHttpClient loginClient(m_server.port());
        expectUnavailable(loginClient.postJson("/v1/sessions",
                                               {{QStringLiteral("username"), QStringLiteral("bob")},
                                                {QStringLiteral("password"), QStringLiteral("builder")}}));
        // Reads do not need the writer.
        QCOMPARE(m_alice->get("/v1/accounts").status, 200);
        QCOMPARE(m_alice->get("/v1/transfers").status, 200);
        expectUnused(key);
        QCOMPARE(LedgerSnapshot::of(m_server), before);

        // Storage recovers. No write transaction can begin on a query-only connection, so the
        // switch is flipped back by the failing job's Done, which runs on the writer thread.
        std::promise<void> flipped;
        writer().submit([](QSqlDatabase &db) { return QSqlQuery(db).exec(QStringLiteral("PRAGMA query_only = OFF")); },
                        [&flipped, writerConnection](bool, const Problem &) {
                            QSqlDatabase db = QSqlDatabase::database(writerConnection, false);
                            QSqlQuery(db).exec(QStringLiteral("PRAGMA query_only = OFF"));
                            flipped.set_value();
                        });
        flipped.get_future().get();
        expectRecovery(key, 700);
    }

    void fullDatabase()
    {
        // Keys first, while there is room; then the database may not grow by a single page.
        QStringList keys;
        for (int i = 0; i < 300; ++i)
            keys << TestServer::issueKey(*m_alice);
        QVERIFY(!keys.contains(QString()));
        const QString limited = runOnWriter(QStringLiteral("PRAGMA max_page_count = %1")
                                                .arg(m_server.database()->scalar(QStringLiteral("PRAGMA page_count"))));
        QVERIFY2(!limited.startsWith(QLatin1String("failed")), qPrintable(limited));

        int created = 0;
        QString failedKey;
        TestResponse refused;
        for (const QString &key : std::as_const(keys)) {
            const LedgerSnapshot before = LedgerSnapshot::of(m_server);
            const TestResponse response = send(key, 10);
            if (response.status == 201) {
                ++created;
                continue;
            }
            refused = response;
            failedKey = key;
            // Nothing of the refused transfer is anywhere.
            QCOMPARE(LedgerSnapshot::of(m_server), before);
            break;
        }
        QVERIFY2(!failedKey.isEmpty(), "the database never filled up");
        qInfo("the database was full after %d more transfers", created);
        expectUnavailable(refused);
        QCOMPARE(refused.header("retry-after"), QByteArray("1"));
        expectUnused(failedKey);
        const TestResponse again = send(failedKey, 10); // a retry while still full: still nothing
        expectUnavailable(again);
        expectUnused(failedKey);
        QCOMPARE(m_alice->get("/v1/accounts").status, 200);
        checkInvariants();

        const QString raised = runOnWriter(QStringLiteral("PRAGMA max_page_count = 1073741823"));
        QVERIFY2(!raised.startsWith(QLatin1String("failed")), qPrintable(raised));
        expectRecovery(failedKey, 10);
    }

    void fullDatabaseUnderConcurrentWrites()
    {
        QStringList keys;
        for (int i = 0; i < 300; ++i)
            keys << TestServer::issueKey(*m_alice);
        QVERIFY(!keys.contains(QString()));
        runOnWriter(QStringLiteral("PRAGMA max_page_count = %1")
                        .arg(m_server.database()->scalar(QStringLiteral("PRAGMA page_count"))));
        // Fill it to the last byte, one transfer at a time.
        while (!keys.isEmpty() && send(keys.constFirst(), 10).status == 201)
            keys.removeFirst();
        QVERIFY2(keys.size() > 16, "the database never filled up");

        // Now several transfers in one writer batch: hold the writer, queue them, let go. When
        // one of them finds the disk full, SQLite aborts the whole transaction, and every job of
        // the batch must hear "storage unavailable", not an internal error.
        constexpr int kConcurrent = 12;
        // No earlier batch was this large, so one that large below can only be these transfers'.
        QVERIFY(writerMetric("bank_writer_largest_batch") < kConcurrent);
        HeldWriter held(writer());
        std::vector<TestResponse> responses(kConcurrent);
        std::vector<std::thread> senders;
        const QByteArray token = m_alice->token();
        const QJsonObject transfer = body(10);
        for (int i = 0; i < kConcurrent; ++i) {
            senders.emplace_back([&, i] {
                TestHttpClient client(m_server.port());
                client.setToken(token);
                responses[size_t(i)] = postTransfer(client, keys.at(i), transfer);
            });
        }
        // Until every transfer has passed its reader and waits behind the held job; the writer
        // is let go whatever happens, so a failure here cannot hang the test.
        const bool allQueued
            = QTest::qWaitFor([&] { return writerMetric("bank_writer_queued_jobs") >= kConcurrent; }, 15'000);
        held.release();
        for (std::thread &sender : senders)
            sender.join();
        QVERIFY2(allQueued, "the transfers never all reached the writer's queue");
        // They went into one transaction together: its failure is every one's failure.
        QVERIFY(writerMetric("bank_writer_largest_batch") >= kConcurrent);
        int refused = 0;
        for (int i = 0; i < kConcurrent; ++i) {
            const TestResponse &response = responses[size_t(i)];
            QVERIFY2(response.status == 201
                         || (response.status == 503 && response.code() == QLatin1String("storage_unavailable")),
                     qPrintable(QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(response.body))));
            if (response.status == 503) {
                ++refused;
                expectUnused(keys.at(i));
            }
        }
        QVERIFY(refused > 0);
        checkInvariants();

        runOnWriter(QStringLiteral("PRAGMA max_page_count = 1073741823"));
        for (int i = 0; i < kConcurrent; ++i) {
            if (responses[size_t(i)].status == 503)
                expectRecovery(keys.at(i), 10);
        }
    }

    void databaseLockedByAnotherProcess()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        // Another process holds the write lock longer than the server's busy timeout (5 s).
        const QString failure = m_server.database()->withConnection([&](QSqlDatabase &db) {
            QSqlQuery lock(db);
            QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
            const TestResponse refused = send(key, 900);
            expectUnavailable(refused);                         // a 503 to retry, never a 500 "database is locked"
            QCOMPARE(m_alice->get("/v1/accounts").status, 200); // readers are not blocked (WAL)
            QVERIFY(lock.exec(QStringLiteral("ROLLBACK")));
        });
        QCOMPARE(failure, QString());
        expectUnused(key);
        QCOMPARE(LedgerSnapshot::of(m_server), before);
        expectRecovery(key, 900);
    }
};

QTEST_GUILESS_MAIN(TestStorageTrouble)
#include "tst_storagetrouble.moc"
