// The fault proxy on its own, between a blocking client and a real bank server: each failure case,
// each schedule, the signals and the counts.
#include "app/faultproxy/FaultProxy.h"
#include "app/faultproxy/FaultProxyThread.h"
#include "server/runtime/ServerThread.h"
#include "shared/wire/IntegratedSecret.h"
#include "tests/support/TestServer.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

class TestFaultProxy : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    QStringList m_serverLog;
    std::unique_ptr<FaultProxyThread> m_proxyThread;
    std::unique_ptr<QSignalSpy> m_started;
    std::unique_ptr<QSignalSpy> m_finished;
    int m_barriers = 0;

    FaultProxy &proxy() { return *m_proxyThread->proxy(); }
    std::unique_ptr<TestHttpClient> throughProxy() { return std::make_unique<TestHttpClient>(m_proxyThread->port()); }

    // Attempts announced so far (signals are queued to this thread).
    static QList<FaultAttempt> attempts(const QSignalSpy &spy)
    {
        QList<FaultAttempt> out;
        for (const QList<QVariant> &arguments : spy)
            out.append(arguments.constFirst().value<FaultAttempt>());
        return out;
    }
    qsizetype serverLines(const QString &prefix) const
    {
        return std::count_if(m_serverLog.cbegin(), m_serverLog.cend(),
                             [&prefix](const QString &line) { return line.startsWith(prefix); });
    }
    QByteArray loginBody() const { return R"({"username":"alice","password":"wonderland"})"; }
    // Waits until every request the server has answered so far is in m_serverLog: the server logs
    // in the order it answers, so once a request sent straight to it (not through the proxy) is
    // in, all answered before it are too.
    void awaitServerLog()
    {
        const QByteArray path = "/log-barrier-" + QByteArray::number(++m_barriers);
        QCOMPARE(m_server.anonymousClient()->get(path).status, 404);
        QTRY_COMPARE(serverLines(QStringLiteral("GET %1 404 ").arg(QString::fromLatin1(path))), 1);
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        connect(m_server.serverThread(), &ServerThread::requestLogged, this,
                [this](const QString &line) { m_serverLog.append(line); });
    }
    void cleanupTestCase() { m_server.stop(); }

    void init()
    {
        m_proxyThread = std::make_unique<FaultProxyThread>(QHostAddress(QHostAddress::LocalHost), m_server.port());
        QCOMPARE(m_proxyThread->start(), QString());
        QVERIFY(m_proxyThread->port() != 0);
        QVERIFY(m_proxyThread->port() != m_server.port());
        m_started = std::make_unique<QSignalSpy>(&proxy(), &FaultProxy::attemptStarted);
        m_finished = std::make_unique<QSignalSpy>(&proxy(), &FaultProxy::attemptFinished);
        // Requests answered before this test must not be counted in it.
        awaitServerLog();
        m_serverLog.clear();
    }
    void cleanup()
    {
        m_started.reset();
        m_finished.reset();
        m_proxyThread.reset();
    }

    void passRelaysEveryRequestOnOneConnection()
    {
        auto client = throughProxy();
        for (int i = 0; i < 3; ++i) {
            const TestResponse response = client->get("/healthz");
            QCOMPARE(response.status, 200);
            QCOMPARE(response.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        }
        QTRY_COMPARE(m_finished->size(), 3);
        const FaultProxy::Counts counts = proxy().counts();
        QCOMPARE(counts.connections, 1);
        QCOMPARE(counts.attempts, 3);
        QCOMPARE(counts.forwarded, 3);
        QCOMPARE(counts.delivered, 3);
        QCOMPARE(counts.discarded, 0);
        const QList<FaultAttempt> done = attempts(*m_finished);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(done[i].number, i + 1);
            QCOMPARE(done[i].connection, done[0].connection);
            QCOMPARE(done[i].applied, FaultCase::Pass);
            QCOMPARE(done[i].requestLine, QByteArray("GET /healthz HTTP/1.1"));
            QCOMPARE(done[i].method(), QByteArray("GET"));
            QCOMPARE(done[i].target(), QByteArray("/healthz"));
            QVERIFY(done[i].forwarded);
            QCOMPARE(done[i].upstreamStatus, 200);
            QVERIFY(done[i].delivered);
            QVERIFY(done[i].clientCutAtMs == 0);
            QVERIFY(done[i].receivedAtMs <= done[i].forwardedAtMs);
            QVERIFY(done[i].forwardedAtMs <= done[i].respondedAtMs);
            QVERIFY(done[i].respondedAtMs <= done[i].finishedAtMs);
        }
        QTRY_COMPARE(serverLines(QStringLiteral("GET /healthz 200")), 3);
    }

    void dropRequestClosesBeforeForwardingAByte()
    {
        proxy().setSchedule(FaultSchedule::nextOnly(FaultCase::DropRequest));
        auto client = throughProxy();
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 0); // connection closed, no answer
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 201);
        QTRY_COMPARE(m_finished->size(), 2);
        const QList<FaultAttempt> done = attempts(*m_finished);
        QCOMPARE(done[0].applied, FaultCase::DropRequest);
        QVERIFY(!done[0].forwarded);
        QCOMPARE(done[0].upstreamStatus, 0);
        QVERIFY(done[0].clientCutAtMs > 0);
        QCOMPARE(done[1].applied, FaultCase::Pass);
        QVERIFY(done[1].connection != done[0].connection);
        const FaultProxy::Counts counts = proxy().counts();
        QCOMPARE(counts.attempts, 2);
        QCOMPARE(counts.droppedRequests, 1);
        QCOMPARE(counts.forwarded, 1);
        QCOMPARE(counts.connections, 2);
        // The server saw only the second attempt.
        awaitServerLog();
        QCOMPARE(serverLines(QStringLiteral("POST /v1/sessions")), 1);
    }

    void cutDuringProcessingForwardsTheRequestAndCutsTheClient()
    {
        proxy().setSchedule(FaultSchedule::nextOnly(FaultCase::CutDuringProcessing));
        auto client = throughProxy();
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 0);
        // The server got the whole request and answered it; the proxy read that answer and
        // threw it away.
        QTRY_COMPARE(m_finished->size(), 1);
        const FaultAttempt cut = attempts(*m_finished).constFirst();
        QCOMPARE(cut.applied, FaultCase::CutDuringProcessing);
        QVERIFY(cut.forwarded);
        QCOMPARE(cut.upstreamStatus, 201);
        QVERIFY(cut.upstreamBody.contains("token"));
        QVERIFY(!cut.delivered);
        QVERIFY(cut.clientCutAtMs >= cut.forwardedAtMs);
        QVERIFY(cut.clientCutAtMs <= cut.respondedAtMs);
        QTRY_COMPARE(serverLines(QStringLiteral("POST /v1/sessions 201")), 1);
        const FaultProxy::Counts counts = proxy().counts();
        QCOMPARE(counts.cutDuringProcessing, 1);
        QCOMPARE(counts.forwarded, 1);
        QCOMPARE(counts.discarded, 1);
        QCOMPARE(counts.delivered, 0);
    }

    void dropResponseReadsTheWholeResponseThenCuts()
    {
        proxy().setSchedule(FaultSchedule::nextOnly(FaultCase::DropResponse));
        auto client = throughProxy();
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 0);
        QTRY_COMPARE(m_finished->size(), 1);
        const FaultAttempt dropped = attempts(*m_finished).constFirst();
        QCOMPARE(dropped.applied, FaultCase::DropResponse);
        QVERIFY(dropped.forwarded);
        QCOMPARE(dropped.upstreamStatus, 201);
        QVERIFY(!dropped.delivered);
        QVERIFY(dropped.clientCutAtMs >= dropped.respondedAtMs);
        QCOMPARE(proxy().counts().droppedResponses, 1);
        QCOMPARE(proxy().counts().discarded, 1);
        QTRY_COMPARE(serverLines(QStringLiteral("POST /v1/sessions 201")), 1);
        // The schedule was "next only": the retry passes.
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 201);
    }

    void firstNFailsExactlyThatMany()
    {
        proxy().setSchedule(FaultSchedule::firstN(3, FaultCase::DropRequest));
        QCOMPARE(proxy().schedule().remaining(), 3);
        auto client = throughProxy();
        QList<int> statuses;
        for (int i = 0; i < 5; ++i)
            statuses.append(client->get("/healthz").status);
        QCOMPARE(statuses, (QList<int>{0, 0, 0, 200, 200}));
        QCOMPARE(proxy().schedule().remaining(), 0);
        QCOMPARE(proxy().counts().droppedRequests, 3);
        QCOMPARE(proxy().counts().forwarded, 2);
    }

    void randomPercentFollowsItsSeed()
    {
        proxy().setSchedule(FaultSchedule::randomPercent(50, FaultCase::DropRequest, 7));
        FaultSchedule expected = FaultSchedule::randomPercent(50, FaultCase::DropRequest, 7);
        auto client = throughProxy();
        int failures = 0;
        for (int i = 0; i < 20; ++i) {
            const bool shouldFail = expected.next() == FaultCase::DropRequest;
            failures += shouldFail ? 1 : 0;
            QCOMPARE(client->get("/healthz").status, shouldFail ? 0 : 200);
        }
        QVERIFY(failures > 0 && failures < 20);
        QCOMPARE(proxy().counts().droppedRequests, failures);
    }

    void targetsLimitWhichRequestsFail()
    {
        proxy().setTargets({"POST /v1/transfers ", "POST /v1/demo/unsafe-transfers "});
        proxy().setSchedule(FaultSchedule::firstN(2, FaultCase::DropRequest));
        auto client = throughProxy();
        QCOMPARE(client->get("/healthz").status, 200);
        QCOMPARE(client->post("/v1/sessions", loginBody()).status, 201);
        QCOMPARE(proxy().schedule().remaining(), 2);
        QCOMPARE(client->post("/v1/transfers", "{}", {{"Idempotency-Key", "idk_abc"}}).status, 0);
        QCOMPARE(proxy().schedule().remaining(), 1);
        QTRY_COMPARE(m_finished->size(), 3);
        const FaultAttempt transfer = attempts(*m_finished).last();
        QCOMPARE(transfer.applied, FaultCase::DropRequest);
        QCOMPARE(transfer.requestLine, QByteArray("POST /v1/transfers HTTP/1.1"));
        QCOMPARE(transfer.idempotencyKey, QByteArray("idk_abc"));
    }

    void startedComesBeforeFinishedAndCountsReset()
    {
        proxy().setSchedule(FaultSchedule::nextOnly(FaultCase::CutDuringProcessing));
        auto client = throughProxy();
        QCOMPARE(client->get("/healthz").status, 0);
        QTRY_COMPARE(m_finished->size(), 1);
        QCOMPARE(m_started->size(), 1);
        const FaultAttempt started = attempts(*m_started).constFirst();
        QCOMPARE(started.number, 1);
        QCOMPARE(started.applied, FaultCase::CutDuringProcessing);
        QVERIFY(!started.forwarded);
        QCOMPARE(started.finishedAtMs, 0);
        proxy().resetCounts();
        QCOMPARE(proxy().counts().attempts, 0);
        QCOMPARE(client->get("/healthz").status, 200);
        QTRY_COMPARE(m_finished->size(), 2);
        QCOMPARE(attempts(*m_finished).last().number, 1);
        QCOMPARE(proxy().counts().attempts, 1);
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        TestHttpClient raw(m_proxyThread->port());
        const QByteArray replies
            = raw.rawExchange("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                              "GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        qsizetype consumed = 0;
        const TestResponse first = TestHttpClient::parse(replies, &consumed);
        const TestResponse second = TestHttpClient::parse(replies.mid(consumed));
        QCOMPARE(first.status, 200);
        QCOMPARE(second.status, 404);
        QCOMPARE(proxy().counts().delivered, 2);
    }

    void deadUpstreamCutsTheClient()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress(QHostAddress::LocalHost)));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        proxy().setUpstream(QHostAddress(QHostAddress::LocalHost), deadPort);
        auto client = throughProxy();
        QCOMPARE(client->get("/healthz").status, 0);
        QTRY_COMPARE(m_finished->size(), 1);
        const FaultAttempt failed = attempts(*m_finished).constFirst();
        QCOMPARE(failed.applied, FaultCase::Pass);
        QVERIFY(!failed.forwarded);
        QCOMPARE(failed.upstreamStatus, 0);
        QVERIFY(!failed.upstreamError.isEmpty());
        QVERIFY(failed.clientCutAtMs > 0);
    }

    void unframeableRequestClosesTheConnection()
    {
        TestHttpClient raw(m_proxyThread->port());
        const QByteArray reply
            = raw.rawExchange("POST /v1/transfers HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QCOMPARE(reply, QByteArray());
        QCOMPARE(proxy().counts().attempts, 0);
    }

    // In front of the integrated server the proxy answers only the app that started it: a
    // stranger's request is refused by the proxy itself, is no attempt, never reaches the server
    // and leaves the owner's armed failure for the owner.
    void aRequestWithoutTheSecretIsRefusedAndIsNoAttempt()
    {
        const QByteArray secret = IntegratedSecret::generate();
        TestServer guarded;
        guarded.config().requiredSecret = secret;
        QCOMPARE(guarded.start(), QString());
        FaultProxyThread guard(QHostAddress(QHostAddress::LocalHost), guarded.port());
        guard.setRequiredSecret(secret);
        QCOMPARE(guard.start(), QString());
        FaultProxy &proxy = *guard.proxy();
        QSignalSpy started(&proxy, &FaultProxy::attemptStarted);
        proxy.setSchedule(FaultSchedule::nextOnly(FaultCase::DropRequest));

        TestHttpClient stranger(guard.port());
        for (const QByteArray &wrong :
             {QByteArray(), QByteArray("guess"), secret.left(42) + (secret.back() == 'A' ? "B" : "A")}) {
            const QList<QPair<QByteArray, QByteArray>> headers = wrong.isEmpty()
                ? QList<QPair<QByteArray, QByteArray>>()
                : QList<QPair<QByteArray, QByteArray>>{{IntegratedSecret::kHeader, wrong}};
            const TestResponse refused = stranger.request("POST", "/v1/sessions", loginBody(), headers);
            QCOMPARE(refused.status, 401);
            QCOMPARE(refused.header("content-type"), QByteArray("application/problem+json"));
            QCOMPARE(refused.code(), QStringLiteral("integrated_secret_required"));
            QCOMPARE(refused.header("connection"), QByteArray("close"));
        }
        QCOMPARE(proxy.counts().refused, 3);
        QCOMPARE(proxy.counts().attempts, 0);
        QCOMPARE(proxy.counts().forwarded, 0);
        QCOMPARE(started.size(), 0);

        // The owner's first request is the attempt the failure was armed for; the proxy forwards
        // the secret, so the next one reaches the server and is answered.
        TestHttpClient owner(guard.port());
        owner.setIntegratedSecret(secret);
        QCOMPARE(owner.get("/healthz").status, 0);
        QTRY_COMPARE(started.size(), 1);
        QCOMPARE(started.constFirst().constFirst().value<FaultAttempt>().applied, FaultCase::DropRequest);
        QCOMPARE(owner
                     .postJson("/v1/sessions",
                               {{QStringLiteral("username"), QStringLiteral("alice")},
                                {QStringLiteral("password"), QStringLiteral("wonderland")}})
                     .status,
                 201);
        QCOMPARE(proxy.counts().attempts, 2);
        QCOMPARE(proxy.counts().refused, 3);
    }

    void closeDropsOpenConnections()
    {
        auto client = throughProxy();
        QCOMPARE(client->get("/healthz").status, 200);
        QMetaObject::invokeMethod(
            &proxy(), [this] { proxy().close(); }, Qt::BlockingQueuedConnection);
        QCOMPARE(proxy().port(), quint16(0));
        QCOMPARE(client->get("/healthz").status, 0);
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "tst_faultproxy.moc"
