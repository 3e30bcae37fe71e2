#include "bench/TransferPlan.h"

TransferPlan::TransferPlan(const HttpTarget &target, const SignedInUser &user, KeyPool &pool, int connections,
                           int duplicateEvery)
    : m_target(target),
      m_user(user),
      m_pool(pool),
      m_duplicateEvery(duplicateEvery),
      m_connections(size_t(connections))
{}

std::optional<PlannedRequest> TransferPlan::next(int connection)
{
    PerConnection &state = m_connections[size_t(connection)];
    const quint64 index = state.sent++;
    if (m_duplicateEvery > 0 && index % quint64(m_duplicateEvery) == quint64(m_duplicateEvery - 1)
        && !state.lastCompleted.isEmpty())
        return PlannedRequest{state.lastCompleted, Duplicate};
    const std::optional<QString> key = m_pool.take();
    if (!key)
        return std::nullopt;
    return PlannedRequest{m_target.request("POST", "/v1/transfers", m_user.token, m_user.transferBody(index % 2 == 0),
                                           {{"Idempotency-Key", key->toLatin1()}}),
                          Fresh};
}

QByteArray TransferPlan::verify(int connection, const PlannedRequest &request, const HttpMessage &reply)
{
    if (reply.status() != 201)
        return "status_" + QByteArray::number(reply.status());
    if (request.kind == Duplicate)
        return isReplay(reply) ? QByteArray() : QByteArray("duplicate_not_replayed");
    if (isReplay(reply))
        return "fresh_answered_as_replay";
    m_connections[size_t(connection)].lastCompleted = request.bytes;
    return {};
}

std::vector<QByteArray> TransferPlan::completedRequests() const
{
    std::vector<QByteArray> out;
    for (const PerConnection &state : m_connections)
        out.push_back(state.lastCompleted);
    return out;
}
