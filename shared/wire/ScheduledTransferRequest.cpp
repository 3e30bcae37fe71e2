#include "shared/wire/ScheduledTransferRequest.h"

#include "shared/core/Timestamp.h"

#include <QJsonObject>
#include <QTimeZone>

namespace {

Problem invalidSchedule(const QString &detail) { return Problem(ProblemCode::ValidationFailed, detail); }

} // namespace

QString ScheduledTransferRequest::everyName(Every every)
{
    switch (every) {
    case Every::Day:
        return QStringLiteral("day");
    case Every::Week:
        return QStringLiteral("week");
    case Every::Month:
        break;
    }
    return QStringLiteral("month");
}

std::optional<ScheduledTransferRequest::Every> ScheduledTransferRequest::everyNamed(const QString &name)
{
    for (const Every every : {Every::Day, Every::Week, Every::Month}) {
        if (everyName(every) == name)
            return every;
    }
    return std::nullopt;
}

qint64 ScheduledTransferRequest::dueAtMs(int number) const
{
    const QDateTime first = QDateTime::fromMSecsSinceEpoch(firstRunAtMs, QTimeZone::utc());
    const int periods = number - 1;
    switch (every) {
    case Every::Day:
        return first.addDays(periods).toMSecsSinceEpoch();
    case Every::Week:
        return first.addDays(7 * qint64(periods)).toMSecsSinceEpoch();
    case Every::Month:
        break;
    }
    return first.addMonths(periods).toMSecsSinceEpoch();
}

QJsonObject ScheduledTransferRequest::toJson() const
{
    QJsonObject o = transfer.toJson();
    // Spelled out: Qt 6.4 writes a QTimeZone's UTC as "+00:00", which the API does not take.
    o.insert(QStringLiteral("first_run_at"),
             QDateTime::fromMSecsSinceEpoch(firstRunAtMs, QTimeZone::utc())
                 .toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")));
    // Once: no repeat at all, as the API documents a one-off.
    if (count > 1)
        o.insert(QStringLiteral("repeat"),
                 QJsonObject{{QStringLiteral("every"), everyName(every)}, {QStringLiteral("count"), count}});
    return o;
}

Result<ScheduledTransferRequest> ScheduledTransferRequest::fromBody(const QByteArray &body, QJsonValue *parsed)
{
    const auto value = TransferRequest::parseBody(body);
    if (!value)
        return value.problem();
    if (parsed)
        *parsed = *value;
    return fromJson(*value);
}

Result<ScheduledTransferRequest> ScheduledTransferRequest::fromJson(const QJsonValue &body)
{
    if (!body.isObject())
        return invalidSchedule(QStringLiteral("the body must be a JSON object"));
    QJsonObject transferFields = body.toObject();
    const QJsonValue firstRunAt = transferFields.take(QLatin1String("first_run_at"));
    const QJsonValue repeat = transferFields.take(QLatin1String("repeat"));
    // The transfer's own fields, with its rules and its refusal of any field it does not know.
    const auto transfer = TransferRequest::fromJson(transferFields);
    if (!transfer)
        return transfer.problem();

    ScheduledTransferRequest request;
    request.transfer = transfer.value();
    if (firstRunAt.isUndefined())
        return invalidSchedule(QStringLiteral("first_run_at: required"));
    // UTC, said with a "Z": a time without an offset would be read in the server's own zone.
    const QString firstText = firstRunAt.toString();
    const QDateTime first = firstText.endsWith(QLatin1Char('Z')) ? Timestamp::fromIso(firstText) : QDateTime();
    if (!firstRunAt.isString() || !first.isValid())
        return invalidSchedule(
            QStringLiteral("first_run_at: must be an RFC 3339 UTC time such as \"2026-01-31T09:00:00Z\""));
    request.firstRunAtMs = first.toMSecsSinceEpoch();

    if (!repeat.isUndefined() && !repeat.isNull()) {
        if (!repeat.isObject())
            return invalidSchedule(QStringLiteral("repeat: must be an object {\"every\", \"count\"}"));
        const QJsonObject r = repeat.toObject();
        for (auto it = r.begin(); it != r.end(); ++it) {
            if (it.key() != QLatin1String("every") && it.key() != QLatin1String("count"))
                return invalidSchedule(QStringLiteral("repeat: unknown field \"%1\"").arg(it.key()));
        }
        const auto every = everyNamed(r.value(QLatin1String("every")).toString());
        if (!r.value(QLatin1String("every")).isString() || !every)
            return invalidSchedule(QStringLiteral("repeat.every: must be \"day\", \"week\" or \"month\""));
        request.every = *every;
        const QJsonValue count = r.value(QLatin1String("count"));
        if (!count.isDouble() || count.toInteger() < 1 || count.toInteger() > kMaxCount)
            return invalidSchedule(QStringLiteral("repeat.count: must be an integer from 1 to %1").arg(kMaxCount));
        request.count = int(count.toInteger());
    }
    return request;
}

std::optional<Problem> ScheduledTransferRequest::refusalAt(qint64 nowMs) const
{
    if (firstRunAtMs < nowMs - kPastToleranceMs)
        return invalidSchedule(
            QStringLiteral("first_run_at: lies in the past (now is %1)").arg(Timestamp::toIso(nowMs)));
    return std::nullopt;
}
