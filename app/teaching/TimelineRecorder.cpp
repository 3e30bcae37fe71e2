#include "app/teaching/TimelineRecorder.h"

#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/TransferFlow.h"
#include "app/teaching/SimulatedNetwork.h"

TimelineRecorder::TimelineRecorder(TransferFlow &flow, const AccountDirectory &directory,
                                   const SimulatedNetwork &network, QObject *parent)
    : QObject(parent),
      m_flow(flow),
      m_directory(directory),
      m_network(network)
{
    connect(&flow, &TransferFlow::attemptStarted, this, &TimelineRecorder::attemptStarted);
    connect(&flow, &TransferFlow::attemptFinished, this, &TimelineRecorder::attemptFinished);
    connect(&network, &SimulatedNetwork::attemptStarted, this, &TimelineRecorder::networkReported);
    connect(&network, &SimulatedNetwork::attemptFinished, this, &TimelineRecorder::networkReported);
}

void TimelineRecorder::clear()
{
    m_timeline.clear();
    emit changed();
}

void TimelineRecorder::attemptStarted(const TransferAttempt &attempt)
{
    const bool newIntent = m_timeline.isEmpty() || attempt.unsafe != m_timeline.isUnsafe()
        || (attempt.unsafe ? attempt.number == 1 : attempt.key != m_timeline.key());
    if (newIntent)
        m_timeline.begin(m_directory.describe(attempt.request, m_flow.locale()), attempt.key, attempt.unsafe);
    m_timeline.attemptStarted(attempt, m_network.isActive());
    emit changed();
}

void TimelineRecorder::attemptFinished(const TransferAttempt &attempt)
{
    m_timeline.attemptFinished(attempt);
    emit changed();
}

void TimelineRecorder::networkReported(const FaultAttempt &attempt)
{
    if (m_timeline.networkReported(attempt))
        emit changed();
}
