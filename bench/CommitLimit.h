#pragma once

#include "bench/LatencySummary.h"

#include <QJsonObject>
#include <QString>

// The disk's raw single-commit limit for the bank: the statements of one transfer's writer job
// (key lookup, both balance updates, the transfer row, the key's completion) on a plain sqlite3
// handle with prepared, directly bound statements, one durable BEGIN IMMEDIATE … COMMIT per
// transfer, WAL and synchronous=FULL, on a file with the server's own schema. Not through QtSql
// and not through the server's code, so that the ratio of the server's rate to it counts all of
// our overhead. No HTTP, no batching.
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
