#pragma once

#include "app/client/transport/RequestAttempt.h"
#include "shared/wire/ScheduledTransfer.h"
#include "shared/wire/ScheduledTransferRequest.h"

#include <optional>

// The bank's answer to a schedule that was made: the schedule, and whether this answer is the
// stored one replayed for a repeated key (Idempotent-Replayed: true).
struct ScheduleReceipt
{
    ScheduledTransfer schedule;
    bool replayed = false;
};

// One POST /v1/scheduled-transfers: the request sent and what came back.
struct ScheduleAttempt : RequestAttempt
{
    ScheduledTransferRequest request;
    ApiResult<ScheduleReceipt> result{ApiFailure::notSent({})};

    Outcome outcome() const { return outcomeOf(result); }
    static std::optional<ScheduleReceipt> receiptOf(const QJsonObject &body, bool replayed);
};
