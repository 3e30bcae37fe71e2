#pragma once

#include "bench/LatencySummary.h"

#include <QJsonObject>
#include <QMap>
#include <QString>

// What one scenario measured.
struct ScenarioResult
{
    QString name;
    int connections = 0;
    quint64 requests = 0; // answered as expected
    quint64 errors = 0;   // anything else, including lost connections
    QMap<QByteArray, quint64> errorKinds;
    double seconds = 0;
    LatencySummary latency;
    bool planExhausted = false; // a connection ran out of work before the time was up
    // utime + stime the server process spent over the scenario; -1: not measured (no server
    // process of the harness's own: --in-process, --url).
    double serverCpuSeconds = -1;

    double throughput() const { return seconds > 0 ? double(requests) / seconds : 0; }
    bool serverCpuMeasured() const { return serverCpuSeconds >= 0 && requests > 0; }
    // µs of server CPU per request answered as expected; 0 if not measured.
    double serverCpuUsPerRequest() const { return serverCpuMeasured() ? serverCpuSeconds * 1e6 / double(requests) : 0; }
    // Two runs of one scenario as one: counts and time add up; each latency percentile is the
    // worse of the two (the raw latencies are gone by then).
    static ScenarioResult combined(const ScenarioResult &a, const ScenarioResult &b);
    QJsonObject toJson() const;
};
