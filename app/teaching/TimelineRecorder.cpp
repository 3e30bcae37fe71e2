#include "app/teaching/TimelineRecorder.h"

#include "app/client/models/ScheduledTransfersModel.h"
#include "app/client/schedule/ScheduleCreation.h"
#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/TransferFlow.h"
#include "app/teaching/SimulatedNetwork.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <algorithm>
#include <utility>

TimelineRecorder::TimelineRecorder(TransferFlow &flow, const AccountDirectory &directory,
                                   const SimulatedNetwork &network, QObject *parent)
    : QObject(parent),
      m_directory(directory),
      m_network(network)
{
    watch(flow);
    connect(&network, &SimulatedNetwork::attemptStarted, this, &TimelineRecorder::networkReported);
    connect(&network, &SimulatedNetwork::attemptMoved, this, &TimelineRecorder::networkReported);
    connect(&network, &SimulatedNetwork::attemptFinished, this, &TimelineRecorder::networkReported);
    connect(&directory, &AccountDirectory::changed, this, [this] {
        if (m_timeline.accountEffects().isEmpty())
            return;
        m_timeline.balancesReported(m_directory.accounts());
        emit changed();
    });
}

void TimelineRecorder::watch(TransferFlow &flow)
{
    m_flow = &flow;
    connect(&flow, &TransferFlow::keyRequested, this, &TimelineRecorder::asking);
    connect(&flow, &TransferFlow::statusRequested, this, &TimelineRecorder::asking);
    connect(&flow, &TransferFlow::keyIssued, this, &TimelineRecorder::keyIssued);
    connect(&flow, &TransferFlow::statusChecked, this, [this](const TransferStatus &status) {
        const QString key = m_flow->intent().key();
        if (!m_askClock.isValid() || key.isEmpty() || key != m_timeline.key())
            return;
        m_timeline.addLookup(AttemptTimeline::Exchange::statusChecked(m_askedAt, m_askClock.elapsed(), key, status));
        emit changed();
    });
    connect(&flow, &TransferFlow::attemptStarted, this, &TimelineRecorder::attemptStarted);
    connect(&flow, &TransferFlow::attemptFinished, this, &TimelineRecorder::attemptFinished);
}

void TimelineRecorder::watch(ScheduleCreation &creation)
{
    connect(&creation, &ScheduleCreation::keyRequested, this, &TimelineRecorder::asking);
    connect(&creation, &ScheduleCreation::keyIssued, this,
            [this](const IdempotencyKeyInfo &info, const ScheduledTransferRequest &request) {
                if (!m_askClock.isValid())
                    return;
                beginSchedule(request, info.key);
                keyRequestAnswered(info.key);
            });
    connect(&creation, &ScheduleCreation::attemptStarted, this, &TimelineRecorder::scheduleAttemptStarted);
    connect(&creation, &ScheduleCreation::attemptFinished, this, [this](const ScheduleAttempt &attempt) {
        m_timeline.attemptFinished(attempt);
        emit changed();
    });
}

void TimelineRecorder::asking()
{
    m_askedAt = QDateTime::currentDateTimeUtc();
    m_askClock.start();
}

void TimelineRecorder::clear()
{
    m_timeline.clear();
    emit changed();
}

bool TimelineRecorder::startsIntent(const RequestAttempt &attempt, bool unsafe, AttemptTimeline::Subject subject) const
{
    return (m_timeline.isEmpty() && !m_timeline.keyRequest()) || subject != m_timeline.subject()
        || unsafe != m_timeline.isUnsafe() || (unsafe ? attempt.number == 1 : attempt.key != m_timeline.key());
}

void TimelineRecorder::attemptStarted(const TransferAttempt &attempt)
{
    if (startsIntent(attempt, attempt.unsafe, AttemptTimeline::Subject::Transfer))
        beginIntent(attempt.request, attempt.key, attempt.unsafe);
    attemptRecorded(attempt);
}

void TimelineRecorder::scheduleAttemptStarted(const ScheduleAttempt &attempt)
{
    if (startsIntent(attempt, false, AttemptTimeline::Subject::Schedule))
        beginSchedule(attempt.request, attempt.key);
    attemptRecorded(attempt);
}

void TimelineRecorder::attemptRecorded(const RequestAttempt &attempt)
{
    m_timeline.attemptStarted(attempt, m_network.isActive());
    emit changed();
}

void TimelineRecorder::keyIssued(const IdempotencyKeyInfo &info)
{
    // A new key is a new intent; one without details yet (New key on an empty form) starts its
    // timeline with its first attempt.
    const std::optional<TransferRequest> &details = m_flow->intent().details();
    if (!details || !m_askClock.isValid())
        return;
    beginIntent(*details, info.key, false);
    keyRequestAnswered(info.key);
}

void TimelineRecorder::keyRequestAnswered(const QString &key)
{
    for (const AttemptTimeline::Exchange &lost : std::exchange(m_lostKeyRequests, {}))
        m_timeline.addLostKeyRequest(lost);
    m_timeline.setKeyRequest(AttemptTimeline::Exchange::keyIssued(m_askedAt, m_askClock.elapsed(), key));
    emit changed();
}

void TimelineRecorder::recoveryChecked(const IntentRecovery::Item &item, const QDateTime &askedAt, qint64 elapsedMs)
{
    // On the timeline of the transfer it asks about; on an empty one (a new start), that transfer
    // begins it, without attempts: they were made before.
    if (m_timeline.key().isEmpty() && m_timeline.isEmpty())
        m_timeline.begin(m_directory.describe(item.entry.request, m_flow->locale()), item.entry.key, false);
    m_timeline.addLookup(AttemptTimeline::Exchange::statusChecked(askedAt, elapsedMs, item.entry.key, item.status));
    emit changed();
}

void TimelineRecorder::keyRequestFailed(const FaultAttempt &attempt)
{
    // The bank's answer, read by the proxy and thrown away, names the key the client never got.
    const QString key = QJsonDocument::fromJson(attempt.upstreamBody).object().value(QLatin1String("key")).toString();
    if (attempt.finishedAtMs == 0 || attempt.upstreamStatus != 201 || key.isEmpty())
        return;
    m_lostKeyRequests.append(
        AttemptTimeline::Exchange::keyAnswerLost(QDateTime::fromMSecsSinceEpoch(attempt.receivedAtMs, QTimeZone::utc()),
                                                 attempt.finishedAtMs - attempt.receivedAtMs, key));
}

void TimelineRecorder::beginIntent(const TransferRequest &request, const QString &key, bool unsafe)
{
    m_timeline.begin(m_directory.describe(request, m_flow->locale()), key, unsafe);
    QList<AttemptTimeline::AccountEffect> effects;
    for (const auto &[id, sign] : {std::pair{request.fromAccount, -1}, std::pair{request.toAccount, 1}}) {
        const std::optional<Account> own = m_directory.account(id);
        effects.append({id, m_directory.displayName(id), request.currency, sign * request.amount,
                        own ? std::optional(own->balance) : std::nullopt, std::nullopt});
    }
    m_timeline.setAccountEffects(effects);
}

void TimelineRecorder::beginSchedule(const ScheduledTransferRequest &request, const QString &key)
{
    // No money moves when a schedule is made: its occurrences are transfers of their own, later.
    m_timeline.begin(tr("%1, %2").arg(m_directory.describe(request.transfer, m_flow->locale()),
                                      ScheduledTransfersModel::repeatText(
                                          ScheduledTransferRequest::everyName(request.every), request.count)),
                     key, false, AttemptTimeline::Subject::Schedule);
}

void TimelineRecorder::attemptFinished(const TransferAttempt &attempt)
{
    m_timeline.attemptFinished(attempt);
    emit changed();
}

void TimelineRecorder::networkReported(const FaultAttempt &attempt)
{
    const QByteArrayList keyRequests = NetworkSimulation::requestLines(NetworkSimulation::Target::KeyRequests);
    if (attempt.applied != FaultCase::Pass
        && std::any_of(keyRequests.cbegin(), keyRequests.cend(),
                       [&attempt](const QByteArray &line) { return attempt.requestLine.startsWith(line); }))
        keyRequestFailed(attempt);
    if (!m_timeline.networkReported(attempt))
        return;
    emit changed();
    const QList<AttemptTimeline::Row> &rows = m_timeline.rows();
    const bool clientDone = std::all_of(rows.cbegin(), rows.cend(),
                                        [](const AttemptTimeline::Row &row) { return row.client.has_value(); });
    if (attempt.finishedAtMs != 0 && attempt.upstreamStatus != 0 && !attempt.delivered && clientDone)
        emit bankFinishedUnseen();
}
