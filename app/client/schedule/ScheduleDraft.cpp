#include "app/client/schedule/ScheduleDraft.h"

#include <QJsonObject>

namespace {

ScheduledTransferRequest::Every everyOf(ScheduleDraft::Repeat repeat)
{
    switch (repeat) {
    case ScheduleDraft::Repeat::Weekly:
        return ScheduledTransferRequest::Every::Week;
    case ScheduleDraft::Repeat::Monthly:
        return ScheduledTransferRequest::Every::Month;
    case ScheduleDraft::Repeat::Once:
    case ScheduleDraft::Repeat::Daily:
        break;
    }
    return ScheduledTransferRequest::Every::Day;
}

} // namespace

ScheduleDraft::Validation ScheduleDraft::validate(const QLocale &locale, qint64 nowMs) const
{
    Validation v;
    const TransferDraft::Validation money = transfer.validate(locale);
    for (const QString &error : {money.fromError, money.toError, money.amountError, money.memoError}) {
        if (!error.isEmpty()) {
            v.error = error;
            return v;
        }
    }
    if (!firstRun.isValid()) {
        v.error = tr("Choose when the transfer first runs.");
        return v;
    }
    const bool repeats = repeat != Repeat::Once;
    if (repeats && (count < 1 || count > ScheduledTransferRequest::kMaxCount)) {
        v.error = tr("A schedule runs from 1 to %1 times.").arg(ScheduledTransferRequest::kMaxCount);
        return v;
    }
    ScheduledTransferRequest request;
    request.transfer = *money.request;
    request.firstRunAtMs = firstRun.toMSecsSinceEpoch();
    request.every = everyOf(repeat);
    request.count = repeats ? count : 1;
    if (request.refusalAt(nowMs)) {
        v.error = tr("The first run lies in the past. Choose a later time.");
        return v;
    }
    // The shared validator has the last word, so the form never sends what the server refuses
    // for its shape.
    const Result<ScheduledTransferRequest> checked = ScheduledTransferRequest::fromJson(request.toJson());
    if (!checked) {
        v.error = tr("This schedule cannot be made as entered; check its details.");
        return v;
    }
    v.request = checked.value();
    return v;
}
