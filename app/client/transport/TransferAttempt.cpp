#include "app/client/transport/TransferAttempt.h"

std::optional<TransferReceipt> TransferAttempt::receiptOf(const QJsonObject &body, bool replayed)
{
    const std::optional<Transfer> created = Transfer::fromJson(body);
    if (!created)
        return std::nullopt;
    return TransferReceipt{*created, replayed};
}
