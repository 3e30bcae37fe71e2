#include "shared/json/CanonicalJson.h"
#include "shared/json/StrictJsonParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestCanonicalJson : public QObject
{
    Q_OBJECT
private:
    static QByteArray canonical(const QByteArray &json)
    {
        StrictJsonParser parser;
        const auto value = parser.parse(json);
        return value ? CanonicalJson::serialize(*value) : QByteArray("<invalid>");
    }
    static QByteArray fingerprintOf(const QByteArray &json, const QByteArray &path = "/v1/transfers")
    {
        StrictJsonParser parser;
        return CanonicalJson::fingerprint("POST", path, *parser.parse(json));
    }

private slots:
    // A string alone is written by CompactJsonWriter, not by Qt's writer: the same bytes, since
    // stored fingerprints and digests are compared with new ones.
    void aStringAloneHasTheBytesQtWritesForIt()
    {
        for (const QString &text :
             {QString(), QStringLiteral("USD"), QStringLiteral("\"quoted\" \\ back/slash"),
              QStringLiteral("\b\f\n\r\t\u0001\u001f\u007f"), QStringLiteral("na\u00efve \u20ac \U0001F600"),
              QString(QChar(0xd800)) + QStringLiteral("lone") + QChar(0xdc00)}) {
            const QByteArray wrapped = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
            QCOMPARE(CanonicalJson::serialize(text), wrapped.mid(1, wrapped.size() - 2));
        }
    }

    void sortsMembersAndDropsWhitespace()
    {
        QCOMPARE(canonical(R"({ "b" : 1 , "a" : { "d": [1, 2], "c": "x" } })"),
                 QByteArray(R"({"a":{"c":"x","d":[1,2]},"b":1})"));
    }

    void normalisesEscapes() { QCOMPARE(canonical(R"({"m":"\u0041\/"})"), canonical(R"({"m":"A/"})")); }

    void keepsIntegersExact()
    {
        QCOMPARE(canonical("[1000000000000, -1]"), QByteArray("[1000000000000,-1]"));
        QCOMPARE(canonical("9007199254740993"), QByteArray("9007199254740993"));
    }

    void fingerprintIgnoresOrderAndWhitespace()
    {
        const QByteArray a = fingerprintOf(R"({"from_account":"x","to_account":"y","amount":5,"currency":"USD"})");
        const QByteArray b = fingerprintOf(
            "{\n \"currency\": \"USD\", \"amount\": 5,\t\"to_account\": \"y\", \"from_account\": \"x\"}");
        QCOMPARE(a, b);
        QCOMPARE(a.size(), 64);
    }

    void fingerprintSeesEveryDifference()
    {
        const QByteArray base = fingerprintOf(R"({"amount":5,"currency":"USD"})");
        QVERIFY(base != fingerprintOf(R"({"amount":6,"currency":"USD"})"));
        QVERIFY(base != fingerprintOf(R"({"amount":5,"currency":"EUR"})"));
        QVERIFY(base != fingerprintOf(R"({"amount":5,"currency":"USD","memo":""})"));
        QVERIFY(base != fingerprintOf(R"({"amount":5,"currency":"USD"})", "/v1/other"));
    }
};

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"
