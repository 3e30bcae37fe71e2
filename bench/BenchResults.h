#pragma once

#include "bench/CommitLimit.h"
#include "bench/ScenarioResult.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <algorithm>

// Everything one bank-bench run measured, and the issue's targets judged against it.
struct BenchResults
{
    struct Machine
    {
        int cpus = 0;
        qint64 memoryMib = 0;
        QString workDir;
        QString device;
        QString fileSystem;
        qint64 diskTotalMib = 0;
        qint64 diskFreeMib = 0;
        double syncsPerSecond = 0; // 4 KiB pwrite + fdatasync, one at a time
        QString serverMode;
        QString database; // the server's: sqlite, postgresql, or unknown (--url)

        static Machine describe(const QString &workDir);
        QJsonObject toJson() const;
    };

    struct Growth
    {
        bool ran = false;
        QString failure;
        qint64 smallKeys = 0;
        qint64 largeKeys = 0;
        ScenarioResult withSmall;
        ScenarioResult withLarge;
        qint64 residentKib = -1;     // bank-server's VmRSS after the run with many keys
        qint64 peakResidentKib = -1; // and its VmHWM
        ScenarioResult beforePurge;
        ScenarioResult duringPurge;
        double purgeStartSeconds = 0; // after the server started
        bool purgeRanThroughout = false;

        QJsonObject toJson() const;
    };

    struct Target
    {
        QString name;
        QString bound; // e.g. ">= 1.0"
        double measured = 0;
        QString detail; // how the measured value came about
        bool available = false;
        bool met = false;
    };

    Machine machine;
    // The raw single-commit limit, measured right before and right after fresh transfers at
    // `connections`: the disk's commit rate drifts (other I/O on the machine), so the ratios are
    // taken against the higher of the two.
    CommitLimit limit;
    CommitLimit limitAfter;
    int connections = 0;
    QList<ScenarioResult> scenarios; // at `connections`
    QList<ScenarioResult> sweep;     // fresh transfers at each connection count
    Growth growth;
    QString failure;

    double limitPerSecond() const { return std::max(limit.perSecond(), limitAfter.perSecond()); }
    const ScenarioResult *scenario(const QString &name) const;
    const ScenarioResult *sweepAt(int connectionCount) const;
    quint64 totalErrors() const;
    QList<Target> targets() const;
    QJsonObject toJson() const;
};

namespace ScenarioNames {
inline const QString kHealthz = QStringLiteral("healthz");
inline const QString kAccounts = QStringLiteral("accounts");
inline const QString kIssueKeys = QStringLiteral("issue_keys");
inline const QString kFresh = QStringLiteral("fresh_transfers");
inline const QString kReplays = QStringLiteral("replays");
inline const QString kMix = QStringLiteral("mix_10pct_duplicates");
} // namespace ScenarioNames
