#include "server/schedules/Scheduler.h"

#include "server/http/HttpLogEntry.h"
#include "server/metrics/Metrics.h"
#include "server/reliability/FaultPoints.h"
#include "server/schedules/OccurrenceRun.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QVariant>

Scheduler::Scheduler(Storage &storage, Metrics &metrics, IdempotencyOptions options, QObject *parent)
    : QObject(parent),
      m_storage(storage),
      m_metrics(metrics),
      m_keys(storage.dialect(), options)
{
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::poll);
}

void Scheduler::start()
{
    m_timer.start();
    poll();
}

void Scheduler::stop() { m_timer.stop(); }

void Scheduler::poll()
{
    if (m_outstanding->load() > 0)
        return;
    m_outstanding->store(1); // this poll's read
    m_storage.read(
        [this](QSqlDatabase &db) {
            ConnectionFactory::CachedStatement q(
                db,
                QStringLiteral("SELECT schedule_id, number FROM scheduled_occurrences"
                               " WHERE status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?"));
            q->addBindValue(Timestamp::nowMs());
            q->addBindValue(kBatch);
            QList<std::pair<QString, int>> due;
            if (q->exec()) {
                while (q->next())
                    due.append({q->value(0).toString(), q->value(1).toInt()});
            }
            runDue(due);
        },
        [outstanding = m_outstanding](const Problem &) { outstanding->store(0); });
}

void Scheduler::runDue(const QList<std::pair<QString, int>> &due)
{
    m_outstanding->store(int(due.size()));
    for (const auto &occurrence : due) {
        // Named copies, not structured bindings: clang before 16 cannot capture those in a lambda.
        const QString scheduleId = occurrence.first;
        const int number = occurrence.second;
        QElapsedTimer took;
        took.start();
        m_storage.write<OccurrenceRun::Outcome>(
            [this, scheduleId, number](QSqlDatabase &db) -> Result<OccurrenceRun::Outcome> {
                auto outcome = OccurrenceRun::execute(db, m_keys, scheduleId, number, Timestamp::nowMs());
                if (outcome && outcome->kind != OccurrenceRun::Outcome::Kind::Skipped)
                    FaultPoints::dieIfArmed(FaultPoint::OccurrenceBeforeCommit);
                return outcome;
            },
            // On the writer thread; storage stops (joining it) before this object goes away.
            [this, scheduleId, number, took](Result<OccurrenceRun::Outcome> outcome) {
                m_outstanding->fetch_sub(1);
                if (!outcome || outcome->kind == OccurrenceRun::Outcome::Kind::Skipped)
                    return;
                FaultPoints::dieIfArmed(FaultPoint::OccurrenceAfterCommit);
                const bool executed = outcome->kind == OccurrenceRun::Outcome::Kind::Executed;
                m_metrics.occurrenceRun(executed);
                HttpLogEntry entry;
                entry.method = "RUN";
                entry.path
                    = "/v1/scheduled-transfers/" + scheduleId.toLatin1() + "/occurrences/" + QByteArray::number(number);
                entry.status = executed ? 201 : 422;
                entry.key = OccurrenceRun::keyOf(scheduleId, number);
                entry.micros = took.nsecsElapsed() / 1000;
                entry.userId = outcome->userId;
                emit runLogged(entry.toLine());
            });
    }
}
