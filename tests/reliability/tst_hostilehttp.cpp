// Hostile HTTP against the whole bank server: every malformed request gets a clear 4xx (501 for
// a Transfer-Encoding, as RFC 9112 asks) or a closed connection, never a crash and never a state
// change; slow and idle clients are closed; thousands of idle connections do not lock others out.
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/TestServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QTcpSocket>
#include <QTest>

#include <sys/resource.h>

#include <memory>
#include <vector>

namespace {

// Every response in `raw`, in order.
QList<TestResponse> responsesIn(QByteArray raw)
{
    QList<TestResponse> responses;
    while (true) {
        qsizetype consumed = 0;
        const TestResponse response = TestHttpClient::parse(raw, &consumed);
        if (response.status == 0)
            return responses;
        responses.append(response);
        raw.remove(0, consumed);
    }
}

// Raises the open-file limit as far as allowed; returns the soft limit now in force.
rlim_t raiseFileLimit()
{
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? 65536 : limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return limit.rlim_cur;
}

// Server-side sockets of `port` still ESTABLISHED, from /proc/net/tcp: the connections the server
// holds open. (An evicted one is half-closed by the server and no longer counts.) The kernel writes
// the table in chunks while sockets change state, so a line can come twice: each connection
// (local and remote address) counts once.
int establishedServerSockets(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray local = ':' + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    QSet<QByteArray> connections;
    for (const QByteArray &line : table.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() > 3 && fields[1].endsWith(local) && fields[3] == "01")
            connections.insert(fields[1] + ' ' + fields[2]);
    }
    return int(connections.size());
}

} // namespace

class TestHostileHttp : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    QByteArray m_host;
    QByteArray m_token;
    DemoAccounts m_accounts;

    // A request that would move money if the server accepted it: a valid token, a fresh key and a
    // valid body. `head` is what follows the request line, up to the blank line (exclusive).
    QByteArray transferRequest(const QByteArray &head, const QByteArray &body = {}) const
    {
        return "POST /v1/transfers HTTP/1.1\r\n" + head + "\r\n" + body;
    }
    QByteArray validTransferHeaders(const QByteArray &key) const
    {
        return "Host: " + m_host + "\r\nAuthorization: Bearer " + m_token
            + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key + "\r\n";
    }
    QByteArray validBody() const
    {
        return QJsonDocument(transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 500))
            .toJson(QJsonDocument::Compact);
    }
    QByteArray freshKey() const
    {
        TestHttpClient client(m_server.port());
        client.setToken(m_token);
        return TestServer::issueKey(client).toLatin1();
    }
    void expectServerAnswers()
    {
        TestHttpClient client(m_server.port());
        QCOMPARE(client.get("/healthz").status, 200);
        client.setToken(m_token);
        QCOMPARE(client.get("/v1/accounts").status, 200);
    }

private slots:
    void initTestCase()
    {
        m_server.config().limits.requestTimeoutMs = 1'000;
        m_server.config().limits.idleTimeoutMs = 1'500;
        QCOMPARE(m_server.start(), QString());
        m_host = "127.0.0.1:" + QByteArray::number(m_server.port());
        auto alice = m_server.client();
        m_token = alice->token();
        m_accounts = DemoAccounts(*alice);
        QVERIFY(!m_token.isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("head"); // without the key header: the test adds it
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<int>("status"); // 0: the connection is closed without an answer
        QTest::addColumn<QString>("code");

        const QByteArray key = "Idempotency-Key: KEY\r\n";
        const QByteArray body = "BODY";
        auto row
            = [](const char *name, QByteArray head, QByteArray content, bool withKey, int status, const char *code) {
                  QTest::newRow(name) << head << content << withKey << status << QString::fromLatin1(code);
              };
        row("garbage request line", "HELLO THERE\r\n\r\n", {}, false, 400, "malformed_request");
        row("binary junk", QByteArray("\x00\x01\x02\xff\xfe\r\n\r\n", 9), {}, false, 400, "malformed_request");
        row("lower-case method", "post /v1/transfers HTTP/1.1\r\nHOST\r\n\r\n", {}, false, 400, "malformed_request");
        row("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", {}, false, 400, "malformed_request");
        row("HTTP/0.9", "GET /healthz\r\n\r\n", {}, false, 400, "malformed_request");
        row("absolute-form target", "GET http://evil/v1/accounts HTTP/1.1\r\nHOST\r\n\r\n", {}, false, 400,
            "malformed_request");
        row("bad percent escape", "GET /v1/%zz HTTP/1.1\r\nHOST\r\n\r\n", {}, false, 400, "malformed_request");
        row("bare LF", "GET /healthz HTTP/1.1\nHOST\n\n", {}, false, 400, "malformed_request");
        row("request line too long", "GET /" + QByteArray(20'000, 'a') + " HTTP/1.1\r\nHOST\r\n\r\n", {}, false, 431,
            "header_fields_too_large");
        row("missing Host", "POST /v1/transfers HTTP/1.1\r\nAUTH" + key + "Content-Length: LEN\r\n\r\n", body, true,
            400, "malformed_request");
        row("two Hosts", "POST /v1/transfers HTTP/1.1\r\nHOST\r\nHOST\r\nAUTH" + key + "Content-Length: LEN\r\n\r\n",
            body, true, 400, "malformed_request");
        row("oversized headers",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "X-Pad: " + QByteArray(17'000, 'p')
                + "\r\nContent-Length: LEN\r\n\r\n",
            body, true, 431, "header_fields_too_large");
        row("many small headers",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + QByteArray("X-A: b\r\n").repeated(3'000)
                + "Content-Length: LEN\r\n\r\n",
            body, true, 431, "header_fields_too_large");
        row("body without Content-Length", "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "\r\n", body, true,
            411, "length_required");
        row("negative Content-Length",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: -1\r\n\r\n", body, true, 400,
            "malformed_request");
        row("huge Content-Length",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: 99999999999999999999999\r\n\r\n",
            body, true, 413, "payload_too_large");
        row("Content-Length over the limit",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: 70000\r\n\r\n", body, true, 413,
            "payload_too_large");
        row("duplicated Content-Length",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: LEN\r\nContent-Length: LEN\r\n\r\n",
            body, true, 400, "malformed_request");
        row("Content-Length list",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: LEN, LEN\r\n\r\n", body, true, 400,
            "malformed_request");
        row("Content-Length with sign",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: +LEN\r\n\r\n", body, true, 400,
            "malformed_request");
        row("Content-Length hex", "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length: 0x10\r\n\r\n",
            body, true, 400, "malformed_request");
        for (const char *encoding : {"chunked", "gzip", "identity", "gzip, chunked", "CHUNKED"}) {
            const QByteArray chunked = "SIZE\r\n" + body + "\r\n0\r\n\r\n";
            QTest::newRow(qPrintable(QStringLiteral("Transfer-Encoding: %1").arg(QLatin1String(encoding))))
                << "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Transfer-Encoding: " + encoding + "\r\n\r\n"
                << chunked << true << 501 << QStringLiteral("transfer_encoding_not_supported");
        }
        row("Transfer-Encoding with Content-Length",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key
                + "Content-Length: LEN\r\nTransfer-Encoding: chunked\r\n\r\n",
            body, true, 501, "transfer_encoding_not_supported");
        row("obs-fold header",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "X-Folded: a\r\n b\r\nContent-Length: LEN\r\n\r\n",
            body, true, 400, "malformed_request");
        row("space before colon", "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Content-Length : LEN\r\n\r\n",
            body, true, 400, "malformed_request");
        row("NUL in a header",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key
                + QByteArray("X-Nul: a\x00"
                             "b\r\n",
                             12)
                + "Content-Length: LEN\r\n\r\n",
            body, true, 400, "malformed_request");
        row("header without colon",
            "POST /v1/transfers HTTP/1.1\r\nHOST\r\nAUTH" + key + "Just-A-Name\r\nContent-Length: LEN\r\n\r\n", body,
            true, 400, "malformed_request");
        row("foreign Host",
            "POST /v1/transfers HTTP/1.1\r\nHost: evil.example\r\nAUTH" + key + "Content-Length: LEN\r\n\r\n", body,
            true, 421, "host_not_allowed");
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, head);
        QFETCH(QByteArray, body);
        QFETCH(bool, withKey);
        QFETCH(int, status);
        QFETCH(QString, code);
        const QByteArray key = withKey ? freshKey() : QByteArray();
        const QByteArray realBody = body == "BODY" ? validBody() : QByteArray(body).replace("BODY", validBody());
        QByteArray bytes = head;
        bytes.replace("HOST\r\n", "Host: " + m_host + "\r\n");
        bytes.replace("AUTH", "Authorization: Bearer " + m_token + "\r\nContent-Type: application/json\r\n");
        bytes.replace("Idempotency-Key: KEY", "Idempotency-Key: " + key);
        bytes.replace("LEN", QByteArray::number(realBody.size()));
        bytes += QByteArray(realBody).replace("SIZE", QByteArray::number(validBody().size(), 16));
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);

        TestHttpClient raw(m_server.port());
        const QList<TestResponse> responses = responsesIn(raw.rawExchange(bytes, 3'000));
        QVERIFY2(responses.size() <= 1, "one answer at most, then the connection is closed");
        if (status == 0) {
            QVERIFY(responses.isEmpty());
        } else {
            QCOMPARE(responses.size(), 1);
            QCOMPARE(responses.constFirst().status, status);
            QCOMPARE(responses.constFirst().code(), code);
            QCOMPARE(responses.constFirst().header("content-type"), QByteArray("application/problem+json"));
        }
        QCOMPARE(LedgerSnapshot::of(m_server), before);
        expectServerAnswers();
        if (withKey) { // the key is untouched: the real request still works, once
            TestHttpClient client(m_server.port());
            client.setToken(m_token);
            QCOMPARE(client.get("/v1/idempotency-keys/" + key).json().value(QLatin1String("status")).toString(),
                     QStringLiteral("unused"));
        }
    }

    void bytesAfterACompleteRequestAreAnsweredAsTheirOwnRequest()
    {
        const QByteArray key = freshKey();
        const QByteArray body = validBody();
        // A complete transfer, then junk: the transfer is done once, the junk gets a 400, then close.
        const QByteArray bytes
            = transferRequest(validTransferHeaders(key) + "Content-Length: " + QByteArray::number(body.size()) + "\r\n",
                              body)
            + "GARBAGE\r\n\r\n"
            + transferRequest(validTransferHeaders(key) + "Content-Length: " + QByteArray::number(body.size()) + "\r\n",
                              body);
        const qint64 transfersBefore = LedgerSnapshot::of(m_server).transfers;
        TestHttpClient raw(m_server.port());
        const QList<TestResponse> responses = responsesIn(raw.rawExchange(bytes, 3'000));
        QCOMPARE(responses.size(), 2);
        QCOMPARE(responses[0].status, 201);
        QCOMPARE(responses[1].status, 400);
        QCOMPARE(responses[1].code(), QStringLiteral("malformed_request"));
        QCOMPARE(LedgerSnapshot::of(m_server).transfers, transfersBefore + 1);

        // A body longer than its Content-Length: the rest is parsed as the next request.
        const QByteArray smuggled
            = transferRequest(validTransferHeaders(freshKey()) + "Content-Length: 2\r\n", "{}" + body + "\r\n\r\n");
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const QList<TestResponse> answers = responsesIn(raw.rawExchange(smuggled, 3'000));
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 400); // "{}" is not a transfer
        QCOMPARE(answers[1].status, 400); // the leftover body is no request line
        QCOMPARE(LedgerSnapshot::of(m_server), before);
    }

    void slowClientGets408AndIsClosed()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server.port());
        QVERIFY(socket.waitForConnected(5'000));
        const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: " + m_host + "\r\n\r\n";
        // One byte every 200 ms: the request would take seconds, the timeout is 1 s from its start.
        QElapsedTimer timer;
        timer.start();
        qsizetype sent = 0;
        while (socket.state() == QAbstractSocket::ConnectedState && sent < request.size() - 1
               && timer.elapsed() < 20'000) {
            socket.write(request.mid(sent++, 1));
            socket.waitForBytesWritten(1'000);
            socket.waitForReadyRead(200);
        }
        QVERIFY2(sent < request.size() - 1, "the server let a trickling request run past its timeout");
        // It says why before it closes: 408 with the problem code, and Connection: close.
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 5'000);
        const QByteArray answer = socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 408 Request Timeout\r\n"), answer.constData());
        QVERIFY2(answer.contains("\r\nConnection: close\r\n"), answer.constData());
        QVERIFY2(answer.contains("application/problem+json"), answer.constData());
        QVERIFY2(answer.contains("\"code\":\"request_timeout\""), answer.constData());
        QVERIFY(!answer.contains("200 OK"));
        expectServerAnswers();
    }

    void idleConnectionIsClosed()
    {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_server.port());
        QVERIFY(socket.waitForConnected(5'000));
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::UnconnectedState, 20'000);
        QCOMPARE(socket.readAll(), QByteArray());
    }

    void thousandsOfIdleConnectionsDoNotLockOthersOut()
    {
        TestServer server; // default limits: 512 connections, 15 s idle timeout
        const int cap = server.config().limits.maxConnections;
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        // Both ends of every connection live in this process.
        const rlim_t files = raiseFileLimit();
        const int idle = int(std::min<rlim_t>(2'000, (files - 300) / 2));
        QVERIFY2(idle > 2 * cap, qPrintable(QStringLiteral("open-file limit %1 is too low for this test").arg(files)));

        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        constexpr int kBatch = 250; // connecting in parallel: one by one, loopback is slow here
        for (int first = 0; first < idle; first += kBatch) {
            const int last = std::min(idle, first + kBatch);
            for (int i = first; i < last; ++i) {
                sockets.push_back(std::make_unique<QTcpSocket>());
                sockets.back()->connectToHost(QHostAddress(QHostAddress::LocalHost), server.port());
            }
            for (int i = first; i < last; ++i)
                QVERIFY2(sockets[size_t(i)]->waitForConnected(10'000), qPrintable(sockets[size_t(i)]->errorString()));
            // The server keeps answering others meanwhile.
            QCOMPARE(alice->get("/v1/accounts").status, 200);
            QCOMPARE(server.anonymousClient()->get("/healthz").status, 200);
        }
        QCOMPARE(alice->get("/v1/accounts").status, 200);
        QCOMPARE(server.client("bob", "builder")->get("/v1/accounts").status, 200);
        // Accepting is first come, first served: once the last connection is answered, the
        // server has taken (and, past its cap, evicted) every one before it.
        QTcpSocket &newest = *sockets.back();
        newest.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY(newest.waitForBytesWritten(10'000));
        QByteArray answer;
        while (!answer.contains("\r\n\r\n") && newest.waitForReadyRead(30'000))
            answer += newest.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        // The cap held: the server holds at most its cap of connections, whatever we keep open.
        int held = -1;
        QTRY_VERIFY_WITH_TIMEOUT((held = establishedServerSockets(server.port())) <= cap, 30'000);
        QVERIFY(held > 0);
        qInfo("%d idle connections opened; the server holds %d (cap %d)", idle, held, cap);
        sockets.clear();
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestHostileHttp)
#include "tst_hostilehttp.moc"
