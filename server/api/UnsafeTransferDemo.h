#pragma once

#include "api/ProcessingDelay.h"
#include "api/RequestContext.h"
#include "api/TransferService.h"

#include <QSqlDatabase>

class Metrics;
class Storage;

// POST /v1/demo/unsafe-transfers, the teaching contrast to POST /v1/transfers: the same body but
// no Idempotency-Key, so every request that arrives moves the money, retries included. Served only
// when the server is started with it switched on (bank-server --demo-unsafe, or the desktop
// client's integrated demo mode). The ledger's invariants still hold: each transfer gets a
// server-generated, already completed key of the operation "unsafe_transfer", which no client
// ever sees before the money has moved and so can never replay.
class UnsafeTransferDemo
{
    Q_DISABLE_COPY_MOVE(UnsafeTransferDemo)
public:
    static constexpr char kPath[] = "/v1/demo/unsafe-transfers";
    static constexpr char kOperation[] = "unsafe_transfer";

    UnsafeTransferDemo(Storage &storage, Metrics &metrics, TransferService::Options options);

    void submit(const RequestContext &call, QSqlDatabase &db);

private:
    // After the delay: moves the money in the writer and answers.
    void execute(const RequestContext &call, const QByteArray &fingerprint, const TransferRequest &details);

    Storage &m_storage;
    Metrics &m_metrics;
    ProcessingDelay m_delay;
    TransferService::Options m_options;
};
