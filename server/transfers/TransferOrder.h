#pragma once

#include "server/idempotency/KeyedOrder.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/TransferRequest.h"

#include <QByteArray>
#include <QString>

// A transfer the bank is asked to make: by which user, under which idempotency key, what the
// request's fingerprint is (CanonicalJson::fingerprint: the key may only ever answer one request)
// and its digest (RequestDigest: what a key completed by another request names as different),
// and the transfer itself.
struct TransferOrder
{
    qint64 userId = 0;
    QString key;
    QByteArray fingerprint;
    QByteArray digest;
    TransferRequest transfer;

    KeyedOrder keyed() const { return {userId, key, ApiOperations::kTransfer, fingerprint, digest}; }
};
