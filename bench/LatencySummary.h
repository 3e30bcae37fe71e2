#pragma once

#include <QJsonObject>

#include <vector>

// Percentiles of one scenario's request latencies (nearest-rank), in milliseconds.
struct LatencySummary
{
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    double meanMs = 0;

    static LatencySummary of(std::vector<qint64> latenciesNs);
    QJsonObject toJson() const;
};
