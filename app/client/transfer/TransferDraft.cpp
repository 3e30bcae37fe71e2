#include "app/client/transfer/TransferDraft.h"

#include "shared/core/StorableText.h"
#include "shared/money/Money.h"

#include <QCoreApplication>

QString TransferDraft::amountError(const QString &text, const QLocale &locale)
{
    if (Money::parseAmount(text, locale))
        return {};
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter an amount.");
    if (trimmed.startsWith(locale.negativeSign()) || trimmed.startsWith(u'-'))
        return tr("The amount must be more than zero.");

    QString digits = trimmed;
    digits.remove(locale.groupSeparator());
    const qsizetype point = digits.indexOf(locale.decimalPoint());
    if (point >= 0 && digits.size() - point - locale.decimalPoint().size() > Money::kMinorDigits)
        return tr("Use at most two decimals.");
    if (point >= 0)
        digits.remove(point, locale.decimalPoint().size());
    bool allDigits = !digits.isEmpty();
    bool allZero = true;
    for (const QChar c : std::as_const(digits)) {
        allDigits = allDigits && c >= u'0' && c <= u'9';
        allZero = allZero && c == u'0';
    }
    if (allDigits && allZero)
        return tr("The amount must be more than zero.");
    if (allDigits && !trimmed.contains(locale.groupSeparator()))
        return tr("The amount can be at most %1.").arg(Money::formatAmount(Money::kMaxAmountMinor, locale));
    // Digits grouped where the locale does not group them: most likely another decimal mark.
    if (allDigits)
        return tr("Write the decimals after “%1”, as in %2.")
            .arg(locale.decimalPoint(), Money::formatAmount(123456, locale));
    return tr("Enter a number such as %1.").arg(Money::formatAmount(123456, locale));
}

QString TransferDraft::memoError(const QString &memo)
{
    // The limit counts characters as people see them (code points), as the server does.
    const qsizetype length = memo.toUcs4().size();
    if (length > TransferRequest::kMaxMemoLength)
        return tr("The memo can be at most %1 characters; it has %2.").arg(TransferRequest::kMaxMemoLength).arg(length);
    // The server's rule (StorableText), so the form refuses what the server would.
    switch (StorableText::firstFlaw(memo)) {
    case StorableText::Flaw::None:
        return {};
    case StorableText::Flaw::ControlCharacter:
        return tr("The memo cannot contain tabs, line breaks or other control characters.");
    case StorableText::Flaw::ByteOrderMark:
    case StorableText::Flaw::Noncharacter:
    case StorableText::Flaw::UnpairedSurrogate:
        break;
    }
    return tr("The memo contains an invisible character that cannot be stored (such as a byte order mark).");
}

TransferDraft::Validation TransferDraft::validate(const QLocale &locale) const
{
    Validation v;
    if (fromAccount.isEmpty())
        v.fromError = tr("Choose the account to send from.");
    if (toAccount.isEmpty())
        v.toError = tr("Choose who receives the money.");
    else if (toAccount == fromAccount)
        v.toError = tr("Choose an account other than the one you send from.");
    else if (!fromCurrency.isEmpty() && !toCurrency.isEmpty() && fromCurrency != toCurrency)
        v.toError = tr("This account holds %1 and yours holds %2; both must hold the same currency.")
                        .arg(toCurrency, fromCurrency);
    v.amountError = amountError(amountText, locale);
    v.memoError = memoError(memo);
    if (!v.fromError.isEmpty() || !v.toError.isEmpty() || !v.amountError.isEmpty() || !v.memoError.isEmpty())
        return v;

    TransferRequest request;
    request.fromAccount = fromAccount;
    request.toAccount = toAccount;
    request.amount = *Money::parseAmount(amountText, locale);
    request.currency = fromCurrency;
    request.memo = memo;
    // The shared validator has the last word, so the form can never send what the server refuses
    // for its shape; its detail is technical, so the message here stays general.
    const Result<TransferRequest> checked = TransferRequest::fromJson(request.toJson());
    if (!checked) {
        v.fromError = tr("This transfer cannot be sent as entered; check the accounts.");
        return v;
    }
    v.request = checked.value();
    return v;
}
