// Several bank-server processes on one PostgreSQL database, as behind a load balancer: they start
// together, race one key from several instances at once, move money both ways between the same
// accounts, and lose one instance to SIGKILL mid-load. The exactly-once guarantee must hold.
#include "server/auth/SessionCache.h"
#include "server/storage/GroupCommitWriter.h"
#include "server/storage/Migrations.h"
#include "server/storage/SqlDialect.h"
#include "shared/core/Timestamp.h"
#include "tests/support/ClusterClient.h"
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/LedgerAudit.h"
#include "tests/support/PrometheusText.h"
#include "tests/support/ScheduleRequests.h"
#include "tests/support/TestServer.h"
#include "tests/support/TransferLoad.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

#include <atomic>
#include <csignal>
#include <memory>
#include <mutex>
#include <vector>

namespace {

constexpr int kInstances = 3;

} // namespace

class TestMultiInstance : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_logs;
    std::shared_ptr<TestDatabase> m_database;
    std::vector<std::unique_ptr<TestServer>> m_servers;
    QByteArray m_aliceToken;
    QByteArray m_bobToken;
    DemoAccounts m_accounts;

    QString logPath(int instance) const
    {
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'));
        return m_logs.filePath(QStringLiteral("%1-%2-instance-%3.log")
                                   .arg(QLatin1String(QTest::currentTestFunction()), tag)
                                   .arg(instance));
    }

    // What pg_stat_activity shows for an instance's connections.
    static QString instanceName(int instance) { return QStringLiteral("bank-instance-%1").arg(instance); }

    // The number docs/deployment.md states ("each instance holds N connections"), or -1.
    static int documentedConnectionsPerInstance()
    {
        QFile doc(QStringLiteral(DEPLOYMENT_MD_FILE));
        if (!doc.open(QIODevice::ReadOnly))
            return -1;
        static const QRegularExpression stated(QStringLiteral("each instance holds (\\d+) connections"));
        const QRegularExpressionMatch match = stated.match(QString::fromUtf8(doc.readAll()));
        return match.hasMatch() ? match.captured(1).toInt() : -1;
    }

    // The test database's backends by application_name.
    QMap<QString, qint64> backendsByApplication() const
    {
        QMap<QString, qint64> backends;
        m_database->withConnection([&backends](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("SELECT application_name, COUNT(*) FROM pg_stat_activity"
                                      " WHERE datname = current_database() GROUP BY application_name"));
            while (query.next())
                backends.insert(query.value(0).toString(), query.value(1).toLongLong());
        });
        return backends;
    }

    // GET /metrics of an instance started with --metrics-listen 127.0.0.1:0 (its log says where).
    PrometheusText metricsOf(int instance) const
    {
        QFile log(logPath(instance));
        if (!log.open(QIODevice::ReadOnly))
            return PrometheusText(QByteArray());
        static const QRegularExpression where(
            QStringLiteral("^bank-server: metrics on http://127.0.0.1:(\\d+)/metrics$"),
            QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = where.match(QString::fromUtf8(log.readAll()));
        if (!match.hasMatch())
            return PrometheusText(QByteArray());
        TestHttpClient client(quint16(match.captured(1).toUInt()));
        return PrometheusText(client.get("/metrics").body);
    }

    QList<quint16> ports() const
    {
        QList<quint16> result;
        for (const auto &server : m_servers)
            result.append(server->port());
        return result;
    }

    // `count` bank-server processes on one fresh database, all launched before any is waited for,
    // so that they migrate and seed at the same moment.
    QString startCluster(int count, const QStringList &arguments = {})
    {
        m_database = std::make_shared<TestDatabase>();
        for (int i = 0; i < count; ++i) {
            m_servers.push_back(std::make_unique<TestServer>(TestServer::Mode::Process, m_database));
            m_servers.back()->extraArguments() << arguments;
            QUrl url(m_servers.back()->config().databaseUrl);
            QUrlQuery query(url);
            query.addQueryItem(QStringLiteral("application_name"), instanceName(i));
            url.setQuery(query);
            m_servers.back()->config().databaseUrl = url.toString();
            m_servers.back()->setLogFile(logPath(i));
            if (const QString failure = m_servers.back()->launch(); !failure.isEmpty())
                return failure;
        }
        for (const auto &server : m_servers) {
            if (const QString failure = server->waitUntilListening(); !failure.isEmpty())
                return failure;
        }
        // One session serves on every instance: sessions live in the shared database.
        auto alice = m_servers.front()->anonymousClient();
        m_aliceToken = TestServer::login(*alice, "alice", "wonderland");
        alice->setToken(m_aliceToken);
        auto bob = m_servers.back()->anonymousClient();
        m_bobToken = TestServer::login(*bob, "bob", "builder");
        m_accounts = DemoAccounts(*alice);
        if (m_aliceToken.isEmpty() || m_bobToken.isEmpty() || m_accounts.count() != 3)
            return QStringLiteral("cannot log in or list the demo accounts");
        return {};
    }

    QMap<QString, qint64> balancesById() const { return LedgerAudit::balancesById(*m_servers.front()); }

    void checkLedger(const QMap<QString, qint64> &before, const QList<Acknowledged> &outcomes)
    {
        QCOMPARE(LedgerAudit::disagreements(*m_servers.front(), before, outcomes, 625000), QStringList());
    }

    // Another client of the database takes a lock with `sql` inside a transaction, as a stopped
    // instance's batch would hold it, until `release` is set or `maxMs` have passed; `locked` is
    // set once it holds it.
    std::unique_ptr<QThread> lockHolder(const QString &sql, std::atomic<bool> &locked, const std::atomic<bool> &release,
                                        qint64 maxMs) const
    {
        return std::unique_ptr<QThread>(QThread::create([this, sql, &locked, &release, maxMs] {
            m_database->withConnection([&](QSqlDatabase &db) {
                QSqlQuery query(db);
                query.exec(QStringLiteral("BEGIN"));
                locked.store(query.exec(sql));
                QElapsedTimer held;
                held.start();
                while (!release.load() && held.elapsed() < maxMs)
                    QThread::msleep(10);
                query.exec(QStringLiteral("ROLLBACK"));
            });
        }));
    }

    std::unique_ptr<QThread> rowHolder(const QString &accountId, std::atomic<bool> &locked,
                                       const std::atomic<bool> &release, qint64 maxMs) const
    {
        return lockHolder(QStringLiteral("SELECT id FROM accounts WHERE id = '%1' FOR UPDATE").arg(accountId), locked,
                          release, maxMs);
    }

    void dumpLogsOnFailure()
    {
        if (!QTest::currentTestFailed())
            return;
        for (size_t i = 0; i < m_servers.size(); ++i) {
            QFile log(logPath(int(i)));
            if (log.open(QIODevice::ReadOnly)) {
                const QByteArray text = log.readAll();
                qWarning("instance %d, last lines of its log:\n%s", int(i), text.right(3000).constData());
            }
        }
    }

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty(TestDatabase::kServerUrlVariable))
            QFAIL("these tests need PostgreSQL: set BANK_TEST_DATABASE_URL (scripts/with-postgres.sh does)");
        QVERIFY(m_logs.isValid());
    }

    void cleanup()
    {
        dumpLogsOnFailure();
        m_servers.clear();
        m_database.reset();
    }

    void instancesStartingTogetherMigrateAndSeedOnce()
    {
        QCOMPARE(startCluster(kInstances), QString());
        QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 qint64(Migrations::latestVersion()));
        QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM users")), 2);
        QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM accounts")), 3);
        QCOMPARE(m_servers.front()->invariants().totalBalance, 625000);
        // Any instance serves any request: a session made on the first works on every one.
        for (const auto &server : m_servers) {
            TestHttpClient client(server->port());
            client.setToken(m_aliceToken);
            QCOMPARE(client.get("/v1/accounts").status, 200);
        }
    }

    void eachInstanceHoldsTheDocumentedConnections()
    {
        const int documented = documentedConnectionsPerInstance();
        QVERIFY(documented > 0);
        QCOMPARE(startCluster(kInstances), QString());
        // Reads on every instance, several at once so that they spread over its reader threads,
        // and writes.
        const QList<quint16> instancePorts = ports();
        runConcurrently(kInstances * 6, [&](int worker) {
            TestHttpClient client(instancePorts[worker % kInstances]);
            client.setToken(m_aliceToken);
            for (int i = 0; i < 5; ++i)
                client.get("/v1/accounts");
            TestServer::issueKey(client);
        });
        const QMap<QString, qint64> backends = backendsByApplication();
        for (int instance = 0; instance < kInstances; ++instance)
            QCOMPARE(backends.value(instanceName(instance)), qint64(documented));
    }

    void anInstanceTheRoleCannotGiveItsConnectionsDoesNotStart()
    {
        const int documented = documentedConnectionsPerInstance();
        QVERIFY(documented > 1);
        m_database = std::make_shared<TestDatabase>();
        const QString role
            = QStringLiteral("bank_test_small_%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        QCOMPARE(
            m_database->exec(QStringLiteral("CREATE ROLE %1 LOGIN CONNECTION LIMIT %2").arg(role).arg(documented - 1)),
            QString());
        QCOMPARE(m_database->exec(
                     QStringLiteral("ALTER DATABASE %1 OWNER TO %2").arg(m_database->config().databaseName, role)),
                 QString());
        TestServer server(TestServer::Mode::Process, m_database);
        QUrl url(server.config().databaseUrl);
        url.setUserName(role);
        server.config().databaseUrl = url.toString();
        server.setLogFile(logPath(0));
        QCOMPARE(server.launch(), QString());
        const bool exited = server.process()->waitForFinished(60'000);
        const int exitCode = server.process()->exitCode();
        // The role goes again, with what it came to own here (the database, the tables).
        for (const char *statement : {"REASSIGN OWNED BY %1 TO CURRENT_USER", "DROP OWNED BY %1", "DROP ROLE %1"})
            QCOMPARE(m_database->exec(QString::fromLatin1(statement).arg(role)), QString());
        QVERIFY(exited);
        QCOMPARE(exitCode, 1);
        QFile log(logPath(0));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QString said = QString::fromUtf8(log.readAll());
        // One line says what was refused and what the instance needs.
        static const QRegularExpression reason(
            QStringLiteral("^bank-server: cannot open .*too many connections for role.*CONNECTION LIMIT.*$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(reason.match(said).hasMatch(), qPrintable(said));
    }

    void oneKeyRacedOnEveryInstanceMakesOneTransfer_data()
    {
        QTest::addColumn<bool>("clientKeys");
        QTest::newRow("issued keys") << false;
        QTest::newRow("client-chosen keys") << true;
    }
    void oneKeyRacedOnEveryInstanceMakesOneTransfer()
    {
        QFETCH(bool, clientKeys);
        QCOMPARE(
            startCluster(kInstances, clientKeys ? QStringList{QStringLiteral("--accept-client-keys")} : QStringList()),
            QString());
        const QMap<QString, qint64> before = balancesById();
        const QList<quint16> instancePorts = ports();
        QList<Acknowledged> outcomes;
        constexpr int kRounds = 25;
        for (int round = 0; round < kRounds; ++round) {
            QString key;
            if (clientKeys) {
                key = QStringLiteral("client:race-%1-%2").arg(round).arg(QRandomGenerator::global()->generate());
            } else {
                TestHttpClient issuer(instancePorts[round % kInstances]);
                issuer.setToken(m_aliceToken);
                key = TestServer::issueKey(issuer);
                QVERIFY(!key.isEmpty());
            }
            const QJsonObject body = transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 100 + round);
            std::vector<TestResponse> responses(kInstances);
            runConcurrently(kInstances, [&](int instance) {
                TestHttpClient client(instancePorts[instance]);
                client.setToken(m_aliceToken);
                responses[size_t(instance)] = postTransfer(client, key, body);
            });
            int created = 0;
            QByteArray createdBody;
            for (const TestResponse &response : responses) {
                const bool replayed = response.header("idempotent-replayed") == "true";
                if (response.status == 201 && !replayed) {
                    ++created;
                    createdBody = response.body;
                } else if (!(response.status == 201 && replayed)
                           && !(response.status == 409 && response.code() == QLatin1String("idempotency_key_in_use"))) {
                    QFAIL(qPrintable(QStringLiteral("round %1: unexpected %2 %3")
                                         .arg(round)
                                         .arg(response.status)
                                         .arg(QString::fromUtf8(response.body))));
                }
            }
            QCOMPARE(created, 1);
            // Every instance now answers the key with that one transfer, byte for byte.
            for (int instance = 0; instance < kInstances; ++instance) {
                TestHttpClient client(instancePorts[instance]);
                client.setToken(m_aliceToken);
                const TestResponse replay = postTransfer(client, key, body);
                QCOMPARE(replay.status, 201);
                QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
                QCOMPARE(replay.body, createdBody);
            }
            for (const TestResponse &response : responses) {
                if (response.status == 201)
                    QCOMPARE(response.body, createdBody);
            }
            const QJsonObject transfer = QJsonDocument::fromJson(createdBody).object();
            outcomes.append({201, transfer.value(QLatin1String("id")).toString(), m_accounts.aliceChecking(),
                             m_accounts.bobChecking(), 100 + round});
            QCOMPARE(m_database->scalar(
                         QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key)),
                     1);
        }
        checkLedger(before, outcomes);
    }

    void transfersBothWaysAcrossInstancesKeepTheInvariants()
    {
        QCOMPARE(startCluster(kInstances), QString());
        const QMap<QString, qint64> before = balancesById();
        const QList<quint16> instancePorts = ports();
        std::mutex mutex;
        QList<Acknowledged> outcomes;
        QStringList failures;
        // Six clients, two per instance, moving money in both directions between the same three
        // accounts: the row locks of one instance's batch meet those of the others head-on.
        constexpr int kClients = 6;
        constexpr int kTransfersEach = 25;
        runConcurrently(kClients, [&](int worker) {
            const bool isAlice = worker % 2 == 0;
            ClusterClient cluster(instancePorts, isAlice ? m_aliceToken : m_bobToken, worker % kInstances);
            for (int i = 0; i < kTransfersEach; ++i) {
                QString from;
                QString to;
                if (isAlice) {
                    const QString pairs[4][2] = {{m_accounts.aliceChecking(), m_accounts.bobChecking()},
                                                 {m_accounts.aliceSavings(), m_accounts.bobChecking()},
                                                 {m_accounts.aliceChecking(), m_accounts.aliceSavings()},
                                                 {m_accounts.aliceSavings(), m_accounts.aliceChecking()}};
                    from = pairs[i % 4][0];
                    to = pairs[i % 4][1];
                } else {
                    from = m_accounts.bobChecking();
                    to = i % 2 ? m_accounts.aliceChecking() : m_accounts.aliceSavings();
                }
                const qint64 amount = 1 + QRandomGenerator::global()->bounded(isAlice ? 400 : 2500);
                const QString key = cluster.issueKey();
                const TestResponse response = cluster.transfer(key, transferBody(from, to, amount));
                std::lock_guard lock(mutex);
                if (key.isEmpty())
                    failures.append(QStringLiteral("no key could be issued"));
                else if (response.status == 201)
                    outcomes.append({201, response.json().value(QLatin1String("id")).toString(), from, to, amount});
                else if (response.code() == QLatin1String("insufficient_funds"))
                    outcomes.append({response.status, {}, from, to, amount});
                else
                    failures.append(QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(response.body)));
            }
        });
        QCOMPARE(failures, QStringList());
        QCOMPARE(outcomes.size(), kClients * kTransfersEach);
        checkLedger(before, outcomes);
    }

    void sigkilledInstanceLosesNothing()
    {
        QCOMPARE(startCluster(kInstances), QString());
        const QMap<QString, qint64> before = balancesById();
        // The victim is the last instance; every client starts on it, so it dies with requests in
        // flight, and each client's next attempt of the same key goes to a survivor.
        const int victim = kInstances - 1;
        const QList<quint16> instancePorts = ports();
        TransferLoad load(instancePorts, {m_aliceToken, m_bobToken, m_accounts}, 4, {}, victim);
        load.start();
        QTRY_VERIFY_WITH_TIMEOUT(load.acknowledged() >= 40, 30'000);
        m_servers[size_t(victim)]->kill();
        const qint64 killedAtMs = load.elapsedMs();
        QTRY_VERIFY_WITH_TIMEOUT(load.acknowledgedSince(killedAtMs) >= 80, 60'000);
        QVERIFY(load.stop(60'000));
        QCOMPARE(load.failures(), QStringList());
        // Clients really lost the instance and went on to the others with the same keys.
        QVERIFY(load.unanswered() > 0);
        checkLedger(before, load.outcomes());
        // The survivors are still up after all that.
        for (int instance = 0; instance < victim; ++instance) {
            TestHttpClient client(instancePorts[instance]);
            client.setToken(m_aliceToken);
            QCOMPARE(client.get("/healthz").status, 200);
        }
    }

    // Every instance runs a scheduler on the shared database. A fourth instance dies in the middle
    // of an occurrence's run while the others are stopped (SIGSTOP); then the three race for every
    // occurrence, that one included: each makes exactly one transfer.
    void everyInstanceSchedulesYetEachOccurrenceRunsOnce_data()
    {
        QTest::addColumn<int>("racers");
        QTest::newRow("two instances") << 2;
        QTest::newRow("three instances") << 3;
    }

    // Besides the racers, a fourth (or third) instance creates the schedules and dies at the fault
    // point as it commits its first occurrence: the racers must run that one too.
    void everyInstanceSchedulesYetEachOccurrenceRunsOnce()
    {
        QFETCH(int, racers);
        QCOMPARE(startCluster(racers), QString());
        TestServer armed(TestServer::Mode::Process, m_database);
        armed.setLogFile(logPath(racers));
        qputenv("BANK_FAULT_POINT", "occurrence_before_commit");
        const QString launched = armed.start();
        qunsetenv("BANK_FAULT_POINT");
        QCOMPARE(launched, QString());
        const auto signalRacers = [this](int signal) {
            for (const auto &server : m_servers)
                ::kill(pid_t(server->process()->processId()), signal);
        };

        const QMap<QString, qint64> before = balancesById();
        constexpr int kSchedules = 24;
        constexpr qint64 kAmount = 7;
        signalRacers(SIGSTOP);
        TestHttpClient creator(armed.port());
        creator.setToken(m_aliceToken);
        QStringList ids;
        // Late enough for every schedule to be made before the first falls due.
        const qint64 dueAt = Timestamp::nowMs() + 4'000;
        for (int i = 0; i < kSchedules; ++i) {
            ids << ScheduleRequests::create(
                       creator,
                       ScheduleRequests::body(m_accounts.aliceChecking(), m_accounts.bobChecking(), kAmount, dueAt))
                       .value(QLatin1String("id"))
                       .toString();
        }
        QVERIFY(!ids.contains(QString()));
        const bool died = armed.process()->waitForFinished(15'000);
        signalRacers(SIGCONT);
        QVERIFY(died);
        QCOMPARE(armed.process()->exitStatus(), QProcess::CrashExit);
        armed.kill();

        TestHttpClient reader(m_servers.front()->port());
        reader.setToken(m_aliceToken);
        const auto allExecuted = [&] {
            for (const QString &id : ids) {
                if (ScheduleRequests::occurrenceStatus(ScheduleRequests::get(reader, id), 1)
                    != QLatin1String("executed"))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allExecuted(), 30'000);
        QTest::qWait(1'000); // the schedulers keep polling
        for (const QString &id : ids) {
            const qint64 transfers
                = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'")
                                         .arg(ScheduleRequests::occurrenceKey(id, 1)));
            QVERIFY2(transfers == 1, qPrintable(QStringLiteral("%1: %2 transfers").arg(id).arg(transfers)));
        }
        QMap<QString, qint64> expected = before;
        expected[m_accounts.aliceChecking()] -= kSchedules * kAmount;
        expected[m_accounts.bobChecking()] += kSchedules * kAmount;
        QCOMPARE(balancesById(), expected);
        // One run logged per occurrence over the racers, none twice; the dead instance committed none.
        int logged = 0;
        for (int instance = 0; instance <= racers; ++instance) {
            QFile log(logPath(instance));
            QVERIFY(log.open(QIODevice::ReadOnly));
            const QByteArray text = log.readAll();
            logged += int(text.count("RUN /v1/scheduled-transfers/"));
            if (instance == racers)
                QVERIFY(text.contains("fault point occurrence_before_commit reached"));
        }
        QCOMPARE(logged, kSchedules);
    }

    void purgeRunsOnEveryInstanceAtOnce()
    {
        m_database = std::make_shared<TestDatabase>();
        // Two instances in this process (each with its own connections and writer), both purging
        // every 50 ms with no grace, over a backlog of several purge batches of expired keys.
        std::vector<std::unique_ptr<TestServer>> purgers;
        for (int i = 0; i < 2; ++i) {
            purgers.push_back(std::make_unique<TestServer>(TestServer::Mode::InProcess, m_database));
            purgers.back()->config().purgeIntervalMs = 50;
            purgers.back()->config().purgeGraceSeconds = 0;
        }
        QCOMPARE(purgers.front()->start(), QString());
        QCOMPARE(m_database->exec(
                     QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at)"
                                    " SELECT 'idk_expired_' || g, u.id, 'transfer', 0, 1"
                                    " FROM generate_series(1, 9000) g, users u WHERE u.username = 'alice'")),
                 QString());
        QCOMPARE(purgers.back()->start(), QString());
        auto alice = purgers.back()->client("alice", "wonderland");
        const QString liveKey = TestServer::issueKey(*alice);
        QVERIFY(!liveKey.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE expires_at < 2")), 0,
            30'000);
        // Live keys stay, and both instances keep serving while they purge.
        for (const auto &purger : purgers) {
            auto client = purger->client("alice", "wonderland");
            QCOMPARE(client->get("/v1/idempotency-keys/" + liveKey.toLatin1()).status, 200);
            QVERIFY(!TestServer::issueKey(*client).isEmpty());
        }
    }

    // docs/security.md: a sign-out ends the session at once where it is made, and on every other
    // instance within the session cache's lifetime.
    void aSignOutEndsTheSessionOnEveryInstance()
    {
        m_database = std::make_shared<TestDatabase>();
        std::vector<std::unique_ptr<TestServer>> instances;
        for (int i = 0; i < 2; ++i) {
            instances.push_back(std::make_unique<TestServer>(TestServer::Mode::InProcess, m_database));
            QCOMPARE(instances.back()->start(), QString());
        }
        auto here = instances.front()->client("alice", "wonderland");
        TestHttpClient there(instances.back()->port());
        there.setToken(here->token());
        // The other instance has the session in its cache.
        QCOMPARE(there.get("/v1/accounts").status, 200);
        QElapsedTimer sinceSignOut;
        QCOMPARE(here->request("DELETE", "/v1/sessions/current", {}, {}, false).status, 204);
        sinceSignOut.start();
        QCOMPARE(here->get("/v1/accounts").status, 401);
        while (there.get("/v1/accounts").status == 200 && sinceSignOut.elapsed() < 2 * SessionCache::kMaxAgeMs)
            QThread::msleep(50);
        QCOMPARE(there.get("/v1/accounts").status, 401);
        QVERIFY2(sinceSignOut.elapsed() <= SessionCache::kMaxAgeMs + 1'000,
                 qPrintable(QString::number(sinceSignOut.elapsed())));
        // Other sessions live on.
        auto other = instances.back()->client("alice", "wonderland");
        QCOMPARE(other->get("/v1/accounts").status, 200);
    }

    void reconnectsUnderLoadLeaveOnlyDocumentedLinesOnStderr()
    {
        QCOMPARE(startCluster(2), QString());
        const QList<quint16> instancePorts = ports();
        std::atomic<bool> finish{false};
        std::mutex mutex;
        QStringList failures;
        std::unique_ptr<QThread> load(QThread::create([&] {
            runConcurrently(4, [&](int worker) {
                ClusterClient cluster(instancePorts, m_aliceToken, worker % 2);
                TestHttpClient reader(instancePorts[worker % 2]);
                reader.setToken(m_aliceToken);
                for (int i = 0; !finish.load(); ++i) {
                    const TestResponse read = reader.get("/v1/accounts");
                    const QString key = cluster.issueKey();
                    const TestResponse transfer
                        = cluster.transfer(key, transferBody(m_accounts.aliceChecking(), m_accounts.aliceSavings(), 1));
                    std::lock_guard lock(mutex);
                    if (read.status != 200 && read.status != 503)
                        failures.append(
                            QStringLiteral("read %1 %2").arg(read.status).arg(QString::fromUtf8(read.body)));
                    if (transfer.status >= 500 && transfer.status != 503)
                        failures.append(QStringLiteral("transfer %1 %2")
                                            .arg(transfer.status)
                                            .arg(QString::fromUtf8(transfer.body)));
                }
            });
        }));
        load->start();
        // The database drops every connection of the instances, again and again, while they work.
        for (int round = 0; round < 6; ++round) {
            QThread::msleep(400);
            QCOMPARE(
                m_database->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                " WHERE datname = current_database() AND pid <> pg_backend_pid()")),
                QString());
        }
        QThread::msleep(400);
        finish.store(true);
        QVERIFY(load->wait(120'000));
        if (!failures.isEmpty()) {
            // What the database said is in the instances' logs.
            for (int instance = 0; instance < 2; ++instance) {
                QFile log(logPath(instance));
                if (log.open(QIODevice::ReadOnly))
                    for (const QByteArray &line : log.readAll().split('\n'))
                        if (line.contains("bank.storage") || line.contains(" 500 "))
                            failures.append(QString::fromUtf8(line));
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1String("; "))));
        // Both serve again, then stop, so their logs are complete.
        for (const quint16 port : instancePorts) {
            ClusterClient cluster({port}, m_aliceToken, 0);
            QVERIFY(!cluster.issueKey().isEmpty());
        }
        for (const auto &server : m_servers)
            QCOMPARE(server->terminate(), 0);
        // docs/api.md §6: stderr holds request-log lines and lines that begin "bank-server: ".
        static const QRegularExpression requestLine(
            QStringLiteral("^\\S+ \\S+ \\d{3} key=\\S+ replayed=(true|false) us=\\d+ client=\\S+ user=\\S+$"));
        int lines = 0;
        for (int instance = 0; instance < 2; ++instance) {
            QFile log(logPath(instance));
            QVERIFY(log.open(QIODevice::ReadOnly));
            for (const QByteArray &bytes : log.readAll().split('\n')) {
                const QString line = QString::fromUtf8(bytes);
                if (line.isEmpty())
                    continue;
                ++lines;
                // The one unprefixed line api.md §6 allows: libpq's own, for a connection being opened.
                QVERIFY2(requestLine.match(line).hasMatch() || line.startsWith(QLatin1String("bank-server: "))
                             || line == QLatin1String("FATAL:  terminating connection due to administrator command"),
                         qPrintable(line));
                QVERIFY2(!line.contains(QLatin1String("Unable to free statement"))
                             && !line.contains(QLatin1String("database not open")),
                         qPrintable(line));
            }
        }
        QVERIFY(lines > 0);
    }

    void aCommitTheConnectionDidNotSurviveIsAnsweredOutcomeUnknown()
    {
        QCOMPARE(startCluster(1), QString());
        // A deferred trigger makes a transfer's COMMIT take 2 s, time to end the session inside it.
        QCOMPARE(m_database->exec(QStringLiteral(
                     "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS"
                     " $$ BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$;"
                     " CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON transfers DEFERRABLE INITIALLY DEFERRED"
                     " FOR EACH ROW EXECUTE FUNCTION slow_commit()")),
                 QString());
        TestHttpClient client(m_servers.front()->port());
        client.setToken(m_aliceToken);
        const QString key = TestServer::issueKey(client);
        QVERIFY(!key.isEmpty());
        const QJsonObject body = transferBody(m_accounts.aliceChecking(), m_accounts.aliceSavings(), 7);
        std::atomic<bool> ended{false};
        std::unique_ptr<QThread> terminator(QThread::create([&] {
            for (int i = 0; i < 100 && !ended.load(); ++i) {
                QThread::msleep(50);
                ended.store(m_database->scalar(QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) FROM "
                                                              "pg_stat_activity WHERE datname = current_database()"
                                                              " AND state = 'active' AND query = 'COMMIT'"))
                            > 0);
            }
        }));
        terminator->start();
        const TestResponse cutOff = postTransfer(client, key, body);
        QVERIFY(terminator->wait(30'000));
        QVERIFY(ended.load());
        QCOMPARE(cutOff.status, 503);
        QCOMPARE(cutOff.code(), QStringLiteral("storage_outcome_unknown"));
        QCOMPARE(cutOff.header("retry-after"), QByteArray("1"));
        // The retry with the same key gets the one outcome: here the transfer, made now.
        const TestResponse retried = postTransfer(client, key, body);
        QCOMPARE(retried.status, 201);
        QCOMPARE(postTransfer(client, key, body).header("idempotent-replayed"), QByteArray("true"));
        QCOMPARE(
            m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = '%1'").arg(key)),
            1);
    }

    void aRowLockedElsewhereHoldsUpOnlyTheWritesThatNeedIt()
    {
        QCOMPARE(startCluster(1), QString());
        const quint16 port = m_servers.front()->port();
        TestHttpClient alice(port);
        alice.setToken(m_aliceToken);
        TestHttpClient bob(port);
        bob.setToken(m_bobToken);
        const QString aliceKey = TestServer::issueKey(alice);
        const QString bobKey = TestServer::issueKey(bob);
        QVERIFY(!aliceKey.isEmpty() && !bobKey.isEmpty());
        // Another client of the database holds Bob Checking's row for 10 s.
        std::atomic<bool> locked{false};
        const std::atomic<bool> never{false};
        const std::unique_ptr<QThread> holder = rowHolder(m_accounts.bobChecking(), locked, never, 10'000);
        holder->start();
        QTRY_VERIFY(locked.load());
        const QJsonObject bobBody = transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 5);
        TestResponse blocked;
        std::unique_ptr<QThread> bobWrites(QThread::create([&] {
            TestHttpClient client(port);
            client.setToken(m_bobToken);
            blocked = postTransfer(client, bobKey, bobBody);
        }));
        bobWrites->start();
        QThread::msleep(200);
        // Writes that do not need the row finish well within the writer's bound meanwhile (a
        // generous limit, not a benchmark).
        constexpr qint64 kLimitMs = 2000;
        QElapsedTimer took;
        took.start();
        QCOMPARE(postTransfer(alice, aliceKey, transferBody(m_accounts.aliceSavings(), m_accounts.aliceChecking(), 3))
                     .status,
                 201);
        QVERIFY2(took.elapsed() < kLimitMs, qPrintable(QString::number(took.elapsed())));
        took.restart();
        TestHttpClient signIn(port);
        QVERIFY(!TestServer::login(signIn, "alice", "wonderland").isEmpty());
        QVERIFY2(took.elapsed() < kLimitMs, qPrintable(QString::number(took.elapsed())));
        took.restart();
        QVERIFY(!TestServer::issueKey(alice).isEmpty());
        QVERIFY2(took.elapsed() < kLimitMs, qPrintable(QString::number(took.elapsed())));
        // The write that needs the row is answered 503 with Retry-After while it is locked, and
        // made by its retry with the same key once the lock is gone.
        QVERIFY(bobWrites->wait(30'000));
        QVERIFY(holder->isRunning());
        QCOMPARE(blocked.status, 503);
        QVERIFY(!blocked.header("retry-after").isEmpty());
        QVERIFY(holder->wait(30'000));
        QCOMPARE(postTransfer(bob, bobKey, bobBody).status, 201);
    }

    // Only a batch's first job waits for a lock. A write queued behind many that need a row locked
    // elsewhere is committed after that one bounded wait, not after a wait for each of them, each
    // made while the batch holds the locks of the jobs before it (docs/deployment.md, "How
    // concurrency is handled").
    void laterJobsOfABatchDoNotWaitForLocks()
    {
        QCOMPARE(startCluster(1), QString());
        const quint16 port = m_servers.front()->port();
        constexpr int kBlockedWrites = 20;
        TestHttpClient bob(port);
        bob.setToken(m_bobToken);
        QStringList bobKeys;
        for (int i = 0; i < kBlockedWrites; ++i)
            bobKeys.append(TestServer::issueKey(bob));
        TestHttpClient alice(port);
        alice.setToken(m_aliceToken);
        const QString aliceKey = TestServer::issueKey(alice);
        QVERIFY(!aliceKey.isEmpty() && !bobKeys.contains(QString()));
        std::atomic<bool> locked{false};
        std::atomic<bool> release{false};
        const std::unique_ptr<QThread> holder = rowHolder(m_accounts.bobChecking(), locked, release, 20'000);
        holder->start();
        QTRY_VERIFY(locked.load());
        const QJsonObject bobBody = transferBody(m_accounts.bobChecking(), m_accounts.aliceChecking(), 1);
        std::vector<TestResponse> blocked(kBlockedWrites);
        std::unique_ptr<QThread> bobWrites(QThread::create([&] {
            runConcurrently(kBlockedWrites, [&](int i) {
                // The first becomes a batch of its own and waits; the others queue behind it.
                QThread::msleep(i == 0 ? 0 : 100);
                TestHttpClient client(port);
                client.setToken(m_bobToken);
                blocked[size_t(i)] = postTransfer(client, bobKeys[i], bobBody);
            });
        }));
        bobWrites->start();
        QThread::msleep(300);
        // The next batch is the waiting one, the other blocked writes, then this. With a wait of
        // kLaterJobLockWaitMs for each blocked write it would take 0.5 s + 19 x 100 ms at least.
        QElapsedTimer took;
        took.start();
        const TestResponse unrelated
            = postTransfer(alice, aliceKey, transferBody(m_accounts.aliceSavings(), m_accounts.aliceChecking(), 3));
        const qint64 tookMs = took.elapsed();
        release.store(true);
        QVERIFY(holder->wait(30'000));
        QVERIFY(bobWrites->wait(30'000));
        QCOMPARE(unrelated.status, 201);
        QVERIFY2(tookMs < 1800, qPrintable(QString::number(tookMs)));
        // The blocked writes were deferred, not lost: each is made, at the latest by its retry.
        for (int i = 0; i < kBlockedWrites; ++i) {
            const TestResponse &first = blocked[size_t(i)];
            QVERIFY2(first.status == 201 || first.status == 503, first.body.constData());
            if (first.status == 503)
                QCOMPARE(postTransfer(bob, bobKeys[i], bobBody).status, 201);
        }
        QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM transfers")), kBlockedWrites + 1);
    }

    // Instances moving money between the same three accounts take turns (docs/deployment.md, "How
    // concurrency is handled") instead of meeting each other's row locks: no job of theirs is
    // deferred or run again. Without the turn, 3 instances ran 10-20 % of such jobs again.
    void contendedInstancesTakeTurnsInsteadOfWaitingForRows()
    {
        QCOMPARE(startCluster(kInstances, {QStringLiteral("--metrics-listen"), QStringLiteral("127.0.0.1:0")}),
                 QString());
        const QMap<QString, qint64> before = balancesById();
        const QList<quint16> instancePorts = ports();
        constexpr int kClients = 24;
        constexpr int kTransfersEach = 20;
        const QString directions[6][2] = {{m_accounts.aliceChecking(), m_accounts.aliceSavings()},
                                          {m_accounts.aliceSavings(), m_accounts.aliceChecking()},
                                          {m_accounts.aliceChecking(), m_accounts.bobChecking()},
                                          {m_accounts.aliceSavings(), m_accounts.bobChecking()},
                                          {m_accounts.bobChecking(), m_accounts.aliceChecking()},
                                          {m_accounts.bobChecking(), m_accounts.aliceSavings()}};
        std::mutex mutex;
        QList<Acknowledged> outcomes;
        QStringList failures;
        runConcurrently(kClients, [&](int worker) {
            const QString &from = directions[worker % 6][0];
            const QString &to = directions[worker % 6][1];
            ClusterClient cluster(instancePorts, worker % 6 < 4 ? m_aliceToken : m_bobToken, worker % kInstances);
            for (int i = 0; i < kTransfersEach; ++i) {
                const qint64 amount = 1 + i % 5;
                const QString key = cluster.issueKey();
                const TestResponse response = cluster.transfer(key, transferBody(from, to, amount));
                std::lock_guard lock(mutex);
                if (response.status == 201)
                    outcomes.append({201, response.json().value(QLatin1String("id")).toString(), from, to, amount});
                else
                    failures.append(QStringLiteral("%1 %2").arg(response.status).arg(QString::fromUtf8(response.body)));
            }
        });
        QCOMPARE(failures, QStringList());
        qint64 runAgain = 0;
        for (int instance = 0; instance < kInstances; ++instance) {
            const PrometheusText metrics = metricsOf(instance);
            QCOMPARE(metrics.error(), QString());
            runAgain += metrics.samples().value(QStringLiteral("bank_writer_retries_total"), -1000);
        }
        qInfo("%lld of %d writes ran again", runAgain, kClients * kTransfersEach);
        QVERIFY2(runAgain >= 0 && runAgain <= kClients * kTransfersEach / 20, qPrintable(QString::number(runAgain)));
        checkLedger(before, outcomes);
    }

    // An instance stopped in the middle of a batch keeps the writers' turn until its session ends;
    // the other instances wait for it at most the first job's bound, then write without it.
    void aTurnHeldElsewhereDelaysWritesOnlyByItsBound()
    {
        QCOMPARE(startCluster(1), QString());
        TestHttpClient alice(m_servers.front()->port());
        alice.setToken(m_aliceToken);
        const QString key = TestServer::issueKey(alice);
        QVERIFY(!key.isEmpty());
        std::atomic<bool> held{false};
        std::atomic<bool> release{false};
        const std::unique_ptr<QThread> holder
            = lockHolder(SqlDialects::takeWritersTurn(SqlDialect::Postgres), held, release, 20'000);
        holder->start();
        QTRY_VERIFY(held.load());
        QElapsedTimer took;
        took.start();
        const TestResponse transfer
            = postTransfer(alice, key, transferBody(m_accounts.aliceSavings(), m_accounts.aliceChecking(), 3));
        const qint64 tookMs = took.elapsed();
        release.store(true);
        QVERIFY(holder->wait(30'000));
        QCOMPARE(transfer.status, 201);
        QVERIFY2(tookMs >= GroupCommitWriter::kFirstJobLockWaitMs - 50 && tookMs < 1500,
                 qPrintable(QString::number(tookMs)));
    }

    void connectionsTheDatabaseDropsAreReopened()
    {
        QCOMPARE(startCluster(2), QString());
        QCOMPARE(m_database->exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                 " WHERE datname = current_database() AND pid <> pg_backend_pid()")),
                 QString());
        // Each instance may answer 503 (never 500) once per pooled connection it finds dead, and
        // then serves again on a new one.
        for (const quint16 port : ports()) {
            TestHttpClient client(port);
            client.setToken(m_aliceToken);
            int reads = 0;
            TestResponse read;
            do {
                read = client.get("/v1/accounts");
                QVERIFY2(read.status == 200 || read.status == 503, read.body.constData());
            } while (read.status != 200 && ++reads < 10);
            QCOMPARE(read.status, 200);
            QString key;
            for (int attempt = 0; attempt < 3 && key.isEmpty(); ++attempt)
                key = TestServer::issueKey(client);
            QVERIFY(!key.isEmpty());
            // A transfer reads before it writes, and may meet another dead reader connection: its
            // client retries with the same key, as every client does on a 503.
            TestResponse transfer;
            int transfers = 0;
            do {
                transfer
                    = postTransfer(client, key, transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), 5));
                QVERIFY2(transfer.status == 201 || transfer.status == 503, transfer.body.constData());
            } while (transfer.status != 201 && ++transfers < 10);
            QCOMPARE(transfer.status, 201);
        }
    }
};

QTEST_GUILESS_MAIN(TestMultiInstance)
#include "tst_multiinstance.moc"
