// The desktop app's integrated server answers only requests carrying its launch's secret
// (ServerConfig::requiredSecret): anything else is 401 integrated_secret_required before routing,
// so a stranger on the machine reaches no endpoint and spends none of the owner's sign-in
// throttle. And the demo users' passwords the app chooses (ServerConfig::demoPasswords).
#include "server/runtime/ServerThread.h"
#include "shared/wire/IntegratedSecret.h"
#include "tests/support/TestServer.h"

#include <QJsonDocument>
#include <QTest>

namespace {

const QJsonObject kAliceSignIn{{QStringLiteral("username"), QStringLiteral("alice")},
                               {QStringLiteral("password"), QStringLiteral("wonderland")}};
const QJsonObject kAliceGuess{{QStringLiteral("username"), QStringLiteral("alice")},
                              {QStringLiteral("password"), QStringLiteral("guess")}};

QList<QPair<QByteArray, QByteArray>> carrying(const QByteArray &secret)
{
    return {{IntegratedSecret::kHeader, secret}};
}

} // namespace

class TestIntegratedSecret : public QObject
{
    Q_OBJECT
private:
    const QByteArray m_secret = IntegratedSecret::generate();

    std::unique_ptr<TestServer> startGuarded()
    {
        auto server = std::make_unique<TestServer>();
        server->config().requiredSecret = m_secret;
        const QString failure = server->start();
        return failure.isEmpty() ? std::move(server) : nullptr;
    }
    static void verifyRefused(const TestResponse &response)
    {
        QCOMPARE(response.status, 401);
        QCOMPARE(response.header("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(response.code(), QStringLiteral("integrated_secret_required"));
        QCOMPARE(response.json().value(QLatin1String("status")).toInt(), 401);
    }

private slots:
    void theSecretIsLongAndNewEachTime()
    {
        QCOMPARE(m_secret.size(), 43); // 256 bits in base64url
        QVERIFY(IntegratedSecret::generate() != m_secret);
        QVERIFY(IntegratedSecret::matches(m_secret, m_secret));
        QVERIFY(!IntegratedSecret::matches({}, {}));
    }

    void withoutTheSecretNothingIsRouted_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("health") << QByteArray("GET") << QByteArray("/healthz") << QByteArray();
        QTest::newRow("metrics") << QByteArray("GET") << QByteArray("/metrics") << QByteArray();
        QTest::newRow("sign-in") << QByteArray("POST") << QByteArray("/v1/sessions")
                                 << QJsonDocument(kAliceSignIn).toJson();
        QTest::newRow("accounts") << QByteArray("GET") << QByteArray("/v1/accounts") << QByteArray();
        QTest::newRow("transfer") << QByteArray("POST") << QByteArray("/v1/transfers") << QByteArray("{}");
        QTest::newRow("no such path (else 404)") << QByteArray("GET") << QByteArray("/nowhere") << QByteArray();
        QTest::newRow("wrong method (else 405)") << QByteArray("DELETE") << QByteArray("/healthz") << QByteArray();
    }
    void withoutTheSecretNothingIsRouted()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        const auto server = startGuarded();
        QVERIFY(server);
        TestHttpClient stranger(server->port());
        QByteArray wrongByOne = m_secret;
        wrongByOne[wrongByOne.size() - 1] = wrongByOne.back() == 'A' ? 'B' : 'A';
        const QList<QList<QPair<QByteArray, QByteArray>>> attempts{{},
                                                                   carrying({}),
                                                                   carrying(wrongByOne),
                                                                   carrying(m_secret.left(42)),
                                                                   carrying(m_secret + 'A'),
                                                                   carrying(m_secret.toLower())};
        for (const auto &headers : attempts) {
            verifyRefused(stranger.request(method, path, body, headers));
            if (QTest::currentTestFailed())
                return;
        }
        // The owner's request goes through: the same path answers what it always answers.
        QVERIFY(stranger.request(method, path, body, carrying(m_secret)).code()
                != QStringLiteral("integrated_secret_required"));
    }

    void refusedSignInsDoNotCountInTheThrottle()
    {
        const auto server = startGuarded();
        QVERIFY(server);
        TestHttpClient stranger(server->port());
        // Far more than the 5 failures that would lock alice out if they reached the throttle.
        for (int i = 0; i < 25 && !QTest::currentTestFailed(); ++i) {
            verifyRefused(stranger.postJson("/v1/sessions", kAliceGuess));
            verifyRefused(stranger.postJson("/v1/sessions", kAliceSignIn));
        }
        if (QTest::currentTestFailed())
            return;
        TestHttpClient owner(server->port());
        owner.setIntegratedSecret(m_secret);
        const TestResponse signedIn = owner.postJson("/v1/sessions", kAliceSignIn);
        QCOMPARE(signedIn.status, 201);
        owner.setToken(signedIn.json().value(QLatin1String("token")).toString().toLatin1());
        QCOMPARE(owner.get("/v1/accounts").status, 200);
        QCOMPARE(owner.get("/healthz").status, 200);
        // A token alone is not enough either.
        TestHttpClient thief(server->port());
        thief.setToken(owner.token());
        verifyRefused(thief.get("/v1/accounts"));
    }

    void aPlainServerNeedsNoSecret()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        QCOMPARE(server.anonymousClient()->get("/healthz").status, 200);
        QCOMPARE(server.anonymousClient()->postJson("/v1/sessions", kAliceSignIn).status, 201);
    }

    void demoUsersGetThePasswordsGivenAndCanGetNewOnes()
    {
        TestServer first;
        first.config().demoPasswords = {{QStringLiteral("alice"), QStringLiteral("one-alice")},
                                        {QStringLiteral("bob"), QStringLiteral("one-bob")}};
        QCOMPARE(first.start(), QString());
        QCOMPARE(first.anonymousClient()->postJson("/v1/sessions", kAliceSignIn).code(),
                 QStringLiteral("invalid_credentials"));
        auto alice = first.client("alice", "one-alice");
        QVERIFY(!alice->token().isEmpty());
        QVERIFY(!first.client("bob", "one-bob")->token().isEmpty());
        first.stop();

        // Another start without the reset leaves the database's passwords alone.
        TestServer same(TestServer::Mode::InProcess, first.database());
        same.config().demoPasswords = {{QStringLiteral("alice"), QStringLiteral("two-alice")}};
        QCOMPARE(same.start(), QString());
        QVERIFY(!same.client("alice", "one-alice")->token().isEmpty());
        same.stop();

        // With it, the demo users get the new passwords and whoever signed in with the old is out.
        TestServer reset(TestServer::Mode::InProcess, first.database());
        reset.config().demoPasswords = {{QStringLiteral("alice"), QStringLiteral("two-alice")},
                                        {QStringLiteral("bob"), QStringLiteral("two-bob")}};
        reset.config().resetDemoPasswords = true;
        QCOMPARE(reset.start(), QString());
        QVERIFY(!reset.serverThread()->seededDemoData());
        auto client = reset.anonymousClient();
        client->setToken(alice->token());
        QCOMPARE(client->get("/v1/accounts").code(), QStringLiteral("unauthenticated"));
        const QJsonObject oldPassword{{QStringLiteral("username"), QStringLiteral("alice")},
                                      {QStringLiteral("password"), QStringLiteral("one-alice")}};
        QCOMPARE(reset.anonymousClient()->postJson("/v1/sessions", oldPassword).code(),
                 QStringLiteral("invalid_credentials"));
        QVERIFY(!reset.client("alice", "two-alice")->token().isEmpty());
        QVERIFY(!reset.client("bob", "two-bob")->token().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIntegratedSecret)
#include "tst_integratedsecret.moc"
