#pragma once

#include <QLocale>
#include <QString>

#include <optional>

// Money is an integer count of minor units (cents) plus an ISO 4217 currency. Never a double.
namespace Money {

inline constexpr qint64 kMaxAmountMinor = 1'000'000'000'000; // 10^12 minor units, the API's limit
inline constexpr int kMinorDigits = 2;

// "1234.5" in the given locale -> 123450. Rejects more than two decimals, signs, exponents,
// anything above kMaxAmountMinor and zero.
std::optional<qint64> parseAmount(const QString &text, const QLocale &locale = QLocale::c());

// 123450 -> "1,234.50" (group separators of the locale, no currency).
QString formatAmount(qint64 minorUnits, const QLocale &locale = QLocale::c());

// 123450, "USD" -> "$1,234.50" for en_US; the locale decides where the symbol goes.
QString formatWithCurrency(qint64 minorUnits, const QString &currency, const QLocale &locale = QLocale::c());

bool isCurrencyCode(const QString &code);

} // namespace Money
