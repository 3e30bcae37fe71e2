#include "server/http/HttpConnection.h"
#include "server/http/HttpServer.h"
#include "shared/httpframing/BlockingHttpClient.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <QThreadPool>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <type_traits>

namespace {

// /slow?ms=N answers from a worker thread after N ms; /reverse answers each group of three
// requests in reverse order; anything else echoes "METHOD PATH BODY".
class TestHandler : public HttpHandler
{
public:
    explicit TestHandler(QThreadPool *pool) : m_pool(pool) {}

    void handle(HttpRequest request, HttpResponder responder) override
    {
        ++handled;
        if (request.path == "/slow") {
            ++slowStarted;
            const int ms = request.queryItem(QStringLiteral("ms")).toInt();
            m_pool->start([this, responder, ms] {
                QThread::msleep(static_cast<unsigned long>(ms));
                ++slowAnswered;
                responder.send(HttpResponse::raw(200, "text/plain", "slow"));
            });
        } else if (request.path == "/reverse") {
            m_held.append({request.query, responder});
            if (m_held.size() == 3) {
                while (!m_held.isEmpty()) {
                    const auto [query, held] = m_held.takeLast();
                    held.send(HttpResponse::raw(200, "text/plain", query));
                }
            }
        } else {
            slowOpenAtLastEcho = slowStarted - slowAnswered;
            const QByteArray echo = request.method + ' ' + request.path + ' ' + request.body;
            HttpResponse response = HttpResponse::raw(200, "text/plain", echo);
            response.logKey = QStringLiteral("key-1");
            responder.send(response);
        }
    }

    std::atomic<int> handled = 0;
    std::atomic<int> slowStarted = 0;
    std::atomic<int> slowAnswered = 0;
    std::atomic<int> slowOpenAtLastEcho = -1; // slow requests unanswered when the last echo was handled

private:
    QThreadPool *m_pool;
    QList<QPair<QByteArray, HttpResponder>> m_held; // server thread only
};

struct Reply
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// Reads one response, leaving any bytes after it in the socket.
Reply readReply(QTcpSocket &socket, int timeoutMs = 5000)
{
    Reply reply;
    if (const std::optional<HttpMessage> response = BlockingHttpClient::readResponse(socket, timeoutMs)) {
        reply.status = response->status();
        for (const auto &[name, value] : response->headers)
            reply.headers.insert(name.toLower(), value);
        reply.body = response->body();
    }
    return reply;
}

struct SendThenRead
{
    bool sentAll = false;
    QByteArray received; // up to the server's end of stream
};

// A plain blocking socket connected to the server on loopback, with one of its kernel buffers
// (SO_SNDBUF or SO_RCVBUF) bounded before it connects, and send and receive timeouts; -1 if it
// cannot connect.
int boundedSocket(quint16 port, int bufferOption, int bufferBytes)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, bufferOption, &bufferBytes, sizeof bufferBytes);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Sends all of `bytes` unless the peer stops taking them; says whether all went.
bool sendAll(int fd, const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.constData() + sent, static_cast<size_t>(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

// A bounded send buffer keeps the kernels from swallowing the whole request before the server has
// answered. Plain sockets, because QTcpSocket stops sending as soon as the server half-closes.
SendThenRead sendThenRead(quint16 port, const QByteArray &request)
{
    SendThenRead result;
    const int fd = boundedSocket(port, SO_SNDBUF, 64 * 1024);
    if (fd < 0)
        return result;
    result.sentAll = sendAll(fd, request);
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::recv(fd, buffer, sizeof buffer, 0)) > 0)
        result.received.append(buffer, got);
    ::close(fd);
    return result;
}

bool waitForClose(QTcpSocket &socket, int timeoutMs = 5000)
{
    return socket.state() == QAbstractSocket::UnconnectedState || socket.waitForDisconnected(timeoutMs);
}

QString problemCode(const Reply &reply)
{
    if (reply.headers.value("content-type") != kProblemContentType)
        return QStringLiteral("<not a problem: %1>").arg(QString::fromLatin1(reply.headers.value("content-type")));
    const QJsonObject object = QJsonDocument::fromJson(reply.body).object();
    if (object.value(QStringLiteral("status")).toInt() != reply.status)
        return QStringLiteral("<status mismatch>");
    return object.value(QStringLiteral("code")).toString();
}

} // namespace

class tst_HttpServer : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void keepAliveServesSeveralRequests();
    void connectionCloseHonoured();
    void http10ClosesUnlessKeepAlive();
    void pipelinedRequestsAnsweredInOrder();
    void pipelineDepthIsLimited();
    void aClientThatReadsLateGetsEveryResponseWholeAndInOrder();
    void headersTooLargeGet431();
    void clientReadsThe413ForAHugeBody();
    void transferEncodingGets501();
    void malformedGets400ThenClose();
    void idleTimeoutCloses();
    void requestTimeoutClosesSlowClient();
    void handlerIsNeverTimedOut();
    void connectionCapEvictsIdleConnection();
    void connectionCapRefusesWhenAllBusy();
    void hostCheck();
    void hostCheckOnWildcardAddress();
    void shutdownFinishesInFlightThenDrains();
    void responderMayOutliveServer();
    void logsEveryRequest();

private:
    void startServer(const HttpServerLimits &limits = {}, const QHostAddress &address = QHostAddress::LocalHost);
    void stopServer();
    std::unique_ptr<QTcpSocket> connectClient();
    QByteArray get(const QByteArray &path, const QByteArray &extraHeaders = {}) const;
    // Runs a function on the server's thread and returns its result.
    template <typename Function>
    auto onServer(Function function)
    {
        using Result = std::invoke_result_t<Function>;
        if constexpr (std::is_void_v<Result>) {
            QMetaObject::invokeMethod(m_server, function, Qt::BlockingQueuedConnection);
        } else {
            Result result{};
            QMetaObject::invokeMethod(
                m_server, [&] { result = function(); }, Qt::BlockingQueuedConnection);
            return result;
        }
    }

    QThreadPool m_pool;
    std::unique_ptr<TestHandler> m_handler;
    QThread m_thread;
    QPointer<HttpServer> m_server;
    quint16 m_port = 0;
    QList<HttpLogEntry> m_log;
    int m_drainedCount = 0;
};

void tst_HttpServer::startServer(const HttpServerLimits &limits, const QHostAddress &address)
{
    m_handler = std::make_unique<TestHandler>(&m_pool);
    m_server = new HttpServer(m_handler.get(), limits); // deleted on its thread by stopServer()
    connect(m_server, &HttpServer::requestCompleted, this, [this](const HttpLogEntry &entry) { m_log.append(entry); });
    connect(m_server, &HttpServer::drained, this, [this] { ++m_drainedCount; });
    m_server->moveToThread(&m_thread);
    m_thread.start();
    QVERIFY(onServer([this, address] { return m_server->listen(address, 0); }));
    m_port = onServer([this] { return m_server->serverPort(); });
    QVERIFY(m_port != 0);
}

void tst_HttpServer::stopServer()
{
    if (m_server)
        m_server->deleteLater(); // run when the thread finishes
    m_thread.quit();
    m_thread.wait();
    QVERIFY(!m_server);
}

void tst_HttpServer::cleanup()
{
    stopServer();
    m_pool.waitForDone();
    m_handler.reset();
    m_log.clear();
    m_drainedCount = 0;
}

std::unique_ptr<QTcpSocket> tst_HttpServer::connectClient()
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, m_port);
    socket->waitForConnected(5000);
    return socket;
}

QByteArray tst_HttpServer::get(const QByteArray &path, const QByteArray &extraHeaders) const
{
    const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
    return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders + "\r\n";
}

void tst_HttpServer::keepAliveServesSeveralRequests()
{
    startServer();
    const auto client = connectClient();
    for (int i = 0; i < 3; ++i) {
        const QByteArray path = "/echo/" + QByteArray::number(i);
        client->write(get(path));
        const Reply reply = readReply(*client);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.body, "GET " + path + ' ');
        QCOMPARE(reply.headers.value("connection"), QByteArray("keep-alive"));
    }
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(onServer([this] { return m_server->connectionCount(); }), 1);
}

void tst_HttpServer::connectionCloseHonoured()
{
    startServer();
    const auto client = connectClient();
    client->write(get("/echo", "Connection: close\r\n"));
    const Reply reply = readReply(*client);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.headers.value("connection"), QByteArray("close"));
    QVERIFY(waitForClose(*client));
    QTRY_COMPARE(onServer([this] { return m_server->connectionCount(); }), 0);
}

void tst_HttpServer::http10ClosesUnlessKeepAlive()
{
    startServer();
    const auto keepAlive = connectClient();
    keepAlive->write("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QCOMPARE(readReply(*keepAlive).headers.value("connection"), QByteArray("keep-alive"));
    keepAlive->write("GET /b HTTP/1.0\r\n\r\n");
    const Reply last = readReply(*keepAlive);
    QCOMPARE(last.status, 200);
    QCOMPARE(last.headers.value("connection"), QByteArray("close"));
    QVERIFY(waitForClose(*keepAlive));
}

void tst_HttpServer::pipelinedRequestsAnsweredInOrder()
{
    startServer();
    const auto client = connectClient();
    // The handler answers /reverse in reverse order and /slow later than the echo after it.
    client->write(get("/reverse?1") + get("/reverse?2") + get("/reverse?3") + get("/slow?ms=200") + get("/echo"));
    QCOMPARE(readReply(*client).body, QByteArray("1"));
    QCOMPARE(readReply(*client).body, QByteArray("2"));
    QCOMPARE(readReply(*client).body, QByteArray("3"));
    QCOMPARE(readReply(*client).body, QByteArray("slow"));
    QCOMPARE(readReply(*client).body, QByteArray("GET /echo "));
}

void tst_HttpServer::pipelineDepthIsLimited()
{
    HttpServerLimits limits;
    limits.maxPipelinedRequests = 1;
    startServer(limits);
    const auto client = connectClient();
    client->write(get("/slow?ms=400") + get("/echo"));
    QCOMPARE(readReply(*client).body, QByteArray("slow"));
    QCOMPARE(readReply(*client).body, QByteArray("GET /echo "));
    QCOMPARE(m_handler->handled.load(), 2);
    // The echo reached the handler only once the slow request had been answered.
    QCOMPARE(m_handler->slowOpenAtLastEcho.load(), 0);
}

void tst_HttpServer::aClientThatReadsLateGetsEveryResponseWholeAndInOrder()
{
    // Megabytes of answers to a client that reads only once it has sent everything: the kernel
    // takes the first ones whole, then part of one, and the socket queues the rest. Each answer
    // must still arrive once, whole, and in the order asked.
    startServer();
    const int fd = boundedSocket(m_port, SO_RCVBUF, 4096);
    QVERIFY(fd >= 0);
    constexpr int kRequests = 64;
    const auto bodyOf = [](int i) { return QByteArray(60'000, char('A' + i % 26)) + QByteArray::number(i); };
    QByteArray requests;
    for (int i = 0; i < kRequests; ++i) {
        const QByteArray body = bodyOf(i);
        requests += "POST /echo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_port)
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    QVERIFY2(sendAll(fd, requests), "the server stopped reading");
    QTcpSocket client;
    QVERIFY(client.setSocketDescriptor(fd));
    for (int i = 0; i < kRequests; ++i) {
        const Reply reply = readReply(client, 10'000);
        QCOMPARE(reply.status, 200);
        QVERIFY2(reply.body == "POST /echo " + bodyOf(i), qPrintable(QStringLiteral("answer %1").arg(i)));
    }
    QVERIFY(!client.waitForReadyRead(200)); // and nothing more
}

void tst_HttpServer::headersTooLargeGet431()
{
    startServer();
    const auto client = connectClient();
    // Never finished: the server must answer before the end of the headers.
    client->write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + QByteArray(20 * 1024, 'a'));
    const Reply reply = readReply(*client);
    QCOMPARE(reply.status, 431);
    QCOMPARE(problemCode(reply), QStringLiteral("header_fields_too_large"));
    QVERIFY(waitForClose(*client));
}

void tst_HttpServer::clientReadsThe413ForAHugeBody()
{
    startServer();
    const qsizetype size = 1024 * 1024;
    const QByteArray request = "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + QByteArray::number(size)
        + "\r\n\r\n" + QByteArray(size, 'x');
    for (int attempt = 0; attempt < 3; ++attempt) {
        // A plain blocking client like most: it sends the whole request before reading anything,
        // and gives up if sending fails (as it would if the server reset the connection).
        const SendThenRead result = sendThenRead(m_port, request);
        QVERIFY(result.sentAll);
        QVERIFY2(result.received.startsWith("HTTP/1.1 413 "), result.received.constData());
        QVERIFY(result.received.contains("Connection: close\r\n"));
        QVERIFY(result.received.contains("\"code\":\"payload_too_large\""));
    }
}

void tst_HttpServer::transferEncodingGets501()
{
    startServer();
    const auto client = connectClient();
    client->write("POST /x HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    const Reply reply = readReply(*client);
    QCOMPARE(reply.status, 501);
    QCOMPARE(problemCode(reply), QStringLiteral("transfer_encoding_not_supported"));
    QVERIFY(waitForClose(*client));
}

void tst_HttpServer::malformedGets400ThenClose()
{
    startServer();
    const auto client = connectClient();
    client->write("GARBAGE\r\n\r\n");
    const Reply reply = readReply(*client);
    QCOMPARE(reply.status, 400);
    QCOMPARE(problemCode(reply), QStringLiteral("malformed_request"));
    QVERIFY(waitForClose(*client));
}

void tst_HttpServer::idleTimeoutCloses()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 300;
    startServer(limits);
    const auto client = connectClient();
    client->write(get("/echo"));
    QCOMPARE(readReply(*client).status, 200);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(waitForClose(*client, 5000));
    QVERIFY2(timer.elapsed() >= 200, qPrintable(QString::number(timer.elapsed())));

    const auto silent = connectClient(); // never sends anything
    QVERIFY(waitForClose(*silent, 5000));
}

void tst_HttpServer::requestTimeoutClosesSlowClient()
{
    HttpServerLimits limits;
    limits.requestTimeoutMs = 400;
    startServer(limits);
    const auto client = connectClient();
    client->write("GET / HTTP/1.1\r\n");
    QElapsedTimer timer;
    timer.start();
    // A byte every 50 ms must not extend the deadline.
    while (client->state() == QAbstractSocket::ConnectedState && timer.elapsed() < 5000) {
        client->write("X");
        client->waitForDisconnected(50);
    }
    QCOMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QVERIFY2(timer.elapsed() >= 300 && timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

void tst_HttpServer::handlerIsNeverTimedOut()
{
    HttpServerLimits limits;
    limits.idleTimeoutMs = 150;
    limits.requestTimeoutMs = 150;
    startServer(limits);
    const auto client = connectClient();
    client->write(get("/slow?ms=600"));
    const Reply reply = readReply(*client);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.body, QByteArray("slow"));
}

void tst_HttpServer::connectionCapEvictsIdleConnection()
{
    HttpServerLimits limits;
    limits.maxConnections = 2;
    startServer(limits);
    const auto oldest = connectClient();
    oldest->write(get("/echo"));
    QCOMPARE(readReply(*oldest).status, 200);
    // The server stamped oldest's activity before its reply arrived; once its clock has moved on,
    // recent's activity is strictly later.
    const qint64 oldestAnsweredUs = HttpConnection::monotonicUs();
    QTRY_VERIFY(HttpConnection::monotonicUs() > oldestAnsweredUs);
    const auto recent = connectClient();
    recent->write(get("/echo"));
    QCOMPARE(readReply(*recent).status, 200);

    const auto newcomer = connectClient();
    newcomer->write(get("/echo"));
    QCOMPARE(readReply(*newcomer).status, 200);
    QVERIFY(waitForClose(*oldest));
    recent->write(get("/echo"));
    QCOMPARE(readReply(*recent).status, 200);
    QCOMPARE(onServer([this] { return m_server->connectionCount(); }), 2);
}

void tst_HttpServer::connectionCapRefusesWhenAllBusy()
{
    HttpServerLimits limits;
    limits.maxConnections = 2;
    startServer(limits);
    const auto first = connectClient();
    const auto second = connectClient();
    first->write(get("/slow?ms=800"));
    second->write(get("/slow?ms=800"));
    QTRY_COMPARE(m_handler->slowStarted.load(), 2);

    const auto refused = connectClient();
    const Reply reply = readReply(*refused);
    QCOMPARE(reply.status, 503);
    QCOMPARE(problemCode(reply), QStringLiteral("service_unavailable"));
    QVERIFY(waitForClose(*refused));
    QCOMPARE(readReply(*first).status, 200);
    QCOMPARE(readReply(*second).status, 200);
}

void tst_HttpServer::hostCheck()
{
    startServer();
    const QByteArray port = QByteArray::number(m_port);
    const auto client = connectClient();
    const auto statusFor = [&](const QByteArray &host) {
        client->write("GET /h HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        return readReply(*client).status;
    };
    client->write("GET /h HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    const Reply rejected = readReply(*client);
    QCOMPARE(rejected.status, 421);
    QCOMPARE(problemCode(rejected), QStringLiteral("host_not_allowed"));
    // The connection stays usable after a 421.
    QCOMPARE(statusFor("localhost:" + port), 200);
    QCOMPARE(statusFor("127.0.0.1:" + port), 200);
    QCOMPARE(statusFor("LocalHost"), 200);
    QCOMPARE(statusFor("evil.example:" + port), 421);
    QCOMPARE(statusFor("127.0.0.1.evil.example"), 421);
    QCOMPARE(statusFor("[::1]:" + port), 421); // not the listen address

    onServer([this] { m_server->setAllowedHosts({QStringLiteral("Bank.Example")}); });
    QCOMPARE(statusFor("bank.example:443"), 200);
    QCOMPARE(statusFor("evil.example"), 421);
    onServer([this] { m_server->setAllowedHosts({QStringLiteral("*")}); });
    QCOMPARE(statusFor("evil.example"), 200);
}

void tst_HttpServer::hostCheckOnWildcardAddress()
{
    startServer({}, QHostAddress::AnyIPv4);
    const auto client = connectClient();
    const auto statusFor = [&](const QByteArray &host) {
        client->write("GET /h HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        return readReply(*client).status;
    };
    QCOMPARE(statusFor("127.0.0.1"), 200);
    QCOMPARE(statusFor("localhost"), 200);
    QCOMPARE(statusFor(QHostInfo::localHostName().toUtf8()), 200);
    QCOMPARE(statusFor("0.0.0.0"), 421);
    QCOMPARE(statusFor("evil.example"), 421);
}

void tst_HttpServer::shutdownFinishesInFlightThenDrains()
{
    startServer();
    const auto idle = connectClient();
    idle->write(get("/echo"));
    QCOMPARE(readReply(*idle).status, 200);
    const auto busy = connectClient();
    busy->write(get("/slow?ms=500"));
    QTRY_COMPARE(m_handler->slowStarted.load(), 1);

    onServer([this] { m_server->shutdown(); });
    QVERIFY(onServer([this] { return m_server->isDraining(); }));
    QVERIFY(waitForClose(*idle, 1000));
    // A request arriving during the drain is refused, after the in-flight one is answered.
    busy->write(get("/echo"));
    const Reply inFlight = readReply(*busy);
    QCOMPARE(inFlight.status, 200);
    QCOMPARE(inFlight.body, QByteArray("slow"));
    const Reply refused = readReply(*busy);
    QCOMPARE(refused.status, 503);
    QCOMPARE(problemCode(refused), QStringLiteral("service_unavailable"));
    QCOMPARE(refused.headers.value("connection"), QByteArray("close"));
    QVERIFY(waitForClose(*busy));
    QTRY_COMPARE(m_drainedCount, 1);
    QCOMPARE(onServer([this] { return m_server->connectionCount(); }), 0);

    QTcpSocket late;
    late.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(!late.waitForConnected(1000));
    // Whatever the server thread has done by now has posted its signals: deliver them, then count.
    onServer([] { return true; });
    QCoreApplication::sendPostedEvents();
    QCOMPARE(m_drainedCount, 1);
}

void tst_HttpServer::responderMayOutliveServer()
{
    startServer();
    const auto client = connectClient();
    client->write(get("/slow?ms=300"));
    QTRY_COMPARE(m_handler->slowStarted.load(), 1);
    stopServer();
    QVERIFY(m_pool.waitForDone(5000)); // the worker answers into a server that is gone
    QVERIFY(waitForClose(*client));
}

void tst_HttpServer::logsEveryRequest()
{
    startServer();
    const auto client = connectClient();
    client->write(get("/echo/a%20b"));
    QCOMPARE(readReply(*client).status, 200);
    client->write("GET /x HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    QCOMPARE(readReply(*client).status, 421);
    const auto broken = connectClient();
    broken->write("BROKEN\r\n\r\n");
    QCOMPARE(readReply(*broken).status, 400);

    QTRY_COMPARE(m_log.size(), 3);
    QCOMPARE(m_log.at(0).method, QByteArray("GET"));
    QCOMPARE(m_log.at(0).path, QByteArray("/echo/a b"));
    QCOMPARE(m_log.at(0).status, 200);
    QCOMPARE(m_log.at(0).key, QStringLiteral("key-1"));
    QVERIFY(m_log.at(0).micros >= 0);
    QCOMPARE(m_log.at(1).status, 421);
    QCOMPARE(m_log.at(1).path, QByteArray("/x"));
    QCOMPARE(m_log.at(2).method, QByteArray("-"));
    QCOMPARE(m_log.at(2).status, 400);
}

QTEST_GUILESS_MAIN(tst_HttpServer)
#include "tst_httpserver.moc"
