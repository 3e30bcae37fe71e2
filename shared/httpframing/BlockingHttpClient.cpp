#include "shared/httpframing/BlockingHttpClient.h"

#include "shared/httpframing/HttpMessageFramer.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

BlockingHttpClient::BlockingHttpClient(QString host, quint16 port) : m_host(std::move(host)), m_port(port) {}

BlockingHttpClient::~BlockingHttpClient() = default;

bool BlockingHttpClient::ensureConnected()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        // A connection the server has closed since (its idle timeout) reads as connected until the
        // socket is looked at: look, so the request goes out on a live one.
        m_socket->waitForReadyRead(0);
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            return true;
    }
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(m_host, m_port);
    if (!m_socket->waitForConnected(kTimeoutMs))
        return false;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    return true;
}

BlockingHttpClient::Exchange BlockingHttpClient::exchange(const QByteArray &request)
{
    if (!ensureConnected())
        return {};
    m_socket->write(request);
    if (!m_socket->waitForBytesWritten(kTimeoutMs)) {
        m_socket.reset();
        return {};
    }
    Exchange exchange;
    exchange.sent = true;
    const QByteArrayView method = QByteArrayView(request).first(qMax<qsizetype>(0, request.indexOf(' ')));
    exchange.response = readResponse(*m_socket, kTimeoutMs, method);
    // Without a response the stream is out of step with the requests; a fresh connection is not.
    if (!exchange.response || exchange.response->closesConnection())
        m_socket.reset();
    return exchange;
}

std::optional<HttpMessage> BlockingHttpClient::readResponse(QTcpSocket &socket, int timeoutMs,
                                                            QByteArrayView requestMethod)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        // Framed afresh from what the socket holds, so bytes after the response stay in the socket.
        HttpMessageFramer framer(HttpMessageFramer::Kind::Response);
        framer.append(socket.peek(socket.bytesAvailable()));
        if (std::optional<HttpMessage> response = framer.take(requestMethod)) {
            socket.skip(response->bytes.size());
            return response;
        }
        if (framer.failed() || deadline.hasExpired() || !socket.waitForReadyRead(int(deadline.remainingTime())))
            return std::nullopt;
    }
}
