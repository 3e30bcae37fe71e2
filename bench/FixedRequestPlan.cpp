#include "bench/FixedRequestPlan.h"

std::optional<PlannedRequest> FixedRequestPlan::next(int) { return PlannedRequest{m_request, 0}; }

QByteArray FixedRequestPlan::verify(int, const PlannedRequest &, const HttpMessage &reply)
{
    return reply.status() == m_expectedStatus ? QByteArray() : "status_" + QByteArray::number(reply.status());
}
