// The bank-server executable: its command line, its one stdout line, restarts and signals.
#include "TestServer.h"

#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

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

    void replaysAfterRestartOnTheSameDatabase()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        const auto ids = TestServer::accountIds(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = transferBody(ids.value(QStringLiteral("Alice Checking")), ids.value(QStringLiteral("Bob Checking")), 1500);
        const TestResponse first = alice->postJson("/v1/transfers", body, {{"Idempotency-Key", key.toLatin1()}});
        QCOMPARE(first.status, 201);

        // A hard kill: the acknowledged transfer must already be on disk.
        server.kill();
        QCOMPARE(server.start(), QString());
        auto again = server.client("alice", "wonderland");
        const TestResponse replay = again->postJson("/v1/transfers", body, {{"Idempotency-Key", key.toLatin1()}});
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
        const auto ids = TestServer::accountIds(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QByteArray body = QJsonDocument(transferBody(ids.value(QStringLiteral("Alice Checking")), ids.value(QStringLiteral("Bob Checking")), 10)).toJson();
        // Send without waiting, then ask the server to stop while the transfer is in flight.
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /v1/transfers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice->token()
                     + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key.toLatin1()
                     + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        QThread::msleep(300);
        ::kill(pid_t(server.process()->processId()), SIGTERM);
        QByteArray received;
        while (socket.waitForReadyRead(10'000))
            received += socket.readAll();
        QCOMPARE(TestHttpClient::parse(received).status, 201);
        QVERIFY(server.process()->waitForFinished(10'000));
        QCOMPARE(server.process()->exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process()->exitCode(), 0);
        QCOMPARE(server.invariants().transfers, 1);
    }

    void rejectsBadArguments()
    {
        QProcess process;
        process.start(qEnvironmentVariable("BANK_SERVER_BINARY"), {QStringLiteral("--listen"), QStringLiteral("nonsense")});
        QVERIFY(process.waitForFinished(10'000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(process.readAllStandardError().contains("--listen"));
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }

    void refusesTheUnsafeDemoOnANonLoopbackAddress()
    {
        const QTemporaryDir folder;
        QVERIFY(folder.isValid());
        QProcess process;
        process.start(qEnvironmentVariable("BANK_SERVER_BINARY"), {QStringLiteral("--demo-unsafe"), QStringLiteral("--listen"),
                                                                   QStringLiteral("0.0.0.0:0"), QStringLiteral("--db"),
                                                                   folder.filePath(QStringLiteral("bank.db"))});
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
