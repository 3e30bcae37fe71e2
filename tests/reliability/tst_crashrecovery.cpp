// For each fault point the bank-server process really dies (SIGKILL, from inside), is restarted
// on the same database, and the client retries with the same key: nothing lost, nothing twice.
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/ScheduleRequests.h"
#include "tests/support/TestServer.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>

class TestCrashRecovery : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 kAmount = 1234;

    // Starts the process with BANK_FAULT_POINT armed (empty: disarmed). The variable is set only
    // while the child is spawned: it inherits it, this test process never reads it.
    static QString startArmed(TestServer &server, const QByteArray &faultPoint)
    {
        if (!faultPoint.isEmpty())
            qputenv("BANK_FAULT_POINT", faultPoint);
        const QString failure = server.start();
        qunsetenv("BANK_FAULT_POINT");
        return failure;
    }

    // The process must be gone by a signal, at the named fault point; then it is reaped.
    static void expectDeathAt(TestServer &server, const QByteArray &faultPoint)
    {
        QProcess *process = server.process();
        QVERIFY(process);
        QVERIFY(process->waitForFinished(15'000));
        QCOMPARE(process->exitStatus(), QProcess::CrashExit);
        const QByteArray stderrText = process->readAllStandardError();
        QVERIFY2(stderrText.contains("fault point " + faultPoint + " reached"), stderrText.constData());
        server.kill();
    }

    static QString keyStatus(const TestServer &server, const QString &key)
    {
        QString status;
        server.database()->withConnection([&](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT completed_at IS NOT NULL FROM idempotency_keys WHERE key = ?"));
            q.addBindValue(key);
            if (q.exec() && q.next())
                status = q.value(0).toBool() ? QStringLiteral("completed") : QStringLiteral("unused");
        });
        return status.isEmpty() ? QStringLiteral("absent") : status;
    }

    static void checkInvariants(const TestServer &server, qint64 expectedTransfers)
    {
        const LedgerInvariants inv = server.invariants();
        QCOMPARE(inv.violations(625000), QStringList());
        QCOMPARE(inv.transfers, expectedTransfers);
    }

private slots:
    void diesBeforeCommitThenTheRetryCreatesItOnce()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(startArmed(server, "before_commit"), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        QVERIFY(!key.isEmpty());
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), kAmount);

        QCOMPARE(postTransfer(*alice, key, body).status, 0); // the server died: no answer
        expectDeathAt(server, "before_commit");
        checkInvariants(server, 0);
        QCOMPARE(keyStatus(server, key), QStringLiteral("unused"));

        QCOMPARE(startArmed(server, {}), QString());
        TestHttpClient retrying(server.port());
        retrying.setToken(alice->token()); // the session survived the crash
        const auto before = TestServer::balances(retrying);
        const TestResponse created = postTransfer(retrying, key, body);
        QCOMPARE(created.status, 201);
        QVERIFY(created.header("idempotent-replayed").isEmpty());
        const auto after = TestServer::balances(retrying);
        QCOMPARE(after.value(QStringLiteral("Alice Checking")),
                 before.value(QStringLiteral("Alice Checking")) - kAmount);

        const TestResponse replayed = postTransfer(retrying, key, body);
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replayed.body, created.body);
        QCOMPARE(TestServer::balances(retrying), after);
        checkInvariants(server, 1);
        server.stop();
    }

    void diesAfterCommitThenTheRetryReplaysIt()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(startArmed(server, "after_commit"), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const auto before = TestServer::balances(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), kAmount);

        QCOMPARE(postTransfer(*alice, key, body).status, 0);
        expectDeathAt(server, "after_commit");
        // Committed before the crash: the transfer is there, its key completed, once.
        checkInvariants(server, 1);
        QCOMPARE(keyStatus(server, key), QStringLiteral("completed"));
        const qint64 stored = server.database()->scalar(
            QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key));
        QCOMPARE(stored, 1);

        QCOMPARE(startArmed(server, {}), QString());
        TestHttpClient retrying(server.port());
        retrying.setToken(alice->token());
        const TestResponse replayed = postTransfer(retrying, key, body);
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.header("idempotent-replayed"), QByteArray("true"));
        const QString transferId = replayed.json().value(QLatin1String("id")).toString();
        QCOMPARE(server.database()->scalar(
                     QStringLiteral("SELECT COUNT(*) FROM transfers WHERE id = '%1' AND idempotency_key = '%2'")
                         .arg(transferId, key)),
                 1);
        QCOMPARE(TestServer::balances(retrying).value(QStringLiteral("Alice Checking")),
                 before.value(QStringLiteral("Alice Checking")) - kAmount);
        checkInvariants(server, 1);
        server.stop();
    }

    void diesDuringKeyIssueThenANewKeyWorks()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(startArmed(server, "during_key_issue"), QString());
        auto alice = server.client();
        QVERIFY(!alice->token().isEmpty());
        const TestResponse lost
            = alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        QCOMPARE(lost.status, 0);
        expectDeathAt(server, "during_key_issue");
        // The key was committed but never handed out: an unused key nobody holds, which expires.
        QCOMPARE(server.database()->scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys")), 1);
        QCOMPARE(server.database()->scalar(
                     QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE completed_at IS NULL")),
                 1);
        checkInvariants(server, 0);

        QCOMPARE(startArmed(server, {}), QString());
        TestHttpClient retrying(server.port());
        retrying.setToken(alice->token());
        const DemoAccounts accounts(retrying);
        const QString key = TestServer::issueKey(retrying);
        QVERIFY(!key.isEmpty());
        QCOMPARE(server.database()->scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys")), 2);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), kAmount);
        QCOMPARE(postTransfer(retrying, key, body).status, 201);
        checkInvariants(server, 1);
        server.stop();
    }

    // The server dies while its scheduler runs a due occurrence: before the run's batch commits
    // (nothing of it stays: the restarted server runs it) or after (done: it never runs again).
    void aScheduledOccurrenceRunsOnceAcrossADeath_data()
    {
        QTest::addColumn<QByteArray>("faultPoint");
        QTest::addColumn<int>("transfersAtDeath");
        QTest::newRow("before commit") << QByteArray("occurrence_before_commit") << 0;
        QTest::newRow("after commit") << QByteArray("occurrence_after_commit") << 1;
    }
    void aScheduledOccurrenceRunsOnceAcrossADeath()
    {
        QFETCH(QByteArray, faultPoint);
        QFETCH(int, transfersAtDeath);
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(startArmed(server, faultPoint), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const auto before = TestServer::balances(*alice);
        const QString id
            = ScheduleRequests::create(*alice,
                                       ScheduleRequests::body(accounts.aliceChecking(), accounts.bobChecking(), kAmount,
                                                              Timestamp::nowMs() + 500))
                  .value(QLatin1String("id"))
                  .toString();
        QVERIFY(!id.isEmpty());
        expectDeathAt(server, faultPoint);
        const QString key = ScheduleRequests::occurrenceKey(id, 1);
        const QString countByKey
            = QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key);
        QCOMPARE(server.database()->scalar(countByKey), transfersAtDeath);
        checkInvariants(server, transfersAtDeath);

        // Restarted: an occurrence that fell due while the server was down runs at start, once.
        QCOMPARE(startArmed(server, {}), QString());
        TestHttpClient restarted(server.port());
        restarted.setToken(alice->token());
        QTRY_COMPARE_WITH_TIMEOUT(ScheduleRequests::occurrenceStatus(ScheduleRequests::get(restarted, id), 1),
                                  QStringLiteral("executed"), 10'000);
        QTest::qWait(1'000); // the scheduler keeps polling
        QCOMPARE(server.database()->scalar(countByKey), 1);
        QCOMPARE(TestServer::balances(restarted).value(QStringLiteral("Alice Checking")),
                 before.value(QStringLiteral("Alice Checking")) - kAmount);
        checkInvariants(server, 1);
        server.stop();
    }

    void unknownFaultPointArmsNothing()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(startArmed(server, "no_such_point"), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        QCOMPARE(
            postTransfer(*alice, key, transferBody(accounts.aliceChecking(), accounts.bobChecking(), kAmount)).status,
            201);
        QCOMPARE(server.terminate(), 0);
        QVERIFY(server.process()->readAllStandardError().contains("ignoring unknown BANK_FAULT_POINT"));
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
