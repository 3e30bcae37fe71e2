#pragma once

#include "server/api/KeyedReplies.h"
#include "server/api/RequestContext.h"
#include "server/transfers/TransferOutcome.h"

#include <QSqlDatabase>

class Metrics;
class TransferService;

// POST /v1/transfers, the exactly-once path, and the transfer history: GET /v1/transfers and
// GET /v1/transfers/{id}. A new transfer is read off the request here (Content-Type, the
// Idempotency-Key header, the body and its fingerprint) and answered from memory when its key is a
// completed one kept there, or else handed to the TransferService on a reader; its outcome comes
// back as the key's stored answer, sent byte for byte, or a problem.
class TransferEndpoints
{
    Q_DISABLE_COPY_MOVE(TransferEndpoints)
public:
    TransferEndpoints(TransferService &transfers, Metrics &metrics);

    // On whatever thread the call is (the network thread for a session known to this instance):
    // nothing returned when it is answered, else the reader's part.
    ReaderWork createTransfer(const RequestContext &call);
    void listTransfers(const RequestContext &call, QSqlDatabase &db);
    void getTransfer(const RequestContext &call, QSqlDatabase &db);

    // Where the transfer a completed key made is: its Location header.
    static QByteArray location(const StoredKey &key);

private:
    HttpResponse answer(const TransferOutcome &outcome) const;

    TransferService &m_transfers;
    Metrics &m_metrics;
    KeyedReplies m_replies;
};
