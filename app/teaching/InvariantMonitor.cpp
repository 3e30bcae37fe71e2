#include "app/teaching/InvariantMonitor.h"

#include "app/client/transport/ApiClient.h"
#include "app/teaching/TimelineRecorder.h"

#include <QPointer>

#include <memory>

#include <utility>

namespace {

// What has finished so far: each attempt's end at the client and at the network.
int finishedSteps(const AttemptTimeline &timeline)
{
    int finished = 0;
    for (const AttemptTimeline::Row &row : timeline.rows())
        finished += int(row.client.has_value()) + int(row.network && row.network->finishedAtMs != 0);
    return finished;
}

QString intentOf(const AttemptTimeline &timeline)
{
    if (timeline.isEmpty())
        return {};
    return timeline.key() + u'|' + QString::fromLatin1(timeline.rows().constFirst().requestId);
}

} // namespace

InvariantMonitor::InvariantMonitor(const TimelineRecorder &recorder, ApiClient &api, TotalReader readTotal,
                                   QObject *parent)
    : QObject(parent),
      m_recorder(recorder),
      m_api(api),
      m_readTotal(std::move(readTotal))
{
    connect(&recorder, &TimelineRecorder::changed, this, &InvariantMonitor::timelineChanged);
}

void InvariantMonitor::restart(bool integrated)
{
    m_active = integrated;
    ++m_generation;
    m_totalAtStart.reset();
    m_intent.clear();
    m_checks.clear();
    m_finishedChecked = 0;
    m_wanted = false;
    const int generation = m_generation;
    if (!m_active) {
        emit changed();
        return;
    }
    readTotal([this, generation](std::optional<qint64> total) {
        if (generation == m_generation && !m_totalAtStart)
            m_totalAtStart = total;
    });
    emit changed();
}

void InvariantMonitor::timelineChanged()
{
    const AttemptTimeline &timeline = m_recorder.timeline();
    if (const QString intent = intentOf(timeline); intent != m_intent) {
        ++m_generation;
        m_intent = intent;
        m_checks.clear();
        m_finishedChecked = 0;
        m_wanted = false;
        emit changed();
    }
    if (!m_active || m_intent.isEmpty() || finishedSteps(timeline) <= m_finishedChecked)
        return;
    m_wanted = true;
    startCheck();
}

void InvariantMonitor::startCheck()
{
    if (m_checking || !m_wanted)
        return;
    m_wanted = false;
    m_checking = true;
    m_finishedChecked = finishedSteps(m_recorder.timeline());
    const int generation = m_generation;
    const auto finish = [this, generation](const LiveInvariants::Evidence &evidence) {
        m_checking = false;
        if (generation == m_generation) {
            m_checks = LiveInvariants::check(m_recorder.timeline(), evidence);
            emit changed();
        }
        startCheck();
    };
    const bool schedule = m_recorder.timeline().subject() == AttemptTimeline::Subject::Schedule;
    m_api.listTransfers(
        LiveInvariants::kTransfersRead, {}, this, [this, finish, schedule](const ApiResult<TransferPage> &page) {
            auto evidence = std::make_shared<LiveInvariants::Evidence>();
            if (page)
                evidence->transfers = page.value().transfers;
            const auto withTotal = [this, finish, evidence] {
                readTotal([this, finish, evidence](std::optional<qint64> total) {
                    // The first total read is the one the bank started with, when restart() could
                    // not read it.
                    if (!m_totalAtStart)
                        m_totalAtStart = total;
                    evidence->totalAtStart = m_totalAtStart;
                    evidence->totalNow = total;
                    finish(*evidence);
                });
            };
            if (!schedule)
                return withTotal();
            m_api.listScheduledTransfers(LiveInvariants::kTransfersRead, {}, this,
                                         [evidence, withTotal](const ApiResult<ScheduledTransferPage> &schedules) {
                                             if (schedules)
                                                 evidence->schedules = schedules.value().schedules;
                                             withTotal();
                                         });
        });
}

void InvariantMonitor::readTotal(std::function<void(std::optional<qint64>)> done)
{
    // The answer comes back later, from the bank's thread: this monitor may be gone by then.
    m_readTotal([guard = QPointer<InvariantMonitor>(this), done = std::move(done)](std::optional<qint64> total) {
        if (guard)
            done(total);
    });
}
