#pragma once

#include "shared/core/Problem.h"

#include <QHash>
#include <QMutex>

#include <optional>

// A token bucket per user over every write request: each write takes a token; the bucket refills
// at `ratePerSecond` up to `burst`. In memory, per server instance (see UserQuotas). Thread-safe;
// remembers at most kMaxEntries users, forgetting full buckets first (a full bucket is the same as
// none).
class WriteRateLimiter
{
    Q_DISABLE_COPY_MOVE(WriteRateLimiter)
public:
    static constexpr qsizetype kMaxEntries = 10'000;

    // ratePerSecond <= 0: no limit.
    WriteRateLimiter(int ratePerSecond, int burst);

    // nullopt: go ahead (a token is taken). Otherwise how many milliseconds until one is there.
    std::optional<qint64> tryAcquire(qint64 userId, qint64 nowMs);
    // tryAcquire() as the API's answer: nullopt, or 429 too_many_requests with Retry-After.
    std::optional<Problem> admit(qint64 userId, qint64 nowMs);

    qsizetype trackedUsers() const;

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
    };

    void refill(Bucket &bucket, qint64 nowMs) const;
    void makeRoom(qint64 nowMs);

    const double m_ratePerMs;
    const double m_burst;
    mutable QMutex m_mutex;
    QHash<qint64, Bucket> m_buckets;
};
