// Every row of the POST /v1/transfers idempotency contract, over real loopback HTTP.
#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"
#include "shared/json/StrictJsonParser.h"
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/HeldReaders.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <tuple>
#include <vector>

namespace {

// `ascii` with each UTF-16 unit byte-swapped ("a", U+0061, becomes U+6100): what SQLite reads text
// opening with U+FFFE back into.
QString byteSwapped(const QByteArray &ascii)
{
    QString out;
    for (const char c : ascii)
        out.append(QChar(char16_t(static_cast<unsigned char>(c) << 8)));
    return out;
}

// Read with the server's strict parser: QJsonDocument drops a U+FEFF opening a string.
QString memoOf(const QByteArray &body)
{
    const auto value = StrictJsonParser().parse(body);
    return value ? value->toObject().value(QLatin1String("memo")).toString() : QString();
}

qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

class TestTransfers : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    std::unique_ptr<TestHttpClient> m_bob;
    DemoAccounts m_accounts;
    qint64 m_initialTotal = 0;

    // Runs SQL against the server's database from the test, for set-ups the API cannot make.
    void execSql(const QString &sql)
    {
        const QString failure = m_server.execSql(sql);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    // A transfer's memo as the database holds it, as hex UTF-8 (what the store kept, not what Qt's
    // driver converts it back into), or the database's error.
    QByteArray storedMemoUtf8Hex(const QString &transferId)
    {
        const QString sql = m_server.dialect() == SqlDialect::Postgres
            ? QStringLiteral("SELECT encode(convert_to(memo, 'UTF8'), 'hex') FROM transfers WHERE id = ?")
            : QStringLiteral("SELECT lower(hex(memo)) FROM transfers WHERE id = ?");
        QByteArray hex;
        const QString failure = m_server.database()->withConnection([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(sql);
            query.addBindValue(transferId);
            if (query.exec() && query.next())
                hex = query.value(0).toString().toLatin1();
        });
        return failure.isEmpty() ? hex : failure.toUtf8();
    }

    // Every account's balance, alice's and bob's, by name.
    QMap<QString, qint64> everyBalance() const
    {
        QMap<QString, qint64> all = TestServer::balances(*m_alice);
        all.insert(TestServer::balances(*m_bob));
        return all;
    }

    void checkInvariants() { QCOMPARE(m_server.invariants().violations(m_initialTotal), QStringList()); }

private slots:
    void initTestCase()
    {
        m_server.config().processingDelayMs = 0;
        m_server.config().metricsAddress = QHostAddress(QHostAddress::LocalHost);
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        m_accounts = DemoAccounts(*m_alice);
        QVERIFY(!m_accounts.aliceChecking().isEmpty() && !m_accounts.bobChecking().isEmpty());
        m_initialTotal = m_server.invariants().totalBalance;
        QCOMPARE(m_initialTotal, 625000);
    }
    void cleanup() { checkInvariants(); }
    void cleanupTestCase() { m_server.stop(); }

    void firstUseCreatesTheTransfer()
    {
        const auto before = TestServer::balances(*m_alice);
        const QString key = TestServer::issueKey(*m_alice);
        const TestResponse response = postTransfer(
            *m_alice, key,
            transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1234, QStringLiteral("lunch")));
        QCOMPARE(response.status, 201);
        QCOMPARE(response.header("idempotency-key"), key.toLatin1());
        QVERIFY(response.header("idempotent-replayed").isEmpty());
        const QJsonObject transfer = response.json();
        QVERIFY(transfer.value(QLatin1String("id")).toString().startsWith(QLatin1String("tr_")));
        QCOMPARE(transfer.value(QLatin1String("from_account")).toString(), m_accounts.aliceChecking());
        QCOMPARE(transfer.value(QLatin1String("to_account")).toString(), m_accounts.bobChecking());
        QCOMPARE(transfer.value(QLatin1String("amount")).toInteger(), 1234);
        QCOMPARE(transfer.value(QLatin1String("currency")).toString(), QStringLiteral("USD"));
        QCOMPARE(transfer.value(QLatin1String("memo")).toString(), QStringLiteral("lunch"));
        QCOMPARE(transfer.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(transfer.value(QLatin1String("idempotency_key")).toString(), key);
        QVERIFY(Timestamp::fromIso(transfer.value(QLatin1String("created_at")).toString()).isValid());
        const auto after = TestServer::balances(*m_alice);
        QCOMPARE(after.value(QStringLiteral("Alice Checking")), before.value(QStringLiteral("Alice Checking")) - 1234);
        QCOMPARE(TestServer::balances(*m_bob).value(QStringLiteral("Bob Checking")), 25000 + 1234);

        const TestResponse keyState = m_alice->get("/v1/idempotency-keys/" + key.toLatin1());
        QCOMPARE(keyState.json().value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(keyState.json().value(QLatin1String("response_status")).toInt(), 201);
        QCOMPARE(keyState.json().value(QLatin1String("transfer_id")).toString(),
                 transfer.value(QLatin1String("id")).toString());
    }

    void replaysAreCountedAndOutliveARestart()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QByteArray path = "/v1/idempotency-keys/" + key.toLatin1();
        // An unused key's answer is as it always was: no count yet.
        QVERIFY(!m_alice->get(path).json().contains(QLatin1String("replays")));
        const auto body = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 7);
        QCOMPARE(postTransfer(*m_alice, key, body).status, 201);
        QCOMPARE(m_alice->get(path).json().value(QLatin1String("replays")).toInteger(-1), 0);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(postTransfer(*m_alice, key, body).header("idempotent-replayed"), QByteArray("true"));
        // In the database soon after (one writer job adds up the replays counted meanwhile); until
        // then this instance adds its uncommitted counts, which can be off while that job commits.
        QTRY_COMPARE(m_server.database()->scalar(
                         QStringLiteral("SELECT replays FROM idempotency_keys WHERE key = '%1'").arg(key)),
                     qint64(3));
        QTRY_COMPARE(m_alice->get(path).json().value(QLatin1String("replays")).toInteger(-1), 3);
        // The list of keys says the same.
        const QJsonArray listed = m_alice->get("/v1/idempotency-keys?status=completed&limit=100")
                                      .json()
                                      .value(QLatin1String("idempotency_keys"))
                                      .toArray();
        const auto entry = std::find_if(listed.begin(), listed.end(), [&key](const QJsonValue &item) {
            return item.toObject().value(QLatin1String("key")).toString() == key;
        });
        QVERIFY(entry != listed.end());
        QCOMPARE(entry->toObject().value(QLatin1String("replays")).toInteger(-1), 3);

        // So a restarted server says the same.
        m_server.stop();
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        QCOMPARE(m_alice->get(path).json().value(QLatin1String("replays")).toInteger(-1), 3);
        QCOMPARE(m_bob->get(path).status, 404);
    }

    void sameKeySameRequestReplaysByteForByte()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QByteArray body
            = QStringLiteral(R"({"from_account":"%1","to_account":"%2","amount":500,"currency":"USD","memo":"rent"})")
                  .arg(m_accounts.aliceChecking(), m_accounts.bobChecking())
                  .toUtf8();
        const TestResponse first = postTransfer(*m_alice, key, body);
        QCOMPARE(first.status, 201);
        const auto balancesAfterFirst = TestServer::balances(*m_alice);
        const qint64 transfersAfterFirst = m_server.invariants().transfers;
        // Same request, other key order and whitespace: the same fingerprint.
        const QByteArray reordered = QStringLiteral("{ \"memo\" : \"rent\",\n\"currency\":\"USD\", \"amount\": 500, "
                                                    "\"to_account\":\"%2\", \"from_account\":\"%1\" }")
                                         .arg(m_accounts.aliceChecking(), m_accounts.bobChecking())
                                         .toUtf8();
        for (const QByteArray &retry : {body, reordered}) {
            const TestResponse replay = postTransfer(*m_alice, key, retry);
            QCOMPARE(replay.status, 201);
            QCOMPARE(replay.body, first.body);
            QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
            QCOMPARE(replay.header("idempotency-key"), key.toLatin1());
        }
        QCOMPARE(TestServer::balances(*m_alice), balancesAfterFirst);
        QCOMPARE(m_server.invariants().transfers, transfersAfterFirst);
    }

    void sameKeyDifferentRequestIsRejected()
    {
        const QString key = TestServer::issueKey(*m_alice);
        QCOMPARE(
            postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 100)).status,
            201);
        const qint64 transfers = m_server.invariants().transfers;
        for (const QJsonObject &other :
             {transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 101),
              transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 100, QStringLiteral("x")),
              transferBody(m_accounts.aliceSavings(), m_accounts.bobChecking(), 100)}) {
            const TestResponse response = postTransfer(*m_alice, key, other);
            QCOMPARE(response.status, 422);
            QCOMPARE(response.code(), QStringLiteral("idempotency_key_reused"));
        }
        QCOMPARE(m_server.invariants().transfers, transfers);
    }

    void headerMissingOrMalformed_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("code");
        QTest::newRow("missing") << QString() << "idempotency_key_missing";
        QTest::newRow("empty") << QString(QLatin1String("")) << "idempotency_key_malformed";
        QTest::newRow("space") << QStringLiteral("bad key") << "idempotency_key_malformed";
        QTest::newRow("slash") << QStringLiteral("a/b") << "idempotency_key_malformed";
        QTest::newRow("256 chars") << QString(256, u'a') << "idempotency_key_malformed";
    }
    void headerMissingOrMalformed()
    {
        QFETCH(QString, key);
        QFETCH(QString, code);
        const TestResponse response
            = postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1));
        QCOMPARE(response.status, 400);
        QCOMPARE(response.code(), code);
    }

    void keyHeaderSentTwiceOrAsAListIsRefused_data()
    {
        // A and B stand for two keys issued to alice.
        QTest::addColumn<QByteArrayList>("values");
        QTest::newRow("two fields, different keys") << QByteArrayList{"A", "B"};
        QTest::newRow("two fields, the same key") << QByteArrayList{"A", "A"};
        QTest::newRow("three fields") << QByteArrayList{"A", "B", "A"};
        QTest::newRow("one field, a list") << QByteArrayList{"A, B"};
        QTest::newRow("one field, a list without spaces") << QByteArrayList{"A,A"};
    }
    // A proxy that took another field than the bank would see another key: neither is guessed.
    void keyHeaderSentTwiceOrAsAListIsRefused()
    {
        QFETCH(QByteArrayList, values);
        const QByteArray keyA = TestServer::issueKey(*m_alice).toLatin1();
        const QByteArray keyB = TestServer::issueKey(*m_alice).toLatin1();
        QList<QPair<QByteArray, QByteArray>> headers;
        for (QByteArray value : std::as_const(values))
            headers.append({"Idempotency-Key", value.replace('A', keyA).replace('B', keyB)});
        const auto aliceBefore = TestServer::balances(*m_alice);
        const auto bobBefore = TestServer::balances(*m_bob);
        const qint64 transfersBefore = m_server.invariants().transfers;

        const QByteArray body
            = QJsonDocument(transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 77)).toJson();
        const TestResponse response = postTransfer(*m_alice, QString(), body, headers);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.code(), QStringLiteral("idempotency_key_malformed"));
        QCOMPARE(response.json().value(QLatin1String("detail")).toString(),
                 QStringLiteral("send exactly one Idempotency-Key header, holding one key"));
        QVERIFY(response.header("idempotency-key").isNull());
        QCOMPARE(TestServer::balances(*m_alice), aliceBefore);
        QCOMPARE(TestServer::balances(*m_bob), bobBefore);
        QCOMPARE(m_server.invariants().transfers, transfersBefore);
        for (const QByteArray &key : {keyA, keyB})
            QCOMPARE(m_alice->get("/v1/idempotency-keys/" + key).json().value(QLatin1String("status")).toString(),
                     QStringLiteral("unused"));
    }

    void unknownKeys()
    {
        // Never issued, well-formed (255 characters is the longest allowed).
        for (const QString &key : {QStringLiteral("idk_never_issued"), QString(255, u'k')}) {
            const TestResponse response
                = postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1));
            QCOMPARE(response.status, 422);
            QCOMPARE(response.code(), QStringLiteral("idempotency_key_unknown"));
        }
        // Issued to bob: alice is told exactly the same.
        const QString bobsKey = TestServer::issueKey(*m_bob);
        const TestResponse stolen
            = postTransfer(*m_alice, bobsKey, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1));
        QCOMPARE(stolen.status, 422);
        QCOMPARE(stolen.code(), QStringLiteral("idempotency_key_unknown"));
        QCOMPARE(postTransfer(*m_alice, QStringLiteral("idk_never_issued"),
                              transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1))
                     .json()
                     .value(QLatin1String("detail")),
                 stolen.json().value(QLatin1String("detail")));
        // ... and bob can still use it.
        QCOMPARE(
            postTransfer(*m_bob, bobsKey, transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 1)).status,
            201);
    }

    void keyForAnotherOperation()
    {
        // Only "transfer" keys can be issued today, so the other operation is planted directly.
        execSql(QStringLiteral(
            "INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at)"
            " SELECT 'idk_refund_1', id, 'refund', 0, 9999999999999 FROM users WHERE username = 'alice'"));
        const TestResponse response
            = postTransfer(*m_alice, QStringLiteral("idk_refund_1"),
                           transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1));
        QCOMPARE(response.status, 422);
        QCOMPARE(response.code(), QStringLiteral("idempotency_key_operation_mismatch"));
    }

    void expiredKey()
    {
        const QString key = TestServer::issueKey(*m_alice);
        execSql(QStringLiteral("UPDATE idempotency_keys SET expires_at = 1 WHERE key = '%1'").arg(key));
        const TestResponse response
            = postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1));
        QCOMPARE(response.status, 422);
        QCOMPARE(response.code(), QStringLiteral("idempotency_key_expired"));
        QCOMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
            QStringLiteral("expired"));
    }

    void invalidBodiesStoreNothingAndKeepTheKeyUsable_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("bad json") << QByteArray(R"({"from_account": )") << "JSON";
        QTest::newRow("not an object") << QByteArray("[1]") << "object";
        QTest::newRow("missing amount") << QByteArray(R"({"from_account":"FROM","to_account":"TO","currency":"USD"})")
                                        << "amount";
        QTest::newRow("string amount") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":"5","currency":"USD"})")
                                       << "amount";
        QTest::newRow("float amount") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":5.5,"currency":"USD"})")
                                      << "amount";
        QTest::newRow("zero amount") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":0,"currency":"USD"})")
                                     << "amount";
        QTest::newRow("over 10^12") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":1000000000001,"currency":"USD"})")
                                    << "amount";
        QTest::newRow("from = to") << QByteArray(
            R"({"from_account":"FROM","to_account":"FROM","amount":1,"currency":"USD"})")
                                   << "to_account";
        QTest::newRow("other currency") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":1,"currency":"EUR"})")
                                        << "currency";
        QTest::newRow("unknown to_account")
            << QByteArray(R"({"from_account":"FROM","to_account":"acc_nope","amount":1,"currency":"USD"})")
            << "to_account";
        QTest::newRow("memo 141")
            << (QByteArray(R"({"from_account":"FROM","to_account":"TO","amount":1,"currency":"USD","memo":")")
                + QByteArray(141, 'm') + "\"}")
            << "memo";
        QTest::newRow("duplicate field") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":1,"amount":2,"currency":"USD"})")
                                         << "duplicate";
        // Text a store would not keep as sent: SQLite reads a leading U+FFFE or U+FEFF as a byte
        // order mark (the first byte-swaps the rest, so this memo would be stored as "\n\r"), and
        // PostgreSQL cannot hold U+0000.
        QTest::newRow("memo opening with U+FFFE") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":1,"currency":"USD","memo":"\ufffeRent for May"})")
                                                  << "memo";
        QTest::newRow("memo U+FFFE, swapped LF CR") << QByteArray(
            R"({"from_account":"FROM","to_account":"TO","amount":1,"currency":"USD","memo":"\ufffe\u0a00\u0d00"})")
                                                    << "memo";
        QTest::newRow("to = U+FEFF + from")
            << QByteArray(R"({"from_account":"FROM","to_account":"\ufeffFROM","amount":1,"currency":"USD"})")
            << "to_account";
        QTest::newRow("from with U+FEFF")
            << QByteArray(R"({"from_account":"\ufeffFROM","to_account":"TO","amount":1,"currency":"USD"})")
            << "from_account";
        QTest::newRow("NUL in to_account")
            << QByteArray(R"({"from_account":"FROM","to_account":"TO\u0000","amount":1,"currency":"USD"})")
            << "to_account";
    }
    void invalidBodiesStoreNothingAndKeepTheKeyUsable()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        body.replace("FROM", m_accounts.aliceChecking().toLatin1()).replace("TO", m_accounts.bobChecking().toLatin1());
        const QString key = TestServer::issueKey(*m_alice);
        const auto before = TestServer::balances(*m_alice);
        const TestResponse response = postTransfer(*m_alice, key, body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.code(), QStringLiteral("validation_failed"));
        QVERIFY2(response.json().value(QLatin1String("detail")).toString().contains(field), response.body.constData());
        QCOMPARE(TestServer::balances(*m_alice), before);
        QCOMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
            QStringLiteral("unused"));
        QCOMPARE(
            postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 7)).status,
            201);
    }

    // On SQLite a fresh transfer skips the readers: its writer job reads the key and checks the
    // accounts itself (IdempotentExecutor::decidesInWriter). So with every reader held, a refusal
    // for an account leaves its key unused, the key then moves the money, and its retry is
    // replayed. On PostgreSQL the reader's look spares the writer's backend: there the transfer
    // waits for a reader, and gets one when the bound lets them go.
    void aFreshTransferSkipsTheReadersOnSqlite()
    {
        const bool skips = m_server.dialect() == SqlDialect::Sqlite;
        const QString key = TestServer::issueKey(*m_alice);
        const QJsonObject body = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 13);
        const auto before = everyBalance();
        TestResponse refused;
        TestResponse moved;
        TestResponse replayed;
        {
            HeldReaders readers(m_server.serverThread()->server()->storage(), m_server.config().readerThreads,
                                skips ? std::chrono::seconds(10) : std::chrono::seconds(2));
            refused
                = postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), QStringLiteral("acc_nope"), 13));
            moved = postTransfer(*m_alice, key, body);
            replayed = postTransfer(*m_alice, key, body);
            QCOMPARE(readers.release(), skips);
        }
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.code(), QStringLiteral("validation_failed"));
        QVERIFY2(refused.json().value(QLatin1String("detail")).toString().contains(QLatin1String("to_account")),
                 refused.body.constData());
        QCOMPARE(moved.status, 201);
        QCOMPARE(replayed.status, 201);
        QCOMPARE(replayed.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replayed.json(), moved.json());
        auto expected = before;
        expected[QStringLiteral("Alice Checking")] -= 13;
        expected[QStringLiteral("Bob Checking")] += 13;
        QCOMPARE(everyBalance(), expected);
    }

    void fromAccountNotTheCallers()
    {
        const QString key = TestServer::issueKey(*m_alice);
        for (const QString &from : {m_accounts.bobChecking(), QStringLiteral("acc_does_not_exist")}) {
            const TestResponse response
                = postTransfer(*m_alice, key, transferBody(from, m_accounts.aliceChecking(), 100));
            QCOMPARE(response.status, 403);
            QCOMPARE(response.code(), QStringLiteral("forbidden"));
        }
        QCOMPARE(postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.aliceSavings(), 100))
                     .status,
                 201);
    }

    void bothAccountsMustHoldTheRequestedCurrency()
    {
        // Every demo account is USD: two EUR accounts of alice's are planted directly, so the
        // destination's currency is checked on its own (a USD account paying into a EUR one).
        for (const auto &[id, name, balance] :
             {std::tuple{"acc_eur_main", "Alice Euro", 40'000}, std::tuple{"acc_eur_spare", "Alice Euro Spare", 0}})
            execSql(QStringLiteral("INSERT INTO accounts (id, user_id, name, currency, balance)"
                                   " SELECT '%1', id, '%2', 'EUR', %3 FROM users WHERE username = 'alice'")
                        .arg(QLatin1String(id), QLatin1String(name))
                        .arg(balance));
        m_initialTotal += 40'000; // the invariants sum every account, whatever its currency
        const QString euro = QStringLiteral("acc_eur_main");
        const QString euroSpare = QStringLiteral("acc_eur_spare");
        const auto withCurrency = [](QJsonObject body, const QString &currency) {
            body.insert(QStringLiteral("currency"), currency);
            return body;
        };

        struct Refused
        {
            const char *what;
            QJsonObject body;
            const char *detail; // names the account that holds another currency
        };
        const QList<Refused> refused{
            {"USD into a EUR account", transferBody(m_accounts.aliceChecking(), euro, 100),
             "currency: to_account holds EUR, not USD"},
            {"EUR out of a USD account into a EUR one",
             withCurrency(transferBody(m_accounts.aliceChecking(), euro, 100), QStringLiteral("EUR")),
             "currency: from_account holds USD, not EUR"},
            {"EUR out of a EUR account into a USD one",
             withCurrency(transferBody(euro, m_accounts.bobChecking(), 100), QStringLiteral("EUR")),
             "currency: to_account holds USD, not EUR"},
            {"USD out of a EUR account", transferBody(euro, m_accounts.bobChecking(), 100),
             "currency: from_account holds EUR, not USD"},
        };
        for (const Refused &attempt : refused) {
            const QString key = TestServer::issueKey(*m_alice);
            const auto before = everyBalance();
            const qint64 transfers = m_server.invariants().transfers;
            const TestResponse response = postTransfer(*m_alice, key, attempt.body);
            QVERIFY2(response.status == 400, attempt.what);
            QCOMPARE(response.code(), QStringLiteral("validation_failed"));
            QCOMPARE(response.json().value(QLatin1String("detail")).toString(), QString::fromLatin1(attempt.detail));
            QCOMPARE(everyBalance(), before);
            QCOMPARE(m_server.invariants().transfers, transfers);
            QCOMPARE(
                m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
                QStringLiteral("unused"));
        }

        // EUR between two EUR accounts moves the money.
        const TestResponse created
            = postTransfer(*m_alice, TestServer::issueKey(*m_alice),
                           withCurrency(transferBody(euro, euroSpare, 2'500), QStringLiteral("EUR")));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QLatin1String("currency")).toString(), QStringLiteral("EUR"));
        const auto after = TestServer::balances(*m_alice);
        QCOMPARE(after.value(QStringLiteral("Alice Euro")), 37'500);
        QCOMPARE(after.value(QStringLiteral("Alice Euro Spare")), 2'500);
    }

    // docs/api.md §4.1: a request that fails two checks is answered by the earlier one. Each row
    // fails exactly two; the body templates name ALICE (the caller's account), BOB (not hers) and
    // UNKNOWN (no account).
    void checksAreDecidedInTheDocumentedOrder_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("keyState"); // none, malformed, unknown, unused, completed
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        const QByteArray json = "application/json";
        const QByteArray valid = R"({"from_account":"ALICE","to_account":"BOB","amount":2,"currency":"USD"})";
        const QByteArray invalid
            = R"({"from_account":"ALICE","to_account":"BOB","amount":2,"currency":"USD","extra":1})";
        const QByteArray foreign = R"({"from_account":"BOB","to_account":"ALICE","amount":2,"currency":"USD"})";
        QTest::newRow("415 before the key header")
            << QByteArray("text/plain") << "none" << valid << 415 << "unsupported_media_type";
        QTest::newRow("key header missing before the body")
            << json << "none" << invalid << 400 << "idempotency_key_missing";
        QTest::newRow("key header malformed before the body")
            << json << "malformed" << invalid << 400 << "idempotency_key_malformed";
        QTest::newRow("body before an unknown key") << json << "unknown" << invalid << 400 << "validation_failed";
        QTest::newRow("body before a completed key") << json << "completed" << invalid << 400 << "validation_failed";
        QTest::newRow("unknown key before a foreign from_account")
            << json << "unknown" << foreign << 422 << "idempotency_key_unknown";
        QTest::newRow("completed key before a foreign from_account")
            << json << "completed" << foreign << 422 << "idempotency_key_reused";
        QTest::newRow("foreign from_account before an unknown to_account")
            << json << "unused"
            << QByteArray(R"({"from_account":"BOB","to_account":"UNKNOWN","amount":2,"currency":"USD"})") << 403
            << "forbidden";
    }
    void checksAreDecidedInTheDocumentedOrder()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QString, keyState);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        QString key;
        if (keyState == QLatin1String("malformed"))
            key = QStringLiteral("bad key");
        else if (keyState == QLatin1String("unknown"))
            key = QStringLiteral("idk_never_issued_order");
        else if (keyState != QLatin1String("none"))
            key = TestServer::issueKey(*m_alice);
        if (keyState == QLatin1String("completed"))
            QCOMPARE(postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 2))
                         .status,
                     201);
        const auto before = everyBalance();
        const qint64 transfers = m_server.invariants().transfers;

        body.replace("ALICE", m_accounts.aliceChecking().toLatin1())
            .replace("BOB", m_accounts.bobChecking().toLatin1())
            .replace("UNKNOWN", "acc_nope");
        QList<QPair<QByteArray, QByteArray>> headers{{"Content-Type", contentType}};
        if (keyState != QLatin1String("none"))
            headers.append({"Idempotency-Key", key.toLatin1()});
        const TestResponse response = m_alice->request("POST", "/v1/transfers", body, headers, false);
        QCOMPARE(response.status, status);
        QCOMPARE(response.code(), code);
        QVERIFY(response.header("idempotent-replayed").isEmpty());
        QCOMPARE(everyBalance(), before);
        QCOMPARE(m_server.invariants().transfers, transfers);
        if (keyState == QLatin1String("unused") || keyState == QLatin1String("completed"))
            QCOMPARE(
                m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
                keyState);
    }

    void insufficientFundsIsStoredAndReplayed()
    {
        const QString key = TestServer::issueKey(*m_bob);
        const auto before = TestServer::balances(*m_bob);
        const QJsonObject body = transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 999'999'999);
        const TestResponse first = postTransfer(*m_bob, key, body);
        QCOMPARE(first.status, 422);
        QCOMPARE(first.code(), QStringLiteral("insufficient_funds"));
        QCOMPARE(first.header("content-type"), QByteArray("application/problem+json"));
        const TestResponse replay = postTransfer(*m_bob, key, body);
        QCOMPARE(replay.status, 422);
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(TestServer::balances(*m_bob), before);
        const QJsonObject state = m_bob->get("/v1/idempotency-keys/" + key.toLatin1()).json();
        QCOMPARE(state.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(state.value(QLatin1String("response_status")).toInt(), 422);
        QVERIFY(state.value(QLatin1String("transfer_id")).isNull());
        // The stored outcome stands even once the money would be there.
        QCOMPARE(postTransfer(*m_bob, key, body).code(), QStringLiteral("insufficient_funds"));
    }

    void internalFailureRollsBackAndKeepsTheKeyUsable()
    {
        const bool postgres = m_server.dialect() == SqlDialect::Postgres;
        if (postgres) {
            execSql(QStringLiteral("CREATE FUNCTION fail_boom() RETURNS trigger LANGUAGE plpgsql AS"
                                   " $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$"));
            execSql(QStringLiteral("CREATE TRIGGER fail_boom BEFORE INSERT ON transfers FOR EACH ROW"
                                   " WHEN (NEW.memo = 'boom') EXECUTE FUNCTION fail_boom()"));
        } else {
            execSql(QStringLiteral("CREATE TRIGGER fail_boom BEFORE INSERT ON transfers WHEN NEW.memo = 'boom'"
                                   " BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
        }
        const QString key = TestServer::issueKey(*m_alice);
        const auto before = TestServer::balances(*m_alice);
        const QJsonObject body
            = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 300, QStringLiteral("boom"));
        const TestResponse failed = postTransfer(*m_alice, key, body);
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.code(), QStringLiteral("internal_error"));
        // The debit ran before the failing insert; the savepoint took it back.
        QCOMPARE(TestServer::balances(*m_alice), before);
        QCOMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
            QStringLiteral("unused"));
        execSql(postgres ? QStringLiteral("DROP TRIGGER fail_boom ON transfers")
                         : QStringLiteral("DROP TRIGGER fail_boom"));
        const TestResponse retried = postTransfer(*m_alice, key, body);
        QCOMPARE(retried.status, 201);
        QVERIFY(retried.header("idempotent-replayed").isEmpty());
        QCOMPARE(TestServer::balances(*m_alice).value(QStringLiteral("Alice Checking")),
                 before.value(QStringLiteral("Alice Checking")) - 300);
    }

    void requestInFlightGets409ThenTheReplay()
    {
        // A second server on its own database, slowed down: whichever of two identical requests
        // released together it takes first is held 1500 ms with its key in flight, and the other
        // meets it there. No sleep decides who is first; each thread makes its own socket.
        TestServer slow;
        slow.config().processingDelayMs = 1500;
        QCOMPARE(slow.start(), QString());
        auto alice = slow.client("alice", "wonderland");
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 250);
        std::array<TestResponse, 2> responses;
        runConcurrently(2, [&](int i) {
            TestHttpClient client(slow.port());
            client.setToken(alice->token());
            responses[size_t(i)] = postTransfer(client, key, body);
        });
        std::sort(responses.begin(), responses.end(),
                  [](const TestResponse &a, const TestResponse &b) { return a.status < b.status; });
        const TestResponse &created = responses[0];
        const TestResponse &conflict = responses[1];
        QCOMPARE(created.status, 201);
        QVERIFY(created.header("idempotent-replayed").isNull());
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.code(), QStringLiteral("idempotency_key_in_use"));
        QCOMPARE(conflict.header("retry-after"), QByteArray("1"));
        // It is about the key, which it names the expiry of, as every answer about a key does.
        QVERIFY(!created.header("idempotency-key-expires-at").isEmpty());
        QCOMPARE(conflict.header("idempotency-key-expires-at"), created.header("idempotency-key-expires-at"));
        const TestResponse replay = postTransfer(*alice, key, body);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.body, created.body);
        QCOMPARE(slow.invariants().transfers, 1);

        // Everything this fresh server did, counted exactly.
        const PrometheusText metrics = slow.metrics();
        QCOMPARE(metrics.error(), QString());
        const QMap<QString, qint64> expected{
            {QStringLiteral("bank_transfers_created_total"), 1},
            {QStringLiteral("bank_idempotent_replays_total"), 1},
            {QStringLiteral("bank_replay_cache_hits_total"), 1}, // the replay: the first answer was kept
            {QStringLiteral("bank_idempotency_conflicts_total"), 1},
            {QStringLiteral("bank_idempotency_keys_issued_total"), 1},
            {QStringLiteral("bank_scheduled_occurrences_executed_total"), 0},
            {QStringLiteral("bank_scheduled_occurrences_failed_total"), 0},
            {QStringLiteral("bank_http_requests_total{status=\"200\"}"), 2}, // accounts, payees
            {QStringLiteral("bank_http_requests_total{status=\"201\"}"), 4}, // session, key, transfer, replay
            {QStringLiteral("bank_http_requests_total{status=\"409\"}"), 1},
        };
        QCOMPARE(metrics.samplesExcept(QStringLiteral("bank_writer_")), expected);
    }

    void delayedTransfersDoNotHoldUpReads()
    {
        // Twice as many delayed transfers as readers: a reader that slept through the delay would
        // keep every read waiting until the second round of transfers began.
        TestServer slow;
        slow.config().readerThreads = 4;
        slow.config().processingDelayMs = 2000;
        QCOMPARE(slow.start(), QString());
        auto alice = slow.client("alice", "wonderland");
        const DemoAccounts demo(*alice);
        const QByteArray body = QJsonDocument(transferBody(demo.aliceChecking(), demo.bobChecking(), 5)).toJson();
        constexpr int kTransfers = 8;
        QList<QByteArray> requests;
        for (int i = 0; i < kTransfers; ++i)
            requests.append("POST /v1/transfers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + alice->token()
                            + "\r\nContent-Type: application/json\r\nIdempotency-Key: "
                            + TestServer::issueKey(*alice).toLatin1()
                            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);

        std::atomic<int> sent{0};
        std::array<std::atomic<qint64>, kTransfers> answeredAtNs{};
        std::array<int, kTransfers> statuses{};
        std::vector<std::unique_ptr<QThread>> workers;
        for (int i = 0; i < kTransfers; ++i) {
            // Sockets stay on the thread that made them.
            workers.emplace_back(QThread::create([&, i] {
                QTcpSocket socket;
                socket.connectToHost(QStringLiteral("127.0.0.1"), slow.port());
                if (socket.waitForConnected(5000)) {
                    socket.write(requests.at(i));
                    socket.waitForBytesWritten(5000);
                }
                sent.fetch_add(1);
                QByteArray received;
                while (TestHttpClient::parse(received).status == 0 && socket.waitForReadyRead(20'000))
                    received += socket.readAll();
                answeredAtNs[i].store(steadyNowNs());
                statuses[i] = TestHttpClient::parse(received).status;
            }));
            workers.back()->start();
        }
        QTRY_COMPARE(sent.load(), kTransfers);
        const TestResponse accounts = alice->get("/v1/accounts");
        const qint64 readAnsweredAtNs = steadyNowNs();
        QCOMPARE(accounts.status, 200);
        for (const auto &worker : workers)
            QVERIFY(worker->wait(30'000));
        for (int i = 0; i < kTransfers; ++i) {
            QCOMPARE(statuses[i], 201);
            QVERIFY2(readAnsweredAtNs < answeredAtNs[i].load(), "the read waited for delayed transfers to finish");
        }
        QCOMPARE(slow.invariants().transfers, kTransfers);
    }

    void bodyTooLarge()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QByteArray huge = "{\"memo\":\"" + QByteArray(70 * 1024, 'x') + "\"}";
        const QByteArray raw
            = "POST /v1/transfers HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: "
            + key.toLatin1() + "\r\nContent-Length: " + QByteArray::number(huge.size()) + "\r\n\r\n" + huge;
        const TestResponse response = TestHttpClient::parse(TestHttpClient(m_server.port()).rawExchange(raw));
        QCOMPARE(response.status, 413);
        QCOMPARE(response.code(), QStringLiteral("payload_too_large"));
    }

    void contentTypeMustBeJson()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QByteArray body
            = QJsonDocument(transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 1)).toJson();
        for (const QByteArray &type : {QByteArray("text/plain"), QByteArray("application/x-www-form-urlencoded")}) {
            const TestResponse response = m_alice->request(
                "POST", "/v1/transfers", body, {{"Content-Type", type}, {"Idempotency-Key", key.toLatin1()}}, false);
            QCOMPARE(response.status, 415);
            QCOMPARE(response.code(), QStringLiteral("unsupported_media_type"));
        }
        QCOMPARE(
            m_alice
                ->request("POST", "/v1/transfers", body,
                          {{"Content-Type", "application/json; charset=utf-8"}, {"Idempotency-Key", key.toLatin1()}},
                          false)
                .status,
            201);
    }

    void memoIsStoredIntact()
    {
        const QString memo = QStringLiteral("'; DROP TABLE transfers; -- \u00e9\u4e2d\U0001F600 \"q\" \\");
        const QString key = TestServer::issueKey(*m_alice);
        const TestResponse created
            = postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 3, memo));
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        QCOMPARE(m_alice->get("/v1/transfers/" + id.toLatin1()).json().value(QLatin1String("memo")).toString(), memo);
    }

    void unicodeMemosAreStoredExactly_data()
    {
        QTest::addColumn<QString>("memo");
        QTest::newRow("swapped LF CR, no byte order mark") << QStringLiteral("\u0a00\u0d00");
        QTest::newRow("word joiner (U+FEFF's successor)") << QStringLiteral("Rent\u2060for May");
        QTest::newRow("replacement character first") << QStringLiteral("\ufffdRent");
        QTest::newRow("emoji first") << QStringLiteral("\U0001F3E0 rent");
    }
    void unicodeMemosAreStoredExactly()
    {
        QFETCH(QString, memo);
        const TestResponse created
            = postTransfer(*m_alice, TestServer::issueKey(*m_alice),
                           transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 2, memo));
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        QCOMPARE(memoOf(created.body), memo);
        QCOMPARE(memoOf(m_alice->get("/v1/transfers/" + id.toLatin1()).body), memo);
        QCOMPARE(storedMemoUtf8Hex(id), memo.toUtf8().toHex());
    }

    // Ids in paths and cursors are looked up as sent: another spelling that Qt's UTF-8 decoder or
    // SQLite would read as the same id names nothing.
    void idsAreLookedUpExactlyAsSent()
    {
        const TestResponse created
            = postTransfer(*m_alice, TestServer::issueKey(*m_alice),
                           transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 6));
        QCOMPARE(created.status, 201);
        const QByteArray id = created.json().value(QLatin1String("id")).toString().toLatin1();
        const QByteArray key = created.json().value(QLatin1String("idempotency_key")).toString().toLatin1();
        QCOMPARE(m_alice->get("/v1/transfers/" + id).status, 200);
        QCOMPARE(m_alice->get("/v1/idempotency-keys/" + key).status, 200);
        const QList<QByteArray> spellings{
            QUrl::toPercentEncoding(QChar(QChar::ByteOrderMark) + QString::fromLatin1(id)),
            QUrl::toPercentEncoding(QChar(QChar::ByteOrderSwapped) + byteSwapped(id)), id + "%00"};
        for (const QByteArray &spelling : spellings) {
            const TestResponse transfer = m_alice->get("/v1/transfers/" + spelling);
            QCOMPARE(transfer.status, 404);
            QCOMPARE(transfer.code(), QStringLiteral("not_found"));
            const TestResponse cursor = m_alice->get("/v1/transfers?starting_after=" + spelling);
            QCOMPARE(cursor.status, 400);
            QCOMPARE(cursor.code(), QStringLiteral("validation_failed"));
        }
        QCOMPARE(m_alice
                     ->get("/v1/idempotency-keys/"
                           + QUrl::toPercentEncoding(QChar(QChar::ByteOrderMark) + QString::fromLatin1(key)))
                     .status,
                 404);
    }

    void listsTransfersNewestFirstWithPages()
    {
        QStringList created;
        for (int i = 0; i < 5; ++i) {
            const TestResponse response
                = postTransfer(*m_bob, TestServer::issueKey(*m_bob),
                               transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 10 + i));
            QCOMPARE(response.status, 201);
            created.prepend(response.json().value(QLatin1String("id")).toString());
        }
        const QJsonObject page1 = m_bob->get("/v1/transfers?limit=2").json();
        QCOMPARE(page1.value(QLatin1String("has_more")).toBool(), true);
        const QJsonArray items1 = page1.value(QLatin1String("transfers")).toArray();
        QCOMPARE(items1.size(), 2);
        QCOMPARE(items1[0][QLatin1String("id")].toString(), created[0]);
        QCOMPARE(items1[1][QLatin1String("id")].toString(), created[1]);
        const QJsonObject page2 = m_bob->get("/v1/transfers?limit=2&starting_after=" + created[1].toLatin1()).json();
        QCOMPARE(page2.value(QLatin1String("transfers")).toArray()[0][QLatin1String("id")].toString(), created[2]);

        // Every transfer bob sees touches one of his accounts.
        const QJsonArray all = m_bob->get("/v1/transfers?limit=100").json().value(QLatin1String("transfers")).toArray();
        for (const QJsonValue item : all)
            QVERIFY(item[QLatin1String("from_account")].toString() == m_accounts.bobChecking()
                    || item[QLatin1String("to_account")].toString() == m_accounts.bobChecking());
        QCOMPARE(m_bob->get("/v1/transfers?limit=0").code(), QStringLiteral("validation_failed"));
        QCOMPARE(m_bob->get("/v1/transfers?limit=101").code(), QStringLiteral("validation_failed"));
        QCOMPARE(m_bob->get("/v1/transfers?limit=abc").code(), QStringLiteral("validation_failed"));
        QCOMPARE(m_bob->get("/v1/transfers?starting_after=tr_nope").status, 400);
    }

    void transfersAreVisibleOnlyToTheirParties()
    {
        const TestResponse internal
            = postTransfer(*m_alice, TestServer::issueKey(*m_alice),
                           transferBody(m_accounts.aliceChecking(), m_accounts.aliceSavings(), 5));
        QCOMPARE(internal.status, 201);
        const QByteArray id = internal.json().value(QLatin1String("id")).toString().toLatin1();
        QCOMPARE(m_alice->get("/v1/transfers/" + id).status, 200);
        QCOMPARE(m_bob->get("/v1/transfers/" + id).status, 404);
        QCOMPARE(m_bob->get("/v1/transfers/" + id).code(), QStringLiteral("not_found"));
        const TestResponse shared = postTransfer(*m_alice, TestServer::issueKey(*m_alice),
                                                 transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 5));
        QCOMPARE(m_bob->get("/v1/transfers/" + shared.json().value(QLatin1String("id")).toString().toLatin1()).status,
                 200);
    }

    void clientKeysAreRegisteredOnFirstUse()
    {
        TestServer server;
        server.config().acceptClientKeys = true;
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        auto bob = server.client("bob", "builder");
        const DemoAccounts accounts(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 42);
        const QString key = QStringLiteral("client-chosen:order-4711");
        const TestResponse first = postTransfer(*alice, key, body);
        QCOMPARE(first.status, 201);
        const TestResponse replay = postTransfer(*alice, key, body);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.body, first.body);
        // Keys are a namespace per user: bob's same string is his own key, and tells him nothing of alice's.
        const TestResponse bobs
            = postTransfer(*bob, key, transferBody(accounts.bobChecking(), accounts.aliceChecking(), 1));
        QCOMPARE(bobs.status, 201);
        QVERIFY(bobs.header("idempotent-replayed").isEmpty());
        QCOMPARE(postTransfer(*alice, key, body).body, first.body);
        QCOMPARE(server.invariants().transfers, 2);
        QCOMPARE(server.invariants().violations(625000), QStringList());
    }

    // A known sequence on the shared server: the counters change by exactly that much, whatever
    // the tests before it did.
    void metricsCountWhatHappened()
    {
        const PrometheusText before = m_server.metrics();
        QCOMPARE(before.error(), QString());
        const QString key = TestServer::issueKey(*m_alice);
        const QString spare = TestServer::issueKey(*m_alice);
        const QJsonObject body = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 11);
        QCOMPARE(postTransfer(*m_alice, key, body).status, 201);
        QCOMPARE(postTransfer(*m_alice, key, body).header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(
            postTransfer(*m_alice, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 12)).code(),
            QStringLiteral("idempotency_key_reused"));
        QCOMPARE(postTransfer(*m_alice, QStringLiteral("idk_never_issued"), body).code(),
                 QStringLiteral("idempotency_key_unknown"));
        QCOMPARE(postTransfer(*m_alice, QString(), body).code(), QStringLiteral("idempotency_key_missing"));
        QCOMPARE(postTransfer(*m_alice, QString(), QJsonDocument(body).toJson(),
                              {{"Idempotency-Key", spare.toLatin1()}, {"Idempotency-Key", spare.toLatin1()}})
                     .code(),
                 QStringLiteral("idempotency_key_malformed"));

        const PrometheusText after = m_server.metrics();
        QCOMPARE(after.error(), QString());
        const QMap<QString, qint64> expected{
            {QStringLiteral("bank_idempotency_keys_issued_total"), 2},
            {QStringLiteral("bank_transfers_created_total"), 1},
            {QStringLiteral("bank_idempotent_replays_total"), 1},
            {QStringLiteral("bank_replay_cache_hits_total"), 1},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_reused\"}"), 1},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_unknown\"}"), 1},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_missing\"}"), 1},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_malformed\"}"), 1},
            {QStringLiteral("bank_http_requests_total{status=\"201\"}"), 4}, // two keys, the transfer, its replay
            {QStringLiteral("bank_http_requests_total{status=\"400\"}"), 2},
            {QStringLiteral("bank_http_requests_total{status=\"422\"}"), 2},
        };
        QCOMPARE(after.changesSince(before, QStringLiteral("bank_writer_")), expected);
    }
};

QTEST_GUILESS_MAIN(TestTransfers)
#include "tst_transfers.moc"
