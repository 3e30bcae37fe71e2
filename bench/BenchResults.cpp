#include "bench/BenchResults.h"

#include <QJsonArray>
#include <QStorageInfo>
#include <QThread>

#include <tuple>

#include <unistd.h>

BenchResults::Machine BenchResults::Machine::describe(const QString &workDir)
{
    Machine machine;
    machine.cpus = QThread::idealThreadCount();
    machine.memoryMib = qint64(::sysconf(_SC_PHYS_PAGES)) * qint64(::sysconf(_SC_PAGE_SIZE)) / (1024 * 1024);
    machine.workDir = workDir;
    const QStorageInfo storage(workDir);
    machine.device = QString::fromLocal8Bit(storage.device());
    machine.fileSystem = QString::fromLocal8Bit(storage.fileSystemType());
    machine.diskTotalMib = storage.bytesTotal() / (1024 * 1024);
    machine.diskFreeMib = storage.bytesAvailable() / (1024 * 1024);
    return machine;
}

QJsonObject BenchResults::Machine::toJson() const
{
    return {{QStringLiteral("cpus"), cpus},
            {QStringLiteral("memory_mib"), memoryMib},
            {QStringLiteral("work_dir"), workDir},
            {QStringLiteral("device"), device},
            {QStringLiteral("file_system"), fileSystem},
            {QStringLiteral("disk_total_mib"), diskTotalMib},
            {QStringLiteral("disk_free_mib"), diskFreeMib},
            {QStringLiteral("fdatasync_per_s"), syncsPerSecond},
            {QStringLiteral("server_mode"), serverMode},
            {QStringLiteral("database"), database}};
}

QJsonObject BenchResults::Growth::toJson() const
{
    return {{QStringLiteral("ran"), ran},
            {QStringLiteral("failure"), failure},
            {QStringLiteral("small_keys"), smallKeys},
            {QStringLiteral("large_keys"), largeKeys},
            {QStringLiteral("fresh_with_small"), withSmall.toJson()},
            {QStringLiteral("fresh_with_large"), withLarge.toJson()},
            {QStringLiteral("server_vmrss_kib"), residentKib},
            {QStringLiteral("server_vmhwm_kib"), peakResidentKib},
            {QStringLiteral("fresh_before_purge"), beforePurge.toJson()},
            {QStringLiteral("fresh_during_purge"), duringPurge.toJson()},
            {QStringLiteral("purge_start_s"), purgeStartSeconds},
            {QStringLiteral("purge_ran_throughout"), purgeRanThroughout}};
}

const ScenarioResult *BenchResults::scenario(const QString &name) const
{
    for (const ScenarioResult &result : scenarios) {
        if (result.name == name)
            return &result;
    }
    return nullptr;
}

const ScenarioResult *BenchResults::sweepAt(int connectionCount) const
{
    for (const ScenarioResult &result : sweep) {
        if (result.connections == connectionCount)
            return &result;
    }
    return nullptr;
}

quint64 BenchResults::totalErrors() const
{
    quint64 errors = 0;
    for (const QList<ScenarioResult> *list : {&scenarios, &sweep}) {
        for (const ScenarioResult &result : *list)
            errors += result.errors;
    }
    if (growth.ran) {
        for (const ScenarioResult *result :
             {&growth.withSmall, &growth.withLarge, &growth.beforePurge, &growth.duringPurge})
            errors += result->errors;
    }
    return errors;
}

QList<BenchResults::Target> BenchResults::targets() const
{
    QList<Target> out;
    const auto add = [&out](const QString &name, const QString &bound, bool available, double measured, bool met,
                            const QString &detail) {
        out.append(Target{name, bound, measured, detail, available, available && met});
    };
    const ScenarioResult *fresh = scenario(ScenarioNames::kFresh);
    const ScenarioResult *replays = scenario(ScenarioNames::kReplays);
    const ScenarioResult *healthz = scenario(ScenarioNames::kHealthz);
    const ScenarioResult *keys = scenario(ScenarioNames::kIssueKeys);
    const QString at = QStringLiteral(" at %1 connections").arg(connections);
    const bool onSqlite = machine.database == QLatin1String("sqlite");

    // Only on SQLite does the server commit to the disk the limit was measured on.
    const bool haveLimit = fresh && onSqlite && limitPerSecond() > 0;
    const double freshRatio = haveLimit ? fresh->throughput() / limitPerSecond() : 0;
    const QString freshDetail = haveLimit
        ? QStringLiteral("%1/s over HTTP vs %2 raw commits/s (before %3/s, after %4/s)")
              .arg(fresh->throughput(), 0, 'f', 1)
              .arg(limitPerSecond(), 0, 'f', 1)
              .arg(limit.perSecond(), 0, 'f', 1)
              .arg(limitAfter.perSecond(), 0, 'f', 1)
        : QString();
    for (const double bound : {2.0, 3.0}) {
        add(QStringLiteral("fresh transfers / raw single-commit limit%1%2")
                .arg(at, bound > 2.0 ? QStringLiteral(" (stretch)") : QString()),
            QStringLiteral(">= %1").arg(bound, 0, 'f', 1), haveLimit, freshRatio, freshRatio >= bound, freshDetail);
    }

    const bool haveReplays = replays && healthz && healthz->throughput() > 0;
    const double replayRatio = haveReplays ? replays->throughput() / healthz->throughput() : 0;
    add(QStringLiteral("replays / GET /healthz") + at, QStringLiteral(">= 0.6"), haveReplays, replayRatio,
        replayRatio >= 0.6,
        haveReplays
            ? QStringLiteral("%1/s vs %2/s").arg(replays->throughput(), 0, 'f', 1).arg(healthz->throughput(), 0, 'f', 1)
            : QString());

    const bool haveKeys = keys && onSqlite && limitPerSecond() > 0;
    const double keyRatio = haveKeys ? keys->throughput() / limitPerSecond() : 0;
    add(QStringLiteral("key issuance / raw single-commit limit") + at, QStringLiteral(">= 1.0"), haveKeys, keyRatio,
        keyRatio >= 1.0,
        haveKeys ? QStringLiteral("%1/s vs %2 raw commits/s")
                       .arg(keys->throughput(), 0, 'f', 1)
                       .arg(limitPerSecond(), 0, 'f', 1)
                 : QString());

    for (const auto &[result, what, bound] :
         {std::tuple{fresh, QStringLiteral("fresh transfer"), 80.0},
          std::tuple{replays, QStringLiteral("replay"), 25.0}, std::tuple{keys, QStringLiteral("key issued"), 40.0}}) {
        const bool measured = result && result->serverCpuMeasured();
        const double us = measured ? result->serverCpuUsPerRequest() : 0;
        add(QStringLiteral("server CPU per %1%2 (µs)").arg(what, at), QStringLiteral("<= %1").arg(bound), measured, us,
            us <= bound,
            measured ? QStringLiteral("%1 s of CPU for %2 requests")
                           .arg(result->serverCpuSeconds, 0, 'f', 2)
                           .arg(result->requests)
                     : QString());
    }

    for (const auto &[count, bound] : {std::pair{16, 10.0}, std::pair{64, 25.0}}) {
        const ScenarioResult *swept = sweepAt(count);
        add(QStringLiteral("p99 of a fresh transfer at %1 connections (ms)").arg(count),
            QStringLiteral("<= %1").arg(bound), swept != nullptr, swept ? swept->latency.p99Ms : 0,
            swept && swept->latency.p99Ms <= bound, QString());
    }

    const bool onPostgres = fresh && machine.database == QLatin1String("postgresql");
    add(QStringLiteral("fresh transfers on PostgreSQL, one instance") + at + QStringLiteral(" (per s)"),
        QStringLiteral(">= 2000"), onPostgres, onPostgres ? fresh->throughput() : 0,
        onPostgres && fresh->throughput() >= 2000, QString());

    const bool haveGrowth = growth.ran && growth.failure.isEmpty() && growth.withSmall.throughput() > 0;
    const double growthRatio = haveGrowth ? growth.withLarge.throughput() / growth.withSmall.throughput() : 0;
    add(QStringLiteral("fresh throughput with %1 / with %2 stored keys").arg(growth.largeKeys).arg(growth.smallKeys),
        QStringLiteral(">= 0.9"), haveGrowth, growthRatio, growthRatio >= 0.9,
        haveGrowth ? QStringLiteral("%1/s vs %2/s")
                         .arg(growth.withLarge.throughput(), 0, 'f', 1)
                         .arg(growth.withSmall.throughput(), 0, 'f', 1)
                   : QString());

    const bool havePurge = haveGrowth && growth.beforePurge.latency.p99Ms > 0 && growth.duringPurge.requests > 0;
    const double purgeRatio = havePurge ? growth.duringPurge.latency.p99Ms / growth.beforePurge.latency.p99Ms : 0;
    add(QStringLiteral("p99 during a purge of %1 expired keys / p99 before it").arg(growth.largeKeys),
        QStringLiteral("<= 2.0"), havePurge, purgeRatio, purgeRatio <= 2.0 && growth.purgeRanThroughout,
        havePurge
            ? QStringLiteral("%1 ms vs %2 ms%3")
                  .arg(growth.duringPurge.latency.p99Ms, 0, 'f', 2)
                  .arg(growth.beforePurge.latency.p99Ms, 0, 'f', 2)
                  .arg(growth.purgeRanThroughout ? QString() : QStringLiteral("; the purge ended before the run did"))
            : QString());

    const bool haveMemory = haveGrowth && growth.residentKib > 0;
    add(QStringLiteral("bank-server RSS with %1 stored keys (MiB)").arg(growth.largeKeys), QStringLiteral("<= 64"),
        haveMemory, double(growth.residentKib) / 1024.0, growth.residentKib <= 64 * 1024,
        haveMemory ? QStringLiteral("peak %1 MiB").arg(double(growth.peakResidentKib) / 1024.0, 0, 'f', 1) : QString());
    return out;
}

QJsonObject BenchResults::toJson() const
{
    QJsonArray scenarioArray;
    for (const ScenarioResult &result : scenarios)
        scenarioArray.append(result.toJson());
    QJsonArray sweepArray;
    for (const ScenarioResult &result : sweep)
        sweepArray.append(result.toJson());
    QJsonArray targetArray;
    for (const Target &target : targets())
        targetArray.append(QJsonObject{{QStringLiteral("name"), target.name},
                                       {QStringLiteral("bound"), target.bound},
                                       {QStringLiteral("available"), target.available},
                                       {QStringLiteral("measured"), target.measured},
                                       {QStringLiteral("met"), target.met},
                                       {QStringLiteral("detail"), target.detail}});
    return {{QStringLiteral("machine"), machine.toJson()},
            {QStringLiteral("single_commit_limit"), limit.toJson()},
            {QStringLiteral("single_commit_limit_after"), limitAfter.toJson()},
            {QStringLiteral("single_commit_limit_used_per_s"), limitPerSecond()},
            {QStringLiteral("connections"), connections},
            {QStringLiteral("scenarios"), scenarioArray},
            {QStringLiteral("sweep"), sweepArray},
            {QStringLiteral("growth"), growth.toJson()},
            {QStringLiteral("targets"), targetArray},
            {QStringLiteral("total_errors"), qint64(totalErrors())},
            {QStringLiteral("failure"), failure}};
}
