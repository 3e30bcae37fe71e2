#pragma once

#include "app/client/transfer/IntentRecovery.h"
#include "app/teaching/AttemptTimeline.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>

class AccountDirectory;
class ScheduleCreation;
class SimulatedNetwork;
class TransferFlow;
struct ScheduleAttempt;
struct ScheduledTransferRequest;
struct TransferAttempt;

// Keeps the AttemptTimeline of the latest intent up to date — a transfer's, or a schedule's
// creation: the key request (row 0; a new key, or a new unsafe send, starts a new timeline) and
// those before it whose answer the simulated network threw away, the attempts and status checks,
// the simulated network's reports, and the balances of the accounts a transfer touches (before it
// began, and as the bank reports them since).
class TimelineRecorder : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineRecorder)
public:
    TimelineRecorder(TransferFlow &flow, const AccountDirectory &directory, const SimulatedNetwork &network,
                     QObject *parent = nullptr);

    // Records `flow` from now on: the one given at first, or the new one of a client that was
    // replaced (BankSession::replaceTransferFlow). The timeline so far stays.
    void watch(TransferFlow &flow);
    // Records the schedules `creation` makes, on the same timeline: the same key layer, another operation.
    void watch(ScheduleCreation &creation);
    const AttemptTimeline &timeline() const { return m_timeline; }
    void clear();
    // What the bank said about a transfer an earlier run left unfinished (IntentRecovery::checked):
    // a lookup row, like Check status.
    void recoveryChecked(const IntentRecovery::Item &item, const QDateTime &askedAt, qint64 elapsedMs);

signals:
    void changed();
    // The bank finished an attempt after the client had all its answers, and that attempt's
    // answer never reached the client (case 2): balances read since may not show what it did.
    void bankFinishedUnseen();

private:
    void attemptStarted(const TransferAttempt &attempt);
    void attemptFinished(const TransferAttempt &attempt);
    void scheduleAttemptStarted(const ScheduleAttempt &attempt);
    // Whether `attempt` belongs to another intent than the one on the timeline.
    bool startsIntent(const RequestAttempt &attempt, bool unsafe, AttemptTimeline::Subject subject) const;
    void attemptRecorded(const RequestAttempt &attempt);
    void networkReported(const FaultAttempt &attempt);
    void beginIntent(const TransferRequest &request, const QString &key, bool unsafe);
    void beginSchedule(const ScheduledTransferRequest &request, const QString &key);
    void keyIssued(const IdempotencyKeyInfo &info);
    // Row 0 of the intent just begun, after the key requests whose answer was lost.
    void keyRequestAnswered(const QString &key);
    void asking();
    // A key request the network failed: kept for the timeline of the key that follows it.
    void keyRequestFailed(const FaultAttempt &attempt);

    TransferFlow *m_flow = nullptr;
    const AccountDirectory &m_directory;
    const SimulatedNetwork &m_network;
    AttemptTimeline m_timeline;
    QList<AttemptTimeline::Exchange> m_lostKeyRequests; // until the next key is issued
    // The key request or status check on its way: when it left.
    QDateTime m_askedAt;
    QElapsedTimer m_askClock;
};
