#pragma once

#include "shared/core/Result.h"
#include "shared/wire/TransferRequest.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// The body of POST /v1/scheduled-transfers: a transfer (TransferRequest's fields and rules) that
// runs at first_run_at and, with `repeat`, every day, week or month after, `count` times in all.
struct ScheduledTransferRequest
{
    enum class Every { Day, Week, Month };

    static constexpr int kMaxCount = 120;
    // How far in the past first_run_at may lie (a clock a little behind the server's).
    static constexpr qint64 kPastToleranceMs = 60'000;

    TransferRequest transfer;
    qint64 firstRunAtMs = 0;
    Every every = Every::Day;
    int count = 1;

    // When occurrence `number` (1 … count) is due: first_run_at plus that many periods, by the
    // UTC calendar (a monthly schedule on the 31st runs on the last day of shorter months).
    qint64 dueAtMs(int number) const;

    // The body as a client sends it: first_run_at in UTC with a "Z", repeat only when it repeats.
    QJsonObject toJson() const;
    // Validates what needs no clock and no ledger; refusalAt() then asks the server's clock.
    static Result<ScheduledTransferRequest> fromJson(const QJsonValue &body);
    // Parses the raw body strictly (integers only); `parsed` receives the JSON value.
    static Result<ScheduledTransferRequest> fromBody(const QByteArray &body, QJsonValue *parsed = nullptr);
    // 400 when first_run_at lies more than kPastToleranceMs before `nowMs`.
    std::optional<Problem> refusalAt(qint64 nowMs) const;

    static QString everyName(Every every);
    static std::optional<Every> everyNamed(const QString &name);
};
