// The one blocking client of the tests and the bench, against a scripted server on loopback: a
// request is sent once, the connection is kept and reopened before sending, never after.
#include "shared/httpframing/BlockingHttpClient.h"
#include "shared/httpframing/HttpMessageFramer.h"

#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

// A server on its own thread that answers each request it reads with the next of `answers`, and
// closes the connection after an answer that says so or instead of an empty answer. IdleTimeout
// closes every connection after its answer without saying so, as an idle timeout does.
class ScriptedServer
{
public:
    enum class AfterAnswer { KeepAlive, IdleTimeout };

    explicit ScriptedServer(QList<QByteArray> answers, AfterAnswer after = AfterAnswer::KeepAlive)
        : m_answers(std::move(answers)),
          m_after(after)
    {
        m_thread.reset(QThread::create([this] { serve(); }));
        m_thread->start();
        m_listening.acquire();
    }
    ~ScriptedServer() { m_thread->wait(); }

    quint16 port() const { return m_port; }
    // What the server saw, once it has given every answer.
    QList<QByteArray> requests()
    {
        m_thread->wait();
        return m_requests;
    }
    int connections()
    {
        m_thread->wait();
        return m_connections;
    }
    // Waits, without running the caller's event loop, until the server has closed a connection on
    // its idle timeout: the client's socket cannot have noticed.
    bool closedWhileIdle() { return m_idleClosed.tryAcquire(1, 5000); }

private:
    void serve()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        m_port = server.serverPort();
        m_listening.release();
        std::unique_ptr<QTcpSocket> socket;
        HttpMessageFramer framer(HttpMessageFramer::Kind::Request);
        for (const QByteArray &answer : std::as_const(m_answers)) {
            if (!socket) {
                if (!server.waitForNewConnection(5000))
                    return;
                socket.reset(server.nextPendingConnection());
                socket->setParent(nullptr);
                framer = HttpMessageFramer(HttpMessageFramer::Kind::Request);
                ++m_connections;
            }
            std::optional<HttpMessage> request;
            while (!(request = framer.take())) {
                if (!socket->waitForReadyRead(5000))
                    return;
                framer.append(socket->readAll());
            }
            m_requests.append(request->bytes);
            socket->write(answer);
            socket->waitForBytesWritten(5000);
            const bool idle = m_after == AfterAnswer::IdleTimeout;
            if (idle || answer.isEmpty() || answer.contains("Connection: close")) {
                socket->disconnectFromHost();
                if (socket->state() != QAbstractSocket::UnconnectedState)
                    socket->waitForDisconnected(5000);
                socket.reset();
                if (idle)
                    m_idleClosed.release();
            }
        }
    }

    const QList<QByteArray> m_answers;
    const AfterAnswer m_after;
    std::unique_ptr<QThread> m_thread;
    QSemaphore m_listening;
    QSemaphore m_idleClosed;
    quint16 m_port = 0;
    QList<QByteArray> m_requests;
    int m_connections = 0;
};

const QByteArray kGet = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
const QByteArray kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

} // namespace

class TestBlockingHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void keepsTheConnectionAlive()
    {
        ScriptedServer server({kOk, kOk});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        for (int i = 0; i < 2; ++i) {
            const BlockingHttpClient::Exchange exchange = client.exchange(kGet);
            QVERIFY(exchange.sent);
            QVERIFY(exchange.response);
            QCOMPARE(exchange.response->status(), 200);
            QCOMPARE(exchange.response->body(), QByteArray("ok"));
        }
        QCOMPARE(server.connections(), 1);
        QCOMPARE(server.requests(), (QList<QByteArray>{kGet, kGet}));
    }

    void bytesAfterAResponseWaitForTheNextRequest()
    {
        const QByteArray second = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
        ScriptedServer server({kOk + second, ""});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        QCOMPARE(client.exchange(kGet).response->status(), 200);
        const BlockingHttpClient::Exchange next = client.exchange(kGet);
        QVERIFY(next.sent);
        QVERIFY(next.response);
        QCOMPARE(next.response->status(), 201);
        QCOMPARE(server.connections(), 1);
    }

    void aClosedConnectionIsReopenedBeforeSending()
    {
        ScriptedServer server({"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", kOk});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        QVERIFY(client.exchange(kGet).response->closesConnection());
        const BlockingHttpClient::Exchange next = client.exchange(kGet);
        QVERIFY(next.response);
        QCOMPARE(next.response->body(), QByteArray("ok"));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests().size(), 2);
    }

    // The connection still reads as connected when the server has closed it on its idle timeout
    // (the client has not looked at the socket since): the client looks before it sends.
    void aConnectionClosedOnTheServersIdleTimeoutIsReopenedBeforeSending()
    {
        ScriptedServer server({kOk, kOk}, ScriptedServer::AfterAnswer::IdleTimeout);
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        QCOMPARE(client.exchange(kGet).response->status(), 200);
        QVERIFY(server.closedWhileIdle());
        const BlockingHttpClient::Exchange next = client.exchange(kGet);
        QVERIFY(next.sent);
        QVERIFY(next.response);
        QCOMPARE(next.response->body(), QByteArray("ok"));
        QCOMPARE(server.connections(), 2);
        QCOMPARE(server.requests(), (QList<QByteArray>{kGet, kGet}));
    }

    void aRequestWithoutAnAnswerIsNotSentAgain()
    {
        ScriptedServer server({"", kOk});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        const BlockingHttpClient::Exchange lost = client.exchange(kGet);
        QVERIFY(lost.sent);
        QVERIFY(!lost.response);
        QCOMPARE(client.exchange(kGet).response->status(), 200);
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.connections(), 2);
    }

    void anUnframeableResponseIsNoResponse()
    {
        ScriptedServer server({"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        const BlockingHttpClient::Exchange exchange = client.exchange(kGet);
        QVERIFY(exchange.sent);
        QVERIFY(!exchange.response);
    }

    void theAnswerToHeadHasNoBody()
    {
        ScriptedServer server({"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n" + kOk});
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), server.port());
        const BlockingHttpClient::Exchange exchange = client.exchange("HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(exchange.response);
        QCOMPARE(exchange.response->header("content-length"), QByteArray("5"));
        QCOMPARE(exchange.response->body(), QByteArray());
    }

    void nobodyListening()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        BlockingHttpClient client(QStringLiteral("127.0.0.1"), port);
        const BlockingHttpClient::Exchange exchange = client.exchange(kGet);
        QVERIFY(!exchange.sent);
        QVERIFY(!exchange.response);
    }
};

QTEST_GUILESS_MAIN(TestBlockingHttpClient)
#include "tst_blockinghttpclient.moc"
