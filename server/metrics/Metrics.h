#pragma once

#include "shared/core/ProblemCode.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>

#include <atomic>

class GroupCommitWriter;

// Counters exported at GET /metrics in the Prometheus text format, with the writer's own
// statistics. Thread-safe.
class Metrics
{
    Q_DISABLE_COPY_MOVE(Metrics)
public:
    Metrics() = default;

    void transferCreated() { m_transfersCreated.fetch_add(1, std::memory_order_relaxed); }
    void replayed() { m_replays.fetch_add(1, std::memory_order_relaxed); }
    // A keyed request answered from a completed key kept in memory (ReplayCache), without a reader.
    void replayCacheHit() { m_replayCacheHits.fetch_add(1, std::memory_order_relaxed); }
    void conflict() { m_conflicts.fetch_add(1, std::memory_order_relaxed); }
    void keyIssued() { m_keysIssued.fetch_add(1, std::memory_order_relaxed); }
    void rejection(ProblemCode code);
    // A scheduled transfer's occurrence ran: executed (a transfer made) or failed (refused, stored).
    void occurrenceRun(bool executed)
    {
        (executed ? m_occurrencesExecuted : m_occurrencesFailed).fetch_add(1, std::memory_order_relaxed);
    }
    void httpRequest(int status);

    quint64 transfersCreated() const { return m_transfersCreated.load(std::memory_order_relaxed); }
    quint64 replays() const { return m_replays.load(std::memory_order_relaxed); }

    // These counters and `writer`'s statistics, read as they are now.
    QByteArray render(const GroupCommitWriter &writer) const;

private:
    std::atomic<quint64> m_transfersCreated{0};
    std::atomic<quint64> m_replays{0};
    std::atomic<quint64> m_replayCacheHits{0};
    std::atomic<quint64> m_conflicts{0};
    std::atomic<quint64> m_keysIssued{0};
    std::atomic<quint64> m_occurrencesExecuted{0};
    std::atomic<quint64> m_occurrencesFailed{0};
    mutable QMutex m_mutex;
    QMap<QString, quint64> m_rejections;
    QMap<int, quint64> m_httpRequests;
};
