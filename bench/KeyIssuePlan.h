#pragma once

#include "bench/KeyPool.h"
#include "bench/RequestPlan.h"

#include <atomic>

// POST /v1/idempotency-keys; every issued key goes into the pool for the transfer scenarios.
// With a limit, stops once that many keys are asked for.
class KeyIssuePlan : public RequestPlan
{
public:
    KeyIssuePlan(QByteArray request, KeyPool &pool, qint64 limit = -1)
        : m_request(std::move(request)),
          m_pool(pool),
          m_limit(limit)
    {}

    std::optional<PlannedRequest> next(int connection) override;
    QByteArray verify(int connection, const PlannedRequest &request, const HttpMessage &reply) override;

private:
    const QByteArray m_request;
    KeyPool &m_pool;
    const qint64 m_limit;
    std::atomic<qint64> m_asked{0};
};
