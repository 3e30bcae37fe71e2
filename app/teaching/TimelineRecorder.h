#pragma once

#include "app/teaching/AttemptTimeline.h"

#include <QObject>

class AccountDirectory;
class SimulatedNetwork;
class TransferFlow;

// Keeps the AttemptTimeline of the latest transfer intent up to date: the flow's attempts (a new
// key, or a new unsafe send, starts a new timeline) and the simulated network's reports.
class TimelineRecorder : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineRecorder)
public:
    TimelineRecorder(TransferFlow &flow, const AccountDirectory &directory, const SimulatedNetwork &network,
                     QObject *parent = nullptr);

    const AttemptTimeline &timeline() const { return m_timeline; }
    void clear();

signals:
    void changed();

private:
    void attemptStarted(const TransferAttempt &attempt);
    void attemptFinished(const TransferAttempt &attempt);
    void networkReported(const FaultAttempt &attempt);

    TransferFlow &m_flow;
    const AccountDirectory &m_directory;
    const SimulatedNetwork &m_network;
    AttemptTimeline m_timeline;
};
