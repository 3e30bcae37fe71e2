#pragma once

#include "bench/KeyPool.h"
#include "bench/RequestPlan.h"
#include "bench/SignedInUser.h"

#include <vector>

// POST /v1/transfers, each with a fresh key from the pool. With `duplicateEvery` n > 0, every
// n-th request of a connection instead repeats that connection's last completed transfer (same
// key, same body), which must come back as a replay.
class TransferPlan : public RequestPlan
{
public:
    enum Kind { Fresh = 0, Duplicate = 1 };

    TransferPlan(const HttpTarget &target, const SignedInUser &user, KeyPool &pool, int connections,
                 int duplicateEvery = 0);

    std::optional<PlannedRequest> next(int connection) override;
    QByteArray verify(int connection, const PlannedRequest &request, const HttpMessage &reply) override;

    // The last transfer each connection completed (empty where none did), to replay later.
    std::vector<QByteArray> completedRequests() const;

private:
    struct PerConnection
    {
        quint64 sent = 0;
        QByteArray lastCompleted;
    };

    const HttpTarget &m_target;
    const SignedInUser &m_user;
    KeyPool &m_pool;
    const int m_duplicateEvery;
    std::vector<PerConnection> m_connections;
};
