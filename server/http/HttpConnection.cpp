#include "server/http/HttpConnection.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QPointer>
#include <QTcpSocket>

#include <sys/socket.h>

#include <algorithm>
#include <utility>

namespace {

// After the last response: how long, and how much, we keep reading what the client still sends.
constexpr int kLingerMs = 2000;
constexpr qint64 kMaxDiscardBytes = 2 * 1024 * 1024;

bool wantsKeepAlive(const HttpRequest &request)
{
    bool close = false;
    bool keepAlive = false;
    for (const auto &[name, value] : request.headers) {
        if (name != "connection")
            continue;
        for (const QByteArray &option : value.split(',')) {
            const QByteArray token = option.trimmed().toLower();
            close = close || token == "close";
            keepAlive = keepAlive || token == "keep-alive";
        }
    }
    return !close && (request.minorVersion >= 1 || keepAlive);
}

QByteArray orDash(const QByteArray &text) { return text.isEmpty() ? QByteArray("-") : text; }

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpHandler *handler, const HttpServerLimits &limits,
                               Admission admission, std::shared_ptr<ResponseMailbox> mailbox, QObject *parent)
    : QObject(parent),
      m_socket(socket),
      m_handler(handler),
      m_limits(limits),
      m_admission(std::move(admission)),
      m_mailbox(std::move(mailbox)),
      m_parser(limits),
      m_lastActivityUs(monotonicUs())
{
    m_socket->setParent(this);
    // While we are not parsing (pipeline full), Qt stops reading here and TCP pushes back.
    m_socket->setReadBufferSize(limits.maxHeaderBytes + limits.maxBodyBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { m_closing ? discardInput() : pump(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        m_lastActivityUs = monotonicUs();
        if (m_closing && !m_writeShut && m_socket->bytesToWrite() == 0)
            shutdownWrite();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &HttpConnection::finish);
    updateTimer();
}

bool HttpConnection::isBusy() const { return !m_exchanges.empty(); }

qint64 HttpConnection::lastActivityUs() const { return m_lastActivityUs; }

void HttpConnection::drain()
{
    if (m_finished)
        return;
    m_draining = true;
    // Idle, or only part of a request: nothing is owed to the client.
    if (m_exchanges.empty())
        beginClose();
}

void HttpConnection::refuse(const Problem &problem)
{
    answerLocally({"-", "-", monotonicUs(), false, {}, {}}, problem);
}

void HttpConnection::evict() { finish(); }

qint64 HttpConnection::monotonicUs()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.nsecsElapsed() / 1000;
}

void HttpConnection::pump()
{
    while (!m_closing && !m_stopParsing && static_cast<qsizetype>(m_exchanges.size()) < m_limits.maxPipelinedRequests) {
        const HttpRequestParser::Status status = m_parser.next();
        if (status == HttpRequestParser::Status::Complete) {
            dispatch(m_parser.takeRequest());
        } else if (status == HttpRequestParser::Status::Failed) {
            const HttpRequest &partial = m_parser.current();
            answerLocally({orDash(partial.method), orDash(partial.path), m_requestStartedUs, false, {}, {}},
                          m_parser.error());
        } else if (!readSocket()) {
            break;
        }
    }
    updateTimer();
}

bool HttpConnection::readSocket()
{
    // Copied out in pieces rather than with readAll(), which takes the socket's 16 KiB read
    // chunk with the bytes and so makes the socket allocate a new one for every read.
    char piece[4096];
    qint64 got = m_socket->read(piece, sizeof piece);
    if (got <= 0)
        return false;
    m_lastActivityUs = monotonicUs();
    if (!m_parser.hasBufferedBytes())
        m_requestStartedUs = m_lastActivityUs;
    do {
        m_parser.append(QByteArrayView(piece, got));
    } while ((got = m_socket->read(piece, sizeof piece)) > 0);
    return true;
}

void HttpConnection::dispatch(HttpRequest request)
{
    request.peerAddress = m_socket->peerAddress();
    request.clientAddress = m_trustedProxies.clientAddress(request);
    request.receivedAtUs = m_requestStartedUs;
    // Pipelined bytes already buffered belong to the next request, which starts now.
    if (m_parser.hasBufferedBytes())
        m_requestStartedUs = monotonicUs();
    Exchange exchange{request.method,          request.path, request.receivedAtUs,
                      wantsKeepAlive(request), {},           request.clientAddress};

    if (m_draining) {
        exchange.keepAlive = false;
        answerLocally(std::move(exchange),
                      Problem(ProblemCode::ServiceUnavailable, QStringLiteral("The server is shutting down")));
        return;
    }
    if (const std::optional<Problem> refused = m_admission(request)) {
        answerLocally(std::move(exchange), *refused);
        return;
    }

    const quint64 sequence = enqueue(std::move(exchange));
    // The connection may be gone when the response arrives, so it is looked up on the network
    // thread only; the mailbox, not the connection, is what a worker thread touches.
    HttpResponder responder([connection = QPointer<HttpConnection>(this), sequence, mailbox = m_mailbox](
                                HttpResponse response) { mailbox->post(connection, sequence, std::move(response)); });
    m_handler->handle(std::move(request), std::move(responder));
}

quint64 HttpConnection::enqueue(Exchange exchange)
{
    // Nothing after a response that closes the connection would ever be answered.
    if (!exchange.keepAlive)
        m_stopParsing = true;
    if (exchange.client.isNull())
        exchange.client = m_socket->peerAddress();
    const quint64 sequence = m_nextSequence++;
    m_exchanges.emplace(sequence, std::move(exchange));
    return sequence;
}

void HttpConnection::answerLocally(Exchange exchange, const Problem &problem)
{
    complete(enqueue(std::move(exchange)), HttpResponse::problem(problem));
}

void HttpConnection::complete(quint64 sequence, HttpResponse response)
{
    const auto it = m_exchanges.find(sequence);
    if (it == m_exchanges.end() || it->second.response)
        return;
    it->second.response = std::move(response);
    writeReadyResponses();
}

void HttpConnection::deliver(quint64 sequence, HttpResponse response)
{
    if (m_finished)
        return;
    complete(sequence, std::move(response));
    pump(); // a full pipeline may have room again
}

void HttpConnection::writeReadyResponses()
{
    while (!m_closing && !m_exchanges.empty() && m_exchanges.begin()->second.response) {
        const Exchange exchange = std::move(m_exchanges.begin()->second);
        m_exchanges.erase(m_exchanges.begin());
        const HttpResponse &response = *exchange.response;
        const bool keepAlive = exchange.keepAlive && !response.closeConnection && !(m_draining && m_exchanges.empty());
        m_lastActivityUs = monotonicUs();

        // Logged before the bytes leave: whoever holds a response can already find its log line
        // (the desktop's Server log, a test counting requests); send() may hand the response to
        // the kernel at once, and the client can read it before this thread runs on.
        HttpLogEntry entry;
        entry.method = exchange.method;
        entry.path = exchange.path;
        entry.status = response.status;
        entry.key = response.logKey;
        entry.replayed = response.replayed;
        entry.micros = m_lastActivityUs - exchange.receivedAtUs;
        entry.client = exchange.client;
        entry.userId = response.logUserId;
        emit requestLogged(entry);

        send(response.serialize(keepAlive));

        if (!keepAlive)
            beginClose();
    }
}

void HttpConnection::send(const QByteArray &bytes)
{
    // QTcpSocket queues every write and sends it from its write notifier; under Qt's glib event
    // dispatcher, turning that notifier on and off again wakes the event loop through its eventfd
    // each time: two write(2)s and one more turn of the loop per response, a fifth of a health
    // check's CPU. So while nothing is queued, the bytes go to the kernel here; what it does not
    // take at once (or an error) is left to the socket, after them, as before.
    qsizetype sent = 0;
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0 && m_socket->bytesToWrite() == 0) {
        const ssize_t taken = ::send(static_cast<int>(descriptor), bytes.constData(), static_cast<size_t>(bytes.size()),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
        sent = std::max<qsizetype>(taken, 0);
    }
    if (sent < bytes.size())
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
}

void HttpConnection::beginClose()
{
    if (m_closing)
        return;
    m_closing = true;
    m_stopParsing = true;
    armTimer(TimerMode::Closing, m_limits.requestTimeoutMs); // for the client to take the response
    m_socket->flush();                                       // may fail and finish() at once
    if (!m_finished && m_socket->bytesToWrite() == 0)
        shutdownWrite();
}

void HttpConnection::shutdownWrite()
{
    // Half-close and keep reading (and dropping) what the client still sends: closing with unread
    // request bytes would make the kernel send a reset, which can destroy the response before the
    // client has read it (the classic lost 413). The client's close, or the linger bound, ends it.
    m_writeShut = true;
    ::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR);
    armTimer(TimerMode::Closing, kLingerMs);
    discardInput();
}

void HttpConnection::discardInput()
{
    m_discardedBytes += m_socket->readAll().size();
    if (m_discardedBytes > kMaxDiscardBytes)
        finish();
}

void HttpConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_socket->abort();
    emit closed();
    deleteLater();
}

void HttpConnection::updateTimer()
{
    if (m_closing)
        return;
    if (!m_exchanges.empty()) {
        // Never time out while the handler works or a response waits for an earlier one.
        m_timer.stop();
        m_timerMode = TimerMode::None;
    } else if (m_parser.hasBufferedBytes()) {
        // Counted from the request's first byte: a trickling client does not extend it.
        if (m_timerMode != TimerMode::Request)
            armTimer(TimerMode::Request, m_limits.requestTimeoutMs);
    } else {
        armTimer(TimerMode::Idle, m_limits.idleTimeoutMs);
    }
}

void HttpConnection::armTimer(TimerMode mode, int ms)
{
    m_timerMode = mode;
    m_timer.start(ms);
}

void HttpConnection::onTimeout()
{
    switch (m_timerMode) {
    case TimerMode::Request:
        // Part of a request came and the rest did not: say so (RFC 9110, 408) before closing. An
        // idle connection is closed silently; a client may already be sending its next request
        // on it and would take an unasked 408 for that request's answer.
        answerLocally({"-", "-", m_requestStartedUs, false, {}, {}},
                      Problem(ProblemCode::RequestTimeout,
                              QStringLiteral("The request was not complete %1 ms after its first byte")
                                  .arg(m_limits.requestTimeoutMs)));
        break;
    case TimerMode::Closing:
        finish();
        break;
    case TimerMode::Idle:
    case TimerMode::None:
        beginClose();
        break;
    }
}
