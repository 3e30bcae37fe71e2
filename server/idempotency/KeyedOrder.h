#pragma once

#include <QByteArray>
#include <QString>

// A request that presents an idempotency key for an operation (OperationRegistry): by which user,
// under which key, and the request's fingerprint (CanonicalJson::fingerprint: a key may only ever
// answer one request) and digest (RequestDigest: what a key completed by another request names as
// different).
struct KeyedOrder
{
    qint64 userId = 0;
    QString key;
    QString operation;
    QByteArray fingerprint;
    QByteArray digest;
};
