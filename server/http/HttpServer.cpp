#include "server/http/HttpServer.h"

#include "shared/wire/IntegratedSecret.h"

#include <QHostInfo>
#include <QMetaObject>
#include <QNetworkInterface>
#include <QTcpSocket>

namespace {

// How an address appears in a Host header.
QByteArray hostLiteral(QHostAddress address)
{
    address.setScopeId({});
    const QByteArray text = address.toString().toLatin1().toLower();
    return address.protocol() == QAbstractSocket::IPv6Protocol ? "[" + text + "]" : text;
}

bool isWildcard(const QHostAddress &address)
{
    return address == QHostAddress::Any || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6;
}

} // namespace

HttpServer::HttpServer(HttpHandler *handler, HttpServerLimits limits, QObject *parent)
    : QObject(parent),
      m_handler(handler),
      m_limits(limits),
      m_mailbox(std::make_shared<ResponseMailbox>(this))
{
    connect(&m_tcpServer, &QTcpServer::newConnection, this, &HttpServer::acceptConnections);
}

HttpServer::~HttpServer()
{
    // Responders still held by worker threads must not post to a destroyed object.
    m_mailbox->close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer.listen(address, port))
        return false;
    updateAllowedHosts();
    return true;
}

QString HttpServer::errorString() const { return m_tcpServer.errorString(); }

QHostAddress HttpServer::serverAddress() const { return m_tcpServer.serverAddress(); }

quint16 HttpServer::serverPort() const { return m_tcpServer.serverPort(); }

void HttpServer::setAllowedHosts(const QStringList &hosts)
{
    m_extraHosts = hosts;
    updateAllowedHosts();
}

int HttpServer::connectionCount() const { return static_cast<int>(m_connections.size()); }

bool HttpServer::isDraining() const { return m_draining; }

void HttpServer::shutdown()
{
    if (m_draining)
        return;
    m_draining = true;
    m_tcpServer.close();
    const QList<HttpConnection *> connections = m_connections;
    for (HttpConnection *connection : connections)
        connection->drain();
    emitDrainedIfDone();
}

void HttpServer::acceptConnections()
{
    while (QTcpSocket *socket = m_tcpServer.nextPendingConnection()) {
        const auto admit = [this](const HttpRequest &request) { return admission(request); };
        auto *connection = new HttpConnection(socket, m_handler, m_limits, admit, m_mailbox, this);
        connection->setTrustedProxies(m_trustedProxies);
        connect(connection, &HttpConnection::requestLogged, this, &HttpServer::requestCompleted);
        connect(connection, &HttpConnection::closed, this, [this, connection] {
            m_connections.removeOne(connection);
            emitDrainedIfDone();
        });
        if (m_connections.size() >= m_limits.maxConnections && !evictIdleConnection()) {
            // Not counted: a refused connection closes itself within the linger time.
            connection->refuse(Problem(ProblemCode::ServiceUnavailable,
                                       QStringLiteral("Too many connections are busy; try again later")));
        } else {
            m_connections.append(connection);
        }
    }
}

bool HttpServer::evictIdleConnection()
{
    HttpConnection *victim = nullptr;
    for (HttpConnection *connection : std::as_const(m_connections)) {
        if (!connection->isBusy() && (!victim || connection->lastActivityUs() < victim->lastActivityUs()))
            victim = connection;
    }
    if (!victim)
        return false;
    victim->evict();
    return true;
}

bool HttpServer::isHostAllowed(const QByteArray &host) const
{
    // DNS rebinding needs a browser, and browsers always send Host; only HTTP/1.0 may omit it.
    if (host.isNull() || m_anyHost)
        return true;
    QByteArray name = host.toLower();
    if (name.startsWith('[')) {
        const qsizetype end = name.indexOf(']');
        if (end < 0)
            return false;
        name.truncate(end + 1);
    } else if (const qsizetype colon = name.lastIndexOf(':'); colon >= 0) {
        name.truncate(colon);
    }
    return m_allowedHosts.contains(name);
}

std::optional<Problem> HttpServer::admission(const HttpRequest &request) const
{
    const QByteArray host = request.header("host");
    if (!isHostAllowed(host))
        return Problem(ProblemCode::HostNotAllowed,
                       QStringLiteral("This server does not answer for Host '%1'").arg(QString::fromLatin1(host)));
    // Before routing, so a stranger reaches nothing: not even the sign-in throttle or /healthz.
    if (!m_requiredSecret.isEmpty()
        && !IntegratedSecret::matches(request.header(IntegratedSecret::kHeader), m_requiredSecret))
        return IntegratedSecret::refusal();
    return std::nullopt;
}

void HttpServer::updateAllowedHosts()
{
    m_anyHost = m_extraHosts.contains(QStringLiteral("*"));
    m_allowedHosts = {"localhost"};
    for (const QString &host : std::as_const(m_extraHosts))
        m_allowedHosts.insert(host.toLower().toUtf8());
    const QHostAddress address = m_tcpServer.serverAddress();
    if (isWildcard(address)) {
        const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &local : addresses)
            m_allowedHosts.insert(hostLiteral(local));
        m_allowedHosts.insert(QHostInfo::localHostName().toLower().toUtf8());
    } else if (!address.isNull()) {
        m_allowedHosts.insert(hostLiteral(address));
    }
}

void HttpServer::emitDrainedIfDone()
{
    if (!m_draining || m_drainedEmitted || !m_connections.isEmpty())
        return;
    m_drainedEmitted = true;
    // Queued, so that whoever called shutdown() can still connect to drained().
    QMetaObject::invokeMethod(this, &HttpServer::drained, Qt::QueuedConnection);
}
