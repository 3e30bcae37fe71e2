#pragma once

#include "shared/httpframing/HttpMessage.h"

#include <QByteArray>

#include <optional>

// One request a connection sends, and what the plan needs to recognise its answer.
struct PlannedRequest
{
    QByteArray bytes;
    int kind = 0; // the plan's own label, e.g. fresh or duplicate
};

// What a scenario sends and what it expects back. Called from the load generator's threads: a
// connection is served by one thread only, so per-connection state needs no lock, shared state does.
class RequestPlan
{
public:
    virtual ~RequestPlan() = default;
    // The connection's next request, or nullopt when the plan has nothing more for it.
    virtual std::optional<PlannedRequest> next(int connection) = 0;
    // Empty if the reply is the expected one, else a short label that names the error.
    virtual QByteArray verify(int connection, const PlannedRequest &request, const HttpMessage &reply) = 0;

protected:
    // The bank answered from the stored response of an earlier request with the same key.
    static bool isReplay(const HttpMessage &reply) { return reply.header("idempotent-replayed") == "true"; }
};
