#pragma once

#include "bench/RequestPlan.h"

#include <vector>

// Completed transfers sent again, byte for byte; each must be answered as a replay.
class ReplayPlan : public RequestPlan
{
public:
    explicit ReplayPlan(std::vector<QByteArray> completedRequests);

    std::optional<PlannedRequest> next(int connection) override;
    QByteArray verify(int connection, const PlannedRequest &request, const HttpMessage &reply) override;

private:
    std::vector<QByteArray> m_requests;
};
