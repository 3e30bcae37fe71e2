#pragma once

#include "app/client/transport/ApiResult.h"
#include "app/client/transport/TransferReceipt.h"
#include "shared/wire/TransferRequest.h"

#include <QDateTime>
#include <QString>

// One POST /v1/transfers: the key and body sent, when, how long it took and what came back.
// ApiClient reports every attempt, so retries with the same key and a timeline of attempts can
// be built on top without touching the request code.
struct TransferAttempt
{
    enum class Outcome {
        Created,        // 201, money moved now
        Replayed,       // 201 with Idempotent-Replayed: moved earlier, not again
        Refused,        // the server answered with a problem
        OutcomeUnknown, // no readable answer: the transfer may or may not have happened
        NotSent,        // it never reached the bank: refused by the client, or a failed TLS handshake
    };

    QString key; // empty for the unsafe demonstration, which sends none
    TransferRequest request;
    // Sent as X-Request-Id, so what the network and the server did can be matched to this attempt.
    QByteArray requestId;
    bool unsafe = false; // POST /v1/demo/unsafe-transfers: no key, every request moves money
    int number = 0;      // 1 for an intent's first attempt, 2 for its first retry...; set by TransferFlow
    QDateTime startedAt; // UTC
    qint64 elapsedMs = 0;
    ApiResult<TransferReceipt> result{ApiFailure::notSent({})};

    Outcome outcome() const;
};
