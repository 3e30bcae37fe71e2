// The API around transfers: health, sessions, accounts, payees, keys, routing and metrics.
#include "TestServer.h"
#include "api/Timestamp.h"

#include <QJsonArray>
#include <QTest>

class TestBankApi : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

private slots:
    void initTestCase() { QCOMPARE(m_server.start(), QString()); }
    void cleanupTestCase() { m_server.stop(); }

    void healthz()
    {
        auto client = m_server.anonymousClient();
        const TestResponse response = client->get("/healthz");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(response.header("content-type"), QByteArray("application/json"));
    }

    void loginReturnsAToken()
    {
        auto client = m_server.anonymousClient();
        const TestResponse response = client->postJson(
            "/v1/sessions", {{QStringLiteral("username"), QStringLiteral("alice")}, {QStringLiteral("password"), QStringLiteral("wonderland")}});
        QCOMPARE(response.status, 201);
        const QJsonObject body = response.json();
        QVERIFY(body.value(QLatin1String("token")).toString().size() >= 43);
        QCOMPARE(body.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
        QVERIFY(Timestamp::fromIso(body.value(QLatin1String("expires_at")).toString()).isValid());
    }

    void loginFailures_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong password") << QByteArray(R"({"username":"alice","password":"nope"})") << 401 << "invalid_credentials";
        QTest::newRow("unknown user") << QByteArray(R"({"username":"mallory","password":"x"})") << 401 << "invalid_credentials";
        QTest::newRow("missing password") << QByteArray(R"({"username":"alice"})") << 400 << "validation_failed";
        QTest::newRow("bad json") << QByteArray(R"({"username":)") << 400 << "validation_failed";
    }
    void loginFailures()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, code);
        auto client = m_server.anonymousClient();
        const TestResponse response = client->post("/v1/sessions", body);
        QCOMPARE(response.status, status);
        QCOMPARE(response.code(), code);
        QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
        const QJsonObject problem = response.json();
        for (const char *field : {"type", "title", "status", "detail", "code"})
            QVERIFY2(problem.contains(QLatin1String(field)), field);
        QCOMPARE(problem.value(QLatin1String("status")).toInt(), status);
    }

    // SQLite reads a leading U+FEFF or U+FFFE as a byte order mark, so "\ufeffalice", and U+FFFE
    // followed by "alice" byte-swapped, would be looked up as alice, each spelling with a throttle
    // budget of its own. They are refused before the throttle counts them: no extra guesses.
    void otherSpellingsOfAUsernameAreRefused()
    {
        TestServer server; // its own throttle: the failures here must not spill into other tests
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        auto login = [&client](const QString &user, const QString &password) {
            return client.postJson("/v1/sessions", {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
        };
        const QStringList spellings{QStringLiteral("\ufeffalice"), QStringLiteral("\ufffe\u6100\u6c00\u6900\u6300\u6500"),
                                    QStringLiteral("alice") + QChar(u'\0')};
        for (const QString &spelling : spellings) {
            const TestResponse response = login(spelling, QStringLiteral("wonderland"));
            QCOMPARE(response.status, 400);
            QCOMPARE(response.code(), QStringLiteral("validation_failed"));
            QVERIFY(response.json().value(QLatin1String("detail")).toString().startsWith(QLatin1String("username: ")));
        }
        for (int i = 0; i < 4; ++i)
            QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("guess%1").arg(i)).status, 401);
        for (const QString &spelling : spellings)
            QCOMPARE(login(spelling, QStringLiteral("guess")).status, 400);
        // The fifth wrong password as "alice" uses up her budget.
        QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("guess4")).status, 401);
        QCOMPARE(login(QStringLiteral("alice"), QStringLiteral("wonderland")).status, 429);
        server.stop();
    }

    void authenticationIsRequired_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("accounts") << QByteArray("GET") << QByteArray("/v1/accounts");
        QTest::newRow("payees") << QByteArray("GET") << QByteArray("/v1/payees");
        QTest::newRow("issue key") << QByteArray("POST") << QByteArray("/v1/idempotency-keys");
        QTest::newRow("get key") << QByteArray("GET") << QByteArray("/v1/idempotency-keys/idk_x");
        QTest::newRow("transfer") << QByteArray("POST") << QByteArray("/v1/transfers");
        QTest::newRow("list transfers") << QByteArray("GET") << QByteArray("/v1/transfers");
        QTest::newRow("get transfer") << QByteArray("GET") << QByteArray("/v1/transfers/tr_x");
        QTest::newRow("sign out") << QByteArray("DELETE") << QByteArray("/v1/sessions/current");
    }
    void authenticationIsRequired()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        auto client = m_server.anonymousClient();
        const QByteArray body = method == "POST" ? QByteArray("{}") : QByteArray();
        QCOMPARE(client->request(method, path, body, {}).code(), QStringLiteral("unauthenticated"));
        const TestResponse wrong = client->request(method, path, body, {{"Authorization", "Bearer not-a-token"}});
        QCOMPARE(wrong.status, 401);
        QCOMPARE(wrong.code(), QStringLiteral("unauthenticated"));
        QCOMPARE(client->request(method, path, body, {{"Authorization", "Basic YWxpY2U6d29uZGVybGFuZA=="}}).status, 401);
    }

    void theBearerSchemeIsCaseInsensitive()
    {
        auto alice = m_server.client("alice", "wonderland");
        auto client = m_server.anonymousClient();
        for (const char *scheme : {"bearer ", "BEARER ", "BeArEr "}) {
            const TestResponse response = client->request("GET", "/v1/accounts", {}, {{"Authorization", scheme + alice->token()}});
            QVERIFY2(response.status == 200, scheme);
        }
    }

    void signOutRevokesTheTokenAtOnce()
    {
        auto alice = m_server.client("alice", "wonderland");
        auto otherSession = m_server.client("alice", "wonderland");
        // Answered once, so the instance's session cache holds the token when it is revoked.
        QCOMPARE(alice->get("/v1/accounts").status, 200);

        const TestResponse signedOut = alice->request("DELETE", "/v1/sessions/current", {}, {}, false);
        QCOMPARE(signedOut.status, 204);
        QVERIFY(signedOut.body.isEmpty());
        QVERIFY(signedOut.header("content-length").isEmpty());

        const TestResponse after = alice->get("/v1/accounts");
        QCOMPARE(after.status, 401);
        QCOMPARE(after.code(), QStringLiteral("unauthenticated"));
        QCOMPARE(alice->request("DELETE", "/v1/sessions/current", {}, {}, false).status, 401);
        // Only that session ended.
        QCOMPARE(otherSession->get("/v1/accounts").status, 200);
    }

    void accountsAreTheCallersOwn()
    {
        auto alice = m_server.client("alice", "wonderland");
        const QJsonArray accounts = alice->get("/v1/accounts").json().value(QLatin1String("accounts")).toArray();
        QCOMPARE(accounts.size(), 2);
        QMap<QString, qint64> byName;
        for (const QJsonValue account : accounts) {
            QCOMPARE(account[QLatin1String("owner")].toString(), QStringLiteral("alice"));
            QCOMPARE(account[QLatin1String("currency")].toString(), QStringLiteral("USD"));
            QVERIFY(!account[QLatin1String("id")].toString().isEmpty());
            byName.insert(account[QLatin1String("name")].toString(), account[QLatin1String("balance")].toInteger());
        }
        QCOMPARE(byName.value(QStringLiteral("Alice Checking")), 100000);
        QCOMPARE(byName.value(QStringLiteral("Alice Savings")), 500000);

        auto bob = m_server.client("bob", "builder");
        const QJsonArray bobs = bob->get("/v1/accounts").json().value(QLatin1String("accounts")).toArray();
        QCOMPARE(bobs.size(), 1);
        QCOMPARE(bobs[0][QLatin1String("name")].toString(), QStringLiteral("Bob Checking"));
        QCOMPARE(bobs[0][QLatin1String("balance")].toInteger(), 25000);
    }

    void payeesAreOtherUsersAccounts()
    {
        auto alice = m_server.client("alice", "wonderland");
        const QJsonArray payees = alice->get("/v1/payees").json().value(QLatin1String("payees")).toArray();
        QCOMPARE(payees.size(), 1);
        QCOMPARE(payees[0][QLatin1String("name")].toString(), QStringLiteral("Bob Checking"));
        QCOMPARE(payees[0][QLatin1String("owner")].toString(), QStringLiteral("bob"));
        QVERIFY(!payees[0].toObject().contains(QLatin1String("balance")));
    }

    void issuesKeys()
    {
        auto alice = m_server.client("alice", "wonderland");
        const TestResponse response = alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        QCOMPARE(response.status, 201);
        const QJsonObject key = response.json();
        QVERIFY(key.value(QLatin1String("key")).toString().size() >= 32);
        QCOMPARE(key.value(QLatin1String("operation")).toString(), QStringLiteral("transfer"));
        QCOMPARE(key.value(QLatin1String("status")).toString(), QStringLiteral("unused"));
        const QDateTime created = Timestamp::fromIso(key.value(QLatin1String("created_at")).toString());
        const QDateTime expires = Timestamp::fromIso(key.value(QLatin1String("expires_at")).toString());
        QCOMPARE(created.secsTo(expires), 86400);
        QVERIFY(TestServer::issueKey(*alice) != key.value(QLatin1String("key")).toString());
    }

    void keyIssuanceValidatesTheOperation()
    {
        auto alice = m_server.client("alice", "wonderland");
        QCOMPARE(alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("refund")}}).code(),
                 QStringLiteral("validation_failed"));
        QCOMPARE(alice->postJson("/v1/idempotency-keys", {}).code(), QStringLiteral("validation_failed"));
        QCOMPARE(alice->request("POST", "/v1/idempotency-keys", "operation=transfer", {{"Content-Type", "text/plain"}}, false).status, 415);
    }

    void keysAreVisibleOnlyToTheirOwner()
    {
        auto alice = m_server.client("alice", "wonderland");
        auto bob = m_server.client("bob", "builder");
        const QString key = TestServer::issueKey(*alice);
        const TestResponse own = alice->get("/v1/idempotency-keys/" + key.toLatin1());
        QCOMPARE(own.status, 200);
        QCOMPARE(own.json().value(QLatin1String("status")).toString(), QStringLiteral("unused"));
        QVERIFY(!own.json().contains(QLatin1String("response_status")));
        const TestResponse other = bob->get("/v1/idempotency-keys/" + key.toLatin1());
        QCOMPARE(other.status, 404);
        QCOMPARE(other.code(), QStringLiteral("not_found"));
        QCOMPARE(alice->get("/v1/idempotency-keys/idk_never_issued").status, 404);
    }

    void unknownPathAndWrongMethod()
    {
        auto alice = m_server.client("alice", "wonderland");
        const TestResponse missing = alice->get("/v1/nothing-here");
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.code(), QStringLiteral("not_found"));
        const TestResponse wrongMethod = alice->request("DELETE", "/v1/accounts", {}, {}, false);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.code(), QStringLiteral("method_not_allowed"));
        QCOMPARE(wrongMethod.header("allow"), QByteArray("GET"));
    }

    void metricsArePrometheusText()
    {
        auto client = m_server.anonymousClient();
        client->get("/healthz");
        const TestResponse response = client->get("/metrics");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("text/plain"));
        for (const char *name : {"bank_transfers_created_total", "bank_idempotent_replays_total", "bank_idempotency_conflicts_total",
                                 "bank_idempotency_keys_issued_total", "bank_idempotency_rejections_total",
                                 "bank_http_requests_total{status=\"200\"}"})
            QVERIFY2(response.body.contains(name), name);
    }
};

QTEST_GUILESS_MAIN(TestBankApi)
#include "tst_bankapi.moc"
