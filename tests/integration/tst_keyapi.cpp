// Idempotency keys as a client handles them, over real loopback HTTP: the Idempotency-Key header
// in both of its forms (the bare key, and the RFC 8941 String of draft-ietf-httpapi-idempotency-
// key-header), what a reused key says differs, the caller's own keys listed, an unused key
// abandoned, and the key's expires_at in a header of every answer about it.
#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/HeldReaders.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <chrono>

class TestKeyApi : public QObject
{
    Q_OBJECT
private:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    std::unique_ptr<TestHttpClient> m_bob;
    DemoAccounts m_accounts;

    QJsonObject aliceToBob(qint64 amount, const QString &memo = {}) const
    {
        return transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), amount, memo);
    }
    // The key as draft-ietf-httpapi-idempotency-key-header writes it: an RFC 8941 String.
    static QString quoted(const QString &key) { return u'"' + key + u'"'; }
    static TestResponse abandon(TestHttpClient &client, const QString &key)
    {
        return client.request("DELETE", "/v1/idempotency-keys/" + key.toLatin1(), {}, {}, false);
    }
    static QJsonObject keyInfo(TestHttpClient &client, const QString &key)
    {
        return client.get("/v1/idempotency-keys/" + key.toLatin1()).json();
    }
    static QString statusOf(TestHttpClient &client, const QString &key)
    {
        return keyInfo(client, key).value(QLatin1String("status")).toString();
    }
    static QByteArray expiresAtOf(TestHttpClient &client, const QString &key)
    {
        return keyInfo(client, key).value(QLatin1String("expires_at")).toString().toLatin1();
    }
    // The keys of one page of GET /v1/idempotency-keys?`query`, and whether it says there are more.
    static std::pair<QStringList, bool> listed(TestHttpClient &client, const QByteArray &query)
    {
        const QJsonObject page
            = client.get("/v1/idempotency-keys" + (query.isEmpty() ? QByteArray() : '?' + query)).json();
        QStringList keys;
        for (const QJsonValue key : page.value(QLatin1String("idempotency_keys")).toArray())
            keys << key.toObject().value(QLatin1String("key")).toString();
        return {keys, page.value(QLatin1String("has_more")).toBool()};
    }
    // A server of its own, for tests that list every key of a user or need other options.
    static std::unique_ptr<TestServer> ownServer(int maxUnusedKeys = 1000)
    {
        auto server = std::make_unique<TestServer>();
        server->config().quotas.maxUnusedKeys = maxUnusedKeys;
        const QString failure = server->start();
        if (!failure.isEmpty()) {
            qWarning("%s", qPrintable(failure));
            return {};
        }
        return server;
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        m_accounts = DemoAccounts(*m_alice);
    }
    void cleanup() { QCOMPARE(m_server.invariants().violations(625000), QStringList()); }
    void cleanupTestCase() { m_server.stop(); }

    // Issuing a key reads nothing: once the session is known here, the network thread checks the
    // body and queues the insert itself, without waking a reader for it. So a key is issued while
    // every reader is held.
    void aKeyIsIssuedWhileEveryReaderIsBusy()
    {
        // Should the key wait for a reader after all, the readers go after a while, and the key
        // then comes too late.
        HeldReaders readers(m_server.serverThread()->server()->storage(), m_server.config().readerThreads,
                            std::chrono::seconds(10));
        const TestResponse issued
            = m_alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        const bool answeredWhileHeld = readers.release();
        QCOMPARE(issued.status, 201);
        QVERIFY(answeredWhileHeld);
        QCOMPARE(statusOf(*m_alice, issued.json().value(QLatin1String("key")).toString()), QStringLiteral("unused"));
    }

    // The draft's sf-string and Stripe's bare token name one key: each replays the other.
    void theQuotedAndBareFormsAreOneKey_data()
    {
        QTest::addColumn<bool>("quotedFirst");
        QTest::newRow("quoted first") << true;
        QTest::newRow("bare first") << false;
    }
    void theQuotedAndBareFormsAreOneKey()
    {
        QFETCH(bool, quotedFirst);
        const QString key = TestServer::issueKey(*m_alice);
        const QJsonObject body = aliceToBob(321);
        const QString first = quotedFirst ? quoted(key) : key;
        const QString second = quotedFirst ? key : quoted(key);
        const auto before = TestServer::balances(*m_alice);

        const TestResponse created = postTransfer(*m_alice, first, body);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.header("idempotency-key"), key.toLatin1()); // always the key itself
        QCOMPARE(created.json().value(QLatin1String("idempotency_key")).toString(), key);
        for (const QString &form : {second, first}) {
            const TestResponse replay = postTransfer(*m_alice, form, body);
            QCOMPARE(replay.status, 201);
            QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
            QCOMPARE(replay.body, created.body);
        }
        QCOMPARE(TestServer::balances(*m_alice).value(QStringLiteral("Alice Checking")),
                 before.value(QStringLiteral("Alice Checking")) - 321);
    }

    // Refused before the key is looked up: nothing is read, nothing changes, the key stays unused.
    void aBadlyQuotedKeyIsRefused_data()
    {
        QTest::addColumn<QByteArrayList>("fields"); // K stands for an unused key of alice's
        QTest::addColumn<QString>("detail");
        const QString notOne = QStringLiteral("send exactly one Idempotency-Key header, holding one key");
        const QString badString
            = QStringLiteral("a quoted key is an RFC 8941 String: printable ASCII between two double"
                             " quotes, with \\\" and \\\\ as its only escapes");
        QTest::newRow("a list of Strings") << QByteArrayList{"\"K\", \"K\""} << notOne;
        QTest::newRow("the two forms in two fields") << QByteArrayList{"K", "\"K\""} << notOne;
        QTest::newRow("a parameter") << QByteArrayList{"\"K\";v=1"}
                                     << QStringLiteral("Idempotency-Key takes no parameters: send the key alone");
        QTest::newRow("no closing quote") << QByteArrayList{"\"K"} << badString;
        QTest::newRow("a bad escape") << QByteArrayList{"\"K\\x\""} << badString;
        QTest::newRow("an escaped quote inside")
            << QByteArrayList{"\"K\\\"\""} << QStringLiteral("a key is 1 to 255 characters of A-Z a-z 0-9 _ . : -");
        QTest::newRow("bytes after the String")
            << QByteArrayList{"\"K\"K"}
            << QStringLiteral("nothing may follow the closing double quote of a quoted key");
    }
    void aBadlyQuotedKeyIsRefused()
    {
        QFETCH(QByteArrayList, fields);
        QFETCH(QString, detail);
        const QString key = TestServer::issueKey(*m_alice);
        Headers headers;
        for (QByteArray field : std::as_const(fields))
            headers.append({"Idempotency-Key", field.replace('K', key.toLatin1())});
        const qint64 transfers = m_server.invariants().transfers;
        const TestResponse refused = m_alice->postJson("/v1/transfers", aliceToBob(5), headers);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.code(), QStringLiteral("idempotency_key_malformed"));
        QCOMPARE(refused.json().value(QLatin1String("detail")).toString(), detail);
        QVERIFY(refused.header("idempotency-key-expires-at").isNull());
        QCOMPARE(m_server.invariants().transfers, transfers);
        QCOMPARE(statusOf(*m_alice, key), QStringLiteral("unused"));
    }

    // TigerBeetle-style: the 422 names the members that differ, never their values.
    void aReusedKeyNamesWhatDiffers_data()
    {
        QTest::addColumn<QJsonObject>("retry");
        QTest::addColumn<QStringList>("differs");
        const QJsonObject first
            = transferBody(QStringLiteral("FROM"), QStringLiteral("TO"), 400, QStringLiteral("rent"));
        QJsonObject amount = first;
        amount.insert(QStringLiteral("amount"), 401);
        QJsonObject amountAndMemo = amount;
        amountAndMemo.insert(QStringLiteral("memo"), QStringLiteral("food"));
        QJsonObject noMemo = first;
        noMemo.remove(QStringLiteral("memo"));
        QJsonObject nullMemo = first;
        nullMemo.insert(QStringLiteral("memo"), QJsonValue::Null);
        QJsonObject otherTarget = first;
        otherTarget.insert(QStringLiteral("to_account"), QStringLiteral("SAVINGS"));
        QTest::newRow("amount") << amount << QStringList{QStringLiteral("amount")};
        QTest::newRow("amount and memo") << amountAndMemo
                                         << QStringList{QStringLiteral("amount"), QStringLiteral("memo")};
        QTest::newRow("memo left out") << noMemo << QStringList{QStringLiteral("memo")};
        QTest::newRow("memo null") << nullMemo << QStringList{QStringLiteral("memo")};
        QTest::newRow("to_account") << otherTarget << QStringList{QStringLiteral("to_account")};
    }
    void aReusedKeyNamesWhatDiffers()
    {
        QFETCH(QJsonObject, retry);
        QFETCH(QStringList, differs);
        const auto resolve = [this](QJsonObject body) {
            const QString to = body.value(QLatin1String("to_account")).toString();
            body.insert(QStringLiteral("from_account"), m_accounts.aliceChecking());
            body.insert(QStringLiteral("to_account"),
                        to == QLatin1String("TO") ? m_accounts.bobChecking() : m_accounts.aliceSavings());
            return body;
        };
        const QString key = TestServer::issueKey(*m_alice);
        QCOMPARE(
            postTransfer(*m_alice, key, resolve(transferBody({}, QStringLiteral("TO"), 400, QStringLiteral("rent"))))
                .status,
            201);
        const TestResponse reused = postTransfer(*m_alice, key, resolve(retry));
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.code(), QStringLiteral("idempotency_key_reused"));
        QStringList named;
        for (const QJsonValue member : reused.json().value(QLatin1String("differs")).toArray())
            named << member.toString();
        QCOMPARE(named, differs);
        QVERIFY(!reused.body.contains("401") && !reused.body.contains("food")); // names, not values
    }

    // Keys completed before the bank kept digests say nothing about what differs, and guess nothing.
    void aKeyCompletedWithoutADigestNamesNothing()
    {
        const QString key = TestServer::issueKey(*m_alice);
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(77)).status, 201);
        QCOMPARE(m_server.execSql(
                     QStringLiteral("UPDATE idempotency_keys SET request_digest = NULL WHERE key = '%1'").arg(key)),
                 QString());
        const TestResponse reused = postTransfer(*m_alice, key, aliceToBob(78));
        QCOMPARE(reused.code(), QStringLiteral("idempotency_key_reused"));
        QVERIFY(!reused.json().contains(QLatin1String("differs")));
    }

    void listingShowsTheCallersKeysNewestFirst()
    {
        const auto server = ownServer();
        QVERIFY(server);
        auto alice = server->client("alice", "wonderland");
        auto bob = server->client("bob", "builder");
        QStringList issued;
        for (int i = 0; i < 7; ++i)
            issued << TestServer::issueKey(*alice);
        const QString bobsKey = TestServer::issueKey(*bob);
        // Newest first; keys issued in the same millisecond in descending key order.
        QMap<QString, QString> createdAt;
        for (const QString &key : std::as_const(issued))
            createdAt.insert(key, keyInfo(*alice, key).value(QLatin1String("created_at")).toString());
        QStringList expected = issued;
        std::sort(expected.begin(), expected.end(), [&](const QString &a, const QString &b) {
            return createdAt.value(a) != createdAt.value(b) ? createdAt.value(a) > createdAt.value(b) : a > b;
        });

        const TestResponse all = alice->get("/v1/idempotency-keys");
        QCOMPARE(all.status, 200);
        QVERIFY(all.header("idempotency-key-expires-at").isNull()); // many keys: each has its expires_at
        const QJsonArray items = all.json().value(QLatin1String("idempotency_keys")).toArray();
        QCOMPARE(items.size(), 7);
        QCOMPARE(items.first().toObject(), keyInfo(*alice, expected.first()));
        QCOMPARE(listed(*alice, {}).first, expected);
        QVERIFY(!listed(*alice, {}).second);
        QCOMPARE(listed(*bob, {}).first, QStringList{bobsKey});

        // Pages of 3, each after the last key of the one before: every key once, in order.
        QStringList paged;
        QByteArray query = "limit=3";
        for (int page = 0; page < 3; ++page) {
            const auto [keys, more] = listed(*alice, query);
            QCOMPARE(more, page < 2);
            paged << keys;
            query = "limit=3&starting_after=" + keys.constLast().toLatin1();
        }
        QCOMPARE(paged, expected);
    }

    void listingFiltersByStatus()
    {
        const auto server = ownServer();
        QVERIFY(server);
        auto alice = server->client("alice", "wonderland");
        const DemoAccounts accounts(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 10);
        const QString unused = TestServer::issueKey(*alice);
        const QString completed = TestServer::issueKey(*alice);
        const QString abandoned = TestServer::issueKey(*alice);
        const QString lapsed = TestServer::issueKey(*alice);
        QCOMPARE(postTransfer(*alice, completed, body).status, 201);
        QCOMPARE(abandon(*alice, abandoned).status, 204);
        QCOMPARE(server->execSql(QStringLiteral("UPDATE idempotency_keys SET expires_at = %1 WHERE key = '%2'")
                                     .arg(Timestamp::nowMs() - 1000)
                                     .arg(lapsed)),
                 QString());

        // The listing settles the lapsed key first, so that every status it shows is final.
        for (const auto &[status, key] : {std::pair{"unused", unused}, std::pair{"completed", completed},
                                          std::pair{"abandoned", abandoned}, std::pair{"expired", lapsed}}) {
            const auto [keys, more] = listed(*alice, "status=" + QByteArray(status));
            QCOMPARE(keys, QStringList{key});
            QVERIFY(!more);
            QCOMPARE(statusOf(*alice, key), QString::fromLatin1(status));
        }
        QCOMPARE(server->database()->scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE key = '%1'"
                                                           " AND expired_at IS NOT NULL")
                                                .arg(lapsed)),
                 1);
        QCOMPARE(listed(*alice, "status=unused&limit=1").first, QStringList{unused});
        QCOMPARE(listed(*alice, {}).first.size(), 4);
    }

    void listingRefusesBadParameters_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("limit 0") << QByteArray("limit=0");
        QTest::newRow("limit 101") << QByteArray("limit=101");
        QTest::newRow("limit not a number") << QByteArray("limit=ten");
        QTest::newRow("unknown status") << QByteArray("status=lapsed");
        QTest::newRow("empty status") << QByteArray("status=");
        QTest::newRow("starting_after unknown") << QByteArray("starting_after=idk_never_issued");
        QTest::newRow("starting_after bob's key") << QByteArray("starting_after=BOB");
        QTest::newRow("starting_after not storable") << QByteArray("starting_after=%EF%BB%BFidk_x");
    }
    void listingRefusesBadParameters()
    {
        QFETCH(QByteArray, query);
        query.replace("BOB", TestServer::issueKey(*m_bob).toLatin1());
        const TestResponse refused = m_alice->get("/v1/idempotency-keys?" + query);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.code(), QStringLiteral("validation_failed"));
    }

    void anAbandonedKeyCanNeverStartATransfer()
    {
        const QString key = TestServer::issueKey(*m_alice);
        const QByteArray expiresAt = expiresAtOf(*m_alice, key);
        const TestResponse abandoned = abandon(*m_alice, key);
        QCOMPARE(abandoned.status, 204);
        QVERIFY(abandoned.body.isEmpty());
        QCOMPARE(abandoned.header("idempotency-key-expires-at"), expiresAt);
        QCOMPARE(statusOf(*m_alice, key), QStringLiteral("abandoned"));

        const auto before = TestServer::balances(*m_alice);
        for (const QString &form : {key, quoted(key)}) {
            const TestResponse refused = postTransfer(*m_alice, form, aliceToBob(50));
            QCOMPARE(refused.status, 422);
            QCOMPARE(refused.code(), QStringLiteral("idempotency_key_abandoned"));
            QCOMPARE(refused.header("idempotency-key-expires-at"), expiresAt);
        }
        QCOMPARE(TestServer::balances(*m_alice), before);
        // Abandoning is idempotent itself.
        QCOMPARE(abandon(*m_alice, key).status, 204);
        QCOMPARE(statusOf(*m_alice, key), QStringLiteral("abandoned"));
    }

    // A key with an outcome keeps it: 409, and nothing changes.
    void aCompletedKeyCannotBeAbandoned_data()
    {
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<int>("stored");
        QTest::newRow("a transfer") << qint64(60) << 201;
        QTest::newRow("a stored refusal") << qint64(99'999'999) << 422;
    }
    void aCompletedKeyCannotBeAbandoned()
    {
        QFETCH(qint64, amount);
        QFETCH(int, stored);
        const QString key = TestServer::issueKey(*m_alice);
        const TestResponse first = postTransfer(*m_alice, key, aliceToBob(amount));
        QCOMPARE(first.status, stored);
        const TestResponse refused = abandon(*m_alice, key);
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.code(), QStringLiteral("idempotency_key_completed"));
        QCOMPARE(refused.header("idempotency-key-expires-at"), expiresAtOf(*m_alice, key));
        QCOMPARE(statusOf(*m_alice, key), QStringLiteral("completed"));
        const TestResponse replay = postTransfer(*m_alice, key, aliceToBob(amount));
        QCOMPARE(replay.body, first.body);
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
    }

    // Nothing of another user's shows: their key is "no such key", as one that never existed.
    void onlyTheCallersOwnKeyCanBeAbandoned()
    {
        const QString bobsKey = TestServer::issueKey(*m_bob);
        for (const QString &key : {bobsKey, QStringLiteral("idk_never_issued"), QStringLiteral("%EF%BB%BFidk_x")}) {
            const TestResponse refused = abandon(*m_alice, key);
            QCOMPARE(refused.status, 404);
            QCOMPARE(refused.code(), QStringLiteral("not_found"));
            QVERIFY(refused.header("idempotency-key-expires-at").isNull());
        }
        QCOMPARE(statusOf(*m_bob, bobsKey), QStringLiteral("unused"));
    }

    // An expired key is as unusable as an abandoned one already: 204, and it stays expired.
    void anExpiredKeyStaysExpired()
    {
        const QString key = TestServer::issueKey(*m_alice);
        QCOMPARE(m_server.execSql(QStringLiteral("UPDATE idempotency_keys SET expires_at = %1 WHERE key = '%2'")
                                      .arg(Timestamp::nowMs() - 1000)
                                      .arg(key)),
                 QString());
        QCOMPARE(abandon(*m_alice, key).status, 204);
        QCOMPARE(abandon(*m_alice, key).status, 204);
        // A lapsed key abandoned before anyone settled it is abandoned; settled first, it stays expired.
        QCOMPARE(statusOf(*m_alice, key), QStringLiteral("abandoned"));
        const QString settled = TestServer::issueKey(*m_alice);
        QCOMPARE(m_server.execSql(QStringLiteral("UPDATE idempotency_keys SET expires_at = %1 WHERE key = '%2'")
                                      .arg(Timestamp::nowMs() - 1000)
                                      .arg(settled)),
                 QString());
        QCOMPARE(statusOf(*m_alice, settled), QStringLiteral("expired"));
        QCOMPARE(abandon(*m_alice, settled).status, 204);
        QCOMPARE(statusOf(*m_alice, settled), QStringLiteral("expired"));
    }

    // An abandoned key frees its place among the unused keys at once.
    void anAbandonedKeyFreesItsQuotaPlace()
    {
        const auto server = ownServer(2);
        QVERIFY(server);
        auto alice = server->client("alice", "wonderland");
        const QString first = TestServer::issueKey(*alice);
        QVERIFY(!TestServer::issueKey(*alice).isEmpty());
        QCOMPARE(
            alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}}).status,
            429);
        QCOMPARE(abandon(*alice, first).status, 204);
        QVERIFY(!TestServer::issueKey(*alice).isEmpty());
    }

    // Every answer about a key says when the key expires, as a header: the stored body of a
    // transfer is replayed byte for byte and cannot carry it.
    void everyAnswerAboutAKeyCarriesItsExpiry()
    {
        const TestResponse issued
            = m_alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        QCOMPARE(issued.status, 201);
        const QString key = issued.json().value(QLatin1String("key")).toString();
        const QByteArray expiresAt = issued.json().value(QLatin1String("expires_at")).toString().toLatin1();
        QVERIFY(Timestamp::fromIso(QString::fromLatin1(expiresAt)).isValid());
        QCOMPARE(issued.header("idempotency-key-expires-at"), expiresAt);
        QCOMPARE(m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).header("idempotency-key-expires-at"),
                 expiresAt);

        // Refused at the accounts, after the key was found: the key is still unused.
        const QJsonObject notMine = transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 10);
        const TestResponse forbidden = postTransfer(*m_alice, key, notMine);
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.header("idempotency-key-expires-at"), expiresAt);

        const TestResponse created = postTransfer(*m_alice, key, aliceToBob(10));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.header("idempotency-key-expires-at"), expiresAt);
        const TestResponse replay = postTransfer(*m_alice, quoted(key), aliceToBob(10));
        QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(replay.header("idempotency-key-expires-at"), expiresAt);
        QCOMPARE(replay.body, created.body);
        const TestResponse reused = postTransfer(*m_alice, key, aliceToBob(11));
        QCOMPARE(reused.code(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(reused.header("idempotency-key-expires-at"), expiresAt);

        // A stored refusal, first and replayed.
        const QString poorKey = TestServer::issueKey(*m_alice);
        const QByteArray poorExpiresAt = expiresAtOf(*m_alice, poorKey);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const TestResponse refused = postTransfer(*m_alice, poorKey, aliceToBob(99'999'999));
            QCOMPARE(refused.code(), QStringLiteral("insufficient_funds"));
            QCOMPARE(refused.header("idempotency-key-expires-at"), poorExpiresAt);
        }

        // Answers that find no key of the caller's name no expiry.
        const TestResponse unknown = postTransfer(*m_alice, QStringLiteral("idk_never_issued"), aliceToBob(10));
        QCOMPARE(unknown.code(), QStringLiteral("idempotency_key_unknown"));
        QVERIFY(unknown.header("idempotency-key-expires-at").isNull());
        QVERIFY(m_alice->get("/v1/idempotency-keys/idk_never_issued").header("idempotency-key-expires-at").isNull());
    }
};

QTEST_GUILESS_MAIN(TestKeyApi)
#include "tst_keyapi.moc"
