// The bank-server executable: its command line, its one stdout line, restarts and signals.
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/TestServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <csignal>

class TestServerProcess : public QObject
{
    Q_OBJECT
private slots:
    void printsExactlyOneListeningLine()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(server.start(), QString());
        QVERIFY(server.port() > 0);
        QCOMPARE(server.anonymousClient()->get("/healthz").status, 200);
        QCOMPARE(server.terminate(), 0);
        // The listening line was the only thing on stdout; the request log goes to stderr.
        QCOMPARE(server.process()->readAllStandardOutput(), QByteArray());
        QVERIFY(server.process()->readAllStandardError().contains("GET /healthz 200"));
    }

    void theRequestLogIsWrittenWhileTheServerRuns()
    {
        // Kept for the end of a turn of the event loop, not for the end of the server.
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(server.start(), QString());
        QCOMPARE(server.anonymousClient()->get("/healthz").status, 200);
        QCOMPARE(server.anonymousClient()->get("/v1/accounts").status, 401);
        QByteArray log;
        QTRY_VERIFY2((log += server.process()->readAllStandardError()).contains("GET /v1/accounts 401"),
                     log.constData());
        QVERIFY2(log.indexOf("GET /healthz 200") < log.indexOf("GET /v1/accounts 401"), log.constData());
        QVERIFY(log.endsWith('\n'));
        QCOMPARE(server.terminate(), 0);
    }

    void replaysAfterRestartOnTheSameDatabase()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 1500);
        const TestResponse first = postTransfer(*alice, key, body);
        QCOMPARE(first.status, 201);

        // A hard kill: the acknowledged transfer must already be on disk.
        server.kill();
        QCOMPARE(server.start(), QString());
        auto again = server.client("alice", "wonderland");
        const TestResponse replay = postTransfer(*again, key, body);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(TestServer::balances(*again).value(QStringLiteral("Alice Checking")), 100000 - 1500);
        // Seeding an existing database changes nothing.
        QCOMPARE(server.invariants().totalBalance, 625000);
        QCOMPARE(server.invariants().transfers, 1);
    }

    void sigtermFinishesTheRequestInFlightAndExitsZero()
    {
        TestServer server(TestServer::Mode::Process);
        server.extraArguments() << QStringLiteral("--processing-delay-ms") << QStringLiteral("1000");
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QByteArray body
            = QJsonDocument(transferBody(accounts.aliceChecking(), accounts.bobChecking(), 10)).toJson();
        const QByteArray request = "POST /v1/transfers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
            + alice->token() + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key.toLatin1()
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        // The same transfer twice, without waiting. Whichever the server takes first is held with
        // its key in flight; the other is answered 409 at once, which is how the test knows that
        // a request is in flight when it asks the server to stop.
        std::array<QTcpSocket, 2> twins;
        for (QTcpSocket &socket : twins) {
            socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
            QVERIFY(socket.waitForConnected(5000));
            socket.write(request);
            QVERIFY(socket.waitForBytesWritten(5000));
        }
        const auto answered = [&twins] {
            return std::find_if(twins.begin(), twins.end(), [](QTcpSocket &socket) {
                return TestHttpClient::parse(socket.peek(socket.bytesAvailable())).status != 0;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered() != twins.end(), 10'000);
        QTcpSocket &conflict = *answered();
        QTcpSocket &inFlight = &conflict == &twins[0] ? twins[1] : twins[0];
        ::kill(pid_t(server.process()->processId()), SIGTERM);
        const TestResponse refused = TestHttpClient::parse(conflict.readAll());
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.code(), QStringLiteral("idempotency_key_in_use"));
        QByteArray received = inFlight.readAll();
        while (inFlight.waitForReadyRead(10'000))
            received += inFlight.readAll();
        const TestResponse finished = TestHttpClient::parse(received);
        QCOMPARE(finished.status, 201);
        QVERIFY(finished.header("idempotent-replayed").isNull());
        QVERIFY(server.process()->waitForFinished(10'000));
        QCOMPARE(server.process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process()->exitCode(), 0);
        QCOMPARE(server.invariants().transfers, 1);
    }

    void rejectsBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        const QByteArray ttl = "bank-server: --key-ttl: expected 1 to 3153600000 seconds (100 years)\n";
        const QByteArray grace = "bank-server: --purge-grace: expected 0 to 3153600000 seconds (100 years)\n";
        QTest::newRow("listen nonsense") << QStringList{QStringLiteral("--listen"), QStringLiteral("nonsense")}
                                         << QByteArray("bank-server: --listen: expected HOST:PORT, got \"nonsense\"\n");
        // 9223372036854776 s is more milliseconds than a qint64 holds; 9223372036854775 s still
        // fits as milliseconds, but now + it does not: both made keys that were born expired.
        QTest::newRow("key-ttl, milliseconds overflow")
            << QStringList{QStringLiteral("--key-ttl"), QStringLiteral("9223372036854776")} << ttl;
        QTest::newRow("key-ttl, now + ttl overflows")
            << QStringList{QStringLiteral("--key-ttl"), QStringLiteral("9223372036854775")} << ttl;
        QTest::newRow("key-ttl, 100 years + 1 s")
            << QStringList{QStringLiteral("--key-ttl"), QStringLiteral("3153600001")} << ttl;
        QTest::newRow("key-ttl, 0") << QStringList{QStringLiteral("--key-ttl"), QStringLiteral("0")} << ttl;
        // A wrapped grace put the purge's cutoff in the future: it deleted keys still in use.
        QTest::newRow("purge-grace, milliseconds overflow")
            << QStringList{QStringLiteral("--purge-grace"), QStringLiteral("9223372036854776")} << grace;
        QTest::newRow("purge-grace, 100 years + 1 s")
            << QStringList{QStringLiteral("--purge-grace"), QStringLiteral("3153600001")} << grace;
        QTest::newRow("purge-grace, negative") << QStringList{QStringLiteral("--purge-grace=-1")} << grace;
    }
    void rejectsBadArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        // A free port and a database of its own come first: a server that wrongly accepted the
        // rest would start there (and never exit) instead of disturbing anything.
        QTemporaryDir directory;
        QVERIFY(directory.isValid());
        const QString database = directory.filePath(QStringLiteral("bank.db"));
        QProcess process;
        process.start(
            qEnvironmentVariable("BANK_SERVER_BINARY"),
            QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--db"), database}
                + arguments);
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 2);
        QCOMPARE(process.readAllStandardError(), message);
        QCOMPARE(process.readAllStandardOutput(), QByteArray());
        QVERIFY(!QFile::exists(database));
    }

    void printsItsVersion()
    {
        QProcess process;
        process.start(qEnvironmentVariable("BANK_SERVER_BINARY"), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardOutput(), QByteArray("bank-server " PROJECT_VERSION "\n"));
    }

    // 100 years, the longest key lifetime and purge grace: keys live exactly that long.
    void acceptsTheLongestKeyTtlAndPurgeGrace()
    {
        constexpr qint64 hundredYears = 3'153'600'000;
        TestServer server(TestServer::Mode::Process);
        server.config().keyTtlSeconds = hundredYears;
        server.extraArguments() << QStringLiteral("--purge-grace") << QString::number(hundredYears);
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        const TestResponse issued
            = alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        QCOMPARE(issued.status, 201);
        const QJsonObject key = issued.json();
        QCOMPARE(key.value(QLatin1String("status")).toString(), QStringLiteral("unused"));
        const QDateTime created = Timestamp::fromIso(key.value(QLatin1String("created_at")).toString());
        const QDateTime expires = Timestamp::fromIso(key.value(QLatin1String("expires_at")).toString());
        QVERIFY(created.isValid() && expires.isValid());
        QCOMPARE(created.msecsTo(expires), hundredYears * 1000);
        const DemoAccounts accounts(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 10);
        const QString keyName = key.value(QLatin1String("key")).toString();
        QCOMPARE(postTransfer(*alice, keyName, body).status, 201);
        QCOMPARE(postTransfer(*alice, keyName, body).header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(server.invariants().transfers, 1);
        QCOMPARE(server.terminate(), 0);
    }

    void refusesTheUnsafeDemoOnANonLoopbackAddress()
    {
        const QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QProcess process;
        process.start(qEnvironmentVariable("BANK_SERVER_BINARY"),
                      {QStringLiteral("--demo-unsafe"), QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0"),
                       QStringLiteral("--db"), folder.filePath(QStringLiteral("bank.db"))});
        const bool exited = process.waitForFinished(10'000);
        if (!exited) {
            process.kill();
            process.waitForFinished();
        }
        QVERIFY2(exited, "bank-server served the unsafe demonstration on every interface");
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("--demo-unsafe: only with a loopback --listen address"));
        QVERIFY(process.readAllStandardOutput().isEmpty());
        QVERIFY(!QFile::exists(folder.filePath(QStringLiteral("bank.db"))));
    }
};

QTEST_GUILESS_MAIN(TestServerProcess)
#include "tst_serverprocess.moc"
