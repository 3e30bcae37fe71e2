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
        QTest::newRow("de_DE thousands") << "de_DE"
                                         << "1.250" << qint64(125000);
        QTest::newRow("de_DE ungrouped") << "de_DE"
                                         << "1250,5" << qint64(125050);
        QTest::newRow("de_DE with a point for decimals") << "de_DE"
                                                         << "12.50" << qint64(-1);
        QTest::newRow("en_US with a comma for decimals") << "en_US"
                                                         << "12,50" << qint64(-1);
        QTest::newRow("en_US group out of place") << "en_US"
                                                  << "1,23.45" << qint64(-1);
        QTest::newRow("en_US leading group") << "en_US"
                                             << ",123" << qint64(-1);
        QTest::newRow("fr_FR typed space") << "fr_FR"
                                           << "1 234,56" << qint64(123456);
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
        // Another currency by its symbol where that is clear to the reader (the rule since
        // 10: the currency's symbol, as the locale places it), by its code set apart where not.
        const QString eurInUs = Money::formatWithCurrency(150, QStringLiteral("EUR"), QLocale(QStringLiteral("en_US")));
        QCOMPARE(eurInUs, QStringLiteral("€1.50"));
    }

    void formatsWithCurrencyInEveryLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en_US own") << QStringLiteral("en_US") << qint64(100000) << QStringLiteral("USD")
                                   << QStringLiteral("$1,000.00");
        QTest::newRow("en_US negative") << QStringLiteral("en_US") << qint64(-1234) << QStringLiteral("USD")
                                        << QStringLiteral("-$12.34");
        QTest::newRow("de_DE own") << QStringLiteral("de_DE") << qint64(100000) << QStringLiteral("EUR")
                                   << QStringLiteral("1.000,00\u00a0€");
        QTest::newRow("de_DE dollars") << QStringLiteral("de_DE") << qint64(100000) << QStringLiteral("USD")
                                       << QStringLiteral("1.000,00\u00a0$");
        QTest::newRow("fr_FR dollars") << QStringLiteral("fr_FR") << qint64(100000) << QStringLiteral("USD")
                                       << QStringLiteral("1\u202f000,00\u00a0$");
        // Swiss German puts the currency after the amount in Qt 6.4's locale data and before it in
        // Qt 6.8's (a newer CLDR): the formatter follows the locale either way.
        const bool swissCurrencyFirst
            = QLocale(QStringLiteral("de_CH")).toCurrencyString(1.0, QStringLiteral("X")).startsWith(u'X');
        QTest::newRow("de_CH dollars") << QStringLiteral("de_CH") << qint64(100000) << QStringLiteral("USD")
                                       << (swissCurrencyFirst ? QStringLiteral("$\u00a01’000.00")
                                                              : QStringLiteral("1’000.00\u00a0$"));
        // "$" is Canada's own money: US dollars by their code, apart from the digits.
        QTest::newRow("en_CA US dollars") << QStringLiteral("en_CA") << qint64(100000) << QStringLiteral("USD")
                                          << QStringLiteral("USD\u00a01,000.00");
        // "$" means US dollars to most of the world, so Australian ones go by their code.
        QTest::newRow("de_DE Australian dollars")
            << QStringLiteral("de_DE") << qint64(100) << QStringLiteral("AUD") << QStringLiteral("1,00\u00a0AUD");
        QTest::newRow("C") << QStringLiteral("C") << qint64(100000) << QStringLiteral("USD")
                           << QStringLiteral("1000.00\u00a0USD");
    }
    void formatsWithCurrencyInEveryLocale()
    {
        QFETCH(QString, locale);
        QFETCH(qint64, amount);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        QCOMPARE(Money::formatWithCurrency(amount, currency, QLocale(locale)), expected);
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
