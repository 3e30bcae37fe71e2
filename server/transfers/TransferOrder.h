#pragma once

#include "shared/api/TransferRequest.h"

#include <QByteArray>
#include <QString>

// A transfer the bank is asked to make: by which user, under which idempotency key, what the
// request's fingerprint is (CanonicalJson::fingerprint: the key may only ever answer one request)
// and the transfer itself.
struct TransferOrder
{
    qint64 userId = 0;
    QString key;
    QByteArray fingerprint;
    TransferRequest transfer;
};
