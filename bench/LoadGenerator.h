#pragma once

#include "bench/HttpTarget.h"
#include "bench/RequestPlan.h"
#include "bench/ScenarioResult.h"

// Closed-loop HTTP load: N keep-alive connections, each sending its next request as soon as the
// previous answer is in, for a fixed time. The connections are spread over a few threads of its
// own, each driving its share with epoll, so the client stays cheap beside the server on a small
// machine. Nothing is ever re-sent: a lost connection is counted as an error and reopened.
class LoadGenerator
{
public:
    LoadGenerator(const HttpTarget &target, int threads) : m_target(target), m_threads(threads) {}

    // Blocks for about `durationMs` (plus the time the last answers take).
    ScenarioResult run(const QString &name, RequestPlan &plan, int connections, int durationMs) const;

private:
    const HttpTarget &m_target;
    int m_threads;
};
