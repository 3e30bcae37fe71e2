#include "shared/money/Money.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <limits>

namespace Money {

namespace {

// What the world's locales write for each currency, from Qt's locale data (CLDR).
struct CurrencySymbols
{
    QHash<QString, QString> homeSymbol;    // "USD" -> "$": the symbol most locales using it write
    QHash<QString, QString> ownerOfSymbol; // "$" -> "USD": the currency most territories mean by it
};

const CurrencySymbols &currencySymbols()
{
    static const CurrencySymbols symbols = [] {
        QHash<QString, QHash<QString, int>> symbolCounts;              // code -> symbol -> locales
        QHash<QString, QHash<QString, QSet<int>>> territoriesBySymbol; // symbol -> code -> territories
        for (const QLocale &locale :
             QLocale::matchingLocales(QLocale::AnyLanguage, QLocale::AnyScript, QLocale::AnyTerritory)) {
            const QString code = locale.currencySymbol(QLocale::CurrencyIsoCode);
            const QString symbol = locale.currencySymbol(QLocale::CurrencySymbol);
            if (code.isEmpty() || symbol.isEmpty())
                continue;
            ++symbolCounts[code][symbol];
            territoriesBySymbol[symbol][code].insert(int(locale.territory()));
        }
        // The most frequent wins; a tie names nobody, so that a shared sign is never guessed.
        const auto winner = [](const auto &counts, const auto &countOf) {
            QString best;
            qsizetype most = 0;
            bool tie = false;
            for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
                const qsizetype count = countOf(it.value());
                if (count > most) {
                    most = count;
                    best = it.key();
                    tie = false;
                } else if (count == most) {
                    tie = true;
                }
            }
            return tie ? QString() : best;
        };
        CurrencySymbols made;
        for (auto it = symbolCounts.cbegin(); it != symbolCounts.cend(); ++it)
            made.homeSymbol.insert(it.key(), winner(it.value(), [](int count) { return qsizetype(count); }));
        for (auto it = territoriesBySymbol.cbegin(); it != territoriesBySymbol.cend(); ++it)
            made.ownerOfSymbol.insert(
                it.key(), winner(it.value(), [](const QSet<int> &territories) { return territories.size(); }));
        return made;
    }();
    return symbols;
}

// The sign to write `currency` with for readers of `locale`: the locale's own currency with its
// own symbol; another with the symbol its home writes, when that symbol means it to most of the
// world and is not how the locale writes its own money ("$" for USD in Germany, but "USD" in
// Canada); else, and always under C/POSIX, the ISO code.
QString symbolFor(const QString &currency, const QLocale &locale)
{
    if (locale.language() == QLocale::C)
        return currency;
    const QString own = locale.currencySymbol(QLocale::CurrencySymbol);
    if (locale.currencySymbol(QLocale::CurrencyIsoCode) == currency)
        return own;
    const CurrencySymbols &symbols = currencySymbols();
    const QString home = symbols.homeSymbol.value(currency);
    if (!home.isEmpty() && symbols.ownerOfSymbol.value(home) == currency && home != own)
        return home;
    return currency;
}

bool isCode(const QString &symbol)
{
    return std::all_of(symbol.cbegin(), symbol.cend(), [](QChar c) { return c.isLetter(); });
}

} // namespace

std::optional<qint64> parseAmount(const QString &input, const QLocale &locale)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const QString groupSeparator = locale.groupSeparator();
    // Some locales group with a non-breaking space; people type a plain one.
    if (groupSeparator == QStringLiteral("\u00a0") || groupSeparator == QStringLiteral("\u202f"))
        text.replace(u' ', groupSeparator);

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
    // Grouped as the locale groups (1,234,567) or not at all. Anything else is another locale's
    // decimal point: "12.50" typed in German is not 1250.
    if (!groupSeparator.isEmpty() && whole.contains(groupSeparator)) {
        const QStringList groups = whole.split(groupSeparator);
        if (groups.constFirst().isEmpty() || groups.constFirst().size() > 3)
            return std::nullopt;
        for (qsizetype i = 1; i < groups.size(); ++i) {
            if (groups.at(i).size() != 3)
                return std::nullopt;
        }
        whole = groups.join(QString());
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
    const QString symbol = symbolFor(currency, locale);
    // Only the placement of the symbol comes from toCurrencyString (which takes a double); the
    // digits are built from the integer so no amount is ever rounded.
    const QString pattern = locale.toCurrencyString(1.0, symbol, kMinorDigits);
    const QString formattedOne = formatAmount(100, locale);
    const qsizetype at = pattern.indexOf(formattedOne);
    const QString digits = formatAmount(minorUnits < 0 ? -minorUnits : minorUnits, locale);
    const QString sign = minorUnits < 0 ? locale.negativeSign() : QString();
    // A no-break space: the amount and its currency never part at the end of a line.
    constexpr QChar space(0x00a0);
    if (at < 0)
        return sign + digits + space + currency;
    QString before = pattern.left(at);
    QString after = pattern.mid(at + formattedOne.size());
    // A symbol may touch the digits ("$1.00"); a code would read as one word with them ("1.00USD").
    if (isCode(symbol)) {
        if (!before.isEmpty() && !before.back().isSpace())
            before.append(space);
        if (!after.isEmpty() && !after.front().isSpace())
            after.prepend(space);
    }
    return sign + before + digits + after;
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
