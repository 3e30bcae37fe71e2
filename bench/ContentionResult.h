#pragma once

#include "bench/LatencySummary.h"

#include <QList>
#include <QString>

// What one run of the contention benchmark measured: `clients` threads over `instances`
// bank-server processes on one PostgreSQL database.
struct ContentionResult
{
    int clients = 0;
    int instances = 0;
    int acknowledged = 0;      // transfers answered 201
    double seconds = 0;        // from the first transfer sent to the last one answered
    LatencySummary latency;    // of a transfer, from its first attempt to its final answer
    qint64 unavailable = 0;    // 503 answers, each retried by its client with the same key
    qint64 batches = -1;       // bank_writer_batches_total over the instances: the commits
    qint64 writerRetries = -1; // bank_writer_retries_total over the instances (-1: not exported)
    qint64 deferredJobs = -1;  // bank_writer_deferred_jobs_total over the instances (-1: not exported)
    qint64 deadlocks = -1;     // pg_stat_database.deadlocks of the run's database
    QString failure;           // empty, or what went wrong, the ledger check included

    double throughput() const { return seconds > 0 ? double(acknowledged) / seconds : 0; }
    static QString table(const QList<ContentionResult> &results);
};
