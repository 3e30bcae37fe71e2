// Races over real loopback HTTP: 64 identical requests at once for 100 rounds, one key with many
// different bodies at once, and a mixed load of transfers in both directions between the same
// accounts with retries and reads beside them.
#include "server/auth/PasswordHasher.h"
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerSnapshot.h"
#include "tests/support/TestServer.h"

#include <QJsonDocument>
#include <QMutex>
#include <QRandomGenerator>
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace {

bool isReplay(const TestResponse &response) { return response.header("idempotent-replayed") == "true"; }

QString describe(const TestResponse &response)
{
    return QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(response.body.left(300)));
}

// `count` threads, each with its own keep-alive connection, that run one job per round together.
// (Standard-library synchronisation, which ThreadSanitizer sees, unlike Qt's.)
class WorkerCrew
{
public:
    using Job = std::function<void(int worker, TestHttpClient &client)>;

    WorkerCrew(int count, quint16 port, const QByteArray &token) : m_count(count)
    {
        for (int i = 0; i < count; ++i) {
            m_threads.emplace_back([this, i, port, token] {
                TestHttpClient client(port);
                client.setToken(token);
                quint64 done = 0;
                while (true) {
                    Job job;
                    {
                        std::unique_lock lock(m_mutex);
                        m_wake.wait(lock, [&] { return m_stopping || m_round > done; });
                        if (m_stopping)
                            return;
                        job = m_job;
                    }
                    job(i, client);
                    ++done;
                    const std::lock_guard lock(m_mutex);
                    if (++m_finished == m_count)
                        m_wake.notify_all();
                }
            });
        }
    }
    ~WorkerCrew()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        for (std::thread &thread : m_threads)
            thread.join();
    }
    void runRound(Job job)
    {
        std::unique_lock lock(m_mutex);
        m_job = std::move(job);
        m_finished = 0;
        ++m_round;
        m_wake.notify_all();
        m_wake.wait(lock, [&] { return m_finished == m_count; });
    }

private:
    const int m_count;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    Job m_job;
    quint64 m_round = 0;
    int m_finished = 0;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace

class TestRaces : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    QByteArray m_aliceToken;
    DemoAccounts m_accounts;

    void checkInvariants(qint64 expectedTransfers, qint64 expectedTotal = 625'000)
    {
        const LedgerInvariants inv = m_server.invariants();
        QCOMPARE(inv.violations(expectedTotal), QStringList());
        QCOMPARE(inv.transfers, expectedTransfers);
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        auto alice = m_server.client();
        m_aliceToken = alice->token();
        QVERIFY(!m_aliceToken.isEmpty());
        m_accounts = DemoAccounts(*alice);
    }
    void cleanupTestCase() { m_server.stop(); }

    void sixtyFourIdenticalRequestsForAHundredRounds()
    {
        constexpr int kThreads = 64;
        constexpr int kRounds = 100;
        const qint64 transfersBefore = m_server.invariants().transfers;
        TestHttpClient keys(m_server.port());
        keys.setToken(m_aliceToken);
        WorkerCrew crew(kThreads, m_server.port(), m_aliceToken);
        const QByteArray body = QJsonDocument(transferBody(m_accounts.aliceSavings(), m_accounts.bobChecking(), 1))
                                    .toJson(QJsonDocument::Compact);
        int created = 0, replayed = 0, inUse = 0;
        QStringList unexpected;
        for (int round = 0; round < kRounds; ++round) {
            const QString key = TestServer::issueKey(keys);
            QVERIFY(!key.isEmpty());
            std::vector<TestResponse> responses(kThreads);
            crew.runRound([&](int worker, TestHttpClient &client) {
                responses[size_t(worker)] = postTransfer(client, key, body);
            });
            int createdThisRound = 0;
            QByteArray createdBody;
            for (const TestResponse &response : responses) {
                if (response.status == 201 && !isReplay(response)) {
                    ++createdThisRound;
                    createdBody = response.body;
                } else if (response.status == 201) {
                    ++replayed;
                } else if (response.status == 409 && response.code() == QLatin1String("idempotency_key_in_use")) {
                    ++inUse;
                    QVERIFY(!response.header("retry-after").isEmpty());
                } else {
                    unexpected << describe(response);
                }
            }
            QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
            QCOMPARE(createdThisRound, 1);
            created += createdThisRound;
            for (const TestResponse &response : responses) {
                if (response.status == 201)
                    QCOMPARE(response.body, createdBody); // a replay is the original, byte for byte
            }
            QCOMPARE(m_server.database()->scalar(
                         QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key)),
                     1);
        }
        qInfo("%d rounds x %d requests: %d created, %d replayed, %d in use", kRounds, kThreads, created, replayed,
              inUse);
        QCOMPARE(created, kRounds);
        QCOMPARE(created + replayed + inUse, kRounds * kThreads);
        checkInvariants(transfersBefore + kRounds);
    }

    void oneKeyWithDifferentBodiesExecutesAtMostOnce()
    {
        constexpr int kThreads = 32;
        constexpr int kRounds = 20;
        const qint64 transfersBefore = m_server.invariants().transfers;
        TestHttpClient keys(m_server.port());
        keys.setToken(m_aliceToken);
        WorkerCrew crew(kThreads, m_server.port(), m_aliceToken);
        int executed = 0;
        for (int round = 0; round < kRounds; ++round) {
            const QString key = TestServer::issueKey(keys);
            std::vector<TestResponse> responses(kThreads);
            crew.runRound([&](int worker, TestHttpClient &client) {
                // Every body differs (amount), so no two requests are the same request.
                responses[size_t(worker)] = postTransfer(
                    client, key, transferBody(m_accounts.aliceSavings(), m_accounts.bobChecking(), 100 + worker));
            });
            int createdThisRound = 0;
            qint64 createdAmount = -1;
            for (const TestResponse &response : responses) {
                if (response.status == 201) {
                    QVERIFY2(!isReplay(response), qPrintable(describe(response)));
                    ++createdThisRound;
                    createdAmount = response.json().value(QLatin1String("amount")).toInteger();
                } else {
                    const bool rejected
                        = (response.status == 409 && response.code() == QLatin1String("idempotency_key_in_use"))
                        || (response.status == 422 && response.code() == QLatin1String("idempotency_key_reused"));
                    QVERIFY2(rejected, qPrintable(describe(response)));
                }
            }
            QVERIFY(createdThisRound <= 1);
            executed += createdThisRound;
            const qint64 stored = m_server.database()->scalar(
                QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM transfers WHERE idempotency_key = '%1'").arg(key));
            QCOMPARE(stored, createdThisRound ? createdAmount : 0);
        }
        checkInvariants(transfersBefore + executed);
        QVERIFY(executed > 0);
    }

    void mixedLoadInBothDirectionsKeepsTheInvariants()
    {
        // Six more users with one account each, so the load spreads over many accounts and keys.
        const PasswordHasher::Hash hash = PasswordHasher::hash(QStringLiteral("secret"), 1'000);
        QStringList accounts{m_accounts.aliceChecking(), m_accounts.aliceSavings(), m_accounts.bobChecking()};
        QList<QByteArray> tokens{m_aliceToken, m_aliceToken,
                                 TestServer::login(*m_server.anonymousClient(), "bob", "builder")};
        for (int i = 0; i < 6; ++i) {
            const QString user = QStringLiteral("load%1").arg(i);
            const QString account = QStringLiteral("acc_load%1").arg(i);
            QCOMPARE(
                m_server.execSql(
                    QStringLiteral(
                        "INSERT INTO users (username, password_salt, password_hash, password_iterations, created_at)"
                        " VALUES ('%1', '%2', '%3', 1000, 0)")
                        .arg(user, QString::fromLatin1(hash.salt), QString::fromLatin1(hash.derivedKey))),
                QString());
            QCOMPARE(m_server.execSql(
                         QStringLiteral("INSERT INTO accounts (id, user_id, name, currency, balance)"
                                        " SELECT '%1', id, 'Load %2', 'USD', 50000 FROM users WHERE username = '%3'")
                             .arg(account)
                             .arg(i)
                             .arg(user)),
                     QString());
            accounts << account;
            tokens << TestServer::login(*m_server.anonymousClient(), user.toLatin1(), "secret");
            QVERIFY(!tokens.constLast().isEmpty());
        }
        const LedgerSnapshot before = LedgerSnapshot::of(m_server);

        constexpr int kThreads = 18;
        constexpr int kTransfersPerThread = 60;
        std::atomic<int> created{0}, replays{0}, insufficient{0}, reads{0};
        QMutex failuresMutex;
        QStringList failures;
        auto failure = [&](const QString &what) {
            const QMutexLocker lock(&failuresMutex);
            failures << what;
        };
        runConcurrently(kThreads, [&](int worker) {
            // Each account has two threads; accounts 3 and 4 send to each other only (both
            // directions between the same two accounts), the others to random accounts.
            const int own = worker % int(accounts.size());
            TestHttpClient client(m_server.port());
            client.setToken(tokens[own]);
            QRandomGenerator random(quint32(worker + 1));
            for (int i = 0; i < kTransfersPerThread; ++i) {
                int to = own == 3 ? 4 : own == 4 ? 3 : int(random.bounded(qsizetype(accounts.size())));
                if (to == own)
                    to = (own + 1) % int(accounts.size());
                const QString key = TestServer::issueKey(client);
                if (key.isEmpty()) {
                    failure(QStringLiteral("no key"));
                    return;
                }
                const QByteArray body
                    = QJsonDocument(transferBody(accounts[own], accounts[to], 1 + random.bounded(4000)))
                          .toJson(QJsonDocument::Compact);
                const TestResponse first = postTransfer(client, key, body);
                if (first.status == 201 && !isReplay(first))
                    created.fetch_add(1);
                else if (first.status == 422 && first.code() == QLatin1String("insufficient_funds"))
                    insufficient.fetch_add(1);
                else
                    failure(QStringLiteral("transfer: ") + describe(first));
                if (i % 4 == 0) { // a client that did not see the answer retries
                    const TestResponse again = postTransfer(client, key, body);
                    if (!isReplay(again) || again.status != first.status || again.body != first.body)
                        failure(QStringLiteral("retry: ") + describe(again));
                    replays.fetch_add(1);
                }
                if (i % 3 == 0) {
                    const TestResponse list = client.get(i % 2 ? "/v1/transfers?limit=5" : "/v1/accounts");
                    if (list.status != 200)
                        failure(QStringLiteral("read: ") + describe(list));
                    reads.fetch_add(1);
                }
            }
        });
        QVERIFY2(failures.isEmpty(), qPrintable(failures.mid(0, 10).join(u'\n')));
        qInfo("mixed load: %d created, %d insufficient, %d replays, %d reads", created.load(), insufficient.load(),
              replays.load(), reads.load());
        QCOMPARE(created.load() + insufficient.load(), kThreads * kTransfersPerThread);
        const LedgerSnapshot after = LedgerSnapshot::of(m_server);
        QCOMPARE(after.totalBalance, before.totalBalance);
        QCOMPARE(after.negativeBalances, 0);
        QCOMPARE(after.transfers, before.transfers + created.load());
        checkInvariants(after.transfers, before.totalBalance);
    }
};

QTEST_GUILESS_MAIN(TestRaces)
#include "tst_races.moc"
