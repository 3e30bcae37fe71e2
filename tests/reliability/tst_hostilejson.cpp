// Hostile JSON bodies on every endpoint that reads one: a clear 4xx, no crash, no state change,
// and the key that came with it still unused. Memos with SQL and Unicode are stored and returned
// exactly as sent.
#include "shared/json/StrictJsonParser.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

// The server's own strict parser, not QJsonDocument: Qt's drops a U+FEFF at the start of a string.
QJsonObject strictObject(const QByteArray &body)
{
    const auto value = StrictJsonParser().parse(body);
    return value ? value->toObject() : QJsonObject();
}

} // namespace

class TestHostileJson : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    DemoAccounts m_accounts;

    QByteArray from() const { return m_accounts.aliceChecking().toLatin1(); }
    QByteArray to() const { return m_accounts.bobChecking().toLatin1(); }
    // A transfer body with `amount` and `memo` spliced in as raw JSON text.
    QByteArray body(const QByteArray &amount, const QByteArray &memo = "\"ok\"") const
    {
        return "{\"from_account\":\"" + from() + "\",\"to_account\":\"" + to() + "\",\"amount\":" + amount
            + ",\"currency\":\"USD\",\"memo\":" + memo + "}";
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client();
        m_accounts = DemoAccounts(*m_alice);
        QVERIFY(!from().isEmpty() && !to().isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    void hostileTransferBodies_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("status");
        const QByteArray valid = body("100");
        QTest::newRow("empty") << QByteArray() << 400;
        QTest::newRow("truncated in a name") << valid.left(25) << 400;
        QTest::newRow("truncated in a string") << valid.left(valid.indexOf("USD") + 2) << 400;
        QTest::newRow("truncated after a comma") << valid.left(valid.indexOf(",\"currency\"") + 1) << 400;
        QTest::newRow("only an opening brace") << QByteArray("{") << 400;
        QTest::newRow("nested 10^5 levels (over the body limit)") << QByteArray(100'000, '[') << 413;
        QTest::newRow("nested 30000 levels") << QByteArray(30'000, '[') + QByteArray(30'000, ']') << 400;
        QTest::newRow("nested 30000 levels in the memo")
            << body("100", QByteArray(30'000, '[') + QByteArray(30'000, ']')) << 400;
        QTest::newRow("nested objects in the memo")
            << body("100", QByteArray("{\"a\":").repeated(5'000) + "1" + QByteArray(5'000, '}')) << 400;
        QTest::newRow("int64 max + 1") << body("9223372036854775808") << 400;
        QTest::newRow("int64 min - 1") << body("-9223372036854775809") << 400;
        QTest::newRow("30 digits") << body("123456789012345678901234567890") << 400;
        QTest::newRow("int64 max (over the money limit)") << body("9223372036854775807") << 400;
        QTest::newRow("1e400") << body("1e400") << 400;
        QTest::newRow("float 100.0") << body("100.0") << 400;
        QTest::newRow("float 100.5") << body("100.5") << 400;
        QTest::newRow("exponent 1e2") << body("1e2") << 400;
        QTest::newRow("exponent 1E+2") << body("1E+2") << 400;
        QTest::newRow("exponent 10000e-2") << body("10000e-2") << 400;
        QTest::newRow("negative zero") << body("-0") << 400;
        QTest::newRow("zero") << body("0") << 400;
        QTest::newRow("negative") << body("-100") << 400;
        QTest::newRow("leading zero") << body("0100") << 400;
        QTest::newRow("hex") << body("0x64") << 400;
        QTest::newRow("NaN") << body("NaN") << 400;
        QTest::newRow("Infinity") << body("Infinity") << 400;
        QTest::newRow("amount as string") << body("\"100\"") << 400;
        QTest::newRow("amount true") << body("true") << 400;
        QTest::newRow("amount null") << body("null") << 400;
        QTest::newRow("duplicate amount")
            << QByteArray(body("100")).replace("\"amount\":100", "\"amount\":100,\"amount\":100") << 400;
        QTest::newRow("duplicate to_account")
            << QByteArray(body("100")).replace("\"currency\"", "\"to_account\":\"" + from() + "\",\"currency\"") << 400;
        QTest::newRow("duplicate via escape")
            << QByteArray(body("100"))
                   .replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"\\u0063urrency\":\"EUR\"")
            << 400;
        QTest::newRow("non-UTF-8 byte") << body("100", "\"caf\xe9\"") << 400;
        QTest::newRow("overlong NUL") << body("100", "\"a\xc0\x80\"") << 400;
        QTest::newRow("UTF-8 surrogate") << body("100", "\"\xed\xa0\x80\"") << 400;
        QTest::newRow("truncated UTF-8") << body("100", "\"\xe2\x82\"") << 400;
        QTest::newRow("lone surrogate escape") << body("100", "\"\\ud83d\"") << 400;
        QTest::newRow("raw NUL in the memo") << body("100", QByteArray("\"a\0b\"", 5)) << 400;
        QTest::newRow("escaped NUL in the memo") << body("100", "\"a\\u0000b\"") << 400;
        QTest::newRow("NUL after the body") << body("100") + QByteArray(1, '\0') << 400;
        QTest::newRow("second value after the body") << body("100") + "{}" << 400;
        QTest::newRow("BOM before the body") << "\xef\xbb\xbf" + body("100") << 400;
        QTest::newRow("single quotes") << QByteArray(body("100")).replace('"', '\'') << 400;
        QTest::newRow("comment") << "/* hi */" + body("100") << 400;
        QTest::newRow("trailing comma") << QByteArray(body("100")).replace("}", ",}") << 400;
        QTest::newRow("array body") << "[" + body("100") + "]" << 400;
        QTest::newRow("string body") << QByteArray("\"transfer\"") << 400;
        QTest::newRow("unknown field") << QByteArray(body("100")).replace("}", ",\"admin\":true}") << 400;
        QTest::newRow("byte order mark opening the memo") << body("100",
                                                                  "\"\xef\xbb\xbf"
                                                                  "rent\"")
                                                          << 400;
        QTest::newRow("byte order mark inside the memo") << body("100", "\"re\\ufeffnt\"") << 400;
        QTest::newRow("memo too long") << body("100", "\"" + QByteArray(141, 'm') + "\"") << 400;
        QTest::newRow("account id as number") << QByteArray(body("100")).replace("\"" + to() + "\"", "42") << 400;
        QTest::newRow("SQL in an account id")
            << QByteArray(body("100")).replace("\"" + to() + "\"", "\"x' OR '1'='1\"") << 400;
    }

    void hostileTransferBodies()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, status);
        const QString key = TestServer::issueKey(*m_alice);
        QVERIFY(!key.isEmpty());
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const TestResponse response = postTransfer(*m_alice, key, json);
        QCOMPARE(response.status, status);
        QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
        QVERIFY(!response.code().isEmpty());
        QCOMPARE(LedgerSnapshot::of(m_server), before);
        QCOMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
            QStringLiteral("unused"));
        QCOMPARE(m_alice->get("/healthz").status, 200);
    }

    void hostileLoginAndKeyBodies_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("json");
        for (const QByteArray &path : {QByteArray("/v1/sessions"), QByteArray("/v1/idempotency-keys")}) {
            const QByteArray valid = path == "/v1/sessions"
                ? QByteArray(R"({"username":"alice","password":"wonderland"})")
                : QByteArray(R"({"operation":"transfer"})");
            auto row = [&](const char *name, const QByteArray &json) {
                QTest::newRow((path + ": " + name).constData()) << path << json;
            };
            row("truncated", valid.left(valid.size() - 3));
            row("nested 30000 levels", QByteArray(30'000, '[') + QByteArray(30'000, ']'));
            row("duplicate field", QByteArray(valid).replace("}", "," + valid.mid(1)));
            row("non-UTF-8", QByteArray(valid).replace("a", "\xff"));
            row("NUL", QByteArray(valid).replace("}", QByteArray("\0}", 2)));
            row("array", "[" + valid + "]");
            row("number", "1e999");
        }
    }

    void hostileLoginAndKeyBodies()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, json);
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const TestResponse response = m_alice->post(path, json);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.code(), QStringLiteral("validation_failed"));
        QCOMPARE(LedgerSnapshot::of(m_server), before);
    }

    void sqlAndUnicodeMemosAreStoredAndReturnedIntact_data()
    {
        QTest::addColumn<QString>("memo");
        QTest::newRow("quote and drop") << QStringLiteral("'); DROP TABLE transfers; --");
        QTest::newRow("or 1=1") << QStringLiteral("\" OR 1=1 --");
        QTest::newRow("union select") << QStringLiteral("x' UNION SELECT token_hash FROM sessions --");
        QTest::newRow("backslashes and percent") << QStringLiteral("100% \\ \\\\ %s %n _ %%");
        QTest::newRow("json inside") << QStringLiteral("{\"amount\": 1e9, \"to_account\": \"evil\"}");
        QTest::newRow("accents") << QString::fromUtf8("Gr\xc3\xbc\xc3\x9f"
                                                      "e, caf\xc3\xa9, na\xc3\xafve");
        QTest::newRow("combining") << QString::fromUtf8("e\xcc\x81 vs \xc3\xa9");
        QTest::newRow("CJK") << QString::fromUtf8(
            "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe3\x83\xa1\xe3\x83\xa2");
        QTest::newRow("emoji outside the BMP") << QString::fromUtf8("rent \xf0\x9f\x8f\xa0 + pizza \xf0\x9f\x8d\x95");
        QTest::newRow("right-to-left") << QString::fromUtf8("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7");
        QTest::newRow("line separator") << QString::fromUtf8("a\xe2\x80\xa8"
                                                             "b");
        QTest::newRow("140 emoji") << QString::fromUtf8("\xf0\x9f\x98\x80").repeated(140);
    }

    void sqlAndUnicodeMemosAreStoredAndReturnedIntact()
    {
        QFETCH(QString, memo);
        const QString key = TestServer::issueKey(*m_alice);
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const TestResponse created = m_alice->postJson(
            "/v1/transfers", transferBody(QString::fromLatin1(from()), QString::fromLatin1(to()), 1, memo),
            {{"Idempotency-Key", key.toLatin1()}});
        QCOMPARE(created.status, 201);
        QCOMPARE(strictObject(created.body).value(QLatin1String("memo")).toString(), memo);
        const QString id = created.json().value(QLatin1String("id")).toString();
        const TestResponse fetched = m_alice->get("/v1/transfers/" + id.toLatin1());
        QCOMPARE(fetched.status, 200);
        QCOMPARE(strictObject(fetched.body).value(QLatin1String("memo")).toString(), memo);
        const QJsonArray listed
            = strictObject(m_alice->get("/v1/transfers?limit=1").body).value(QLatin1String("transfers")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(QLatin1String("memo")).toString(), memo);
        // Stored as text, not run: the tables and the other rows are all still there.
        const LedgerSnapshot after = LedgerSnapshot::of(m_server);
        QCOMPARE(after.transfers, before.transfers + 1);
        QCOMPARE(after.sessions, before.sessions);
        QCOMPARE(after.totalBalance, before.totalBalance);
    }
};

QTEST_GUILESS_MAIN(TestHostileJson)
#include "tst_hostilejson.moc"
