#pragma once

#include "app/faultproxy/FaultAttempt.h"
#include "app/faultproxy/FaultSchedule.h"
#include "shared/httpframing/HttpMessage.h"

#include <QByteArrayList>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <atomic>

class FaultProxyConnection;

// A fault-injecting TCP proxy on loopback between the client and the bank server. Each client
// connection gets its own connection to the server; each request on it is one attempt, and the
// schedule decides per attempt whether it passes or fails in one of the three ways of FaultCase.
// Failures are real: the client sees its connection closed, while the server (cases 2 and 3)
// receives the whole request and keeps working, its response read to the end and thrown away.
//
// For teaching, it can also slow the scheduled requests and their answers down or stop them at each
// hop (FaultHop) until told to go on.
//
// Lives on one thread (the main thread or its own, see FaultProxyThread); listen() and close()
// run there. The schedule, targets, pace (hop delay, stepping, next), counts and port may be used
// from any thread.
class FaultProxy : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultProxy)
public:
    struct Counts
    {
        int connections = 0;         // client connections accepted
        int attempts = 0;            // requests received from clients
        int forwarded = 0;           // requests written whole to the server
        int delivered = 0;           // responses relayed to the client
        int discarded = 0;           // responses read from the server and thrown away
        int droppedRequests = 0;     // attempts that got FaultCase::DropRequest
        int cutDuringProcessing = 0; // ... FaultCase::CutDuringProcessing
        int droppedResponses = 0;    // ... FaultCase::DropResponse
        int refused = 0;             // requests without the required secret: answered 401, no attempt
    };

    explicit FaultProxy(QObject *parent = nullptr);
    ~FaultProxy() override;

    // Where requests go; connections accepted from now on use it.
    void setUpstream(const QHostAddress &host, quint16 port);
    // Listens on 127.0.0.1; port 0 picks a free one.
    bool listen(quint16 port = 0);
    // Stops listening and drops every connection at once.
    void close();
    bool isListening() const { return m_server.isListening(); }
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_port.load(); }

    void setSchedule(FaultSchedule schedule);
    FaultSchedule schedule() const;
    // Only requests whose request line starts with one of these (e.g. "POST /v1/transfers ")
    // follow the schedule; the others always pass. Empty (the default): every request.
    void setTargets(const QByteArrayList &requestLinePrefixes);
    // Like the integrated server behind it, the proxy answers only requests carrying this secret in
    // IntegratedSecret::kHeader (and forwards it); others get 401 and are no attempt: they neither
    // reach the server nor use up a failure of the schedule. Empty (the default): no secret needed.
    void setRequiredSecret(const QByteArray &secret);

    // Slow motion: each scheduled request and its answer wait this long at every hop where the
    // proxy can hold them (FaultHop); 0, the default: none.
    void setHopDelay(int milliseconds);
    int hopDelay() const { return m_hopDelayMs.load(); }
    // Step mode: each scheduled request and its answer wait at every hop where the proxy can hold
    // them until next(). Switching it off lets every held message go on.
    void setStepping(bool stepping);
    bool isStepping() const { return m_stepping.load(); }
    // Step mode: the message that has waited longest goes on to its next hop. From any thread.
    void next();

    Counts counts() const;
    // Zeroes the counts and restarts attempt numbers at 1.
    void resetCounts();

signals:
    // The whole request has arrived and its fate is decided.
    void attemptStarted(const FaultAttempt &attempt);
    // The attempt reached attempt.hop; attempt.held says whether it waits there.
    void attemptMoved(const FaultAttempt &attempt);
    // Nothing more will happen to the attempt: its response was relayed or discarded, or it never
    // got one.
    void attemptFinished(const FaultAttempt &attempt);

private:
    friend class FaultProxyConnection;

    void acceptConnections();
    // Whether the request may become an attempt; counts it as refused if not.
    bool admit(const HttpMessage &request);
    // Numbers the attempt, applies the schedule and announces it.
    FaultAttempt beginAttempt(int connection, const HttpMessage &request);
    void endAttempt(const FaultAttempt &attempt);
    // Step mode: `connection` holds its attempt until next() or the end of step mode.
    void holdUntilNext(FaultProxyConnection *connection);
    void releaseAll();
    template <typename Change>
    void updateCounts(Change change)
    {
        const QMutexLocker lock(&m_mutex);
        change(m_counts);
    }

    QTcpServer m_server;
    QList<QPointer<FaultProxyConnection>> m_connections;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_stepping{false};
    std::atomic<int> m_hopDelayMs{0};
    QList<QPointer<FaultProxyConnection>> m_held; // in the order they began to wait

    mutable QMutex m_mutex; // guards everything below
    QHostAddress m_upstreamHost = QHostAddress(QHostAddress::LocalHost);
    quint16 m_upstreamPort = 0;
    FaultSchedule m_schedule;
    QByteArrayList m_targets;
    QByteArray m_requiredSecret;
    Counts m_counts;
    int m_lastAttempt = 0;
    int m_lastConnection = 0;
};
