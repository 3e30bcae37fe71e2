#include "TestHttpClient.h"

#include "api/IntegratedSecret.h"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace {
constexpr int kTimeoutMs = 30'000;
}

QByteArray TestResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonObject TestResponse::json() const { return QJsonDocument::fromJson(body).object(); }

TestHttpClient::TestHttpClient(quint16 port, QByteArray host) : m_port(port), m_host(std::move(host)) {}

TestHttpClient::~TestHttpClient() = default;

bool TestHttpClient::ensureConnected()
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        return true;
    m_socket = std::make_unique<QTcpSocket>();
    m_buffer.clear();
    m_socket->connectToHost(QString::fromLatin1(m_host), m_port);
    return m_socket->waitForConnected(kTimeoutMs);
}

TestResponse TestHttpClient::get(const QByteArray &path, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("GET", path, {}, headers, false);
}

TestResponse TestHttpClient::post(const QByteArray &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("POST", path, body, headers);
}

TestResponse TestHttpClient::postJson(const QByteArray &path, const QJsonObject &body, const QList<QPair<QByteArray, QByteArray>> &headers)
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
    // One attempt only: if the kept-alive connection turns out closed, reconnect before sending,
    // never after.
    if (!ensureConnected())
        return {};
    m_socket->write(out);
    if (!m_socket->waitForBytesWritten(kTimeoutMs))
        return {};
    TestResponse response = readResponse();
    response.sent = true;
    return response;
}

TestResponse TestHttpClient::readResponse()
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kTimeoutMs) {
        qsizetype consumed = 0;
        TestResponse response = parse(m_buffer, &consumed);
        if (response.status != 0) {
            m_buffer.remove(0, consumed);
            if (response.header("connection").compare("close", Qt::CaseInsensitive) == 0)
                m_socket.reset();
            return response;
        }
        if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(int(kTimeoutMs - timer.elapsed()))) {
            if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0) {
                m_socket.reset();
                return {};
            }
        }
        m_buffer += m_socket->readAll();
    }
    return {};
}

TestResponse TestHttpClient::parse(const QByteArray &raw, qsizetype *consumed)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0)
        return {};
    const QList<QByteArray> lines = raw.left(end).split('\n');
    TestResponse response;
    const QList<QByteArray> statusLine = lines.constFirst().trimmed().split(' ');
    if (statusLine.size() < 2)
        return {};
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            length = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (raw.size() < end + 4 + length)
        return {};
    response.status = statusLine[1].toInt();
    response.body = raw.mid(end + 4, length);
    if (consumed)
        *consumed = end + 4 + length;
    return response;
}

QByteArray TestHttpClient::rawExchange(const QByteArray &bytes, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QString::fromLatin1(m_host), m_port);
    if (!socket.waitForConnected(kTimeoutMs))
        return {};
    socket.write(bytes);
    socket.waitForBytesWritten(kTimeoutMs);
    QByteArray received;
    while (socket.waitForReadyRead(timeoutMs))
        received += socket.readAll();
    received += socket.readAll();
    return received;
}
