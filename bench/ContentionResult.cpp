#include "bench/ContentionResult.h"

namespace {

QString count(qint64 value) { return value < 0 ? QStringLiteral("-") : QString::number(value); }

} // namespace

QString ContentionResult::table(const QList<ContentionResult> &results)
{
    QString out = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12\n")
                      .arg(QStringLiteral("clients"), 7)
                      .arg(QStringLiteral("inst"), 4)
                      .arg(QStringLiteral("transfers"), 9)
                      .arg(QStringLiteral("wall s"), 7)
                      .arg(QStringLiteral("per s"), 7)
                      .arg(QStringLiteral("p50 ms"), 8)
                      .arg(QStringLiteral("p99 ms"), 8)
                      .arg(QStringLiteral("503s"), 5)
                      .arg(QStringLiteral("commits"), 7)
                      .arg(QStringLiteral("retries"), 7)
                      .arg(QStringLiteral("deferred"), 8)
                      .arg(QStringLiteral("deadlocks"), 9);
    for (const ContentionResult &result : results) {
        out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12%13\n")
                   .arg(result.clients, 7)
                   .arg(result.instances, 4)
                   .arg(result.acknowledged, 9)
                   .arg(result.seconds, 7, 'f', 2)
                   .arg(result.throughput(), 7, 'f', 0)
                   .arg(result.latency.p50Ms, 8, 'f', 1)
                   .arg(result.latency.p99Ms, 8, 'f', 1)
                   .arg(result.unavailable, 5)
                   .arg(count(result.batches), 7)
                   .arg(count(result.writerRetries), 7)
                   .arg(count(result.deferredJobs), 8)
                   .arg(count(result.deadlocks), 9)
                   .arg(result.failure.isEmpty() ? QString() : QStringLiteral("  FAILED: ") + result.failure);
    }
    return out;
}
