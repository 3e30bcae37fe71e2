#pragma once

#include "server/http/HttpHandler.h"
#include "server/http/HttpLogEntry.h"
#include "server/http/HttpRequestParser.h"
#include "server/http/HttpServerLimits.h"
#include "server/http/ResponseMailbox.h"
#include "server/http/TrustedProxies.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QTcpSocket;

// One accepted TCP connection: parses requests, hands them to the handler, writes the responses
// back in request order (pipelining) and closes the connection when HTTP says so, on errors and
// on timeouts. Lives on the server's thread; deletes itself after emitting closed().
class HttpConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    // Why a complete request may not reach the handler (its Host, a missing secret), or nullopt.
    using Admission = std::function<std::optional<Problem>(const HttpRequest &request)>;

    HttpConnection(QTcpSocket *socket, HttpHandler *handler, const HttpServerLimits &limits, Admission admission,
                   std::shared_ptr<ResponseMailbox> mailbox, QObject *parent);

    // Who may say, in Forwarded/X-Forwarded-For, which client a request comes from.
    void setTrustedProxies(const TrustedProxies &proxies) { m_trustedProxies = proxies; }
    // A request is with the handler or its response is waiting to be written.
    bool isBusy() const;
    qint64 lastActivityUs() const;
    // Server shutdown: finish what is in flight, answer anything new with 503, then close.
    void drain();
    // Answer the first (possibly not yet received) request with this problem and close.
    void refuse(const Problem &problem);
    // Close at once; the server only evicts connections that are not busy.
    void evict();

    // Microseconds on a process-wide monotonic clock.
    static qint64 monotonicUs();

signals:
    void requestLogged(const HttpLogEntry &entry);
    void closed();

private:
    friend class ResponseMailbox; // deliver()

    struct Exchange
    {
        QByteArray method;
        QByteArray path;
        qint64 receivedAtUs = 0;
        bool keepAlive = false;
        std::optional<HttpResponse> response;
        QHostAddress client; // null until enqueue(): then the peer, unless a trusted proxy named another
    };
    enum class TimerMode { None, Idle, Request, Closing };

    void pump();
    bool readSocket();
    void dispatch(HttpRequest request);
    quint64 enqueue(Exchange exchange);
    void answerLocally(Exchange exchange, const Problem &problem);
    void complete(quint64 sequence, HttpResponse response);
    void deliver(quint64 sequence, HttpResponse response);
    void writeReadyResponses();
    void send(const QByteArray &bytes);
    void beginClose();
    void shutdownWrite();
    void discardInput();
    void finish();
    void updateTimer();
    void armTimer(TimerMode mode, int ms);
    void onTimeout();

    QTcpSocket *m_socket;
    HttpHandler *m_handler;
    HttpServerLimits m_limits;
    Admission m_admission;
    TrustedProxies m_trustedProxies;
    std::shared_ptr<ResponseMailbox> m_mailbox;
    HttpRequestParser m_parser;
    QTimer m_timer{this};
    TimerMode m_timerMode = TimerMode::None;

    std::map<quint64, Exchange> m_exchanges; // unanswered requests by sequence number, in order
    quint64 m_nextSequence = 0;
    qint64 m_requestStartedUs = 0;
    qint64 m_lastActivityUs = 0;
    qint64 m_discardedBytes = 0;
    bool m_stopParsing = false; // a response that closes the connection is queued
    bool m_draining = false;
    bool m_closing = false; // the last response is written; flushing, then lingering
    bool m_writeShut = false;
    bool m_finished = false;
};
