#include "server/metrics/Metrics.h"

#include "server/storage/GroupCommitWriter.h"

void Metrics::rejection(ProblemCode code)
{
    QMutexLocker lock(&m_mutex);
    ++m_rejections[ProblemCodes::toString(code)];
}

void Metrics::httpRequest(int status)
{
    QMutexLocker lock(&m_mutex);
    ++m_httpRequests[status];
}

QByteArray Metrics::render(const GroupCommitWriter &writer) const
{
    QByteArray out;
    auto metric = [&out](const char *type, const char *name, const char *help, quint64 value) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
        out += QByteArray(name) + ' ' + QByteArray::number(value) + '\n';
    };
    auto counter
        = [&metric](const char *name, const char *help, quint64 value) { metric("counter", name, help, value); };
    auto gauge = [&metric](const char *name, const char *help, quint64 value) { metric("gauge", name, help, value); };
    counter("bank_transfers_created_total", "Transfers executed (first use of a key).", transfersCreated());
    counter("bank_idempotent_replays_total", "Retries answered with a stored response.", replays());
    counter("bank_replay_cache_hits_total",
            "Keyed requests answered from a completed key kept in memory, without reading the database.",
            m_replayCacheHits.load(std::memory_order_relaxed));
    counter("bank_idempotency_conflicts_total", "Requests refused because their key was in flight.",
            m_conflicts.load(std::memory_order_relaxed));
    counter("bank_idempotency_keys_issued_total", "Idempotency keys issued.",
            m_keysIssued.load(std::memory_order_relaxed));
    counter("bank_scheduled_occurrences_executed_total", "Occurrences of scheduled transfers that made their transfer.",
            m_occurrencesExecuted.load(std::memory_order_relaxed));
    counter("bank_scheduled_occurrences_failed_total",
            "Occurrences of scheduled transfers refused (e.g. insufficient funds), stored and not retried.",
            m_occurrencesFailed.load(std::memory_order_relaxed));
    counter("bank_writer_batches_total", "Write transactions committed (group commits).", writer.batchCount());
    counter("bank_writer_jobs_total", "Writes committed, over all write transactions.", writer.jobCount());
    counter("bank_writer_retries_total",
            "Writes rolled back after a lock wait, deadlock or serialization conflict and run again.",
            writer.retryCount());
    counter("bank_writer_deferred_jobs_total",
            "Of those, writes that met a lock after the first of their write transaction and went to the next "
            "without waiting.",
            writer.deferredCount());
    counter("bank_writer_rerun_batches_total",
            "Write transactions rolled back and run again with a savepoint per write, because a write after "
            "their first failed or was refused.",
            writer.rerunBatchCount());
    gauge("bank_writer_largest_batch", "The most writes one write transaction has carried, committed or not.",
          writer.largestBatch());
    gauge("bank_writer_queued_jobs", "Writes waiting for the next write transaction.", quint64(writer.queuedJobs()));

    QMutexLocker lock(&m_mutex);
    out += "# HELP bank_idempotency_rejections_total Requests rejected for their idempotency key, by code.\n"
           "# TYPE bank_idempotency_rejections_total counter\n";
    for (auto it = m_rejections.cbegin(); it != m_rejections.cend(); ++it)
        out += "bank_idempotency_rejections_total{code=\"" + it.key().toLatin1() + "\"} "
            + QByteArray::number(it.value()) + '\n';
    out += "# HELP bank_http_requests_total HTTP responses written, by status.\n"
           "# TYPE bank_http_requests_total counter\n";
    for (auto it = m_httpRequests.cbegin(); it != m_httpRequests.cend(); ++it)
        out += "bank_http_requests_total{status=\"" + QByteArray::number(it.key()) + "\"} "
            + QByteArray::number(it.value()) + '\n';
    return out;
}
