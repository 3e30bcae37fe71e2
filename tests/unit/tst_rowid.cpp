// RowId: a prefix and random hex digits, or a prefix, the time in milliseconds as 12 hex digits and
// then random ones, so that ids made later sort later (new rows go to the end of their indexes)
// and ids made in the same millisecond still differ.
#include "server/storage/RowId.h"
#include "shared/core/Timestamp.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestRowId : public QObject
{
    Q_OBJECT
private slots:
    void aTimeOrderedIdBeginsWithItsTimeSoNewOnesSortLast()
    {
        const qint64 before = Timestamp::nowMs();
        const QString first = RowId::timeOrdered(u"tr_", 12);
        QTest::qWait(2);
        const QString second = RowId::timeOrdered(u"tr_", 12);
        const qint64 after = Timestamp::nowMs();
        static const QRegularExpression shape(QStringLiteral("^tr_[0-9a-f]{24}$"));
        QVERIFY2(shape.match(first).hasMatch(), qPrintable(first));
        QVERIFY2(shape.match(second).hasMatch(), qPrintable(second));
        bool hex = false;
        const qint64 firstMs = first.mid(3, RowId::kTimeHexDigits).toLongLong(&hex, 16);
        QVERIFY(hex);
        QVERIFY(firstMs >= before && firstMs <= after);
        QVERIFY2(first < second, qPrintable(first + QLatin1Char(' ') + second));
    }

    // Random ids, and the random part of time-ordered ids made within a millisecond or so.
    void idsDiffer_data()
    {
        QTest::addColumn<bool>("timeOrdered");
        QTest::newRow("random") << false;
        QTest::newRow("time-ordered, after the time") << true;
    }
    void idsDiffer()
    {
        QFETCH(bool, timeOrdered);
        QSet<QString> ids;
        for (int i = 0; i < 1000; ++i)
            ids.insert(timeOrdered ? RowId::timeOrdered(u"x", 12).mid(1 + RowId::kTimeHexDigits)
                                   : RowId::random(u"sch_", 24));
        QCOMPARE(ids.size(), 1000);
    }

    void asManyDigitsAsAskedFor_data()
    {
        QTest::addColumn<int>("digits");
        for (const int digits : {1, 7, 8, 9, 16, 20, 24, 33})
            QTest::addRow("%d", digits) << digits;
    }
    void asManyDigitsAsAskedFor()
    {
        QFETCH(int, digits);
        const QString random = RowId::random(u"acc_", digits);
        const QRegularExpression randomShape(QStringLiteral("^acc_[0-9a-f]{%1}$").arg(digits));
        QVERIFY2(randomShape.match(random).hasMatch(), qPrintable(random));
        const QString ordered = RowId::timeOrdered(u"idk_", digits);
        const QRegularExpression orderedShape(QStringLiteral("^idk_[0-9a-f]{%1}$").arg(RowId::kTimeHexDigits + digits));
        QVERIFY2(orderedShape.match(ordered).hasMatch(), qPrintable(ordered));
    }
};

QTEST_GUILESS_MAIN(TestRowId)
#include "tst_rowid.moc"
