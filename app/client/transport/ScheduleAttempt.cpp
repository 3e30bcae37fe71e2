#include "app/client/transport/ScheduleAttempt.h"

std::optional<ScheduleReceipt> ScheduleAttempt::receiptOf(const QJsonObject &body, bool replayed)
{
    const std::optional<ScheduledTransfer> made = ScheduledTransfer::fromJson(body);
    if (!made)
        return std::nullopt;
    return ScheduleReceipt{*made, replayed};
}
