#include "app/client/transfer/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>
#include <utility>

RetryPolicy::RetryPolicy() : RetryPolicy(Settings{}) {}

RetryPolicy::RetryPolicy(Settings settings, RandomSource random) : m_settings(settings), m_random(std::move(random))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

bool RetryPolicy::isRetryable(const ApiFailure &failure)
{
    switch (failure.kind) {
    case ApiFailure::Kind::NoAnswer:
        return true;
    case ApiFailure::Kind::Problem:
    case ApiFailure::Kind::UnreadableAnswer:
        // 503 from the bank or from something in front of it that does not speak problem+json.
        return failure.httpStatus == 409 || failure.httpStatus == 503;
    case ApiFailure::Kind::NotSent:
    case ApiFailure::Kind::SecureConnectionFailed: // the same certificate again: the user must act
        return false;
    }
    return false;
}

int RetryPolicy::ceilingMs(int attemptsMade) const
{
    // Doubling stops at the cap; the exponent is bounded so the shift cannot overflow.
    const int doublings = std::clamp(attemptsMade - 1, 0, 30);
    const qint64 ceiling = qint64(m_settings.baseDelayMs) << doublings;
    return int(std::min<qint64>(ceiling, m_settings.maxDelayMs));
}

std::optional<int> RetryPolicy::delayBeforeRetry(int attemptsMade, const ApiFailure &failure) const
{
    if (attemptsMade >= m_settings.maxAttempts || !isRetryable(failure))
        return std::nullopt;
    const double random = std::clamp(m_random(), 0.0, 1.0);
    int delay = int(std::floor(random * ceilingMs(attemptsMade)));
    if (failure.retryAfterSeconds) {
        const qint64 asked = qint64(*failure.retryAfterSeconds) * 1000;
        if (asked > m_settings.maxRetryAfterMs)
            return std::nullopt;
        delay = std::max(delay, int(asked));
    }
    return delay;
}
