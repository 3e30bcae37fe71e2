#include "bench/LatencySummary.h"

#include <algorithm>
#include <cmath>
#include <numeric>

LatencySummary LatencySummary::of(std::vector<qint64> latenciesNs)
{
    LatencySummary summary;
    if (latenciesNs.empty())
        return summary;
    std::sort(latenciesNs.begin(), latenciesNs.end());
    const auto rank = [&latenciesNs](double fraction) {
        const auto index = size_t(std::ceil(fraction * double(latenciesNs.size()))) - 1;
        return double(latenciesNs[std::min(index, latenciesNs.size() - 1)]) / 1e6;
    };
    summary.p50Ms = rank(0.50);
    summary.p95Ms = rank(0.95);
    summary.p99Ms = rank(0.99);
    summary.maxMs = double(latenciesNs.back()) / 1e6;
    summary.meanMs = std::accumulate(latenciesNs.begin(), latenciesNs.end(), 0.0) / double(latenciesNs.size()) / 1e6;
    return summary;
}

QJsonObject LatencySummary::toJson() const
{
    return {{QStringLiteral("p50_ms"), p50Ms},
            {QStringLiteral("p95_ms"), p95Ms},
            {QStringLiteral("p99_ms"), p99Ms},
            {QStringLiteral("max_ms"), maxMs},
            {QStringLiteral("mean_ms"), meanMs}};
}
