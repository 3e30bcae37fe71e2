// Races: many identical requests at once, and many different transfers at once.
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/TestServer.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

class TestConcurrency : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    QByteArray m_aliceToken;
    QByteArray m_bobToken;
    DemoAccounts m_accounts;

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        auto alice = m_server.anonymousClient();
        m_aliceToken = TestServer::login(*alice, "alice", "wonderland");
        alice->setToken(m_aliceToken);
        auto bob = m_server.anonymousClient();
        m_bobToken = TestServer::login(*bob, "bob", "builder");
        m_accounts = DemoAccounts(*alice);
        QVERIFY(!m_aliceToken.isEmpty() && !m_bobToken.isEmpty());
    }
    void cleanupTestCase() { m_server.stop(); }

    void thirtyTwoIdenticalRequestsMakeOneTransfer()
    {
        auto alice = m_server.anonymousClient();
        alice->setToken(m_aliceToken);
        const QString key = TestServer::issueKey(*alice);
        const qint64 transfersBefore = m_server.invariants().transfers;
        const QJsonObject body = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 777);
        std::vector<TestResponse> responses(32);
        runConcurrently(32, [&](int i) {
            TestHttpClient client(m_server.port());
            client.setToken(m_aliceToken);
            responses[size_t(i)] = postTransfer(client, key, body);
        });
        int created = 0;
        int replayed = 0;
        int inUse = 0;
        QByteArray createdBody;
        for (const TestResponse &response : responses) {
            if (response.status == 201 && response.header("idempotent-replayed").isEmpty()) {
                ++created;
                createdBody = response.body;
            } else if (response.status == 201) {
                ++replayed;
            } else if (response.status == 409 && response.code() == QLatin1String("idempotency_key_in_use")) {
                ++inUse;
            } else {
                QFAIL(qPrintable(
                    QStringLiteral("unexpected %1 %2").arg(response.status).arg(QString::fromUtf8(response.body))));
            }
        }
        QCOMPARE(created, 1);
        QCOMPARE(created + replayed + inUse, 32);
        for (const TestResponse &response : responses) {
            if (response.status == 201)
                QCOMPARE(response.body, createdBody);
        }
        QCOMPARE(m_server.invariants().transfers, transfersBefore + 1);
    }

    void twoHundredConcurrentTransfersKeepTheInvariants()
    {
        const LedgerInvariants before = m_server.invariants();
        const QString aliceChecking = m_accounts.aliceChecking();
        const QString aliceSavings = m_accounts.aliceSavings();
        const QString bobChecking = m_accounts.bobChecking();
        std::atomic<int> created{0};
        std::atomic<int> insufficient{0};
        std::atomic<int> unexpected{0};
        // 20 connections, 10 transfers each, in both directions between the same accounts; bob's
        // large ones run him out of money, so some must be refused.
        runConcurrently(20, [&](int worker) {
            const bool isAlice = worker % 2 == 0;
            TestHttpClient client(m_server.port());
            client.setToken(isAlice ? m_aliceToken : m_bobToken);
            for (int i = 0; i < 10; ++i) {
                const QString key = TestServer::issueKey(client);
                const QString from = isAlice ? (i % 2 ? aliceSavings : aliceChecking) : bobChecking;
                const QString to = isAlice ? bobChecking : aliceChecking;
                const qint64 amount = isAlice ? 100 + i : 3000 + i;
                const TestResponse response = postTransfer(client, key, transferBody(from, to, amount));
                if (response.status == 201)
                    created.fetch_add(1);
                else if (response.code() == QLatin1String("insufficient_funds"))
                    insufficient.fetch_add(1);
                else
                    unexpected.fetch_add(1);
            }
        });
        QCOMPARE(unexpected.load(), 0);
        QCOMPARE(created.load() + insufficient.load(), 200);
        QVERIFY(insufficient.load() > 0);
        const LedgerInvariants after = m_server.invariants();
        QCOMPARE(after.violations(before.totalBalance), QStringList());
        QCOMPARE(after.transfers, before.transfers + created.load());
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
