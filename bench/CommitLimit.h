#pragma once

#include "bench/LatencySummary.h"

#include <QJsonObject>
#include <QString>

// The disk's single-commit limit for the bank: one transfer's writer job, the server's own
// TransferCommit::execute (key re-read and decision, both balance updates, the transfer row, the
// key's completion), one durable transaction per transfer, on a separate SQLite file configured
// like the server's (WAL, synchronous=FULL). No HTTP, no batching.
struct CommitLimit
{
    quint64 commits = 0;
    double seconds = 0; // inside the transactions only
    LatencySummary latency;
    QString failure;

    double perSecond() const { return seconds > 0 ? double(commits) / seconds : 0; }
    QJsonObject toJson() const;

    static CommitLimit measure(const QString &sqlitePath, int durationMs);
};
