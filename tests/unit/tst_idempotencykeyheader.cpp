// The Idempotency-Key header in both of its forms: the bare key and the RFC 8941 String of
// draft-ietf-httpapi-idempotency-key-header, with the String's own rules (escapes, quoting, what
// may follow it).
#include "server/api/IdempotencyKeyHeader.h"
#include "server/http/StructuredFieldString.h"

#include <QTest>

class TestIdempotencyKeyHeader : public QObject
{
    Q_OBJECT
private:
    static HttpRequest requestWith(const QByteArrayList &values)
    {
        HttpRequest request;
        for (const QByteArray &value : values)
            request.headers.append({"idempotency-key", value});
        return request;
    }

private slots:
    void stringParsing_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("consumed");
        QTest::newRow("plain") << QByteArray("\"abc\"") << true << QByteArray("abc") << 5;
        QTest::newRow("empty") << QByteArray("\"\"") << true << QByteArray() << 2;
        QTest::newRow("space inside") << QByteArray("\"a b\"") << true << QByteArray("a b") << 5;
        QTest::newRow("escaped quote") << QByteArray("\"a\\\"b\"") << true << QByteArray("a\"b") << 6;
        QTest::newRow("escaped backslash") << QByteArray("\"a\\\\b\"") << true << QByteArray("a\\b") << 6;
        QTest::newRow("stops at the closing quote") << QByteArray("\"a\";x=1, \"b\"") << true << QByteArray("a") << 3;
        QTest::newRow("no opening quote") << QByteArray("abc\"") << false << QByteArray() << 0;
        QTest::newRow("no closing quote") << QByteArray("\"abc") << false << QByteArray() << 0;
        QTest::newRow("only a quote") << QByteArray("\"") << false << QByteArray() << 0;
        QTest::newRow("escaped closing quote") << QByteArray("\"abc\\\"") << false << QByteArray() << 0;
        QTest::newRow("backslash at the end") << QByteArray("\"abc\\") << false << QByteArray() << 0;
        QTest::newRow("other escape") << QByteArray("\"a\\nb\"") << false << QByteArray() << 0;
        QTest::newRow("unicode escape") << QByteArray("\"a\\u0041\"") << false << QByteArray() << 0;
        QTest::newRow("tab") << QByteArray("\"a\tb\"") << false << QByteArray() << 0;
        QTest::newRow("DEL") << QByteArray("\"a\x7f"
                                           "b\"")
                             << false << QByteArray() << 0;
        QTest::newRow("UTF-8") << QByteArray("\"caf\xc3\xa9\"") << false << QByteArray() << 0;
        QTest::newRow("single quotes") << QByteArray("'abc'") << false << QByteArray() << 0;
    }
    void stringParsing()
    {
        QFETCH(QByteArray, input);
        QFETCH(bool, valid);
        QFETCH(QByteArray, value);
        QFETCH(int, consumed);
        qsizetype taken = -1;
        const auto parsed = StructuredFieldString::parse(input, taken);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(*parsed, value);
            QCOMPARE(taken, qsizetype(consumed));
        }
    }

    void accepted_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("key");
        QTest::newRow("bare") << QByteArray("idk_0123") << QStringLiteral("idk_0123");
        QTest::newRow("quoted") << QByteArray("\"idk_0123\"") << QStringLiteral("idk_0123");
        QTest::newRow("quoted UUID (the draft's example)") << QByteArray("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
                                                           << QStringLiteral("8e03978e-40d5-43e8-bc93-6894a57f9324");
        QTest::newRow("quoted, every allowed character")
            << QByteArray("\"AZaz09_.:-\"") << QStringLiteral("AZaz09_.:-");
        QTest::newRow("quoted, 255 characters") << '"' + QByteArray(255, 'k') + '"' << QString(255, u'k');
        QTest::newRow("quoted, spaces after") << QByteArray("\"k1\"  ") << QStringLiteral("k1");
    }
    void accepted()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, key);
        const Result<QString> read = IdempotencyKeyHeader::read(requestWith({value}));
        QVERIFY2(read, qPrintable(read ? QString() : read.problem().detail));
        QCOMPARE(read.value(), key);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArrayList>("values");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("detail");
        const int malformed = int(ProblemCode::IdempotencyKeyMalformed);
        const QString notOne = QStringLiteral("send exactly one Idempotency-Key header, holding one key");
        const QString keyRule = QStringLiteral("a key is 1 to 255 characters of A-Z a-z 0-9 _ . : -");
        const QString badString
            = QStringLiteral("a quoted key is an RFC 8941 String: printable ASCII between two double"
                             " quotes, with \\\" and \\\\ as its only escapes");
        QTest::newRow("no field") << QByteArrayList{} << int(ProblemCode::IdempotencyKeyMissing)
                                  << QStringLiteral(
                                         "send the header Idempotency-Key with a key from POST /v1/idempotency-keys");
        QTest::newRow("two fields, bare and quoted") << QByteArrayList{"k1", "\"k1\""} << malformed << notOne;
        QTest::newRow("two quoted fields") << QByteArrayList{"\"k1\"", "\"k2\""} << malformed << notOne;
        QTest::newRow("a list of Strings") << QByteArrayList{"\"k1\", \"k2\""} << malformed << notOne;
        QTest::newRow("a list of Strings without spaces") << QByteArrayList{"\"k1\",\"k1\""} << malformed << notOne;
        QTest::newRow("a String, then a token") << QByteArrayList{"\"k1\", k2"} << malformed << notOne;
        QTest::newRow("a token, then a String") << QByteArrayList{"k1, \"k2\""} << malformed << notOne;
        QTest::newRow("a parameter") << QByteArrayList{"\"k1\";a=1"} << malformed
                                     << QStringLiteral("Idempotency-Key takes no parameters: send the key alone");
        QTest::newRow("a bare parameter after a space")
            << QByteArrayList{"\"k1\" ;a"} << malformed
            << QStringLiteral("Idempotency-Key takes no parameters: send the key alone");
        QTest::newRow("bytes after the String")
            << QByteArrayList{"\"k1\"x"} << malformed
            << QStringLiteral("nothing may follow the closing double quote of a quoted key");
        QTest::newRow("a second String") << QByteArrayList{"\"k1\" \"k2\""} << malformed
                                         << QStringLiteral(
                                                "nothing may follow the closing double quote of a quoted key");
        QTest::newRow("no closing quote") << QByteArrayList{"\"k1"} << malformed << badString;
        QTest::newRow("a bad escape") << QByteArrayList{"\"k\\1\""} << malformed << badString;
        QTest::newRow("the closing quote escaped") << QByteArrayList{"\"k1\\\""} << malformed << badString;
        QTest::newRow("a quote inside a bare key") << QByteArrayList{"k\"1\""} << malformed << keyRule;
        QTest::newRow("a valid escape, but not a key's character")
            << QByteArrayList{"\"k\\\"1\""} << malformed << keyRule;
        QTest::newRow("an escaped backslash") << QByteArrayList{"\"k\\\\1\""} << malformed << keyRule;
        QTest::newRow("the empty String") << QByteArrayList{"\"\""} << malformed << keyRule;
        QTest::newRow("a space in the String") << QByteArrayList{"\"k 1\""} << malformed << keyRule;
        QTest::newRow("a comma in the String") << QByteArrayList{"\"k1,k2\""} << malformed << keyRule;
        QTest::newRow("quoted, 256 characters")
            << QByteArrayList{'"' + QByteArray(256, 'k') + '"'} << malformed << keyRule;
        QTest::newRow("quoted twice") << QByteArrayList{"\"\"k1\"\""} << malformed
                                      << QStringLiteral("nothing may follow the closing double quote of a quoted key");
    }
    void refused()
    {
        QFETCH(QByteArrayList, values);
        QFETCH(int, code);
        QFETCH(QString, detail);
        const Result<QString> read = IdempotencyKeyHeader::read(requestWith(values));
        QVERIFY(!read);
        QCOMPARE(read.problem().code, ProblemCode(code));
        QCOMPARE(read.problem().status(), 400);
        QCOMPARE(read.problem().detail, detail);
    }
};

QTEST_GUILESS_MAIN(TestIdempotencyKeyHeader)
#include "tst_idempotencykeyheader.moc"
