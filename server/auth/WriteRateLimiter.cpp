#include "server/auth/WriteRateLimiter.h"

#include <algorithm>
#include <cmath>

WriteRateLimiter::WriteRateLimiter(int ratePerSecond, int burst)
    : m_ratePerMs(ratePerSecond / 1000.0),
      m_burst(std::max(burst, 1))
{}

std::optional<qint64> WriteRateLimiter::tryAcquire(qint64 userId, qint64 nowMs)
{
    if (m_ratePerMs <= 0)
        return std::nullopt;
    const QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(userId);
    if (it == m_buckets.end()) {
        makeRoom(nowMs);
        it = m_buckets.insert(userId, Bucket{m_burst, nowMs});
    }
    Bucket &bucket = it.value();
    refill(bucket, nowMs);
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    return std::max<qint64>(1, qint64(std::ceil((1 - bucket.tokens) / m_ratePerMs)));
}

std::optional<Problem> WriteRateLimiter::admit(qint64 userId, qint64 nowMs)
{
    const auto waitMs = tryAcquire(userId, nowMs);
    if (!waitMs)
        return std::nullopt;
    return Problem(
               ProblemCode::TooManyRequests,
               QStringLiteral("too many writes; at most %1 a second, %2 at once").arg(m_ratePerMs * 1000).arg(m_burst))
        .retryAfterMs(*waitMs);
}

qsizetype WriteRateLimiter::trackedUsers() const
{
    const QMutexLocker lock(&m_mutex);
    return m_buckets.size();
}

void WriteRateLimiter::refill(Bucket &bucket, qint64 nowMs) const
{
    // The clock may step back; never take tokens away for it.
    const qint64 elapsedMs = std::max<qint64>(0, nowMs - bucket.updatedMs);
    bucket.tokens = std::min(m_burst, bucket.tokens + elapsedMs * m_ratePerMs);
    bucket.updatedMs = std::max(bucket.updatedMs, nowMs);
}

void WriteRateLimiter::makeRoom(qint64 nowMs)
{
    if (m_buckets.size() < kMaxEntries)
        return;
    m_buckets.removeIf([&](QHash<qint64, Bucket>::iterator it) {
        refill(it.value(), nowMs);
        return it->tokens >= m_burst;
    });
    // Still full: every bucket is in use this very moment (a flood from that many users); dropping
    // one hands its user a full bucket, which costs at most one burst.
    if (m_buckets.size() >= kMaxEntries)
        m_buckets.erase(m_buckets.begin());
}
