#pragma once

#include <QLocale>
#include <QString>

#include <optional>

// Money is an integer count of minor units (cents) plus an ISO 4217 currency. Never a double.
namespace Money {

inline constexpr qint64 kMaxAmountMinor = 1'000'000'000'000; // 10^12 minor units, the API's limit
inline constexpr int kMinorDigits = 2;

// "1234.5" in the given locale -> 123450. Rejects more than two decimals, signs, exponents,
// anything above kMaxAmountMinor, zero, and group separators out of place (in de_DE "12.50" is
// not 1250: it is refused).
std::optional<qint64> parseAmount(const QString &text, const QLocale &locale = QLocale::c());

// 123450 -> "1,234.50" (group separators of the locale, no currency).
QString formatAmount(qint64 minorUnits, const QLocale &locale = QLocale::c());

// 123450, "USD" -> "$1,234.50" for en_US, "1.234,50 $" for de_DE, "1,234.50 USD" under C/POSIX:
// the locale's separators, and the currency as the locale places it, by a symbol where one is
// clear to its readers and else by its code, set apart from the digits. The one way the client
// writes money.
QString formatWithCurrency(qint64 minorUnits, const QString &currency, const QLocale &locale = QLocale::c());

bool isCurrencyCode(const QString &code);

} // namespace Money
