#include "shared/wire/ScheduledTransfer.h"

#include <QJsonArray>

namespace {

QJsonValue orNull(const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); }

} // namespace

QJsonObject ScheduledOccurrence::toJson() const
{
    return {{QStringLiteral("number"), number},
            {QStringLiteral("due_at"), dueAt},
            {QStringLiteral("status"), status},
            {QStringLiteral("transfer_id"), orNull(transferId)},
            {QStringLiteral("problem_code"), orNull(problemCode)}};
}

QJsonObject ScheduledTransfer::toJson(bool withOccurrences) const
{
    QJsonObject o = transfer.toJson();
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("first_run_at"), firstRunAt);
    o.insert(QStringLiteral("repeat"),
             every.isEmpty() ? QJsonValue()
                             : QJsonObject{{QStringLiteral("every"), every}, {QStringLiteral("count"), count}});
    o.insert(QStringLiteral("next_run_at"), orNull(nextRunAt));
    o.insert(QStringLiteral("created_at"), createdAt);
    o.insert(QStringLiteral("idempotency_key"), idempotencyKey);
    if (withOccurrences) {
        QJsonArray runs;
        for (const ScheduledOccurrence &occurrence : occurrences)
            runs.append(occurrence.toJson());
        o.insert(QStringLiteral("occurrences"), runs);
    }
    return o;
}

QJsonObject ScheduledTransferPage::toJson() const
{
    QJsonArray items;
    for (const ScheduledTransfer &schedule : schedules)
        items.append(schedule.toJson(false));
    return {{QStringLiteral("scheduled_transfers"), items}, {QStringLiteral("has_more"), hasMore}};
}
