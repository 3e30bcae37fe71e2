#include "FaultProxyThread.h"

#include "FaultProxy.h"

#include <utility>

FaultProxyThread::FaultProxyThread(const QHostAddress &upstreamHost, quint16 upstreamPort, QObject *parent)
    : QObject(parent), m_upstreamHost(upstreamHost), m_upstreamPort(upstreamPort)
{
    m_thread.setObjectName(QStringLiteral("fault-proxy"));
}

FaultProxyThread::~FaultProxyThread() { stop(); }

QString FaultProxyThread::start(quint16 port)
{
    if (m_proxy)
        return {};
    m_thread.start();
    auto *proxy = new FaultProxy;
    proxy->setUpstream(m_upstreamHost, m_upstreamPort);
    proxy->setRequiredSecret(m_requiredSecret);
    proxy->moveToThread(&m_thread);
    QString failure;
    QMetaObject::invokeMethod(
        proxy, [proxy, port, &failure] { if (!proxy->listen(port)) failure = proxy->errorString(); },
        Qt::BlockingQueuedConnection);
    m_proxy = proxy;
    if (!failure.isEmpty())
        stop();
    return failure;
}

void FaultProxyThread::stop()
{
    if (!m_proxy)
        return;
    FaultProxy *proxy = std::exchange(m_proxy, nullptr);
    QMetaObject::invokeMethod(proxy, [proxy] { delete proxy; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

quint16 FaultProxyThread::port() const { return m_proxy ? m_proxy->port() : 0; }
