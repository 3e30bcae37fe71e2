#include "tests/app/TlsTerminatingProxy.h"

#include <QHostAddress>
#include <QSslSocket>
#include <QTcpSocket>

TlsTerminatingProxy::TlsTerminatingProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent),
      m_server(this),
      m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this] { ++m_handshakesStarted; });
    // QSslServer offers a connection only once its handshake has completed.
    connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
        while (m_server.hasPendingConnections()) {
            ++m_handshakesCompleted;
            forward(qobject_cast<QSslSocket *>(m_server.nextPendingConnection()));
        }
    });
}

QString TlsTerminatingProxy::listen(const QSslConfiguration &configuration)
{
    m_server.setSslConfiguration(configuration);
    return m_server.listen(QHostAddress::LocalHost) ? QString() : m_server.errorString();
}

void TlsTerminatingProxy::setSslConfiguration(const QSslConfiguration &configuration)
{
    m_server.setSslConfiguration(configuration);
    for (QSslSocket *client : m_server.findChildren<QSslSocket *>(Qt::FindDirectChildrenOnly))
        client->abort();
}

QUrl TlsTerminatingProxy::url() const
{
    return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_server.serverPort()));
}

void TlsTerminatingProxy::forward(QSslSocket *client)
{
    if (!client)
        return;
    auto *upstream = new QTcpSocket(client);
    // Written while it connects, the bytes wait in its buffer.
    upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    const auto pump = [this, client, upstream] {
        const QByteArray bytes = client->readAll();
        m_bytesReceived += bytes.size();
        upstream->write(bytes);
    };
    connect(client, &QSslSocket::readyRead, upstream, pump);
    connect(upstream, &QTcpSocket::readyRead, client, [client, upstream] { client->write(upstream->readAll()); });
    connect(upstream, &QTcpSocket::disconnected, client, &QSslSocket::disconnectFromHost);
    connect(client, &QSslSocket::disconnected, client, [client, upstream] {
        upstream->disconnectFromHost();
        client->deleteLater();
    });
    pump(); // what arrived with the end of the handshake
}
