#pragma once

#include "app/faultproxy/FaultAttempt.h"
#include "shared/httpframing/HttpMessageFramer.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class FaultProxy;
class QTcpSocket;

// One client connection through the proxy and its connection to the server. Requests are handled
// one at a time, in order (a pipelining client simply waits): the next one is read only when the
// previous attempt is over. When the client's side is gone, the server's side stays open until the
// response in progress has been read, so the server finishes its work as if nothing happened.
class FaultProxyConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxyConnection)
public:
    FaultProxyConnection(int number, QTcpSocket *client, const QHostAddress &upstreamHost, quint16 upstreamPort,
                         FaultProxy *proxy);
    ~FaultProxyConnection() override;

    // Drops both sides now, without finishing the attempt in progress.
    void abort();
    // The attempt held in step mode goes on; false when none was held.
    bool release();

signals:
    // Both sides are closed; the proxy deletes this object.
    void finished();

private:
    void readClient();
    void onClientDisconnected();
    void startNextAttempt();
    void forward(const QByteArray &request);
    void onUpstreamBytesWritten(qint64 bytes);
    void readUpstream();
    void onUpstreamClosed();
    void handleResponse(const HttpMessage &response);
    // The answer's fate: relayed to the client or thrown away.
    void relay(const HttpMessage &response);
    // The attempt reached `hop` and goes on with `then`: at once, after the proxy's hop delay, or
    // in step mode on FaultProxy::next(). Requests off the proxy's targets never wait.
    void hold(FaultHop hop, std::function<void()> then);
    // The attempt reached `hop`, where nothing can be held.
    void reach(FaultHop hop);
    void finishAttempt();
    void cutClient();
    // Answers 401 to a request without the secret and closes the client's side.
    void refuseClient();
    void closeClientGracefully();
    void closeUpstream();
    void finishIfDone();
    bool clientOpen() const;

    FaultProxy *m_proxy; // parent
    int m_number;
    QHostAddress m_upstreamHost;
    quint16 m_upstreamPort;
    QPointer<QTcpSocket> m_client;
    QPointer<QTcpSocket> m_upstream;
    HttpMessageFramer m_requests{HttpMessageFramer::Kind::Request};
    HttpMessageFramer m_responses{HttpMessageFramer::Kind::Response};
    std::optional<FaultAttempt> m_attempt;
    std::function<void()> m_resume; // how the held attempt goes on
    QByteArray m_attemptMethod;
    qint64 m_unwritten = 0;       // bytes of the current request not yet handed to the server's socket
    bool m_clientClosing = false; // a graceful close of the client's side is under way
    bool m_closeAfterResponse = false;
    bool m_finished = false;
};
