#pragma once

#include "shared/wire/TransferRequest.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

#include <optional>

// The transfer form's contents as typed, and their validation: the server's rules, checked
// before anything is sent, with a message per field in words people use.
struct TransferDraft
{
    Q_DECLARE_TR_FUNCTIONS(TransferDraft)
public:
    QString fromAccount; // account ids
    QString toAccount;
    QString amountText; // in the user's locale, e.g. "1,234.50" or "1.234,50"
    QString memo;
    QString fromCurrency; // currencies of the chosen accounts, when known
    QString toCurrency;

    struct Validation
    {
        std::optional<TransferRequest> request; // set when every field is valid
        QString fromError;
        QString toError;
        QString amountError;
        QString memoError;

        bool ok() const { return request.has_value(); }
    };

    Validation validate(const QLocale &locale) const;
    bool operator==(const TransferDraft &other) const = default;

    static QString amountError(const QString &text, const QLocale &locale);
    static QString memoError(const QString &memo);
};
