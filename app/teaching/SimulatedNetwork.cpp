#include "app/teaching/SimulatedNetwork.h"

#include "app/faultproxy/FaultProxy.h"
#include "app/faultproxy/FaultProxyThread.h"

SimulatedNetwork::SimulatedNetwork(QObject *parent) : QObject(parent) {}

SimulatedNetwork::~SimulatedNetwork() { stop(); }

QString SimulatedNetwork::start(quint16 upstreamPort, const QByteArray &secret)
{
    if (m_proxy && m_upstreamPort == upstreamPort)
        return {};
    stop();
    auto proxy = std::make_unique<FaultProxyThread>(QHostAddress(QHostAddress::LocalHost), upstreamPort);
    proxy->setRequiredSecret(secret);
    if (const QString failure = proxy->start(); !failure.isEmpty())
        return failure;
    proxy->proxy()->setTargets(NetworkSimulation::requestLines(NetworkSimulation::Target::Transfers));
    // Queued: the proxy reports from its own thread.
    connect(proxy->proxy(), &FaultProxy::attemptStarted, this, &SimulatedNetwork::attemptStarted, Qt::QueuedConnection);
    connect(proxy->proxy(), &FaultProxy::attemptMoved, this, &SimulatedNetwork::attemptMoved, Qt::QueuedConnection);
    connect(proxy->proxy(), &FaultProxy::attemptFinished, this, &SimulatedNetwork::attemptFinished,
            Qt::QueuedConnection);
    m_proxy = std::move(proxy);
    m_upstreamPort = upstreamPort;
    setPace(m_pace);
    return {};
}

void SimulatedNetwork::stop()
{
    if (!m_proxy)
        return;
    m_proxy->stop();
    m_proxy.reset();
    m_upstreamPort = 0;
}

QUrl SimulatedNetwork::url() const
{
    return m_proxy ? QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxy->port())) : QUrl();
}

void SimulatedNetwork::setSchedule(const FaultSchedule &schedule)
{
    if (m_proxy)
        m_proxy->proxy()->setSchedule(schedule);
}

FaultSchedule SimulatedNetwork::schedule() const
{
    return m_proxy ? m_proxy->proxy()->schedule() : FaultSchedule::never();
}

void SimulatedNetwork::setPace(const NetworkPace &pace)
{
    m_pace = pace;
    if (!m_proxy)
        return;
    m_proxy->proxy()->setHopDelay(pace.hopDelayMs());
    m_proxy->proxy()->setStepping(pace.stepping());
}

void SimulatedNetwork::next()
{
    if (m_proxy)
        m_proxy->proxy()->next();
}

void SimulatedNetwork::setTarget(NetworkSimulation::Target target)
{
    if (m_proxy)
        m_proxy->proxy()->setTargets(NetworkSimulation::requestLines(target));
}
