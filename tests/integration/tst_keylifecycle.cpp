// The idempotency key's life at its edges, made exact: a transfer held between its decision and
// its COMMIT (BANK_HOLD_BEFORE_COMMIT_MS) while a retry, a status question, the key's expiry, its
// abandonment or the purge arrives, on the same instance and on a second one sharing the
// database; what the purge may and may not delete; and a transfer and its key's abandonment raced
// on two instances.
#include "shared/core/Timestamp.h"
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/TestServer.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QVariant>

#include <future>

class TestKeyLifecycle : public QObject
{
    Q_OBJECT
private:
    static constexpr int kHoldMs = 4000;

    struct Instances
    {
        std::unique_ptr<TestServer> held;  // its transfers wait kHoldMs before they commit
        std::unique_ptr<TestServer> other; // the same database, no hold
    };

    static void configure(TestServer &server, qint64 keyTtlSeconds, bool clientKeys)
    {
        server.config().keyTtlSeconds = keyTtlSeconds;
        server.config().acceptClientKeys = clientKeys;
        server.config().purgeGraceSeconds = 0;
        server.config().purgeIntervalMs = 100;
    }

    // The hold is read when a server is made, so only `held` gets it.
    static Instances startInstances(qint64 keyTtlSeconds, bool clientKeys = false)
    {
        Instances instances;
        instances.held = std::make_unique<TestServer>();
        configure(*instances.held, keyTtlSeconds, clientKeys);
        qputenv("BANK_HOLD_BEFORE_COMMIT_MS", QByteArray::number(kHoldMs));
        const QString failure = instances.held->start();
        qunsetenv("BANK_HOLD_BEFORE_COMMIT_MS");
        if (!failure.isEmpty()) {
            qWarning("held instance: %s", qPrintable(failure));
            return {};
        }
        instances.other = std::make_unique<TestServer>(TestServer::Mode::InProcess, instances.held->database());
        configure(*instances.other, keyTtlSeconds, clientKeys);
        if (const QString otherFailure = instances.other->start(); !otherFailure.isEmpty()) {
            qWarning("second instance: %s", qPrintable(otherFailure));
            return {};
        }
        return instances;
    }

    static TestResponse abandon(TestHttpClient &client, const QString &key)
    {
        return client.request("DELETE", "/v1/idempotency-keys/" + key.toLatin1(), {}, {}, false);
    }

    // Sends on a thread of its own, with its own connection: the call blocks until the held commit.
    static std::future<TestResponse> sendInBackground(quint16 port, const QByteArray &token, const QString &key,
                                                      const QJsonObject &body)
    {
        return std::async(std::launch::async, [port, token, key, body] {
            TestHttpClient client(port);
            client.setToken(token);
            return postTransfer(client, key, body);
        });
    }

    // True while a transfer of `body` is inside its transaction: SQLite's write lock is taken, or on
    // PostgreSQL the debited account's row lock (a client-chosen key's row is not there to lock
    // until it commits). Asked without waiting.
    static bool heldInItsTransaction(const TestServer &server, const QJsonObject &body)
    {
        bool locked = false;
        const QString failure = server.database()->withConnection([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            if (server.dialect() == SqlDialect::Sqlite) {
                query.exec(QStringLiteral("PRAGMA busy_timeout = 0"));
                locked = !query.exec(QStringLiteral("BEGIN IMMEDIATE"));
                if (!locked)
                    query.exec(QStringLiteral("ROLLBACK"));
                return;
            }
            query.exec(QStringLiteral("BEGIN"));
            query.prepare(QStringLiteral("SELECT 1 FROM accounts WHERE id = ? FOR UPDATE NOWAIT"));
            query.addBindValue(body.value(QLatin1String("from_account")).toString());
            locked = !query.exec();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        });
        return failure.isEmpty() && locked;
    }

    static qint64 countWhere(const TestServer &server, const QString &condition, const QString &key)
    {
        return server.database()->scalar(
            QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE key = '%1' AND %2").arg(key, condition));
    }

    static qint64 transfersWithKey(const TestServer &server, const QString &key)
    {
        return server.database()->scalar(
            QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key));
    }

    static qint64 expiresAtMs(TestHttpClient &client, const QString &key)
    {
        const TestResponse info = client.get("/v1/idempotency-keys/" + key.toLatin1());
        return Timestamp::fromIso(info.json().value(QLatin1String("expires_at")).toString()).toMSecsSinceEpoch();
    }

    // Waits, without holding anything, until the purge has run with a cutoff past `expiresAtMs`:
    // a key issued now expires no earlier, so once the purge has removed it, it has seen every key
    // that expired before.
    static bool waitForAPurgePast(TestServer &server, TestHttpClient &client)
    {
        const QString canary = TestServer::issueKey(client);
        if (canary.isEmpty())
            return false;
        QDeadlineTimer deadline(15'000);
        while (!deadline.hasExpired()) {
            if (server.database()->scalar(
                    QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE key = '%1'").arg(canary))
                == 0)
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    static QJsonObject aliceToBob(TestHttpClient &alice, qint64 amount)
    {
        const DemoAccounts accounts(alice);
        return transferBody(accounts.aliceChecking(), accounts.bobChecking(), amount);
    }

private slots:
    // The retry reaches a reader while the first request is inside its transaction: the re-read
    // under the write lock must turn it into a replay (also across instances, where the in-process
    // in-flight set cannot see the first).
    void aRetryWhileTheFirstCommitsIsAReplay()
    {
        Instances bank = startInstances(3600);
        QVERIFY(bank.held && bank.other);
        // Signed in before the hold: a sign-in writes, and would wait for the held commit.
        auto alice = bank.held->client();
        auto aliceOnOther = bank.other->client();
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = aliceToBob(*alice, 1500);

        auto first = sendInBackground(bank.held->port(), alice->token(), key, body);
        QTRY_VERIFY_WITH_TIMEOUT(heldInItsTransaction(*bank.held, body), 5000);
        QCOMPARE(countWhere(*bank.held, QStringLiteral("completed_at IS NULL"), key), 1);

        const TestResponse retry = postTransfer(*aliceOnOther, key, body);
        const TestResponse original = first.get();
        QCOMPARE(original.status, 201);
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(retry.body, original.body);
        QCOMPARE(transfersWithKey(*bank.held, key), 1);
        QCOMPARE(bank.held->invariants().violations(625000), QStringList());
    }

    // The key's expiry passes while its first request is between decision and COMMIT. Neither a
    // retry nor a status question may hear "expired" -- the request commits 201 a moment later.
    void expiryWhileInFlightIsNeverAnsweredExpired_data()
    {
        QTest::addColumn<bool>("sameInstance");
        QTest::addColumn<bool>("askStatus");
        QTest::newRow("status, same instance") << true << true;
        QTest::newRow("status, other instance") << false << true;
        QTest::newRow("retry, same instance") << true << false;
        QTest::newRow("retry, other instance") << false << false;
    }
    void expiryWhileInFlightIsNeverAnsweredExpired()
    {
        QFETCH(bool, sameInstance);
        QFETCH(bool, askStatus);
        Instances bank = startInstances(2);
        QVERIFY(bank.held && bank.other);
        auto alice = bank.held->client();
        auto asker = (sameInstance ? bank.held : bank.other)->client(); // before the hold, see above
        const QString key = TestServer::issueKey(*alice);
        const qint64 expiresAt = expiresAtMs(*alice, key);
        const QJsonObject body = aliceToBob(*alice, 2500);

        auto first = sendInBackground(bank.held->port(), alice->token(), key, body);
        QTRY_VERIFY_WITH_TIMEOUT(heldInItsTransaction(*bank.held, body), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(Timestamp::nowMs() > expiresAt + 50, 5000);
        // Still inside the window: the first request has not committed.
        QCOMPARE(countWhere(*bank.held, QStringLiteral("completed_at IS NULL"), key), 1);

        if (askStatus) {
            const TestResponse status = asker->get("/v1/idempotency-keys/" + key.toLatin1());
            QCOMPARE(status.status, 200);
            QCOMPARE(status.json().value(QLatin1String("status")).toString(), QStringLiteral("completed"));
            QCOMPARE(status.json().value(QLatin1String("response_status")).toInt(), 201);
        } else {
            const TestResponse retry = postTransfer(*asker, key, body);
            // On the same instance the in-flight set answers at once; elsewhere the retry waits
            // for the key's lock and replays.
            if (sameInstance) {
                QCOMPARE(retry.code(), QStringLiteral("idempotency_key_in_use"));
            } else {
                QCOMPARE(retry.status, 201);
                QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
            }
        }
        QCOMPARE(first.get().status, 201);
        const TestResponse after = postTransfer(*asker, key, body);
        QCOMPARE(after.status, 201);
        QCOMPARE(after.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(transfersWithKey(*bank.held, key), 1);
        QCOMPARE(bank.held->invariants().violations(625000), QStringList());
    }

    // A key that lapsed unused is settled as expired when it is first asked about, and stays so:
    // even a clock that is behind (another instance's) cannot make it usable again.
    void aLapsedKeyIsSettledExpiredForGood_data()
    {
        QTest::addColumn<bool>("askStatus");
        QTest::newRow("status first") << true;
        QTest::newRow("transfer first") << false;
    }
    void aLapsedKeyIsSettledExpiredForGood()
    {
        QFETCH(bool, askStatus);
        TestServer server;
        configure(server, 1, false);
        server.config().purgeGraceSeconds = 3600;
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        const QString key = TestServer::issueKey(*alice);
        const qint64 expiresAt = expiresAtMs(*alice, key);
        const QJsonObject body = aliceToBob(*alice, 700);
        QTRY_VERIFY_WITH_TIMEOUT(Timestamp::nowMs() > expiresAt, 5000);
        QCOMPARE(countWhere(server, QStringLiteral("expired_at IS NULL"), key), 1);

        if (askStatus) {
            const TestResponse status = alice->get("/v1/idempotency-keys/" + key.toLatin1());
            QCOMPARE(status.json().value(QLatin1String("status")).toString(), QStringLiteral("expired"));
        } else {
            QCOMPARE(postTransfer(*alice, key, body).code(), QStringLiteral("idempotency_key_expired"));
        }
        QCOMPARE(countWhere(server, QStringLiteral("expired_at IS NOT NULL AND completed_at IS NULL"), key), 1);

        // A clock that is an hour behind would find the key valid; the settled expiry still holds.
        QCOMPARE(server.execSql(
                     QStringLiteral("UPDATE idempotency_keys SET expires_at = expires_at + 3600000 WHERE key = '%1'")
                         .arg(key)),
                 QString());
        const TestResponse late = postTransfer(*alice, key, body);
        QCOMPARE(late.status, 422);
        QCOMPARE(late.code(), QStringLiteral("idempotency_key_expired"));
        QCOMPARE(alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString(),
                 QStringLiteral("expired"));
        QCOMPARE(transfersWithKey(server, key), 0);
        QCOMPARE(server.invariants().violations(625000), QStringList());
    }

    // A refusal is an outcome: the purge keeps it, and a late retry gets the same refusal even
    // after the money has arrived -- for issued and client-chosen keys alike.
    void aStoredRefusalSurvivesThePurge_data()
    {
        QTest::addColumn<bool>("clientChosen");
        QTest::newRow("issued key") << false;
        QTest::newRow("client-chosen key") << true;
    }
    void aStoredRefusalSurvivesThePurge()
    {
        QFETCH(bool, clientChosen);
        TestServer server;
        configure(server, 1, true);
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        auto bob = server.client("bob", "builder");
        const DemoAccounts accounts(*bob);
        const QString bobChecking = accounts.bobChecking();
        const QJsonObject rent = transferBody(bobChecking, accounts.aliceChecking(), 30'000, QStringLiteral("rent"));
        const QString key = clientChosen ? QStringLiteral("bob-rent-2026-05") : TestServer::issueKey(*bob);

        const TestResponse refused = postTransfer(*bob, key, rent);
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.code(), QStringLiteral("insufficient_funds"));
        const TestResponse gift = postTransfer(*alice, TestServer::issueKey(*alice), aliceToBob(*alice, 10'000));
        QCOMPARE(gift.status, 201);

        QTRY_VERIFY_WITH_TIMEOUT(Timestamp::nowMs() > expiresAtMs(*bob, key) + 10, 5000);
        QVERIFY(waitForAPurgePast(server, *bob));
        QCOMPARE(countWhere(server, QStringLiteral("response_status = 422"), key), 1);

        const TestResponse late = postTransfer(*bob, key, rent);
        QCOMPARE(late.status, 422);
        QCOMPARE(late.code(), QStringLiteral("insufficient_funds"));
        QCOMPARE(late.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(late.body, refused.body);
        QCOMPARE(TestServer::balances(*bob).value(QStringLiteral("Bob Checking")), 35'000);
        QCOMPARE(transfersWithKey(server, key), 0);
        QCOMPARE(server.invariants().violations(625000), QStringList());
    }

    // The purge removes only keys that never had an outcome, and an issued key it removed is
    // never registered again, not even by a server that accepts client-chosen keys.
    void aPurgedIssuedKeyCanNeverStartATransfer()
    {
        TestServer server;
        configure(server, 1, true);
        QCOMPARE(server.start(), QString());
        auto alice = server.client();
        const QString key = TestServer::issueKey(*alice);
        QTRY_VERIFY_WITH_TIMEOUT(Timestamp::nowMs() > expiresAtMs(*alice, key) + 10, 5000);
        QVERIFY(waitForAPurgePast(server, *alice));
        QCOMPARE(countWhere(server, QStringLiteral("1 = 1"), key), 0);

        const TestResponse late = postTransfer(*alice, key, aliceToBob(*alice, 900));
        QCOMPARE(late.status, 422);
        QCOMPARE(late.code(), QStringLiteral("idempotency_key_unknown"));
        QCOMPARE(alice->get("/v1/idempotency-keys/" + key.toLatin1()).status, 404);
        QCOMPARE(transfersWithKey(server, key), 0);
        QCOMPARE(server.invariants().violations(625000), QStringList());
    }

    // The purge runs on both instances while a transfer holds its key past the key's expiry: the
    // key is neither deleted under the transfer nor afterwards, and retries replay.
    void thePurgeWhileInFlightLeavesTheKey()
    {
        Instances bank = startInstances(1);
        QVERIFY(bank.held && bank.other);
        auto alice = bank.held->client();
        auto aliceOnOther = bank.other->client();
        const QString key = TestServer::issueKey(*alice);
        const qint64 expiresAt = expiresAtMs(*alice, key);
        const QJsonObject body = aliceToBob(*alice, 333);

        auto first = sendInBackground(bank.held->port(), alice->token(), key, body);
        QTRY_VERIFY_WITH_TIMEOUT(heldInItsTransaction(*bank.held, body), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(Timestamp::nowMs() > expiresAt + 300, 5000); // several purge rounds
        QCOMPARE(countWhere(*bank.held, QStringLiteral("completed_at IS NULL"), key), 1);

        QCOMPARE(first.get().status, 201);
        QVERIFY(waitForAPurgePast(*bank.other, *aliceOnOther));
        QCOMPARE(countWhere(*bank.held, QStringLiteral("response_status = 201"), key), 1);
        const TestResponse retry = postTransfer(*aliceOnOther, key, body);
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(transfersWithKey(*bank.held, key), 1);
        QCOMPARE(bank.held->invariants().violations(625000), QStringList());
    }

    // Client-chosen keys are a namespace per user: while alice's key is in flight, and after it
    // completed, bob's request with the same string is his own transfer -- neither held up with
    // 409 by hers nor refused as unknown, which would tell him which strings others hold.
    void clientChosenKeysAreANamespacePerUser()
    {
        Instances bank = startInstances(3600, true);
        QVERIFY(bank.held && bank.other);
        auto alice = bank.held->client();
        auto bob = bank.held->client("bob", "builder");
        auto bobOnOther = bank.other->client("bob", "builder");
        const QString key = QStringLiteral("same-string-for-two-users");
        const QJsonObject alicesBody = aliceToBob(*alice, 100);
        auto first = sendInBackground(bank.held->port(), alice->token(), key, alicesBody);
        QTRY_VERIFY_WITH_TIMEOUT(heldInItsTransaction(*bank.held, alicesBody), 5000);

        const DemoAccounts bobAccounts(*bob);
        const QJsonObject bobsBody = transferBody(bobAccounts.bobChecking(), bobAccounts.aliceChecking(), 200);
        const TestResponse bobs = postTransfer(*bob, key, bobsBody);
        QCOMPARE(bobs.status, 201);
        QVERIFY(bobs.header("Idempotent-Replayed").isEmpty());
        const TestResponse alices = first.get();
        QCOMPARE(alices.status, 201);
        QVERIFY(alices.body != bobs.body);

        // On another instance too, each replays only their own.
        const TestResponse bobAgain = postTransfer(*bobOnOther, key, bobsBody);
        QCOMPARE(bobAgain.body, bobs.body);
        QCOMPARE(bobAgain.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(postTransfer(*alice, key, alicesBody).body, alices.body);
        QCOMPARE(
            bob->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("transfer_id")).toString(),
            bobs.json().value(QLatin1String("id")).toString());
        QCOMPARE(transfersWithKey(*bank.held, key), 2);
        QCOMPARE(bank.held->invariants().violations(625000), QStringList());
    }

    // DELETE of a key whose transfer is between decision and COMMIT: on the same instance the
    // in-flight set answers 409 idempotency_key_in_use at once; on another the abandonment waits
    // for the key's lock and finds it completed. Either way the transfer stands and the key is
    // not abandoned.
    void abandoningWhileTheTransferCommitsChangesNothing_data()
    {
        QTest::addColumn<bool>("sameInstance");
        QTest::newRow("same instance") << true;
        QTest::newRow("other instance") << false;
    }
    void abandoningWhileTheTransferCommitsChangesNothing()
    {
        QFETCH(bool, sameInstance);
        Instances bank = startInstances(3600);
        QVERIFY(bank.held && bank.other);
        auto alice = bank.held->client();
        auto abandoner = (sameInstance ? bank.held : bank.other)->client(); // before the hold, see above
        const QString key = TestServer::issueKey(*alice);
        const QJsonObject body = aliceToBob(*alice, 1200);

        auto first = sendInBackground(bank.held->port(), alice->token(), key, body);
        QTRY_VERIFY_WITH_TIMEOUT(heldInItsTransaction(*bank.held, body), 5000);
        const quint16 port = (sameInstance ? bank.held : bank.other)->port();
        auto abandoned = std::async(std::launch::async, [port, token = abandoner->token(), key] {
            TestHttpClient client(port);
            client.setToken(token);
            return abandon(client, key);
        });
        if (sameInstance) {
            const TestResponse inUse = abandoned.get();
            QCOMPARE(inUse.status, 409);
            QCOMPARE(inUse.code(), QStringLiteral("idempotency_key_in_use"));
            QCOMPARE(inUse.header("Retry-After"), QByteArray("1"));
            QCOMPARE(countWhere(*bank.held, QStringLiteral("completed_at IS NULL AND abandoned_at IS NULL"), key), 1);
        }
        QCOMPARE(first.get().status, 201);
        if (!sameInstance) {
            const TestResponse completed = abandoned.get();
            QCOMPARE(completed.status, 409);
            QCOMPARE(completed.code(), QStringLiteral("idempotency_key_completed"));
        }
        QCOMPARE(countWhere(*bank.held, QStringLiteral("response_status = 201 AND abandoned_at IS NULL"), key), 1);
        QCOMPARE(transfersWithKey(*bank.held, key), 1);
        QCOMPARE(bank.held->invariants().violations(625000), QStringList());
    }

    // A transfer and the abandonment of its key sent at the same moment to two instances: exactly
    // one of them wins, every time. Either the transfer is made and the key cannot be abandoned,
    // or the key is abandoned and the transfer refused; the ledger agrees.
    void abandonAndTransferRacedOnTwoInstancesOneWins()
    {
        TestServer first;
        QCOMPARE(first.start(), QString());
        TestServer second(TestServer::Mode::InProcess, first.database());
        QCOMPARE(second.start(), QString());
        auto alice = first.client();
        auto aliceOnSecond = second.client();
        const QJsonObject body = aliceToBob(*alice, 10);
        int transfersMade = 0;
        int abandoned = 0;
        for (int round = 0; round < 12; ++round) {
            const QString key = TestServer::issueKey(*alice);
            TestResponse deleted;
            TestResponse sent;
            // Alternate which instance gets which request.
            const quint16 deletePort = (round % 2 ? first : second).port();
            const quint16 transferPort = (round % 2 ? second : first).port();
            const QByteArray token = alice->token();
            runConcurrently(2, [&](int which) {
                TestHttpClient client(which == 0 ? deletePort : transferPort);
                client.setToken(token);
                if (which == 0)
                    deleted = abandon(client, key);
                else
                    sent = postTransfer(client, key, body);
            });
            const QString what = QStringLiteral("round %1: DELETE %2 %3, POST %4 %5")
                                     .arg(round)
                                     .arg(deleted.status)
                                     .arg(deleted.code())
                                     .arg(sent.status)
                                     .arg(sent.code());
            const bool transferWon = sent.status == 201 && deleted.code() == QLatin1String("idempotency_key_completed");
            const bool abandonWon = deleted.status == 204 && sent.code() == QLatin1String("idempotency_key_abandoned");
            QVERIFY2(transferWon != abandonWon, qPrintable(what));
            QCOMPARE(transfersWithKey(first, key), transferWon ? 1 : 0);
            QCOMPARE(aliceOnSecond->get("/v1/idempotency-keys/" + key.toLatin1())
                         .json()
                         .value(QLatin1String("status"))
                         .toString(),
                     transferWon ? QStringLiteral("completed") : QStringLiteral("abandoned"));
            transfersMade += transferWon;
            abandoned += abandonWon;
        }
        qInfo("transfers won %d rounds, abandonments %d", transfersMade, abandoned);
        QCOMPARE(first.invariants().violations(625000), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestKeyLifecycle)
#include "tst_keylifecycle.moc"
