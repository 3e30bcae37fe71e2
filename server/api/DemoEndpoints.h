#pragma once

#include "server/api/RequestContext.h"

#include <QSqlDatabase>

class Metrics;
class TransferService;

// POST /v1/demo/unsafe-transfers, the teaching contrast to POST /v1/transfers: the same body but
// no Idempotency-Key, so every request that arrives moves the money, retries included. Served only
// when the server is started with it switched on (bank-server --demo-unsafe, or the desktop
// client's integrated demo mode). The ledger's invariants still hold: each transfer gets a
// server-generated, already completed key (TransferService::submitUnsafe), which no client ever
// sees before the money has moved and so can never replay.
class DemoEndpoints
{
    Q_DISABLE_COPY_MOVE(DemoEndpoints)
public:
    static constexpr char kPath[] = "/v1/demo/unsafe-transfers";

    DemoEndpoints(TransferService &transfers, Metrics &metrics);

    void createUnsafeTransfer(const RequestContext &call, QSqlDatabase &db);

private:
    TransferService &m_transfers;
    Metrics &m_metrics;
};
