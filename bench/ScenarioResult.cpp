#include "bench/ScenarioResult.h"

#include <algorithm>

QJsonObject ScenarioResult::toJson() const
{
    QJsonObject kinds;
    for (auto it = errorKinds.begin(); it != errorKinds.end(); ++it)
        kinds.insert(QString::fromLatin1(it.key()), qint64(it.value()));
    QJsonObject out{{QStringLiteral("name"), name},
                    {QStringLiteral("connections"), connections},
                    {QStringLiteral("requests"), qint64(requests)},
                    {QStringLiteral("errors"), qint64(errors)},
                    {QStringLiteral("error_kinds"), kinds},
                    {QStringLiteral("seconds"), seconds},
                    {QStringLiteral("throughput_per_s"), throughput()},
                    {QStringLiteral("plan_exhausted"), planExhausted},
                    {QStringLiteral("server_cpu_s"), serverCpuMeasured() ? QJsonValue(serverCpuSeconds) : QJsonValue()},
                    {QStringLiteral("server_cpu_us_per_request"),
                     serverCpuMeasured() ? QJsonValue(serverCpuUsPerRequest()) : QJsonValue()}};
    const QJsonObject latencyJson = latency.toJson();
    for (auto it = latencyJson.begin(); it != latencyJson.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

ScenarioResult ScenarioResult::combined(const ScenarioResult &a, const ScenarioResult &b)
{
    ScenarioResult out = a;
    out.requests += b.requests;
    out.errors += b.errors;
    for (auto it = b.errorKinds.begin(); it != b.errorKinds.end(); ++it)
        out.errorKinds[it.key()] += it.value();
    out.seconds += b.seconds;
    out.planExhausted = a.planExhausted || b.planExhausted;
    out.serverCpuSeconds
        = a.serverCpuSeconds >= 0 && b.serverCpuSeconds >= 0 ? a.serverCpuSeconds + b.serverCpuSeconds : -1;
    out.latency.p50Ms = std::max(a.latency.p50Ms, b.latency.p50Ms);
    out.latency.p95Ms = std::max(a.latency.p95Ms, b.latency.p95Ms);
    out.latency.p99Ms = std::max(a.latency.p99Ms, b.latency.p99Ms);
    out.latency.maxMs = std::max(a.latency.maxMs, b.latency.maxMs);
    const double total = double(a.requests + b.requests);
    out.latency.meanMs
        = total > 0 ? (a.latency.meanMs * double(a.requests) + b.latency.meanMs * double(b.requests)) / total : 0;
    return out;
}
