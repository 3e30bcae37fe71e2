#pragma once

#include "app/faultproxy/FaultAttempt.h"
#include "app/faultproxy/FaultSchedule.h"
#include "app/teaching/NetworkPace.h"
#include "app/teaching/NetworkSimulation.h"

#include <QObject>
#include <QUrl>

#include <memory>

class FaultProxyThread;

// The unreliable network of "Simulate network failure": a FaultProxy on its own thread on
// loopback in front of the integrated server, failing transfer requests (only those, unless told
// otherwise: setTarget) as its schedule says. Its reports arrive here on the owner's thread.
class SimulatedNetwork : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedNetwork)
public:
    explicit SimulatedNetwork(QObject *parent = nullptr);
    ~SimulatedNetwork() override;

    // Puts a proxy in front of the server on `upstreamPort` (a new one if it was in front of
    // another port), answering only requests that carry `secret` (FaultProxy::setRequiredSecret).
    // Returns why it could not, or an empty string.
    QString start(quint16 upstreamPort, const QByteArray &secret);
    void stop();
    bool isActive() const { return m_proxy != nullptr; }
    // Where the client should connect while active.
    QUrl url() const;

    void setSchedule(const FaultSchedule &schedule);
    FaultSchedule schedule() const;
    // Slow motion and step mode; kept for the next proxy when this one stops.
    void setPace(const NetworkPace &pace);
    NetworkPace pace() const { return m_pace; }
    // Step mode: the transfer message that has waited longest goes on to its next hop.
    void next();
    // Which requests the schedule fails; start() begins with the transfers.
    void setTarget(NetworkSimulation::Target target);

signals:
    void attemptStarted(const FaultAttempt &attempt);
    // A transfer request or its answer reached a hop (FaultHop), and whether it waits there.
    void attemptMoved(const FaultAttempt &attempt);
    void attemptFinished(const FaultAttempt &attempt);

private:
    std::unique_ptr<FaultProxyThread> m_proxy;
    quint16 m_upstreamPort = 0;
    NetworkPace m_pace;
};
