#pragma once

#include "bench/RequestPlan.h"

// The same request again and again, answered with one expected status (GET /healthz,
// GET /v1/accounts).
class FixedRequestPlan : public RequestPlan
{
public:
    FixedRequestPlan(QByteArray request, int expectedStatus)
        : m_request(std::move(request)),
          m_expectedStatus(expectedStatus)
    {}

    std::optional<PlannedRequest> next(int connection) override;
    QByteArray verify(int connection, const PlannedRequest &request, const HttpMessage &reply) override;

private:
    const QByteArray m_request;
    const int m_expectedStatus;
};
