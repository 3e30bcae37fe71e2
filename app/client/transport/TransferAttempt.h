#pragma once

#include "app/client/transport/RequestAttempt.h"
#include "app/client/transport/TransferReceipt.h"
#include "shared/wire/TransferRequest.h"

#include <optional>

// One POST /v1/transfers (or, unsafe, /v1/demo/unsafe-transfers): the request sent and what came back.
struct TransferAttempt : RequestAttempt
{
    TransferRequest request;
    bool unsafe = false; // POST /v1/demo/unsafe-transfers: no key, every request moves money
    ApiResult<TransferReceipt> result{ApiFailure::notSent({})};

    Outcome outcome() const { return outcomeOf(result); }
    // The receipt in a 201's body, `replayed` from its Idempotent-Replayed header.
    static std::optional<TransferReceipt> receiptOf(const QJsonObject &body, bool replayed);
};
