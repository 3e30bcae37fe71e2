// Per-user quotas over real HTTP (issue 20, item 2): unused keys and live sessions are counted in
// the database (so they hold on PostgreSQL across instances too), writes go through a token
// bucket; every refusal is 429 too_many_requests with Retry-After and a problem body.
#include "tests/support/DemoAccounts.h"
#include "tests/support/TestServer.h"

#include <QElapsedTimer>
#include <QTest>

namespace {

const QByteArray kKeysPath = "/v1/idempotency-keys";

TestResponse requestKey(TestHttpClient &client)
{
    return client.postJson(kKeysPath, {{QStringLiteral("operation"), QStringLiteral("transfer")}});
}

// What every quota refusal must look like; empty when it does.
QString refusalDefect(const TestResponse &response)
{
    if (response.status != 429)
        return QStringLiteral("status %1, not 429: %2").arg(response.status).arg(QString::fromUtf8(response.body));
    if (response.header("content-type") != "application/problem+json")
        return QStringLiteral("content type %1").arg(QString::fromLatin1(response.header("content-type")));
    if (response.code() != QLatin1String("too_many_requests"))
        return QStringLiteral("code %1").arg(response.code());
    if (response.header("retry-after").toLongLong() < 1)
        return QStringLiteral("Retry-After \"%1\"").arg(QString::fromLatin1(response.header("retry-after")));
    return {};
}

UserQuotas onlyThis(void (*set)(UserQuotas &))
{
    UserQuotas quotas = UserQuotas::unlimited();
    set(quotas);
    return quotas;
}

} // namespace

class TestQuotas : public QObject
{
    Q_OBJECT
private slots:
    void unusedKeysBeyondTheQuotaAreRefused()
    {
        TestServer server;
        server.config().quotas = onlyThis([](UserQuotas &q) { q.maxUnusedKeys = 5; });
        QCOMPARE(server.start(), QString());
        const auto alice = server.client();
        QStringList keys;
        for (int i = 0; i < 5; ++i) {
            keys.append(TestServer::issueKey(*alice));
            QVERIFY(!keys.constLast().isEmpty());
        }
        const TestResponse refused = requestKey(*alice);
        QCOMPARE(refusalDefect(refused), QString());
        // The first of the keys expires in a day: that is when one certainly frees up.
        QVERIFY(refused.header("retry-after").toLongLong() <= server.config().keyTtlSeconds);

        // Another user has a quota of their own.
        const auto bob = server.client("bob", "builder");
        QVERIFY(!TestServer::issueKey(*bob).isEmpty());

        // A used key no longer counts.
        const DemoAccounts accounts(*alice);
        const TestResponse transfer = postTransfer(*alice, keys.constFirst(),
                                                   transferBody(accounts.aliceChecking(), accounts.bobChecking(), 1));
        QCOMPARE(transfer.status, 201);
        QVERIFY(!TestServer::issueKey(*alice).isEmpty());
        QCOMPARE(refusalDefect(requestKey(*alice)), QString());
    }

    // Through bank-server's options, so the command line is covered too.
    void sessionsBeyondTheQuotaAreRefused()
    {
        TestServer server(TestServer::Mode::Process);
        server.config().quotas = onlyThis([](UserQuotas &q) { q.maxSessions = 3; });
        QCOMPARE(server.start(), QString());
        const auto bob = server.client("bob", "builder");
        QList<QByteArray> tokens;
        for (int i = 0; i < 3; ++i) {
            const auto client = server.anonymousClient();
            tokens.append(TestServer::login(*client, "alice", "wonderland"));
            QVERIFY(!tokens.constLast().isEmpty());
        }
        const auto signIn = [&server] {
            return server.anonymousClient()->postJson("/v1/sessions",
                                                      {{QStringLiteral("username"), QStringLiteral("alice")},
                                                       {QStringLiteral("password"), QStringLiteral("wonderland")}});
        };
        const TestResponse refused = signIn();
        QCOMPARE(refusalDefect(refused), QString());
        // Free again when the first session ends by itself: 12 h after it began.
        QVERIFY2(refused.header("retry-after").toLongLong() > 11 * 3600, refused.header("retry-after").constData());

        const auto status = [&server](const QByteArray &token) {
            const auto client = server.anonymousClient();
            client->setToken(token);
            return client->get("/v1/accounts").status;
        };
        // The refused sign-in ended nobody's session, and other users sign in as before.
        for (const QByteArray &token : std::as_const(tokens))
            QCOMPARE(status(token), 200);
        QCOMPARE(bob->get("/v1/accounts").status, 200);
        QCOMPARE(TestServer::login(*server.anonymousClient(), "bob", "builder").isEmpty(), false);
        const auto aliceSessions = [&server] {
            return server.database()->scalar(
                QStringLiteral("SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id"
                               " WHERE u.username = 'alice'"));
        };
        QCOMPARE(aliceSessions(), qint64(3));

        // Signing out on one device frees its place at once.
        const auto device = server.anonymousClient();
        device->setToken(tokens.constFirst());
        QCOMPARE(device->request("DELETE", "/v1/sessions/current", {}, {}, false).status, 204);
        QCOMPARE(signIn().status, 201);
        QCOMPARE(refusalDefect(signIn()), QString());
        QCOMPARE(aliceSessions(), qint64(3));
    }

    void writesBeyondTheBucketWaitForRetryAfter()
    {
        TestServer server;
        server.config().acceptClientKeys = true; // transfers without a key request in between
        server.config().quotas = onlyThis([](UserQuotas &q) {
            q.writesPerSecond = 5;
            q.writeBurst = 5;
        });
        QCOMPARE(server.start(), QString());
        const auto alice = server.client(); // the sign-in took one token
        const DemoAccounts accounts(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.aliceSavings(), 1);
        int keyNumber = 0;
        const auto transfer
            = [&] { return postTransfer(*alice, QStringLiteral("quota-test-%1").arg(++keyNumber), body); };
        // Five a second, five at once: a burst of twenty goes over however slow the machine.
        TestResponse refused;
        int accepted = 0;
        for (int i = 0; i < 20 && refused.status == 0; ++i) {
            const TestResponse response = transfer();
            if (response.status == 201)
                ++accepted;
            else
                refused = response;
        }
        QCOMPARE(refusalDefect(refused), QString());
        QVERIFY2(accepted >= 4, qPrintable(QString::number(accepted)));
        QElapsedTimer since;
        since.start();

        // Bob's writes are not alice's.
        const auto bob = server.client("bob", "builder");
        QVERIFY(!TestServer::issueKey(*bob).isEmpty());

        const qint64 retryAfterMs = refused.header("retry-after").toLongLong() * 1000;
        QTRY_VERIFY_WITH_TIMEOUT(since.hasExpired(retryAfterMs), 10'000);
        QCOMPARE(transfer().status, 201);
    }

    void optionsSetTheQuotas()
    {
        const auto config = ServerConfig::fromArguments(
            {QStringLiteral("bank-server"), QStringLiteral("--max-unused-keys"), QStringLiteral("7"),
             QStringLiteral("--max-sessions"), QStringLiteral("0"), QStringLiteral("--write-rate"), QStringLiteral("3"),
             QStringLiteral("--write-burst"), QStringLiteral("9")});
        QVERIFY(config);
        QCOMPARE(config->quotas.maxUnusedKeys, 7);
        QCOMPARE(config->quotas.maxSessions, 0);
        QCOMPARE(config->quotas.writesPerSecond, 3);
        QCOMPARE(config->quotas.writeBurst, 9);
        const auto defaults = ServerConfig::fromArguments({QStringLiteral("bank-server")});
        QVERIFY(defaults);
        QVERIFY(defaults->quotas.maxUnusedKeys > 0 && defaults->quotas.maxSessions > 0
                && defaults->quotas.writesPerSecond > 0);
        for (const QString &bad : {QStringLiteral("--write-burst=0"), QStringLiteral("--max-sessions=-1"),
                                   QStringLiteral("--write-rate=fast")})
            QVERIFY2(!ServerConfig::fromArguments({QStringLiteral("bank-server"), bad}), qPrintable(bad));
    }
};

QTEST_GUILESS_MAIN(TestQuotas)
#include "tst_quotas.moc"
