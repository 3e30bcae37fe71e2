#include "shared/wire/ScheduledTransfer.h"

#include "shared/wire/ApiTypes.h"

#include <QJsonArray>

namespace {

QJsonValue orNull(const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); }

QString textOf(const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).toString(); }

bool hasText(const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).isString(); }

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

std::optional<ScheduledOccurrence> ScheduledOccurrence::fromJson(const QJsonObject &o)
{
    if (!o.value(QLatin1String("number")).isDouble() || !hasText(o, "due_at") || !hasText(o, "status"))
        return std::nullopt;
    return ScheduledOccurrence{int(o.value(QLatin1String("number")).toInteger()), textOf(o, "due_at"),
                               textOf(o, "status"), textOf(o, "transfer_id"), textOf(o, "problem_code")};
}

std::optional<ScheduledTransfer> ScheduledTransfer::fromJson(const QJsonObject &o)
{
    // A schedule carries a transfer's members under the same names: Transfer reads them.
    const std::optional<Transfer> transfer = Transfer::fromJson(o);
    if (!transfer || !hasText(o, "first_run_at"))
        return std::nullopt;
    ScheduledTransfer schedule;
    schedule.id = transfer->id;
    schedule.status = transfer->status;
    schedule.transfer
        = {transfer->fromAccount, transfer->toAccount, transfer->amount, transfer->currency, transfer->memo};
    schedule.firstRunAt = textOf(o, "first_run_at");
    const QJsonObject repeat = o.value(QLatin1String("repeat")).toObject();
    schedule.every = textOf(repeat, "every");
    schedule.count = schedule.every.isEmpty() ? 1 : int(repeat.value(QLatin1String("count")).toInteger());
    schedule.nextRunAt = textOf(o, "next_run_at");
    schedule.createdAt = transfer->createdAt;
    schedule.idempotencyKey = transfer->idempotencyKey;
    if (o.contains(QLatin1String("occurrences"))) {
        const auto occurrences = itemsFromJson<ScheduledOccurrence>(o.value(QLatin1String("occurrences")));
        if (!occurrences)
            return std::nullopt;
        schedule.occurrences = *occurrences;
    }
    return schedule;
}

std::optional<ScheduledTransferPage> ScheduledTransferPage::fromJson(const QJsonObject &o)
{
    const auto schedules = itemsFromJson<ScheduledTransfer>(o.value(QLatin1String("scheduled_transfers")));
    if (!schedules)
        return std::nullopt;
    return ScheduledTransferPage{*schedules, o.value(QLatin1String("has_more")).toBool()};
}
