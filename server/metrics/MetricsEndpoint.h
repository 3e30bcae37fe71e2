#pragma once

#include "server/http/HttpHandler.h"

class GroupCommitWriter;
class Metrics;

// GET /metrics, on a listener of its own (--metrics-listen): its counters show, among other
// things, how far a password-guessing run has got, so they are kept off the API's port, where
// anyone who can reach the bank could read them.
class MetricsEndpoint : public HttpHandler
{
    Q_DISABLE_COPY_MOVE(MetricsEndpoint)
public:
    MetricsEndpoint(const Metrics &metrics, const GroupCommitWriter &writer);

    void handle(HttpRequest request, HttpResponder responder) override;

private:
    const Metrics &m_metrics;
    const GroupCommitWriter &m_writer;
};
