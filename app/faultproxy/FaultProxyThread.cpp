#include "app/faultproxy/FaultProxyThread.h"

#include "app/faultproxy/FaultProxy.h"
#include "shared/core/ThreadHandoff.h"

#include <utility>

FaultProxyThread::FaultProxyThread(const QHostAddress &upstreamHost, quint16 upstreamPort, QObject *parent)
    : QObject(parent),
      m_upstreamHost(upstreamHost),
      m_upstreamPort(upstreamPort)
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
    const QString failure = ThreadHandoff::invokeBlocking(
        proxy, [proxy, port] { return proxy->listen(port) ? QString() : proxy->errorString(); });
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
    ThreadHandoff::invokeBlocking(proxy, [proxy] { delete proxy; });
    m_thread.quit();
    m_thread.wait();
}

quint16 FaultProxyThread::port() const { return m_proxy ? m_proxy->port() : 0; }
