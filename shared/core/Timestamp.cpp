#include "shared/core/Timestamp.h"

#include <QTimeZone>

namespace Timestamp {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString toIso(qint64 msSinceEpoch)
{
    // By hand, in QDateTime's own form ("2026-12-06T10:28:00.000+00:00"): every answer carries a
    // few, and QDateTime::toString took a twentieth of a replay's time. Days to a civil date as in
    // Howard Hinnant's civil_from_days; outside years 1..9999 QDateTime decides.
    constexpr qint64 kMsPerDay = 86'400'000;
    const qint64 days = msSinceEpoch >= 0 ? msSinceEpoch / kMsPerDay : -((-msSinceEpoch - 1) / kMsPerDay) - 1;
    const qint64 msOfDay = msSinceEpoch - days * kMsPerDay;
    const qint64 shifted = days + 719'468;
    const qint64 era = (shifted >= 0 ? shifted : shifted - 146'096) / 146'097;
    const qint64 dayOfEra = shifted - era * 146'097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1'460 + dayOfEra / 36'524 - dayOfEra / 146'096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    const int month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    const qint64 year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999)
        return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc()).toString(Qt::ISODateWithMs);

    char text[] = "YYYY-MM-DDThh:mm:ss.zzz+00:00";
    const auto put = [&text](int at, qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    put(5, month, 2);
    put(8, day, 2);
    put(11, msOfDay / 3'600'000, 2);
    put(14, msOfDay / 60'000 % 60, 2);
    put(17, msOfDay / 1'000 % 60, 2);
    put(20, msOfDay % 1'000, 3);
    return QString::fromLatin1(text, qsizetype(sizeof text) - 1);
}

QDateTime fromIso(const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs); }

} // namespace Timestamp
