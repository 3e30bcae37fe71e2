#include "shared/json/StrictJsonParser.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <limits>

class TestStrictJson : public QObject
{
    Q_OBJECT
private slots:
    void acceptsValidDocuments()
    {
        StrictJsonParser parser;
        const auto value = parser.parse(" {\"a\": [1, -2, 3.5, true, false, null], \"b\": {\"c\": \"d\\u00e9\\n\"}} ");
        QVERIFY2(value, qPrintable(parser.error().message));
        const QJsonObject object = value->toObject();
        QCOMPARE(object.value(QLatin1String("a")).toArray().size(), 6);
        QCOMPARE(object.value(QLatin1String("b")).toObject().value(QLatin1String("c")).toString(),
                 QStringLiteral("d\u00e9\n"));
    }

    void integersOnlyRefusesOtherNumbers()
    {
        StrictJsonParser strict(StrictJsonParser::Numbers::IntegersOnly);
        QCOMPARE(strict.parse("100")->toInteger(), 100);
        QCOMPARE(strict.parse("-9223372036854775808")->toInteger(), std::numeric_limits<qint64>::min());
        QCOMPARE(strict.parse("9007199254740993")->toInteger(), Q_INT64_C(9007199254740993));
        for (const char *number : {"100.0", "1e2", "1E+2", "0.5", "9223372036854775808", "-9223372036854775809"}) {
            QVERIFY2(!strict.parse(QByteArray("{\"amount\": ") + number + "}"), number);
            QVERIFY2(strict.error().message.contains(QLatin1String("\"amount\"")), qPrintable(strict.error().message));
        }
        StrictJsonParser lenient;
        QCOMPARE(lenient.parse("1.5")->toDouble(), 1.5);
        QCOMPARE(lenient.parse("1e2")->toDouble(), 100.0);
    }

    void decodesSurrogatePairsAndUtf8()
    {
        StrictJsonParser parser;
        QCOMPARE(parser.parse("\"\\ud83d\\ude00\"")->toString(), QStringLiteral("\U0001F600"));
        QCOMPARE(parser.parse("\"\xF0\x9F\x98\x80\"")->toString(), QStringLiteral("\U0001F600"));
    }

    void rejectsInvalidDocuments_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("truncated object") << QByteArray("{\"a\": 1");
        QTest::newRow("truncated string") << QByteArray("{\"a\": \"b");
        QTest::newRow("trailing comma") << QByteArray("{\"a\": 1,}");
        QTest::newRow("trailing data") << QByteArray("{\"a\": 1} x");
        QTest::newRow("two values") << QByteArray("{} {}");
        QTest::newRow("duplicate member") << QByteArray("{\"a\": 1, \"a\": 2}");
        QTest::newRow("single quotes") << QByteArray("{'a': 1}");
        QTest::newRow("leading zero") << QByteArray("01");
        QTest::newRow("plus sign") << QByteArray("+1");
        QTest::newRow("bare point") << QByteArray("1.");
        QTest::newRow("NaN") << QByteArray("NaN");
        QTest::newRow("raw control char") << QByteArray("\"a\nb\"");
        QTest::newRow("raw NUL") << QByteArray("\"a\0b\"", 5);
        QTest::newRow("invalid UTF-8") << QByteArray("\"\xff\"");
        QTest::newRow("overlong UTF-8") << QByteArray("\"\xc0\xaf\"");
        QTest::newRow("UTF-8 surrogate") << QByteArray("\"\xed\xa0\x80\"");
        QTest::newRow("truncated UTF-8") << QByteArray("\"\xe2\x82\"");
        QTest::newRow("lone high surrogate") << QByteArray("\"\\ud800\"");
        QTest::newRow("lone low surrogate") << QByteArray("\"\\udc00\"");
        QTest::newRow("bad escape") << QByteArray("\"\\x41\"");
        QTest::newRow("deep nesting") << QByteArray(100'000, '[');
        QTest::newRow("comment") << QByteArray("{} // x");
    }
    void rejectsInvalidDocuments()
    {
        QFETCH(QByteArray, input);
        StrictJsonParser parser;
        QVERIFY(!parser.parse(input));
        QVERIFY(!parser.error().message.isEmpty());
    }

    void limitsDepth()
    {
        StrictJsonParser parser(StrictJsonParser::Numbers::Any, 3);
        QVERIFY(parser.parse("[[[1]]]"));
        QVERIFY(!parser.parse("[[[[1]]]]"));
    }
};

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strictjson.moc"
