#include "app/faultproxy/FaultProxy.h"

#include "app/faultproxy/FaultProxyConnection.h"

#include "shared/wire/IntegratedSecret.h"

#include <QDateTime>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

FaultProxy::FaultProxy(QObject *parent) : QObject(parent), m_server(this)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::acceptConnections);
}

FaultProxy::~FaultProxy() { close(); }

void FaultProxy::setUpstream(const QHostAddress &host, quint16 port)
{
    const QMutexLocker lock(&m_mutex);
    m_upstreamHost = host;
    m_upstreamPort = port;
}

bool FaultProxy::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress(QHostAddress::LocalHost), port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FaultProxy::close()
{
    m_server.close();
    m_port = 0;
    m_held.clear();
    const QList<QPointer<FaultProxyConnection>> connections = std::exchange(m_connections, {});
    for (const QPointer<FaultProxyConnection> &connection : connections) {
        if (connection) {
            connection->abort();
            connection->deleteLater();
        }
    }
}

void FaultProxy::setSchedule(FaultSchedule schedule)
{
    const QMutexLocker lock(&m_mutex);
    m_schedule = std::move(schedule);
}

FaultSchedule FaultProxy::schedule() const
{
    const QMutexLocker lock(&m_mutex);
    return m_schedule;
}

void FaultProxy::setTargets(const QByteArrayList &requestLinePrefixes)
{
    const QMutexLocker lock(&m_mutex);
    m_targets = requestLinePrefixes;
}

void FaultProxy::setRequiredSecret(const QByteArray &secret)
{
    const QMutexLocker lock(&m_mutex);
    m_requiredSecret = secret;
}

bool FaultProxy::admit(const HttpMessage &request)
{
    const QMutexLocker lock(&m_mutex);
    if (m_requiredSecret.isEmpty()
        || IntegratedSecret::matches(request.header(IntegratedSecret::kHeader), m_requiredSecret))
        return true;
    ++m_counts.refused;
    return false;
}

void FaultProxy::setHopDelay(int milliseconds) { m_hopDelayMs = std::max(milliseconds, 0); }

void FaultProxy::setStepping(bool stepping)
{
    m_stepping = stepping;
    if (!stepping)
        QMetaObject::invokeMethod(this, &FaultProxy::releaseAll);
}

void FaultProxy::next()
{
    QMetaObject::invokeMethod(this, [this] {
        while (!m_held.isEmpty()) {
            const QPointer<FaultProxyConnection> connection = m_held.takeFirst();
            if (connection && connection->release())
                return;
        }
    });
}

void FaultProxy::holdUntilNext(FaultProxyConnection *connection) { m_held.append(connection); }

void FaultProxy::releaseAll()
{
    const QList<QPointer<FaultProxyConnection>> held = std::exchange(m_held, {});
    for (const QPointer<FaultProxyConnection> &connection : held) {
        if (connection)
            connection->release();
    }
}

FaultProxy::Counts FaultProxy::counts() const
{
    const QMutexLocker lock(&m_mutex);
    return m_counts;
}

void FaultProxy::resetCounts()
{
    const QMutexLocker lock(&m_mutex);
    m_counts = {};
    m_lastAttempt = 0;
}

void FaultProxy::acceptConnections()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        QHostAddress host;
        quint16 port = 0;
        int number = 0;
        {
            const QMutexLocker lock(&m_mutex);
            host = m_upstreamHost;
            port = m_upstreamPort;
            number = ++m_lastConnection;
            ++m_counts.connections;
        }
        auto *connection = new FaultProxyConnection(number, client, host, port, this);
        m_connections.append(connection);
        connect(connection, &FaultProxyConnection::finished, this, [this, connection] {
            m_connections.removeAll(connection);
            connection->deleteLater();
        });
    }
}

FaultAttempt FaultProxy::beginAttempt(int connection, const HttpMessage &request)
{
    FaultAttempt attempt;
    attempt.connection = connection;
    attempt.requestLine = request.startLine;
    attempt.idempotencyKey = request.header("idempotency-key");
    attempt.requestId = request.header("x-request-id");
    attempt.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    {
        const QMutexLocker lock(&m_mutex);
        attempt.number = ++m_lastAttempt;
        const bool targeted = m_targets.isEmpty()
            || std::any_of(m_targets.cbegin(), m_targets.cend(),
                           [&request](const QByteArray &prefix) { return request.startLine.startsWith(prefix); });
        attempt.scheduled = targeted;
        attempt.applied = targeted ? m_schedule.next() : FaultCase::Pass;
        ++m_counts.attempts;
        switch (attempt.applied) {
        case FaultCase::Pass:
            break;
        case FaultCase::DropRequest:
            ++m_counts.droppedRequests;
            break;
        case FaultCase::CutDuringProcessing:
            ++m_counts.cutDuringProcessing;
            break;
        case FaultCase::DropResponse:
            ++m_counts.droppedResponses;
            break;
        }
    }
    emit attemptStarted(attempt);
    return attempt;
}

void FaultProxy::endAttempt(const FaultAttempt &attempt) { emit attemptFinished(attempt); }
