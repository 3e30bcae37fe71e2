#include "shared/core/Timestamp.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

// Timestamp::toIso formats by hand; QDateTime's own form is what it must give, to the byte.
class TstTimestamp : public QObject
{
    Q_OBJECT

    static QString byQDateTime(qint64 ms)
    {
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    }

private slots:
    void knownInstants_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000+00:00");
        QTest::newRow("before the epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999+00:00");
        QTest::newRow("a leap day") << qint64(951'782'400'123) << QStringLiteral("2000-02-29T00:00:00.123+00:00");
        QTest::newRow("first instant") << qint64(-62'135'596'800'000)
                                       << QStringLiteral("0001-01-01T00:00:00.000+00:00");
        QTest::newRow("last instant") << qint64(253'402'300'799'999) << QStringLiteral("9999-12-31T23:59:59.999+00:00");
    }

    void knownInstants()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(Timestamp::toIso(ms), text);
        QCOMPARE(Timestamp::toIso(ms), byQDateTime(ms));
        QCOMPARE(Timestamp::fromIso(text).toMSecsSinceEpoch(), ms);
    }

    // Around every month's and year's turn, century leap rules included, and past both ends of
    // the years 1..9999 (where QDateTime decides).
    void sameAsQDateTime()
    {
        constexpr qint64 kMsPerDay = 86'400'000;
        for (qint64 year : {1, 4, 100, 400, 1600, 1899, 1900, 1969, 1970, 2000, 2024, 2100, 2400, 9999}) {
            const qint64 start = QDateTime(QDate(int(year), 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
            for (qint64 day = -1; day <= 366; ++day) {
                for (const qint64 ms :
                     {start + day * kMsPerDay - 1, start + day * kMsPerDay, start + day * kMsPerDay + 45'296'789})
                    QCOMPARE(Timestamp::toIso(ms), byQDateTime(ms));
            }
        }
        QRandomGenerator random(20261206);
        const qint64 low = -62'135'596'800'000 - 10 * kMsPerDay;
        const qint64 high = 253'402'300'800'000 + 10 * kMsPerDay;
        for (int i = 0; i < 200'000; ++i) {
            const qint64 ms = low + qint64(random.bounded(quint64(high - low)));
            QCOMPARE(Timestamp::toIso(ms), byQDateTime(ms));
        }
    }
};

QTEST_GUILESS_MAIN(TstTimestamp)
#include "tst_timestamp.moc"
