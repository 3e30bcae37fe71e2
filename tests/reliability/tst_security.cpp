// Authentication on every endpoint, object-level access between users, login throttling, and
// what the server leaves lying around: its log, its database file's mode, its listen address.
#include "server/api/BankApi.h"
#include "server/auth/SessionCache.h"
#include "server/auth/SessionService.h"
#include "server/http/HttpLogEntry.h"
#include "server/runtime/ServerThread.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/TestServer.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkInterface>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

#include <sys/stat.h>

namespace {

const QByteArray kAttacker = "203.0.113.9";
const QByteArray kHome = "198.51.100.20";

bool isPublic(const BankApi::RouteInfo &route)
{
    return route.pattern == "/healthz" || (route.method == "POST" && route.pattern == "/v1/sessions");
}

int fileMode(const QString &path)
{
    struct stat info
    {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    std::unique_ptr<TestHttpClient> m_bob;
    DemoAccounts m_accounts;

    // A sign-in, said to come from `from` (in `header`, which a trusted proxy would have written).
    static TestResponse login(TestHttpClient &client, const QByteArray &user, const QByteArray &password,
                              const QByteArray &from = {}, const QByteArray &header = "X-Forwarded-For")
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!from.isEmpty())
            headers.append({header, from});
        return client.postJson("/v1/sessions",
                               {{QStringLiteral("username"), QString::fromUtf8(user)},
                                {QStringLiteral("password"), QString::fromUtf8(password)}},
                               headers);
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        m_accounts = DemoAccounts(*m_alice);
        QVERIFY(!m_alice->token().isEmpty() && !m_bob->token().isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    void everyEndpointButThePublicOnesNeedsAValidToken_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("authorization"); // "EXPIRED": a real token whose session expired
        int protectedRoutes = 0;
        for (const BankApi::RouteInfo &route : BankApi::routes()) {
            if (isPublic(route))
                continue;
            ++protectedRoutes;
            const QByteArray name = route.method + ' ' + route.pattern;
            QTest::newRow((name + " without a token").constData()) << route.method << route.pattern << QByteArray();
            QTest::newRow((name + " with a wrong token").constData())
                << route.method << route.pattern << QByteArray("Bearer not-a-real-token");
            QTest::newRow((name + " with an expired token").constData())
                << route.method << route.pattern << QByteArray("EXPIRED");
            QTest::newRow((name + " with Basic auth").constData())
                << route.method << route.pattern << QByteArray("Basic YWxpY2U6d29uZGVybGFuZA==");
            QTest::newRow((name + " with an empty bearer").constData())
                << route.method << route.pattern << QByteArray("Bearer ");
            QTest::newRow((name + " with a huge token").constData())
                << route.method << route.pattern << "Bearer " + QByteArray(4'000, 'A');
        }
        QVERIFY(protectedRoutes >= 7); // accounts, payees, keys x2, transfers x3
    }

    void aDeletedSessionStopsWorkingWithinTheCacheAge()
    {
        TestHttpClient client(m_server.port());
        const QByteArray token = TestServer::login(client, "alice", "wonderland");
        client.setToken(token);
        QCOMPARE(client.get("/v1/accounts").status, 200);
        QCOMPARE(m_server.execSql(QStringLiteral("DELETE FROM sessions WHERE token_hash = '%1'")
                                      .arg(QString::fromLatin1(SessionService::hashToken(token)))),
                 QString());
        QTRY_COMPARE_WITH_TIMEOUT(client.get("/v1/accounts").status, 401, int(SessionCache::kMaxAgeMs) + 2'000);
    }

    void everyEndpointButThePublicOnesNeedsAValidToken()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, authorization);
        const QString key = TestServer::issueKey(*m_alice);
        if (authorization == "EXPIRED") {
            TestHttpClient expiring(m_server.port());
            const QByteArray token = TestServer::login(expiring, "alice", "wonderland");
            QCOMPARE(m_server.execSql(QStringLiteral("UPDATE sessions SET expires_at = 1 WHERE token_hash = '%1'")
                                          .arg(QString::fromLatin1(SessionService::hashToken(token)))),
                     QString());
            authorization = "Bearer " + token;
        }
        QByteArray path = pattern;
        path.replace("{key}", key.toLatin1()).replace("{id}", "tr_0123456789abcdef01234567");
        const QByteArray body = method == "POST"
            ? QJsonDocument(path == "/v1/idempotency-keys"
                                ? QJsonObject{{QStringLiteral("operation"), QStringLiteral("transfer")}}
                                : transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 100))
                  .toJson(QJsonDocument::Compact)
            : QByteArray();
        QList<QPair<QByteArray, QByteArray>> headers{{"Idempotency-Key", key.toLatin1()}};
        if (!authorization.isEmpty())
            headers.append({"Authorization", authorization});
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        TestHttpClient anonymous(m_server.port());
        const TestResponse response = anonymous.request(method, path, body, headers, method == "POST");
        QCOMPARE(response.status, 401);
        QCOMPARE(response.code(), QStringLiteral("unauthenticated"));
        QCOMPARE(response.header("www-authenticate"), QByteArray("Bearer"));
        QVERIFY(!response.body.contains("balance"));
        QCOMPARE(LedgerSnapshot::of(m_server), before);
    }

    void bobCannotReadUseOrLearnAboutAlicesAccounts()
    {
        const TestResponse listed = m_bob->get("/v1/accounts");
        QVERIFY2(listed.status == 200, listed.body.constData());
        const QJsonArray accounts = listed.json().value(QLatin1String("accounts")).toArray();
        QCOMPARE(accounts.size(), 1);
        QCOMPARE(accounts.at(0)[QLatin1String("name")].toString(), QStringLiteral("Bob Checking"));
        // Payees name alice's accounts (so bob can pay her) but never their balances.
        const TestResponse payees = m_bob->get("/v1/payees");
        QCOMPARE(payees.status, 200);
        for (const QJsonValue payee : payees.json().value(QLatin1String("payees")).toArray())
            QVERIFY2(!payee.toObject().contains(QLatin1String("balance")), payees.body.constData());
        // Using one as the source: refused, nothing moves, and the key stays unused.
        const QString key = TestServer::issueKey(*m_bob);
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const TestResponse stolen
            = postTransfer(*m_bob, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 100));
        QCOMPARE(stolen.status, 403);
        QCOMPARE(stolen.code(), QStringLiteral("forbidden"));
        QVERIFY(!stolen.body.contains("100000")); // alice's balance is not in the refusal
        QCOMPARE(LedgerSnapshot::of(m_server), before);
        QCOMPARE(m_bob->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
                 QStringLiteral("unused"));
    }

    void bobCannotReadUseOrLearnAboutAlicesKeys()
    {
        const QString aliceKey = TestServer::issueKey(*m_alice);
        const QByteArray neverIssued = "idk_00000000000000000000000000000000";
        // Reading: alice's key looks exactly like a key that does not exist.
        const TestResponse peek = m_bob->get("/v1/idempotency-keys/" + aliceKey.toLatin1());
        const TestResponse missing = m_bob->get("/v1/idempotency-keys/" + neverIssued);
        QCOMPARE(peek.status, 404);
        QCOMPARE(peek.body, missing.body);
        // Using it: refused exactly like an unknown key; it stays unused for alice.
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);
        const QJsonObject bobsBody = transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 100);
        const TestResponse used = postTransfer(*m_bob, aliceKey, bobsBody);
        const TestResponse unknown = postTransfer(*m_bob, QString::fromLatin1(neverIssued), bobsBody);
        QCOMPARE(used.status, 422);
        QCOMPARE(used.code(), QStringLiteral("idempotency_key_unknown"));
        QCOMPARE(used.body, unknown.body);
        QCOMPARE(LedgerSnapshot::of(m_server), before);
        // After alice completes it, bob replaying her exact request learns nothing either.
        const QJsonObject alicesBody
            = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 321, QStringLiteral("private memo"));
        QCOMPARE(postTransfer(*m_alice, aliceKey, alicesBody).status, 201);
        const LedgerSnapshot afterAlice = LedgerSnapshot::of(m_server);
        const TestResponse replayAttempt = postTransfer(*m_bob, aliceKey, alicesBody);
        QCOMPARE(replayAttempt.status, 422);
        QCOMPARE(replayAttempt.body, unknown.body);
        QVERIFY(replayAttempt.header("idempotent-replayed").isEmpty());
        QVERIFY(!replayAttempt.body.contains("private memo"));
        QCOMPARE(m_bob->get("/v1/idempotency-keys/" + aliceKey.toLatin1()).body, missing.body);
        QCOMPARE(LedgerSnapshot::of(m_server), afterAlice);
    }

    void bobCannotReadOrLearnAboutAlicesTransfers()
    {
        // Between alice's own accounts: bob is not a party to it.
        const QString key = TestServer::issueKey(*m_alice);
        const TestResponse created = postTransfer(
            *m_alice, key,
            transferBody(m_accounts.aliceChecking(), m_accounts.aliceSavings(), 555, QStringLiteral("savings")));
        QCOMPARE(created.status, 201);
        const QByteArray transferId = created.json().value(QLatin1String("id")).toString().toLatin1();
        const QByteArray neverMade = "tr_000000000000000000000000";

        const TestResponse peek = m_bob->get("/v1/transfers/" + transferId);
        QCOMPARE(peek.status, 404);
        QCOMPARE(peek.body, m_bob->get("/v1/transfers/" + neverMade).body);
        const TestResponse page = m_bob->get("/v1/transfers?limit=100");
        QCOMPARE(page.status, 200);
        QVERIFY(!page.body.contains(transferId));
        for (const QJsonValue item : page.json().value(QLatin1String("transfers")).toArray()) {
            const QJsonObject t = item.toObject();
            QVERIFY(t[QLatin1String("from_account")] == m_accounts.bobChecking()
                    || t[QLatin1String("to_account")] == m_accounts.bobChecking());
        }
        // Paging from it: the same answer as from a transfer that does not exist.
        const TestResponse cursor = m_bob->get("/v1/transfers?starting_after=" + transferId);
        QCOMPARE(cursor.status, 400);
        QCOMPARE(cursor.body, m_bob->get("/v1/transfers?starting_after=" + neverMade).body);
        // alice sees it.
        QCOMPARE(m_alice->get("/v1/transfers/" + transferId).status, 200);
    }

    // Wrong passwords for alice from one address slow that address down; alice signing in from
    // another is not affected. Two addresses over loopback: a trusted proxy's X-Forwarded-For.
    void failedLoginsFromOneAddressDoNotLockTheOwnerOut()
    {
        TestServer server; // its own throttle: the failures here must not spill into other tests
        server.config().trustedProxies = TrustedProxies({*TrustedProxies::parseCidr(QStringLiteral("127.0.0.0/8"))});
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        // Unknown user and wrong password look the same.
        const TestResponse wrong = login(client, "alice", "guess0", kAttacker);
        QCOMPARE(wrong.status, 401);
        QCOMPARE(login(client, "nobody", "guess0", kAttacker).body, wrong.body);
        for (int i = 1; i < 5; ++i)
            QCOMPARE(login(client, "alice", "guess" + QByteArray::number(i), kAttacker).status, 401);
        // Five failures from the attacker's address: its next try waits, even with the right password ...
        const TestResponse throttled = login(client, "alice", "wonderland", kAttacker);
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.code(), QStringLiteral("too_many_requests"));
        QCOMPARE(throttled.header("retry-after"), QByteArray("1"));
        QVERIFY(!throttled.body.contains("token"));
        // ... while alice, at home, signs in, every time.
        for (int i = 0; i < 3; ++i)
            QCOMPARE(login(client, "alice", "wonderland", kHome).status, 201);
        // bob, from the attacker's address, is not slowed down by alice's name either.
        QCOMPARE(login(client, "bob", "builder", kAttacker).status, 201);
        server.stop();
    }

    // Without a trusted proxy the header is anybody's to write: it is ignored, and both "addresses"
    // are the one loopback peer.
    void forwardedForIsIgnoredWithoutATrustedProxy()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(login(client, "alice", "guess" + QByteArray::number(i), kAttacker).status, 401);
        QCOMPARE(login(client, "alice", "wonderland", kHome).status, 429);
        QCOMPARE(login(client, "alice", "wonderland", "for=" + kHome, "Forwarded").status, 429);
        server.stop();
    }

    // Each further failure from the address doubles the wait (the cap is LoginThrottle's unit test).
    void retryAfterGrowsWithEachFurtherFailure()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        // Started just before each counted failure: the wait runs from when that attempt began.
        QElapsedTimer sinceFailure;
        for (int i = 0; i < 5; ++i) {
            sinceFailure.start();
            QCOMPARE(login(client, "alice", "guess").status, 401);
        }
        const QList<qint64> waitsMs{1'000, 2'000, 4'000};
        for (int round = 0; round < waitsMs.size(); ++round) {
            const TestResponse refused = login(client, "alice", "guess");
            QCOMPARE(refused.status, 429);
            // Retry-After is the rest of the wait in whole seconds, rounded up. The client knows when
            // the failure began only to within its round trips, which a sanitizer build on a busy
            // machine makes long; quickly answered, the bound is the exact wait.
            const qint64 seconds = refused.header("retry-after").toLongLong();
            const qint64 fewest = std::max<qint64>(1, (waitsMs[round] - sinceFailure.elapsed() + 999) / 1000);
            QVERIFY2(seconds >= fewest && seconds <= waitsMs[round] / 1000,
                     qPrintable(QStringLiteral("round %1: Retry-After %2, expected %3 to %4")
                                    .arg(round)
                                    .arg(seconds)
                                    .arg(fewest)
                                    .arg(waitsMs[round] / 1000)));
            if (round + 1 == waitsMs.size())
                break;
            // Refused attempts are not counted: retry until the wait is over and one is let through.
            QDeadlineTimer deadline(10'000);
            TestResponse response;
            do {
                QTest::qWait(100);
                sinceFailure.start();
                response = login(client, "alice", "guess");
            } while (response.status == 429 && !deadline.hasExpired());
            QCOMPARE(response.status, 401);
        }
        server.stop();
    }

    // Password spraying: one address trying many names is slowed down after 20 failures over
    // all of them; another address is not.
    void sprayingFromOneAddressIsSlowedDown()
    {
        TestServer server;
        server.config().trustedProxies = TrustedProxies({*TrustedProxies::parseCidr(QStringLiteral("127.0.0.1"))});
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        for (int i = 0; i < 20; ++i)
            QCOMPARE(login(client, "user" + QByteArray::number(i), "x", kAttacker).status, 401);
        const TestResponse byAddress = login(client, "bob", "builder", kAttacker);
        QCOMPARE(byAddress.status, 429);
        QVERIFY(!byAddress.header("retry-after").isEmpty());
        QCOMPARE(login(client, "bob", "builder", kHome).status, 201);
        server.stop();
    }

    void theLogCarriesNoTokenPasswordOrKey()
    {
        TestServer server(TestServer::Mode::Process);
        server.extraArguments() << QStringLiteral("--trusted-proxy") << QStringLiteral("127.0.0.0/8");
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        auto bob = server.client("bob", "builder");
        const DemoAccounts accounts(*alice);
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 10);
        QCOMPARE(postTransfer(*alice, key, body).status, 201);
        QCOMPARE(postTransfer(*alice, key, body).status, 201); // replay
        QCOMPARE(alice->get("/v1/idempotency-keys/" + key.toLatin1()).status, 200);
        QCOMPARE(bob->get("/v1/idempotency-keys/" + key.toLatin1()).status, 404);
        QCOMPARE(bob->request("DELETE", "/v1/idempotency-keys/" + key.toLatin1(), {}, {}, false).status, 404);
        QCOMPARE(TestHttpClient(server.port()).get("/v1/idempotency-keys/" + key.toLatin1()).status, 401);
        QCOMPARE(postTransfer(*bob, key, body).status, 422);
        QCOMPARE(alice->get("/v1/accounts%0aGET%20/forged%20200%20key=-").status, 404); // a newline in the path
        // Through the trusted proxy, a sign-in (with a wrong password) and an account list.
        QCOMPARE(login(*alice, "alice", "not-her-password", kAttacker).status, 401);
        QCOMPARE(alice->get("/v1/accounts", {{"X-Forwarded-For", kHome + ", 127.0.0.1"}}).status, 200);
        QCOMPARE(server.terminate(), 0);
        const QString log = QString::fromUtf8(server.process()->readAllStandardError());

        // (The demo seed's own start-up line names the demo passwords; request lines never do.)
        QStringList requestLog = log.split(u'\n', Qt::SkipEmptyParts);
        requestLog.removeIf(
            [](const QString &line) { return line.startsWith(QLatin1String("bank-server: seeded demo users")); });
        for (const QByteArray &secret : {alice->token(), bob->token(), QByteArray("wonderland"), QByteArray("builder"),
                                         QByteArray("not-her-password"), key.toLatin1()})
            QVERIFY2(!requestLog.join(u'\n').contains(QString::fromLatin1(secret)),
                     qPrintable(QStringLiteral("the log shows %1:\n%2").arg(QString::fromLatin1(secret), log)));
        const QString tag = HttpLogEntry::keyTag(key);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(tag).hasMatch());
        QVERIFY2(log.count(QStringLiteral("key=") + tag) >= 7, qPrintable(log)); // issue, 2 transfers, 4 lookups
        QVERIFY2(log.contains(QStringLiteral("GET /v1/idempotency-keys/%1 200 key=%1").arg(tag)), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("POST /v1/transfers 201 key=%1 replayed=true").arg(tag)), qPrintable(log));
        // Every request line has the documented shape; the forged one stayed inside its line.
        const QRegularExpression shape(
            QStringLiteral("^[A-Z-]+ \\S+ \\d{3} key=(-|[0-9a-f]{8}) replayed=(true|false) us=\\d+"
                           " client=[0-9a-f.:]+ user=(-|\\d+)$"));
        int requestLines = 0;
        for (const QString &line : std::as_const(requestLog)) {
            if (line.startsWith(QLatin1String("bank-server:")))
                continue;
            QVERIFY2(shape.match(line).hasMatch(), qPrintable(line));
            ++requestLines;
        }
        QVERIFY(requestLines >= 12);
        QVERIFY(log.contains(QStringLiteral("GET /v1/accounts\\x0aGET\\x20/forged\\x20200\\x20key=- 404")));
        // Who did it: the client's address (the proxy's word for it) and, once signed in, the user's id.
        const qint64 aliceId
            = server.database()->scalar(QStringLiteral("SELECT id FROM users WHERE username = 'alice'"));
        const qint64 bobId = server.database()->scalar(QStringLiteral("SELECT id FROM users WHERE username = 'bob'"));
        QVERIFY(aliceId > 0 && bobId > 0);
        const QRegularExpression byBob(QStringLiteral(" client=127\\.0\\.0\\.1 user=%1$").arg(bobId));
        QVERIFY2(requestLog.filter(QStringLiteral("GET /v1/idempotency-keys/%1 404 ").arg(tag)).filter(byBob).size()
                     == 1,
                 qPrintable(log));
        QVERIFY2(requestLog
                         .filter(QRegularExpression(
                             QStringLiteral("^POST /v1/sessions 401 .* client=203\\.0\\.113\\.9 user=-$")))
                         .size()
                     == 1,
                 qPrintable(log));
        QVERIFY2(
            requestLog
                    .filter(QRegularExpression(
                        QStringLiteral("^GET /v1/accounts 200 .* client=198\\.51\\.100\\.20 user=%1$").arg(aliceId)))
                    .size()
                == 1,
            qPrintable(log));
        QVERIFY2(requestLog
                         .filter(QRegularExpression(
                             QStringLiteral("^GET /v1/idempotency-keys/\\S+ 401 .* client=127\\.0\\.0\\.1 user=-$")))
                         .size()
                     == 1,
                 qPrintable(log));
    }

    void databaseFileIsCreatedOwnerOnly()
    {
        const mode_t previous = ::umask(022); // a typical umask, which would give 0644
        TestServer server;
        QCOMPARE(server.start(), QString());
        const QString path = server.database()->config().sqlitePath;
        QCOMPARE(fileMode(path), 0600);
        auto alice = server.client(); // a write: the WAL and shared-memory files exist now
        QVERIFY(!TestServer::issueKey(*alice).isEmpty());
        for (const QString &companion : {path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
            if (QFile::exists(companion))
                QCOMPARE(fileMode(companion), 0600);
        }
        server.stop();
        ::umask(previous);
    }

    void defaultListenAddressIsLoopback()
    {
        QCOMPARE(ServerConfig().listenAddress, QHostAddress(QHostAddress::LocalHost));
        QTemporaryDir dir;
        auto parsed = ServerConfig::fromArguments(
            {QStringLiteral("bank-server"), QStringLiteral("--db"), dir.filePath(QStringLiteral("b.db"))});
        QVERIFY(parsed.ok());
        ServerConfig config = parsed.value();
        QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::LocalHost));
        config.port = 0; // only the port is changed, so parallel tests do not collide
        ServerThread server(config);
        QCOMPARE(server.start(), QString());
        QCOMPARE(server.url().host(), QStringLiteral("127.0.0.1"));
        // Not reachable on any other address of this machine.
        for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
            if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
                continue;
            QTcpSocket socket;
            socket.connectToHost(address, server.port());
            QVERIFY2(!socket.waitForConnected(2'000), qPrintable(address.toString()));
        }
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
