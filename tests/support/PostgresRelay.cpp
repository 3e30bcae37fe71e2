#include "tests/support/PostgresRelay.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <memory>

namespace {

// The start of a connection: SSLRequest and GSSENCRequest may come before the startup message,
// and none of them has a type byte.
constexpr quint32 kSslRequest = 80877103;
constexpr quint32 kGssEncryptionRequest = 80877104;

// Counts the 'Q' messages in what a client sends, whatever pieces it arrives in.
class FrontendStream
{
public:
    explicit FrontendStream(std::atomic<int> &queries) : m_queries(queries) {}

    void append(const QByteArray &bytes)
    {
        m_pending += bytes;
        while (true) {
            const qsizetype header = m_started ? 5 : 8;
            if (m_pending.size() < header)
                return;
            const auto *data = reinterpret_cast<const uchar *>(m_pending.constData());
            const qsizetype length = qFromBigEndian<quint32>(data + (m_started ? 1 : 0)) + (m_started ? 1 : 0);
            if (m_pending.size() < length)
                return;
            if (m_started) {
                if (m_pending.at(0) == 'Q')
                    ++m_queries;
            } else {
                const quint32 code = qFromBigEndian<quint32>(data + 4);
                m_started = code != kSslRequest && code != kGssEncryptionRequest;
            }
            m_pending.remove(0, length);
        }
    }

private:
    std::atomic<int> &m_queries;
    QByteArray m_pending;
    bool m_started = false;
};

void relay(QTcpSocket *client, const DatabaseConfig::Endpoint &upstream, std::atomic<int> &queries)
{
    auto *server = new QTcpSocket(client);
    auto stream = std::make_shared<FrontendStream>(queries);
    QObject::connect(client, &QTcpSocket::readyRead, server, [client, server, stream] {
        const QByteArray bytes = client->readAll();
        stream->append(bytes);
        server->write(bytes);
    });
    QObject::connect(server, &QTcpSocket::readyRead, client, [client, server] { client->write(server->readAll()); });
    QObject::connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    QObject::connect(server, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
    QObject::connect(server, &QTcpSocket::errorOccurred, client, &QTcpSocket::disconnectFromHost);
    // Nothing the client sends before the server connection stands is lost: it waits in the socket.
    QObject::connect(server, &QTcpSocket::connected, client, [client, server, stream] {
        const QByteArray bytes = client->readAll();
        stream->append(bytes);
        server->write(bytes);
    });
    server->connectToHost(upstream.host, quint16(upstream.port));
}

} // namespace

PostgresRelay::PostgresRelay(const DatabaseConfig::Endpoint &upstream)
{
    m_thread.setObjectName(QStringLiteral("postgres-relay"));
    m_context.moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
        &m_context,
        [this, upstream] {
            m_server = new QTcpServer(&m_context);
            QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this, upstream] {
                while (QTcpSocket *client = m_server->nextPendingConnection())
                    relay(client, upstream, m_queries);
            });
            if (m_server->listen(QHostAddress::LocalHost))
                m_port = m_server->serverPort();
            else
                m_error = m_server->errorString();
        },
        Qt::BlockingQueuedConnection);
}

PostgresRelay::~PostgresRelay()
{
    // Its sockets are deleted on their own thread, with it.
    QMetaObject::invokeMethod(
        &m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

DatabaseConfig PostgresRelay::through(DatabaseConfig config) const
{
    config.endpoints = {{QStringLiteral("127.0.0.1"), m_port}};
    return config;
}
