#pragma once

#include <QHostAddress>
#include <QObject>
#include <QThread>

class FaultProxy;

// A FaultProxy on a thread of its own, for callers that block (tests with blocking sockets) or
// that should not share their event loop with the proxy.
class FaultProxyThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxyThread)
public:
    FaultProxyThread(const QHostAddress &upstreamHost, quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxyThread() override;

    // FaultProxy::setRequiredSecret, in effect from the first connection: call before start().
    void setRequiredSecret(const QByteArray &secret) { m_requiredSecret = secret; }
    // Blocks until the proxy listens (port 0: a free one); returns an empty string or the reason.
    QString start(quint16 port = 0);
    // Drops every connection and ends the thread.
    void stop();

    quint16 port() const;
    // Lives on the proxy's thread: use its thread-safe parts (schedule, targets, counts) and
    // connect to its signals (queued to the receiver's thread).
    FaultProxy *proxy() const { return m_proxy; }

private:
    QHostAddress m_upstreamHost;
    quint16 m_upstreamPort;
    QByteArray m_requiredSecret;
    QThread m_thread;
    FaultProxy *m_proxy = nullptr; // owned; deleted on the proxy's thread
};
