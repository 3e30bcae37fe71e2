#include "shared/money/Money.h"

#include <QTest>

class TestMoney : public QObject
{
    Q_OBJECT
private slots:
    void parsesAmounts_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("expected"); // -1: rejected
        QTest::newRow("whole") << "C"
                               << "12" << qint64(1200);
        QTest::newRow("one decimal") << "C"
                                     << "12.5" << qint64(1250);
        QTest::newRow("two decimals") << "C"
                                      << "0.01" << qint64(1);
        QTest::newRow("leading point") << "C"
                                       << ".75" << qint64(75);
        QTest::newRow("grouped en_US") << "en_US"
                                       << "1,234.56" << qint64(123456);
        QTest::newRow("de_DE comma") << "de_DE"
                                     << "1.234,56" << qint64(123456);
        QTest::newRow("limit") << "C"
                               << "10000000000" << qint64(1'000'000'000'000);
        QTest::newRow("over limit") << "C"
                                    << "10000000000.01" << qint64(-1);
        QTest::newRow("zero") << "C"
                              << "0" << qint64(-1);
        QTest::newRow("negative") << "C"
                                  << "-5" << qint64(-1);
        QTest::newRow("three decimals") << "C"
                                        << "1.005" << qint64(-1);
        QTest::newRow("exponent") << "C"
                                  << "1e3" << qint64(-1);
        QTest::newRow("empty") << "C"
                               << "" << qint64(-1);
        QTest::newRow("dangling point") << "C"
                                        << "5." << qint64(-1);
        QTest::newRow("letters") << "C"
                                 << "12abc" << qint64(-1);
        QTest::newRow("huge") << "C"
                              << "99999999999999999999999" << qint64(-1);
    }
    void parsesAmounts()
    {
        QFETCH(QString, locale);
        QFETCH(QString, text);
        QFETCH(qint64, expected);
        const auto parsed = Money::parseAmount(text, QLocale(locale));
        if (expected < 0)
            QVERIFY2(!parsed, qPrintable(text));
        else
            QCOMPARE(parsed.value_or(-1), expected);
    }

    void formatsAmounts()
    {
        QCOMPARE(Money::formatAmount(123456, QLocale(QStringLiteral("en_US"))), QStringLiteral("1,234.56"));
        QCOMPARE(Money::formatAmount(5, QLocale::c()), QStringLiteral("0.05"));
        QCOMPARE(Money::formatAmount(-250, QLocale::c()), QStringLiteral("-2.50"));
        QCOMPARE(Money::formatAmount(1'000'000'000'000, QLocale::c()), QStringLiteral("10000000000.00"));
    }

    void formatsWithCurrency()
    {
        const QString usd = Money::formatWithCurrency(100000, QStringLiteral("USD"), QLocale(QStringLiteral("en_US")));
        QCOMPARE(usd, QStringLiteral("$1,000.00"));
        const QString eurInUs = Money::formatWithCurrency(150, QStringLiteral("EUR"), QLocale(QStringLiteral("en_US")));
        QVERIFY2(eurInUs.contains(QStringLiteral("EUR")) && eurInUs.contains(QStringLiteral("1.50")),
                 qPrintable(eurInUs));
    }

    void roundTripsThroughTheLocale()
    {
        for (const char *name : {"en_US", "de_DE", "fr_FR", "C"}) {
            const QLocale locale(QString::fromLatin1(name));
            for (qint64 amount : {qint64(1), qint64(99), qint64(123456789), Money::kMaxAmountMinor})
                QCOMPARE(Money::parseAmount(Money::formatAmount(amount, locale), locale).value_or(-1), amount);
        }
    }

    void recognisesCurrencyCodes()
    {
        QVERIFY(Money::isCurrencyCode(QStringLiteral("USD")));
        QVERIFY(!Money::isCurrencyCode(QStringLiteral("usd")));
        QVERIFY(!Money::isCurrencyCode(QStringLiteral("US")));
        QVERIFY(!Money::isCurrencyCode(QStringLiteral("USDX")));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
