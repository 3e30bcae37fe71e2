// Validation of the transfer form before anything is sent: amounts in the user's locale, two
// decimals, positive, at most 10^12 minor units; memo up to 140 characters; from differs from to.
#include "app/client/transfer/TransferDraft.h"

#include <QTest>

namespace {

TransferDraft draft(const QString &amount, const QString &memo = {})
{
    TransferDraft d;
    d.fromAccount = QStringLiteral("acc-a");
    d.toAccount = QStringLiteral("acc-b");
    d.amountText = amount;
    d.memo = memo;
    d.fromCurrency = QStringLiteral("USD");
    d.toCurrency = QStringLiteral("USD");
    return d;
}

} // namespace

class TestTransferDraft : public QObject
{
    Q_OBJECT
private slots:
    void amountsFollowTheLocale_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("en plain") << QStringLiteral("en_US") << QStringLiteral("25") << qint64(2500);
        QTest::newRow("en cents") << QStringLiteral("en_US") << QStringLiteral("0.05") << qint64(5);
        QTest::newRow("en grouped") << QStringLiteral("en_US") << QStringLiteral("1,234.56") << qint64(123456);
        QTest::newRow("de grouped") << QStringLiteral("de_DE") << QStringLiteral("1.234,56") << qint64(123456);
        QTest::newRow("de one decimal") << QStringLiteral("de_DE") << QStringLiteral("7,5") << qint64(750);
        QTest::newRow("the limit") << QStringLiteral("en_US") << QStringLiteral("10000000000.00")
                                   << qint64(1'000'000'000'000);
    }
    void amountsFollowTheLocale()
    {
        QFETCH(QString, locale);
        QFETCH(QString, text);
        QFETCH(qint64, minor);
        const TransferDraft::Validation v = draft(text).validate(QLocale(locale));
        QVERIFY2(v.ok(), qPrintable(v.amountError));
        QCOMPARE(v.request->amount, minor);
        QCOMPARE(v.request->currency, QStringLiteral("USD"));
    }

    void badAmountsSayWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter an amount");
        QTest::newRow("zero") << QStringLiteral("0.00") << QStringLiteral("more than zero");
        QTest::newRow("negative") << QStringLiteral("-5") << QStringLiteral("more than zero");
        QTest::newRow("three decimals") << QStringLiteral("1.234") << QStringLiteral("two decimals");
        QTest::newRow("too large") << QStringLiteral("10000000000.01") << QStringLiteral("at most 10,000,000,000.00");
        QTest::newRow("words") << QStringLiteral("ten") << QStringLiteral("such as 1,234.56");
        QTest::newRow("exponent") << QStringLiteral("1e3") << QStringLiteral("such as");
        // Another locale's decimal mark is not taken for a group separator: 12,50 is not 1,250.
        QTest::newRow("comma for decimals")
            << QStringLiteral("12,50") << QStringLiteral("Write the decimals after “.”, as in 1,234.56");
    }
    void badAmountsSayWhy()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        const TransferDraft::Validation v = draft(text).validate(QLocale(QStringLiteral("en_US")));
        QVERIFY(!v.ok());
        QVERIFY2(v.amountError.contains(says), qPrintable(v.amountError));
        QVERIFY(v.fromError.isEmpty() && v.toError.isEmpty() && v.memoError.isEmpty());
    }

    void memoUpTo140Characters()
    {
        const QLocale en(QStringLiteral("en_US"));
        QVERIFY(draft(QStringLiteral("1"), QString(140, u'm')).validate(en).ok());
        // Characters as people count them: 140 emoji are 280 UTF-16 units and still fine.
        QString emoji;
        for (int i = 0; i < 140; ++i)
            emoji += QStringLiteral("\U0001F600");
        QVERIFY(draft(QStringLiteral("1"), emoji).validate(en).ok());
        const TransferDraft::Validation tooLong = draft(QStringLiteral("1"), QString(141, u'm')).validate(en);
        QVERIFY(!tooLong.ok());
        QVERIFY(tooLong.memoError.contains(QStringLiteral("at most 140")));
        QVERIFY(!draft(QStringLiteral("1"), QStringLiteral("a\tb")).validate(en).memoError.isEmpty());
        // What the server would refuse: a byte order mark, or U+FFFE, which SQLite reads as one.
        for (const QString &memo : {QStringLiteral("\ufeffRent"), QStringLiteral("\ufffeRent for May")})
            QVERIFY(
                draft(QStringLiteral("1"), memo).validate(en).memoError.contains(QStringLiteral("cannot be stored")));
    }

    void fromAndToMustBeChosenAndDiffer()
    {
        const QLocale en(QStringLiteral("en_US"));
        TransferDraft same = draft(QStringLiteral("1"));
        same.toAccount = same.fromAccount;
        const TransferDraft::Validation v = same.validate(en);
        QVERIFY(!v.ok());
        QVERIFY(v.toError.contains(QStringLiteral("other than")));

        TransferDraft none = draft(QStringLiteral("1"));
        none.fromAccount.clear();
        none.toAccount.clear();
        const TransferDraft::Validation missing = none.validate(en);
        QVERIFY(!missing.fromError.isEmpty());
        QVERIFY(!missing.toError.isEmpty());
    }

    void currenciesMustMatch()
    {
        TransferDraft d = draft(QStringLiteral("1"));
        d.toCurrency = QStringLiteral("EUR");
        const TransferDraft::Validation v = d.validate(QLocale(QStringLiteral("en_US")));
        QVERIFY(!v.ok());
        QVERIFY(v.toError.contains(QStringLiteral("EUR")));
    }
};

QTEST_GUILESS_MAIN(TestTransferDraft)
#include "tst_transferdraft.moc"
