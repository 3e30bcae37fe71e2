#pragma once

#include "app/client/transfer/TransferDraft.h"
#include "shared/wire/ScheduledTransferRequest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QString>

#include <optional>

// The Scheduled tab's form as entered: a transfer (TransferDraft, with its rules), when it first
// runs and how often it repeats. Validated before anything is sent, by the server's own rules
// (ScheduledTransferRequest), with one message in words people use for the first thing wrong.
struct ScheduleDraft
{
    Q_DECLARE_TR_FUNCTIONS(ScheduleDraft)
public:
    enum class Repeat { Once, Daily, Weekly, Monthly };

    TransferDraft transfer;
    QDateTime firstRun; // in any zone; sent as UTC
    Repeat repeat = Repeat::Once;
    int count = 1; // runs in all; ignored for Once

    struct Validation
    {
        std::optional<ScheduledTransferRequest> request; // set when everything is valid
        QString error;

        bool ok() const { return request.has_value(); }
    };

    // `nowMs`: the clock the first run is checked against (the server allows a minute's lag).
    Validation validate(const QLocale &locale, qint64 nowMs) const;
};
