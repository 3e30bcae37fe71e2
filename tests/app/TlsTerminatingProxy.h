#pragma once

#include <QObject>
#include <QSslConfiguration>
#include <QSslServer>
#include <QUrl>

// An https front for a plain-HTTP bank server in a test, the way a TLS-terminating reverse proxy
// sits in front of bank-server in production: a QSslServer on 127.0.0.1 that forwards the
// decrypted bytes of each connection to the bank and its answers back. Counts what it received,
// so a test can tell that a client whose handshake failed sent nothing and did not come back.
class TlsTerminatingProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TlsTerminatingProxy)
public:
    explicit TlsTerminatingProxy(quint16 upstreamPort, QObject *parent = nullptr);

    // Starts listening with this certificate; returns why not.
    QString listen(const QSslConfiguration &configuration);
    // Another certificate for the connections from now on. Open ones are closed, so a client
    // meets the new certificate on its next request.
    void setSslConfiguration(const QSslConfiguration &configuration);
    QUrl url() const;

    // Connections whose TLS handshake began, and those that completed it.
    int handshakesStarted() const { return m_handshakesStarted; }
    int handshakesCompleted() const { return m_handshakesCompleted; }
    // Decrypted bytes received from clients (and forwarded to the bank).
    qint64 bytesReceived() const { return m_bytesReceived; }

private:
    void forward(QSslSocket *client);

    QSslServer m_server;
    quint16 m_upstreamPort;
    int m_handshakesStarted = 0;
    int m_handshakesCompleted = 0;
    qint64 m_bytesReceived = 0;
};
