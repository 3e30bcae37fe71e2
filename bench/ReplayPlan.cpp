#include "bench/ReplayPlan.h"

#include <algorithm>

ReplayPlan::ReplayPlan(std::vector<QByteArray> completedRequests)
{
    std::copy_if(completedRequests.begin(), completedRequests.end(), std::back_inserter(m_requests),
                 [](const QByteArray &request) { return !request.isEmpty(); });
}

std::optional<PlannedRequest> ReplayPlan::next(int connection)
{
    if (m_requests.empty())
        return std::nullopt;
    return PlannedRequest{m_requests[size_t(connection) % m_requests.size()], 0};
}

QByteArray ReplayPlan::verify(int, const PlannedRequest &, const HttpMessage &reply)
{
    if (reply.status() != 201)
        return "status_" + QByteArray::number(reply.status());
    return isReplay(reply) ? QByteArray() : QByteArray("not_a_replay");
}
