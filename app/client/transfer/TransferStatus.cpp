#include "app/client/transfer/TransferStatus.h"

#include <QCoreApplication>

TransferStatus TransferStatus::fromAnswer(const ApiResult<IdempotencyKeyInfo> &answer)
{
    TransferStatus status;
    if (!answer) {
        // Not found: purged (only keys that made no transfer are) or never this user's.
        status.verdict = answer.failure().isProblem(ProblemCode::NotFound) ? Verdict::KeyExpired : Verdict::Unknown;
        return status;
    }
    status.info = answer.value();
    const IdempotencyKeyInfo &info = answer.value();
    if (info.status == QLatin1String("completed")) {
        status.verdict = info.responseStatus == 201 ? Verdict::Happened : Verdict::Refused;
    } else if (info.status == QLatin1String("unused")) {
        status.verdict = Verdict::NotYet;
    } else {
        status.verdict = Verdict::KeyExpired;
    }
    return status;
}

QString TransferStatus::message(const QString &what) const
{
    switch (verdict) {
    case Verdict::Happened:
        return tr("It happened: the bank carried out %1, once. Do not send it again.").arg(what);
    case Verdict::Refused:
        return tr("It did not happen: the bank refused %1 (not enough money) and recorded that. Nothing was moved.")
            .arg(what);
    case Verdict::NotYet:
        return tr("It has not happened: the bank has not carried out %1 (yet). Retrying with the same key is safe: "
                  "the bank moves the money at most once.")
            .arg(what);
    case Verdict::KeyExpired:
        return tr("It did not happen: the bank never carried out %1, and its key can no longer be used. "
                  "Sending it again gets a new key.")
            .arg(what);
    case Verdict::Unknown:
        return tr("The bank could not be asked about %1, so it may or may not have happened. Try again in a moment.")
            .arg(what);
    }
    return {};
}
