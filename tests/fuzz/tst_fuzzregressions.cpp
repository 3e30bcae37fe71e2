// What fuzzing found, pinned down as ordinary unit tests with the input that found it.
#include "shared/json/CanonicalJson.h"
#include "shared/json/StrictJsonParser.h"
#include "shared/wire/TransferRequest.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private slots:
    // fuzz_canonicaljson, input [6,"\"d83d\ufeff"]: a raw U+FEFF (ZERO WIDTH NO-BREAK SPACE) in a
    // string vanished in parsing (decoded through QString::fromUcs4, which drops it as a byte
    // order mark), so the canonical form of a document did not parse back to itself, a memo
    // lost a character, and two different memos had the same fingerprint.
    void rawZeroWidthNoBreakSpaceIsKept()
    {
        const QByteArray found = "[6,\"\\\"d83d\\ufeff\"]";
        StrictJsonParser parser;
        const auto value = parser.parse(found);
        QVERIFY(value.has_value());
        const QByteArray canonical = CanonicalJson::serialize(*value);
        const auto reparsed = StrictJsonParser().parse(canonical);
        QVERIFY(reparsed.has_value());
        QCOMPARE(*reparsed, *value);
        QCOMPARE(CanonicalJson::serialize(*reparsed), canonical);

        const auto raw = StrictJsonParser().parse("\"a\xef\xbb\xbf"
                                                  "b\"");
        QVERIFY(raw.has_value());
        QCOMPARE(raw->toString(),
                 QString::fromUtf8("a\xef\xbb\xbf"
                                   "b"));
        const auto leading = StrictJsonParser().parse("\"\xef\xbb\xbf\"");
        QVERIFY(leading.has_value());
        QCOMPARE(leading->toString(), QString(QChar(0xfeff))); // (QString::fromUtf8 would drop it too)
    }

    // Found next, by tst_hostilejson once the parser kept it: SQLite drops a U+FEFF at the start of
    // a text it is given as UTF-16 (as Qt's driver binds strings), so such a memo could not be
    // stored as sent. A memo with U+FEFF anywhere is refused instead of altered.
    void memoWithByteOrderMarkIsRefusedNotAltered()
    {
        const QByteArray head
            = "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":";
        for (const QByteArray &memo : {QByteArray("\"\xef\xbb\xbf"
                                                  "ab\""),
                                       QByteArray("\"a\xef\xbb\xbf"
                                                  "b\""),
                                       QByteArray("\"ab\\ufeff\"")}) {
            const auto refused = TransferRequest::fromBody(head + memo + "}");
            QVERIFY(!refused.ok());
            QCOMPARE(refused.problem().code, ProblemCode::ValidationFailed);
            QVERIFY(refused.problem().detail.startsWith(QLatin1String("memo:")));
        }
        QVERIFY(TransferRequest::fromBody(head + "\"ab\"}").ok());
    }

    // Every code point class survives raw UTF-8 decoding: one, two, three and four bytes.
    void everyUtf8LengthDecodesToItsCodePoint()
    {
        const auto value = StrictJsonParser().parse("\"A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf\xf0\x9f\x98\x80\"");
        QVERIFY(value.has_value());
        QCOMPARE(value->toString().toUcs4(), (QList<uint>{0x41, 0xe9, 0x20ac, 0xffff, 0x1f600}));
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
