// Replays from memory (ReplayCache): a retry of a completed key is answered without the database,
// and on that path every rule of the database path still holds: the same bytes, the key bound to
// its user, operation and request, authentication first, expiry, and several instances.
#include "server/auth/SessionCache.h"
#include "server/idempotency/ReplayCounter.h"
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/ScheduleRequests.h"
#include "tests/support/TestServer.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <memory>

namespace {

const QString kHits = QStringLiteral("bank_replay_cache_hits_total");

// The headers a replay documents (api.md §4.3), with its status and body: what must be the same,
// byte for byte, on every path.
QList<QByteArray> replayed(const TestResponse &response)
{
    QList<QByteArray> out{QByteArray::number(response.status), response.body};
    for (const char *name :
         {"content-type", "idempotency-key", "idempotency-key-expires-at", "location", "idempotent-replayed"})
        out.append(name + QByteArray(": ") + response.header(name));
    return out;
}

} // namespace

class TestReplaysFromMemory : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    std::unique_ptr<TestHttpClient> m_bob;
    DemoAccounts m_accounts;

    qint64 hits(const TestServer &server) const { return server.metrics().samples().value(kHits, -1); }
    QJsonObject aliceToBob(qint64 amount) const
    {
        return transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), amount);
    }
    // A key of alice's completed by a transfer of `amount` (its first answer in `created`).
    QString completedKey(qint64 amount, TestResponse *created = nullptr)
    {
        const QString key = TestServer::issueKey(*m_alice);
        const TestResponse first = postTransfer(*m_alice, key, aliceToBob(amount));
        if (created)
            *created = first;
        return first.status == 201 ? key : QString();
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        m_accounts = DemoAccounts(*m_alice);
        QVERIFY(!m_accounts.aliceChecking().isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    void aReplayIsAnsweredFromMemoryWithTheFirstAnswersBytes()
    {
        const qint64 before = hits(m_server);
        TestResponse created;
        const QString key = completedKey(101, &created);
        QVERIFY(!key.isEmpty());
        const qint64 transfers = m_server.invariants().transfers;
        for (int i = 0; i < 3; ++i) {
            const TestResponse replay = postTransfer(*m_alice, key, aliceToBob(101));
            QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
            QList<QByteArray> first = replayed(created);
            first.last() = "idempotent-replayed: true"; // the one header only a replay has
            QCOMPARE(replayed(replay), first);
        }
        QCOMPARE(hits(m_server), before + 3);
        QCOMPARE(m_server.invariants().transfers, transfers);
        // Counted like any replay, in the key's record.
        QTRY_COMPARE(
            m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("replays")).toInteger(-1),
            3);
    }

    // A retry that repeats a replayed request byte for byte is answered without parsing it again
    // (ReplayCache::findRepeat), and every rule still holds around it: other bytes of the same
    // request replay, another request is refused, another user or operation is not answered by it.
    void aRepeatedRequestIsAnsweredByItsBytesAndOnlyThem()
    {
        TestResponse created;
        const QString key = completedKey(110, &created);
        QVERIFY(!key.isEmpty());
        const QByteArray bytes = QJsonDocument(aliceToBob(110)).toJson(QJsonDocument::Compact);
        QList<QByteArray> expected = replayed(created);
        expected.last() = "idempotent-replayed: true";
        const qint64 before = hits(m_server);
        const qint64 transfers = m_server.invariants().transfers;
        for (int i = 0; i < 3; ++i) // the first is parsed, the others are its repeats
            QCOMPARE(replayed(postTransfer(*m_alice, key, bytes)), expected);
        QCOMPARE(hits(m_server), before + 3);
        QByteArray spaced = bytes;
        spaced.replace(',', ", ");
        QCOMPARE(replayed(postTransfer(*m_alice, key, spaced)), expected);
        QCOMPARE(replayed(postTransfer(*m_alice, key, bytes)), expected);
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(111)).code(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(postTransfer(*m_bob, key, bytes).code(), QStringLiteral("idempotency_key_unknown"));
        // The same bytes and key to the schedules' endpoint: what it answers to a key never issued.
        const auto toSchedules = [this, &bytes](const QString &withKey) {
            return m_alice->request("POST", "/v1/scheduled-transfers", bytes,
                                    {{"Idempotency-Key", withKey.toLatin1()}});
        };
        const TestResponse misdirected = toSchedules(key);
        QCOMPARE(misdirected.status, 400);
        QCOMPARE(misdirected.body, toSchedules(QStringLiteral("idk_never_issued")).body);
        QCOMPARE(hits(m_server), before + 5);
        QCOMPARE(m_server.invariants().transfers, transfers);
    }

    // A stream of replays is counted in a few writes, one per ReplayCounter::kWriteIntervalMs at
    // most, not in a commit per replay; and every replay is counted.
    void aStreamOfReplaysIsCountedInFewWrites()
    {
        const QString key = completedKey(109);
        QVERIFY(!key.isEmpty());
        const auto batches
            = [this] { return m_server.metrics().samples().value(QStringLiteral("bank_writer_batches_total"), -1); };
        const qint64 batchesBefore = batches();
        QElapsedTimer clock;
        clock.start();
        constexpr int kReplays = 60;
        for (int i = 0; i < kReplays; ++i)
            QCOMPARE(postTransfer(*m_alice, key, aliceToBob(109)).header("idempotent-replayed"), QByteArray("true"));
        QTRY_COMPARE(m_server.database()->scalar(
                         QStringLiteral("SELECT replays FROM idempotency_keys WHERE key = '%1'").arg(key)),
                     qint64(kReplays));
        const qint64 writes = batches() - batchesBefore;
        QVERIFY2(writes >= 1 && writes <= clock.elapsed() / ReplayCounter::kWriteIntervalMs + 2,
                 qPrintable(QStringLiteral("%1 writes in %2 ms").arg(writes).arg(clock.elapsed())));
    }

    // The rules the database path keeps, kept when the key's answer is in memory: each of these
    // is answered exactly as before the cache, and none of them from it.
    void anotherUserGetsWhatAKeyNeverIssuedGets()
    {
        const QString key = completedKey(102);
        QVERIFY(!key.isEmpty());
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(102)).status, 201); // in memory now
        const qint64 before = hits(m_server);
        const TestResponse stolen
            = postTransfer(*m_bob, key, transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 102));
        QCOMPARE(stolen.status, 422);
        QCOMPARE(stolen.code(), QStringLiteral("idempotency_key_unknown"));
        const TestResponse neverIssued
            = postTransfer(*m_bob, QStringLiteral("idk_never_issued"),
                           transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 102));
        QCOMPARE(stolen.body, neverIssued.body);
        // The same request as alice's, by bob: still not alice's answer.
        QCOMPARE(postTransfer(*m_bob, key, aliceToBob(102)).code(), QStringLiteral("idempotency_key_unknown"));
        QCOMPARE(hits(m_server), before);
    }

    void anotherBodyIsRefusedAsReusedNamingWhatDiffers()
    {
        const QString key = completedKey(103);
        QVERIFY(!key.isEmpty());
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(103)).status, 201);
        const qint64 before = hits(m_server);
        const TestResponse reused = postTransfer(*m_alice, key, aliceToBob(104));
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.code(), QStringLiteral("idempotency_key_reused"));
        QCOMPARE(reused.json().value(QLatin1String("differs")).toArray(), QJsonArray{QStringLiteral("amount")});
        QVERIFY(!reused.header("idempotency-key-expires-at").isEmpty());
        QCOMPARE(hits(m_server), before);
        // The key's own request is still replayed from memory after that.
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(103)).header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(hits(m_server), before + 1);
    }

    void anotherOperationIsRefusedAsItsMismatch()
    {
        const QString key = completedKey(105);
        QVERIFY(!key.isEmpty());
        QCOMPARE(postTransfer(*m_alice, key, aliceToBob(105)).status, 201);
        const qint64 before = hits(m_server);
        const QJsonObject schedule = ScheduleRequests::body(m_accounts.aliceChecking(), m_accounts.bobChecking(), 105,
                                                            QDateTime::currentMSecsSinceEpoch() + 3'600'000);
        const TestResponse response
            = m_alice->postJson("/v1/scheduled-transfers", schedule, {{"Idempotency-Key", key.toLatin1()}});
        QCOMPARE(response.status, 422);
        QCOMPARE(response.code(), QStringLiteral("idempotency_key_operation_mismatch"));
        QCOMPARE(hits(m_server), before);
    }

    void aSignedOutTokenIsRefusedEvenForAKeyInMemory()
    {
        auto alice = m_server.client("alice", "wonderland");
        const QString key = TestServer::issueKey(*alice);
        QCOMPARE(postTransfer(*alice, key, aliceToBob(106)).status, 201);
        QCOMPARE(postTransfer(*alice, key, aliceToBob(106)).header("idempotent-replayed"), QByteArray("true"));
        const qint64 before = hits(m_server);
        QCOMPARE(alice->request("DELETE", "/v1/sessions/current", {}, {}, false).status, 204);
        const TestResponse refused = postTransfer(*alice, key, aliceToBob(106));
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.code(), QStringLiteral("unauthenticated"));
        QCOMPARE(refused.header("www-authenticate"), QByteArray("Bearer"));
        alice->setToken({});
        QCOMPARE(postTransfer(*alice, key, aliceToBob(106)).status, 401);
        QCOMPARE(hits(m_server), before);
    }

    // A scheduled transfer's key is kept the same way: its replay too comes from memory.
    void aScheduleIsReplayedFromMemory()
    {
        const QString key = TestServer::issueKey(*m_alice, QStringLiteral("scheduled_transfer"));
        const QJsonObject schedule = ScheduleRequests::body(m_accounts.aliceChecking(), m_accounts.bobChecking(), 107,
                                                            QDateTime::currentMSecsSinceEpoch() + 3'600'000);
        const QList<QPair<QByteArray, QByteArray>> keyHeader{{"Idempotency-Key", key.toLatin1()}};
        const TestResponse created = m_alice->postJson("/v1/scheduled-transfers", schedule, keyHeader);
        QCOMPARE(created.status, 201);
        const qint64 before = hits(m_server);
        const TestResponse replay = m_alice->postJson("/v1/scheduled-transfers", schedule, keyHeader);
        QList<QByteArray> first = replayed(created);
        first.last() = "idempotent-replayed: true";
        QCOMPARE(replayed(replay), first);
        QCOMPARE(hits(m_server), before + 1);
    }

    // A completed key past its expiry is still replayed from the database (ADR 6); memory lets it
    // go at its expiry and answers nothing then, so the answer is the database's.
    void aKeyPastItsExpiryIsAnsweredByTheDatabaseAsBefore()
    {
        TestServer shortLived;
        shortLived.config().keyTtlSeconds = 1;
        shortLived.config().metricsAddress = QHostAddress(QHostAddress::LocalHost);
        QCOMPARE(shortLived.start(), QString());
        auto alice = shortLived.client();
        const DemoAccounts accounts(*alice); // its own database
        const QJsonObject body = transferBody(accounts.aliceChecking(), accounts.bobChecking(), 108);
        const QString key = TestServer::issueKey(*alice);
        const TestResponse created = postTransfer(*alice, key, body);
        QCOMPARE(created.status, 201);
        const TestResponse fromMemory = postTransfer(*alice, key, body);
        QCOMPARE(hits(shortLived), 1);
        const qint64 expiresAt
            = Timestamp::fromIso(QString::fromLatin1(created.header("idempotency-key-expires-at"))).toMSecsSinceEpoch();
        QThread::msleep(ulong(std::max<qint64>(0, expiresAt - QDateTime::currentMSecsSinceEpoch() + 50)));
        const TestResponse pastExpiry = postTransfer(*alice, key, body);
        QCOMPARE(replayed(pastExpiry), replayed(fromMemory));
        QCOMPARE(hits(shortLived), 1);
        shortLived.stop();
    }

    // Another instance on the same database has nothing in memory: it reads the key, answers the
    // same bytes, and from then on answers from its own memory.
    void anotherInstanceReadsTheDatabaseThenRemembers()
    {
        TestResponse created;
        const QString key = completedKey(109, &created);
        QVERIFY(!key.isEmpty());
        TestServer second(TestServer::Mode::InProcess, m_server.database());
        second.config().metricsAddress = QHostAddress(QHostAddress::LocalHost);
        QCOMPARE(second.start(), QString());
        TestHttpClient aliceOnSecond(second.port());
        aliceOnSecond.setToken(m_alice->token());
        QList<QByteArray> first = replayed(created);
        first.last() = "idempotent-replayed: true";
        QCOMPARE(replayed(postTransfer(aliceOnSecond, key, aliceToBob(109))), first);
        QCOMPARE(hits(second), 0);
        QCOMPARE(replayed(postTransfer(aliceOnSecond, key, aliceToBob(109))), first);
        QCOMPARE(hits(second), 1);

        // A sign-out on the first instance reaches the second within the session cache's documented
        // window (api.md §2), answers from memory included.
        auto alice = m_server.client("alice", "wonderland");
        aliceOnSecond.setToken(alice->token());
        QCOMPARE(postTransfer(aliceOnSecond, key, aliceToBob(109)).status, 201);
        QCOMPARE(alice->request("DELETE", "/v1/sessions/current", {}, {}, false).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(postTransfer(aliceOnSecond, key, aliceToBob(109)).status, 401,
                                  int(SessionCache::kMaxAgeMs + 2'000));
        second.stop();
    }
};

QTEST_GUILESS_MAIN(TestReplaysFromMemory)
#include "tst_replaysfrommemory.moc"
