// The failure matrix of issue 4 over real loopback HTTP: each failure case of the fault proxy,
// with an idempotency key and without (the demo-only unsafe endpoint), against a real server, with
// a plain client that retries on a network error or 409. What counts is the ledger, and what the
// server received per attempt.
#include "app/faultproxy/FaultProxy.h"
#include "app/faultproxy/FaultProxyThread.h"
#include "server/runtime/ServerThread.h"
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/ScheduleRequests.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

class TestFaultScenarios : public QObject
{
    Q_OBJECT
private:
    QStringList m_serverLog;

    // A client's retry loop, the simplest that is safe with a key: retry on a network error
    // (after a short pause) and on 409 (after Retry-After), at most `maxAttempts` times.
    static QList<TestResponse> sendWithRetries(TestHttpClient &client, const QByteArray &path, const QByteArray &body,
                                               const QList<QPair<QByteArray, QByteArray>> &headers, int maxAttempts = 6)
    {
        QList<TestResponse> responses;
        while (responses.size() < maxAttempts) {
            responses.append(client.post(path, body, headers));
            const TestResponse &last = responses.constLast();
            if (last.status == 0)
                QThread::msleep(100);
            else if (last.status == 409)
                QThread::msleep(ulong(last.header("retry-after").toInt()) * 1000);
            else
                break;
        }
        return responses;
    }

    // "0" no response, "201" created, "201r" replayed, runs of 409 as one "409+".
    static QString verdicts(const QList<TestResponse> &responses)
    {
        QStringList out;
        for (const TestResponse &response : responses) {
            QString verdict = QString::number(response.status);
            if (response.status == 409)
                verdict = QStringLiteral("409+");
            else if (response.header("idempotent-replayed") == "true")
                verdict += u'r';
            if (out.isEmpty() || out.constLast() != verdict || verdict != QLatin1String("409+"))
                out.append(verdict);
        }
        return out.join(u' ');
    }

    // Statuses the server logged for POSTs to `path`, in the order it answered them.
    QList<int> serverStatuses(const QByteArray &path) const
    {
        QList<int> statuses;
        for (const QString &line : m_serverLog) {
            const QStringList fields = line.split(u' ');
            if (fields.size() > 2 && fields[0] == QLatin1String("POST") && fields[1] == QLatin1String(path))
                statuses.append(fields[2].toInt());
        }
        return statuses;
    }

private slots:
    void matrix_data()
    {
        QTest::addColumn<FaultCase>("failure");
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<QString>("expectedVerdicts");
        QTest::addColumn<int>("expectedDebits");
        QTest::addColumn<int>("requestsAtServer");
        // With a key every retry is safe: one debit, whatever the network did.
        QTest::newRow("1 lost request, key") << FaultCase::DropRequest << true << "0 201" << 1 << 1;
        QTest::newRow("2 cut while processing, key")
            << FaultCase::CutDuringProcessing << true << "0 409+ 201r" << 1 << -1;
        QTest::newRow("3 lost response, key") << FaultCase::DropResponse << true << "0 201r" << 1 << 2;
        // Without one, the client cannot tell a lost request from a lost response.
        QTest::newRow("1 lost request, unsafe") << FaultCase::DropRequest << false << "0 201" << 1 << 1;
        QTest::newRow("2 cut while processing, unsafe") << FaultCase::CutDuringProcessing << false << "0 201" << 2 << 2;
        QTest::newRow("3 lost response, unsafe") << FaultCase::DropResponse << false << "0 201" << 2 << 2;
    }
    void matrix()
    {
        QFETCH(FaultCase, failure);
        QFETCH(bool, withKey);
        QFETCH(QString, expectedVerdicts);
        QFETCH(int, expectedDebits);
        QFETCH(int, requestsAtServer);
        constexpr qint64 kAmount = 700;

        TestServer server;
        server.config().demoUnsafe = true;
        // Case 2: the first attempt is still being processed when the retry arrives.
        server.config().processingDelayMs = failure == FaultCase::CutDuringProcessing ? 1500 : 0;
        QCOMPARE(server.start(), QString());
        m_serverLog.clear();
        connect(server.serverThread(), &ServerThread::requestLogged, this,
                [this](const QString &line) { m_serverLog.append(line); });
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const QMap<QString, qint64> before = TestServer::balances(*alice);
        const qint64 total = server.invariants().totalBalance;

        FaultProxyThread proxyThread(QHostAddress(QHostAddress::LocalHost), server.port());
        QCOMPARE(proxyThread.start(), QString());
        FaultProxy &proxy = *proxyThread.proxy();
        QSignalSpy finished(&proxy, &FaultProxy::attemptFinished);
        proxy.setSchedule(FaultSchedule::nextOnly(failure));

        const QByteArray path = withKey ? "/v1/transfers" : "/v1/demo/unsafe-transfers";
        QList<QPair<QByteArray, QByteArray>> headers;
        if (withKey)
            headers.append({"Idempotency-Key", TestServer::issueKey(*alice).toLatin1()});
        const QByteArray body = QJsonDocument(transferBody(accounts.aliceChecking(), accounts.bobChecking(), kAmount))
                                    .toJson(QJsonDocument::Compact);
        TestHttpClient viaProxy(proxyThread.port());
        viaProxy.setToken(alice->token());
        const QList<TestResponse> responses = sendWithRetries(viaProxy, path, body, headers);

        QCOMPARE(verdicts(responses), expectedVerdicts);
        const TestResponse &last = responses.constLast();
        QCOMPARE(last.header("x-demo-unsafe"), withKey ? QByteArray() : QByteArray("true"));
        for (const TestResponse &response : responses) {
            if (response.status == 409) {
                QCOMPARE(response.code(), QStringLiteral("idempotency_key_in_use"));
                QCOMPARE(response.header("retry-after"), QByteArray("1"));
            }
        }

        // What the network did: one proxy attempt per client attempt, the first one failed.
        QTRY_COMPARE(finished.size(), responses.size());
        QList<FaultAttempt> attempts;
        for (const QList<QVariant> &arguments : finished)
            attempts.append(arguments.constFirst().value<FaultAttempt>());
        // They finish in the order the server answers: case 2's first attempt last.
        std::sort(attempts.begin(), attempts.end(),
                  [](const FaultAttempt &a, const FaultAttempt &b) { return a.number < b.number; });
        QCOMPARE(attempts.constFirst().applied, failure);
        QCOMPARE(attempts.constFirst().idempotencyKey, withKey ? headers.constFirst().second : QByteArray());
        for (qsizetype i = 1; i < attempts.size(); ++i)
            QCOMPARE(attempts[i].applied, FaultCase::Pass);

        // What the server received: exactly the attempts the proxy forwarded, answered as the
        // proxy saw them (delivered or thrown away).
        const FaultProxy::Counts counts = proxy.counts();
        QTRY_COMPARE_WITH_TIMEOUT(serverStatuses(path).size(), qsizetype(counts.forwarded), 10'000);
        if (requestsAtServer >= 0)
            QCOMPARE(counts.forwarded, requestsAtServer);
        else
            QCOMPARE(counts.forwarded, responses.size()); // every attempt reached the server
        QList<int> received = serverStatuses(path);
        QList<int> seenByProxy;
        for (const FaultAttempt &attempt : std::as_const(attempts)) {
            if (attempt.forwarded)
                seenByProxy.append(attempt.upstreamStatus);
        }
        std::sort(received.begin(), received.end());
        std::sort(seenByProxy.begin(), seenByProxy.end());
        QCOMPARE(received, seenByProxy);
        if (failure != FaultCase::DropRequest)
            QCOMPARE(attempts.constFirst().upstreamStatus, 201); // the lost attempt did move the money

        // The ledger.
        const QMap<QString, qint64> after = TestServer::balances(*alice);
        QCOMPARE(before.value(QStringLiteral("Alice Checking")) - after.value(QStringLiteral("Alice Checking")),
                 expectedDebits * kAmount);
        const LedgerInvariants invariants = server.invariants();
        QCOMPARE(invariants.transfers, qint64(expectedDebits));
        QCOMPARE(invariants.violations(total), QStringList());
    }

    // The same failures for each keyed operation (OperationRegistry): the creation of a scheduled
    // transfer is as safe to retry as a transfer, because one layer runs both.
    void everyKeyedOperationHappensOnceThroughEachFailure_data()
    {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<FaultCase>("failure");
        for (const QString &operation : {QStringLiteral("transfer"), QStringLiteral("scheduled_transfer")}) {
            for (const FaultCase failure :
                 {FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse}) {
                QTest::newRow(qPrintable(operation + u' ' + FaultCases::toString(failure))) << operation << failure;
            }
        }
    }
    void everyKeyedOperationHappensOnceThroughEachFailure()
    {
        QFETCH(QString, operation);
        QFETCH(FaultCase, failure);
        TestServer server;
        server.config().processingDelayMs = failure == FaultCase::CutDuringProcessing ? 1000 : 0;
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const bool isTransfer = operation == QLatin1String("transfer");
        QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 300);
        if (!isTransfer) // far ahead: the schedule is made, not run
            body = ScheduleRequests::body(accounts.aliceChecking(), accounts.bobChecking(), 300,
                                          Timestamp::nowMs() + 86'400'000);
        const QByteArray path = isTransfer ? "/v1/transfers" : "/v1/scheduled-transfers";

        FaultProxyThread proxyThread(QHostAddress(QHostAddress::LocalHost), server.port());
        QCOMPARE(proxyThread.start(), QString());
        proxyThread.proxy()->setSchedule(FaultSchedule::nextOnly(failure));
        TestHttpClient viaProxy(proxyThread.port());
        viaProxy.setToken(alice->token());
        const QByteArray key = TestServer::issueKey(*alice, operation).toLatin1();
        const QList<TestResponse> responses = sendWithRetries(
            viaProxy, path, QJsonDocument(body).toJson(QJsonDocument::Compact), {{"Idempotency-Key", key}});

        QCOMPARE(responses.constFirst().status, 0); // the network failed the first attempt
        QCOMPARE(responses.constLast().status, 201);
        // Once: one transfer, or one schedule and no money moved yet.
        const QJsonObject created = responses.constLast().json();
        QCOMPARE(created.value(QLatin1String("idempotency_key")).toString(), QString::fromLatin1(key));
        QCOMPARE(server.invariants().transfers, isTransfer ? 1 : 0);
        const QJsonArray schedules
            = alice->get("/v1/scheduled-transfers").json().value(QLatin1String("scheduled_transfers")).toArray();
        QCOMPARE(schedules.size(), isTransfer ? 0 : 1);
        QCOMPARE(server.invariants().violations(625000), QStringList());
    }

    void unsafeEndpointExistsOnlyInDemoMode()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 5);
        const TestResponse post = alice->postJson("/v1/demo/unsafe-transfers", body);
        QCOMPARE(post.status, 404);
        QCOMPARE(post.code(), QStringLiteral("not_found"));
        QCOMPARE(alice->get("/v1/demo/unsafe-transfers").status, 404);
        QCOMPARE(server.invariants().transfers, 0);
    }

    void unsafeEndpointMovesMoneyOnEveryRequest()
    {
        TestServer server;
        server.config().demoUnsafe = true;
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        const DemoAccounts accounts(*alice);
        const QJsonObject body
            = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 5, QStringLiteral("twice"));
        const TestResponse first = alice->postJson("/v1/demo/unsafe-transfers", body);
        const TestResponse second = alice->postJson("/v1/demo/unsafe-transfers", body);
        for (const TestResponse &response : {first, second}) {
            QCOMPARE(response.status, 201);
            QCOMPARE(response.header("x-demo-unsafe"), QByteArray("true"));
            QVERIFY(response.header("idempotent-replayed").isEmpty());
            QCOMPARE(response.json().value(QLatin1String("amount")).toInteger(), 5);
            QCOMPARE(response.json().value(QLatin1String("memo")).toString(), QStringLiteral("twice"));
        }
        QVERIFY(first.json().value(QLatin1String("id")) != second.json().value(QLatin1String("id")));
        QCOMPARE(TestServer::balances(*alice).value(QStringLiteral("Alice Checking")), 100000 - 10);
        // Its bookkeeping key is the server's own, of an operation no client can ask a key for.
        const QString key = first.json().value(QLatin1String("idempotency_key")).toString();
        // Made up for the record, and named so: a history shows such a transfer as one without a key.
        QVERIFY2(key.startsWith(QLatin1String("unsafe_")) && key.size() == 7 + 32, qPrintable(key));
        const TestResponse keyInfo = alice->get("/v1/idempotency-keys/" + key.toLatin1());
        QCOMPARE(keyInfo.status, 200);
        QCOMPARE(keyInfo.json().value(QLatin1String("operation")).toString(), QStringLiteral("unsafe_transfer"));
        QCOMPARE(keyInfo.json().value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        // ... and it cannot be used to replay through the safe endpoint either.
        const TestResponse reuse = postTransfer(*alice, key, body);
        QCOMPARE(reuse.code(), QStringLiteral("idempotency_key_operation_mismatch"));
        // The usual checks still apply.
        QCOMPARE(alice
                     ->postJson("/v1/demo/unsafe-transfers",
                                transferBody(accounts.bobChecking(), accounts.aliceChecking(), 5))
                     .code(),
                 QStringLiteral("forbidden"));
        QCOMPARE(alice->post("/v1/demo/unsafe-transfers", "{}").code(), QStringLiteral("validation_failed"));
        QCOMPARE(alice->request("POST", "/v1/demo/unsafe-transfers", "{}", {}, false).code(),
                 QStringLiteral("unsupported_media_type"));
        QCOMPARE(server.anonymousClient()->postJson("/v1/demo/unsafe-transfers", body).status, 401);
        const TestResponse poor = alice->postJson(
            "/v1/demo/unsafe-transfers", transferBody(accounts.aliceChecking(), accounts.bobChecking(), 10'000'000));
        QCOMPARE(poor.status, 422);
        QCOMPARE(poor.code(), QStringLiteral("insufficient_funds"));
        const LedgerInvariants invariants = server.invariants();
        QCOMPARE(invariants.transfers, 2);
        QCOMPARE(invariants.violations(625000), QStringList());
    }

    void demoUnsafeIsACommandLineSwitch()
    {
        const auto plain = ServerConfig::fromArguments(
            {QStringLiteral("bank-server"), QStringLiteral("--db"), QStringLiteral("x.db")});
        QVERIFY(plain);
        QVERIFY(!plain->demoUnsafe);
        const auto demo = ServerConfig::fromArguments({QStringLiteral("bank-server"), QStringLiteral("--demo-unsafe"),
                                                       QStringLiteral("--processing-delay-ms"), QStringLiteral("250")});
        QVERIFY(demo);
        QVERIFY(demo->demoUnsafe);
        QCOMPARE(demo->processingDelayMs, 250);
    }
};

QTEST_GUILESS_MAIN(TestFaultScenarios)
#include "tst_faultscenarios.moc"
