#include "shared/money/Money.h"

#include <limits>

namespace Money {

std::optional<qint64> parseAmount(const QString &input, const QLocale &locale)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const QString groupSeparator = locale.groupSeparator();
    if (!groupSeparator.isEmpty())
        text.remove(groupSeparator);
    // Some locales group with a non-breaking space; people type a plain one.
    if (groupSeparator == QStringLiteral("\u00a0") || groupSeparator == QStringLiteral("\u202f"))
        text.remove(u' ');

    const QString decimalPoint = locale.decimalPoint();
    QString whole = text;
    QString fraction;
    const qsizetype point = text.indexOf(decimalPoint);
    if (point >= 0) {
        whole = text.left(point);
        fraction = text.mid(point + decimalPoint.size());
        if (fraction.isEmpty() || fraction.size() > kMinorDigits)
            return std::nullopt;
    }
    if (whole.isEmpty())
        whole = QStringLiteral("0");
    auto allDigits = [](const QString &s) {
        for (const QChar c : s) {
            if (c < u'0' || c > u'9')
                return false;
        }
        return true;
    };
    if (!allDigits(whole) || !allDigits(fraction) || whole.size() > 15)
        return std::nullopt;
    while (fraction.size() < kMinorDigits)
        fraction.append(u'0');
    const qint64 minor = whole.toLongLong() * 100 + fraction.toLongLong();
    if (minor <= 0 || minor > kMaxAmountMinor)
        return std::nullopt;
    return minor;
}

QString formatAmount(qint64 minorUnits, const QLocale &locale)
{
    const bool negative = minorUnits < 0;
    // Work in unsigned magnitude so the most negative value cannot overflow.
    const quint64 magnitude = negative ? quint64(0) - quint64(minorUnits) : quint64(minorUnits);
    const QString whole = locale.toString(magnitude / 100);
    const QString cents = QStringLiteral("%1").arg(magnitude % 100, kMinorDigits, 10, QLatin1Char('0'));
    return (negative ? locale.negativeSign() : QString()) + whole + locale.decimalPoint() + cents;
}

QString formatWithCurrency(qint64 minorUnits, const QString &currency, const QLocale &locale)
{
    // The locale's own currency gets its symbol ("$"), any other its ISO code ("EUR").
    const QString symbol = locale.currencySymbol(QLocale::CurrencyIsoCode) == currency
        ? locale.currencySymbol(QLocale::CurrencySymbol)
        : currency;
    // Only the placement of the symbol comes from toCurrencyString (which takes a double); the
    // digits are built from the integer so no amount is ever rounded.
    const QString pattern = locale.toCurrencyString(1.0, symbol, kMinorDigits);
    const QString formattedOne = formatAmount(100, locale);
    const qsizetype at = pattern.indexOf(formattedOne);
    const QString digits = formatAmount(minorUnits < 0 ? -minorUnits : minorUnits, locale);
    const QString sign = minorUnits < 0 ? locale.negativeSign() : QString();
    if (at < 0)
        return sign + digits + u' ' + currency;
    QString result = pattern;
    result.replace(at, formattedOne.size(), digits);
    return sign + result;
}

bool isCurrencyCode(const QString &code)
{
    if (code.size() != 3)
        return false;
    for (const QChar c : code) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

} // namespace Money
