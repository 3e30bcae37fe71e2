#pragma once

#include "shared/httpframing/HttpMessage.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>

class QTcpSocket;

// One kept-alive HTTP/1.1 connection driven by blocking calls, for the tests and the bench's own
// setup calls. Every byte it sends is one the caller wrote, and nothing is re-sent behind the
// caller's back (unlike QNetworkAccessManager): if the kept-alive connection turns out closed, it
// reconnects before sending, never after. Usable from any thread, one at a time.
class BlockingHttpClient
{
    Q_DISABLE_COPY_MOVE(BlockingHttpClient)
public:
    static constexpr int kTimeoutMs = 30'000;

    struct Exchange
    {
        bool sent = false;                   // the whole request went out on an established connection
        std::optional<HttpMessage> response; // none: the connection closed, timed out or was unframeable
    };

    BlockingHttpClient(QString host, quint16 port);
    ~BlockingHttpClient();

    // Sends `request`, a complete HTTP/1.1 request, and reads the response to it.
    Exchange exchange(const QByteArray &request);

    // Reads the next response from `socket`, leaving whatever follows it in the socket; none if
    // no whole response arrives within `timeoutMs` or the bytes cannot be framed.
    static std::optional<HttpMessage> readResponse(QTcpSocket &socket, int timeoutMs,
                                                   QByteArrayView requestMethod = {});

private:
    bool ensureConnected();

    QString m_host;
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
};
