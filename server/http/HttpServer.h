#pragma once

#include "server/http/HttpConnection.h"
#include "server/http/HttpHandler.h"
#include "server/http/HttpLogEntry.h"
#include "server/http/HttpServerLimits.h"
#include "server/http/ResponseMailbox.h"
#include "server/http/TrustedProxies.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTcpServer>

#include <memory>
#include <optional>

// A small, strict HTTP/1.1 server. The handler (which must outlive the server) is called on the
// thread the server lives in; call the server's functions on that thread too.
class HttpServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(HttpHandler *handler, HttpServerLimits limits = {}, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port); // port 0 = any free port
    QString errorString() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    // Host names allowed besides localhost and the listen address(es); "*" disables the check.
    void setAllowedHosts(const QStringList &hosts);
    // Proxies whose Forwarded/X-Forwarded-For names the client (for the handler and the log).
    void setTrustedProxies(const TrustedProxies &proxies) { m_trustedProxies = proxies; }
    // Every request must carry this in IntegratedSecret::kHeader, else it is answered 401 before
    // the handler sees it. Empty (the default): no secret needed.
    void setRequiredSecret(const QByteArray &secret) { m_requiredSecret = secret; }
    int connectionCount() const;
    bool isDraining() const;
    // Stop accepting, close idle connections, finish in-flight requests, then emit drained().
    void shutdown();

signals:
    void requestCompleted(const HttpLogEntry &entry);
    void drained();

private:
    void acceptConnections();
    bool evictIdleConnection();
    bool isHostAllowed(const QByteArray &host) const;
    std::optional<Problem> admission(const HttpRequest &request) const;
    void updateAllowedHosts();
    void emitDrainedIfDone();

    HttpHandler *m_handler;
    HttpServerLimits m_limits;
    std::shared_ptr<ResponseMailbox> m_mailbox;
    QTcpServer m_tcpServer{this};
    QList<HttpConnection *> m_connections; // each deletes itself after closed(), which removes it here
    TrustedProxies m_trustedProxies;
    QStringList m_extraHosts;
    QSet<QByteArray> m_allowedHosts; // lower-case; IPv6 literals in brackets
    bool m_anyHost = false;
    QByteArray m_requiredSecret;
    bool m_draining = false;
    bool m_drainedEmitted = false;
};
