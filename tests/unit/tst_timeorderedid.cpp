// TimeOrderedId: the prefix, the time in milliseconds as 12 hex digits, then random hex digits, so
// that ids made later sort later (new rows go to the end of their indexes) and ids made in the same
// millisecond still differ.
#include "server/storage/TimeOrderedId.h"
#include "shared/core/Timestamp.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestTimeOrderedId : public QObject
{
    Q_OBJECT
private slots:
    void beginsWithItsTimeSoNewOnesSortLast()
    {
        const qint64 before = Timestamp::nowMs();
        const QString first = TimeOrderedId::make(u"tr_", 12);
        QTest::qWait(2);
        const QString second = TimeOrderedId::make(u"tr_", 12);
        const qint64 after = Timestamp::nowMs();
        static const QRegularExpression shape(QStringLiteral("^tr_[0-9a-f]{24}$"));
        QVERIFY2(shape.match(first).hasMatch(), qPrintable(first));
        QVERIFY2(shape.match(second).hasMatch(), qPrintable(second));
        bool hex = false;
        const qint64 firstMs = first.mid(3, TimeOrderedId::kTimeHexDigits).toLongLong(&hex, 16);
        QVERIFY(hex);
        QVERIFY(firstMs >= before && firstMs <= after);
        QVERIFY2(first < second, qPrintable(first + QLatin1Char(' ') + second));
    }

    void theRestIsRandomSoIdsOfOneMillisecondDiffer()
    {
        QSet<QString> tails;
        for (int i = 0; i < 1000; ++i)
            tails.insert(TimeOrderedId::make(u"x", 12).mid(1 + TimeOrderedId::kTimeHexDigits));
        QCOMPARE(tails.size(), 1000);
    }

    void asManyRandomDigitsAsAskedFor_data()
    {
        QTest::addColumn<int>("digits");
        for (const int digits : {1, 7, 8, 9, 20, 33})
            QTest::addRow("%d", digits) << digits;
    }
    void asManyRandomDigitsAsAskedFor()
    {
        QFETCH(int, digits);
        const QString id = TimeOrderedId::make(u"idk_", digits);
        const QRegularExpression shape(
            QStringLiteral("^idk_[0-9a-f]{%1}$").arg(TimeOrderedId::kTimeHexDigits + digits));
        QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
    }
};

QTEST_GUILESS_MAIN(TestTimeOrderedId)
#include "tst_timeorderedid.moc"
