// The API around transfers: health, sessions, accounts, payees, keys, routing and metrics.
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QRegularExpression>
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
        const TestResponse response = client->postJson("/v1/sessions",
                                                       {{QStringLiteral("username"), QStringLiteral("alice")},
                                                        {QStringLiteral("password"), QStringLiteral("wonderland")}});
        QCOMPARE(response.status, 201);
        const QJsonObject body = response.json();
        // 256 random bits: exactly 43 characters of base64url, without padding.
        static const QRegularExpression token(QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]{43}")));
        QVERIFY2(token.match(body.value(QLatin1String("token")).toString()).hasMatch(), response.body.constData());
        QCOMPARE(body.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
        QVERIFY(Timestamp::fromIso(body.value(QLatin1String("expires_at")).toString()).isValid());
    }

    void loginFailures_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("wrong password") << QByteArray(R"({"username":"alice","password":"nope"})") << 401
                                        << "invalid_credentials";
        QTest::newRow("unknown user") << QByteArray(R"({"username":"mallory","password":"x"})") << 401
                                      << "invalid_credentials";
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
            return client.postJson("/v1/sessions",
                                   {{QStringLiteral("username"), user}, {QStringLiteral("password"), password}});
        };
        const QStringList spellings{QStringLiteral("\ufeffalice"),
                                    QStringLiteral("\ufffe\u6100\u6c00\u6900\u6300\u6500"),
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
        QTest::newRow("list keys") << QByteArray("GET") << QByteArray("/v1/idempotency-keys");
        QTest::newRow("get key") << QByteArray("GET") << QByteArray("/v1/idempotency-keys/idk_x");
        QTest::newRow("abandon key") << QByteArray("DELETE") << QByteArray("/v1/idempotency-keys/idk_x");
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
        QCOMPARE(client->request(method, path, body, {{"Authorization", "Basic YWxpY2U6d29uZGVybGFuZA=="}}).status,
                 401);
    }

    void theBearerSchemeIsCaseInsensitive()
    {
        auto alice = m_server.client("alice", "wonderland");
        auto client = m_server.anonymousClient();
        for (const char *scheme : {"bearer ", "BEARER ", "BeArEr "}) {
            const TestResponse response
                = client->request("GET", "/v1/accounts", {}, {{"Authorization", scheme + alice->token()}});
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
        QCOMPARE(payees[0][QLatin1String("owner_name")].toString(), QStringLiteral("Bob the Builder"));
        QVERIFY(!payees[0].toObject().contains(QLatin1String("balance")));
        // No login names: they are half of what a password guesser needs.
        QCOMPARE(payees[0].toObject().keys(),
                 (QStringList{QStringLiteral("currency"), QStringLiteral("id"), QStringLiteral("name"),
                              QStringLiteral("owner_name")}));
        auto bob = m_server.client("bob", "builder");
        const TestResponse bobs = bob->get("/v1/payees");
        QCOMPARE(bobs.json().value(QLatin1String("payees")).toArray().size(), 2);
        QVERIFY2(!bobs.body.contains("\"alice\"") && bobs.body.contains("\"Alice Liddell\""), bobs.body.constData());
    }

    void issuesKeys()
    {
        auto alice = m_server.client("alice", "wonderland");
        const TestResponse response
            = alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
        QCOMPARE(response.status, 201);
        const QJsonObject key = response.json();
        // 128 random bits: "idk_" and exactly 32 lower-case hex digits.
        static const QRegularExpression issued(QRegularExpression::anchoredPattern(QStringLiteral("idk_[0-9a-f]{32}")));
        QVERIFY2(issued.match(key.value(QLatin1String("key")).toString()).hasMatch(), response.body.constData());
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
        QCOMPARE(
            alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("refund")}}).code(),
            QStringLiteral("validation_failed"));
        QCOMPARE(alice->postJson("/v1/idempotency-keys", {}).code(), QStringLiteral("validation_failed"));
        QCOMPARE(
            alice
                ->request("POST", "/v1/idempotency-keys", "operation=transfer", {{"Content-Type", "text/plain"}}, false)
                .status,
            415);
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

    // A route matches whole segments, one parameter per {…}, never an empty one.
    void routesMatchWholeSegments()
    {
        auto alice = m_server.client("alice", "wonderland");
        const auto detail
            = [](const TestResponse &response) { return response.json().value(QLatin1String("detail")).toString(); };
        for (const QByteArray &path :
             {QByteArray("/v1/accounts/"), QByteArray("/v1//accounts"), QByteArray("/v1/accountsx"),
              QByteArray("/v1/transfers/"), QByteArray("/v1/transfers/tr_1/more"), QByteArray("/healthz/"),
              QByteArray("/"), QByteArray("/v1")}) {
            const TestResponse missing = alice->get(path);
            QCOMPARE(missing.status, 404);
            QCOMPARE(detail(missing), QStringLiteral("no such endpoint"));
        }
        const TestResponse routed = alice->get("/v1/transfers/tr_missing");
        QCOMPARE(routed.status, 404);
        QCOMPARE(detail(routed), QStringLiteral("no such transfer"));
        const TestResponse wrongMethod = alice->request("PUT", "/v1/idempotency-keys/idk_x", {}, {}, false);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.header("allow"), QByteArray("GET, DELETE"));
        QCOMPARE(alice->get("/healthz").status, 200);
    }

    // docs/api.md §4.1: routing, then authentication, then the Content-Type. Without a token an
    // unknown path is still 404 and a wrong method 405; a known route is 401 before its 415.
    void routingThenAuthenticationThenContentType()
    {
        auto anonymous = m_server.anonymousClient();
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
            const TestResponse missing
                = anonymous->request(method, "/v1/nothing-here", {}, {{"Content-Type", "text/plain"}}, false);
            QCOMPARE(missing.status, 404);
            QCOMPARE(missing.code(), QStringLiteral("not_found"));
        }
        const TestResponse wrongMethod = anonymous->request("DELETE", "/v1/transfers", {}, {}, false);
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.code(), QStringLiteral("method_not_allowed"));
        QCOMPARE(wrongMethod.header("allow"), QByteArray("POST, GET"));
        for (const QByteArray &path : {QByteArray("/v1/transfers"), QByteArray("/v1/idempotency-keys")}) {
            const TestResponse unauthenticated
                = anonymous->request("POST", path, "operation=transfer", {{"Content-Type", "text/plain"}}, false);
            QCOMPARE(unauthenticated.status, 401);
            QCOMPARE(unauthenticated.code(), QStringLiteral("unauthenticated"));
            QCOMPARE(unauthenticated.header("www-authenticate"), QByteArray("Bearer"));
        }
        // Signed in, the same request gets as far as its Content-Type.
        auto alice = m_server.client("alice", "wonderland");
        const TestResponse wrongType = alice->request("POST", "/v1/idempotency-keys", "operation=transfer",
                                                      {{"Content-Type", "text/plain"}}, false);
        QCOMPARE(wrongType.status, 415);
        QCOMPARE(wrongType.code(), QStringLiteral("unsupported_media_type"));
    }

    void metricsAreNotOnThePublicPortByDefault()
    {
        for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST")}) {
            const TestResponse response = m_server.anonymousClient()->request(method, "/metrics", {}, {}, false);
            QCOMPARE(response.status, 404);
            QVERIFY(!response.body.contains("bank_"));
        }
    }

    void metricsArePrometheusTextOnTheirOwnListener()
    {
        TestServer server;
        server.config().metricsAddress = QHostAddress(QHostAddress::LocalHost);
        QCOMPARE(server.start(), QString());
        QCOMPARE(server.anonymousClient()->get("/healthz").status, 200);
        QCOMPARE(server.anonymousClient()->get("/metrics").status, 404);
        auto client = server.metricsClient();
        QCOMPARE(client->get("/v1/accounts").status, 404); // the API is not served here
        QCOMPARE(client->request("POST", "/metrics", {}, {}, false).status, 405);
        const TestResponse response = client->get("/metrics");
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("content-type").startsWith("text/plain"));
        for (const char *name :
             {"bank_transfers_created_total", "bank_idempotent_replays_total", "bank_replay_cache_hits_total",
              "bank_idempotency_conflicts_total", "bank_idempotency_keys_issued_total",
              "bank_idempotency_rejections_total", "bank_scheduled_occurrences_executed_total",
              "bank_scheduled_occurrences_failed_total", "bank_http_requests_total{status=\"200\"}",
              "bank_writer_batches_total", "bank_writer_jobs_total", "bank_writer_retries_total",
              "bank_writer_deferred_jobs_total", "bank_writer_rerun_batches_total",
              "# TYPE bank_writer_largest_batch gauge", "# TYPE bank_writer_queued_jobs gauge"})
            QVERIFY2(response.body.contains(name), name);
        server.stop();
    }

    // A fresh server, a known sequence, and every counter it exports, exactly.
    void metricsCountExactlyWhatHappened()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");              // 201
        const DemoAccounts accounts(*alice);                            // 200, 200
        const QByteArray key = TestServer::issueKey(*alice).toLatin1(); // 201
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 5);
        QCOMPARE(alice->postJson("/v1/transfers", body, {{"Idempotency-Key", key}}).status, 201);
        QCOMPARE(alice->postJson("/v1/transfers", body, {{"Idempotency-Key", key}}).header("idempotent-replayed"),
                 QByteArray("true"));
        QCOMPARE(alice
                     ->postJson("/v1/transfers", transferBody(accounts.aliceChecking(), accounts.bobChecking(), 6),
                                {{"Idempotency-Key", key}})
                     .code(),
                 QStringLiteral("idempotency_key_reused"));
        QCOMPARE(alice->postJson("/v1/transfers", body, {}).code(), QStringLiteral("idempotency_key_missing"));

        const TestResponse response = server.metricsClient()->get("/metrics");
        QCOMPARE(response.status, 200);
        QCOMPARE(response.header("content-type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const PrometheusText metrics(response.body);
        QCOMPARE(metrics.error(), QString());
        const QMap<QString, qint64> expected{
            {QStringLiteral("bank_transfers_created_total"), 1},
            {QStringLiteral("bank_idempotent_replays_total"), 1},
            {QStringLiteral("bank_replay_cache_hits_total"), 1}, // the replay, from the first answer kept
            {QStringLiteral("bank_idempotency_conflicts_total"), 0},
            {QStringLiteral("bank_idempotency_keys_issued_total"), 1},
            {QStringLiteral("bank_scheduled_occurrences_executed_total"), 0},
            {QStringLiteral("bank_scheduled_occurrences_failed_total"), 0},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_missing\"}"), 1},
            {QStringLiteral("bank_idempotency_rejections_total{code=\"idempotency_key_reused\"}"), 1},
            {QStringLiteral("bank_http_requests_total{status=\"200\"}"), 2},
            {QStringLiteral("bank_http_requests_total{status=\"201\"}"), 4},
            {QStringLiteral("bank_http_requests_total{status=\"400\"}"), 1},
            {QStringLiteral("bank_http_requests_total{status=\"422\"}"), 1},
        };
        QCOMPARE(metrics.samplesExcept(QStringLiteral("bank_writer_")), expected);
    }
};

QTEST_GUILESS_MAIN(TestBankApi)
#include "tst_bankapi.moc"
