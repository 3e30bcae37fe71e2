#include "tests/support/TestHttpClient.h"

#include "shared/httpframing/HttpMessageFramer.h"
#include "shared/wire/IntegratedSecret.h"

#include <QJsonDocument>
#include <QTcpSocket>

QJsonObject TestResponse::json() const { return QJsonDocument::fromJson(body).object(); }

TestHttpClient::TestHttpClient(quint16 port, QByteArray host)
    : m_port(port),
      m_host(std::move(host)),
      m_connection(QString::fromLatin1(m_host), m_port)
{}

TestHttpClient::~TestHttpClient() = default;

TestResponse TestHttpClient::get(const QByteArray &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("GET", path, {}, headers, false);
}

TestResponse TestHttpClient::post(const QByteArray &path, const QByteArray &body,
                                  const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("POST", path, body, headers);
}

TestResponse TestHttpClient::postJson(const QByteArray &path, const QJsonObject &body,
                                      const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

TestResponse TestHttpClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                                     QList<QPair<QByteArray, QByteArray>> headers, bool withContentType)
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_host + ':' + QByteArray::number(m_port) + "\r\n";
    if (!m_token.isEmpty())
        headers.prepend({"Authorization", "Bearer " + m_token});
    if (!m_integratedSecret.isEmpty())
        headers.prepend({IntegratedSecret::kHeader, m_integratedSecret});
    if (withContentType && method != "GET")
        headers.prepend({"Content-Type", "application/json"});
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (method != "GET")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n" + body;
    const BlockingHttpClient::Exchange exchange = m_connection.exchange(out);
    TestResponse response = exchange.response ? responseOf(*exchange.response) : TestResponse();
    response.sent = exchange.sent;
    return response;
}

TestResponse TestHttpClient::responseOf(const HttpMessage &message)
{
    TestResponse response;
    response.status = message.status();
    response.headers = message.headers;
    response.body = message.body();
    return response;
}

TestResponse TestHttpClient::parse(const QByteArray &raw, qsizetype *consumed)
{
    HttpMessageFramer framer(HttpMessageFramer::Kind::Response);
    framer.append(raw);
    const std::optional<HttpMessage> message = framer.take();
    if (!message)
        return {};
    if (consumed)
        *consumed = message->bytes.size();
    return responseOf(*message);
}

QByteArray TestHttpClient::rawExchange(const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QString::fromLatin1(m_host), m_port);
    if (!socket.waitForConnected(BlockingHttpClient::kTimeoutMs))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(BlockingHttpClient::kTimeoutMs);
    QByteArray received;
    while (socket.waitForReadyRead(timeoutMs))
        received += socket.readAll();
    received += socket.readAll();
    return received;
}
