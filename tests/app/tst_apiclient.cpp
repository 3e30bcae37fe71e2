// ApiClient against the real integrated server on loopback: every endpoint, the problems, the
// Idempotency-Key on every transfer, replays, paging, and a server that is not there.
#include "app/client/messages/ProblemMessages.h"
#include "server/http/HttpLogEntry.h"
#include "shared/wire/IntegratedSecret.h"
#include "testkit/AwaitResult.h"
#include "tests/app/AppTestServer.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

class TestApiClient : public QObject
{
    Q_OBJECT
private:
    AppTestServer m_server;
    ApiClient m_api;
    QMap<QString, QString> m_ids; // account name -> id

    std::optional<ApiResult<SessionInfo>> login(const QString &user, const QString &password)
    {
        return awaitResult<SessionInfo>([&](auto done) { m_api.login(user, password, this, done); });
    }
    std::optional<TransferAttempt> send(const TransferRequest &request, const QString &key)
    {
        return awaitAttempt([&](auto done) { m_api.sendTransfer(request, key, this, done); });
    }
    QString newKey()
    {
        const auto key
            = awaitResult<IdempotencyKeyInfo>([&](auto done) { m_api.issueKey(ApiOperations::kTransfer, this, done); });
        return key && key->ok() ? key->value().key : QString();
    }
    TransferRequest request(const QString &from, const QString &to, qint64 amount, const QString &memo = {})
    {
        TransferRequest r;
        r.fromAccount = m_ids.value(from);
        r.toAccount = m_ids.value(to);
        r.amount = amount;
        r.currency = QStringLiteral("USD");
        r.memo = memo;
        return r;
    }

private slots:
    void initTestCase()
    {
        isolateSettings(QStringLiteral("tst_apiclient"));
        QCOMPARE(m_server.start(), QString());
        m_api.setBaseUrl(m_server.url());
        m_api.setIntegratedSecret(m_server.secret());
        const auto session = login(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QVERIFY(session && session->ok());
        m_api.setToken(session->value().token);
        const auto accounts = awaitResult<QList<Account>>([&](auto done) { m_api.listAccounts(this, done); });
        const auto payees = awaitResult<QList<Payee>>([&](auto done) { m_api.listPayees(this, done); });
        QVERIFY(accounts && accounts->ok() && payees && payees->ok());
        for (const Account &account : accounts->value())
            m_ids.insert(account.name, account.id);
        for (const Payee &payee : payees->value())
            m_ids.insert(payee.name, payee.id);
        QCOMPARE(m_ids.size(), 3);
    }

    void healthMarksTheServerConnected()
    {
        ApiClient fresh;
        QSignalSpy state(&fresh, &ApiClient::connectionStateChanged);
        fresh.setBaseUrl(m_server.url());
        fresh.setIntegratedSecret(m_server.secret());
        QCOMPARE(fresh.connectionState(), ApiClient::ConnectionState::Unknown);
        const auto health = awaitResult<bool>([&](auto done) { fresh.checkHealth(this, done); });
        QVERIFY(health && health->ok());
        QVERIFY(health->value());
        QCOMPARE(fresh.connectionState(), ApiClient::ConnectionState::Connected);
        QVERIFY(!state.isEmpty());
    }

    // The integrated server answers only requests carrying its secret, which the app's client sends.
    void withoutTheSecretTheIntegratedServerAnswersNothing()
    {
        ApiClient stranger;
        stranger.setBaseUrl(m_server.url());
        const auto refused = awaitResult<SessionInfo>([&](auto done) {
            stranger.login(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword), this, done);
        });
        QVERIFY(refused && !refused->ok());
        QCOMPARE(refused->failure().problem.code, ProblemCode::IntegratedSecretRequired);
        QCOMPARE(refused->failure().httpStatus, 401);
        QVERIFY(ProblemMessages::forFailure(refused->failure()).contains(QStringLiteral("did not come from this app")));
        stranger.setIntegratedSecret(IntegratedSecret::generate());
        const auto health = awaitResult<bool>([&](auto done) { stranger.checkHealth(this, done); });
        QVERIFY(health && !health->ok());
        QCOMPARE(health->failure().problem.code, ProblemCode::IntegratedSecretRequired);
        stranger.setIntegratedSecret(m_server.secret());
        const auto healthy = awaitResult<bool>([&](auto done) { stranger.checkHealth(this, done); });
        QVERIFY(healthy && healthy->ok());
    }

    void loginReturnsASessionOrAProblem()
    {
        ApiClient fresh;
        fresh.setBaseUrl(m_server.url());
        fresh.setIntegratedSecret(m_server.secret());
        const auto good = awaitResult<SessionInfo>([&](auto done) {
            fresh.login(QStringLiteral("bob"), QString::fromLatin1(AppTestServer::kDemoPassword), this, done);
        });
        QVERIFY(good && good->ok());
        QCOMPARE(good->value().user, QStringLiteral("bob"));
        QVERIFY(!good->value().token.isEmpty());

        const auto bad = awaitResult<SessionInfo>(
            [&](auto done) { fresh.login(QStringLiteral("bob"), QStringLiteral("wrong"), this, done); });
        QVERIFY(bad && !bad->ok());
        QCOMPARE(bad->failure().kind, ApiFailure::Kind::Problem);
        QCOMPARE(bad->failure().problem.code, ProblemCode::InvalidCredentials);
        QCOMPARE(bad->failure().httpStatus, 401);
        QCOMPARE(ProblemMessages::forFailure(bad->failure()), QStringLiteral("The username or password is wrong."));
    }

    void accountsCarryBalancesAndPayeesAreOtherUsers()
    {
        const auto accounts = awaitResult<QList<Account>>([&](auto done) { m_api.listAccounts(this, done); });
        QVERIFY(accounts && accounts->ok());
        QCOMPARE(accounts->value().size(), 2);
        for (const Account &account : accounts->value()) {
            QCOMPARE(account.owner, QStringLiteral("alice"));
            QCOMPARE(account.currency, QStringLiteral("USD"));
        }
        const auto payees = awaitResult<QList<Payee>>([&](auto done) { m_api.listPayees(this, done); });
        QVERIFY(payees && payees->ok());
        QCOMPARE(payees->value().size(), 1);
        QCOMPARE(payees->value().constFirst().name, QStringLiteral("Bob Checking"));
    }

    void issuedKeyIsUnusedUntilATransferCompletesIt()
    {
        const auto issued
            = awaitResult<IdempotencyKeyInfo>([&](auto done) { m_api.issueKey(ApiOperations::kTransfer, this, done); });
        QVERIFY(issued && issued->ok());
        const IdempotencyKeyInfo key = issued->value();
        QCOMPARE(key.status, QStringLiteral("unused"));
        QCOMPARE(key.operation, QStringLiteral("transfer"));
        QVERIFY(!key.expiresAt.isEmpty());

        const auto attempt
            = send(request(QStringLiteral("Alice Checking"), QStringLiteral("Alice Savings"), 100), key.key);
        QVERIFY(attempt && attempt->result.ok());

        const auto info = awaitResult<IdempotencyKeyInfo>([&](auto done) { m_api.keyInfo(key.key, this, done); });
        QVERIFY(info && info->ok());
        QCOMPARE(info->value().status, QStringLiteral("completed"));
        QCOMPARE(info->value().responseStatus, std::optional<int>(201));
        QCOMPARE(info->value().transferId, attempt->result->transfer.id);
    }

    void transferCarriesItsKeyAndTheRetryIsAReplay()
    {
        QSignalSpy started(&m_api, &ApiClient::transferAttemptStarted);
        QSignalSpy finished(&m_api, &ApiClient::transferAttemptFinished);
        const QString key = newKey();
        QVERIFY(!key.isEmpty());
        const TransferRequest body
            = request(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), 1234, QStringLiteral("lunch"));
        const int transfersBefore = m_server.requests(QStringLiteral("POST /v1/transfers"));

        const auto first = send(body, key);
        QVERIFY(first && first->result.ok());
        QCOMPARE(first->outcome(), TransferAttempt::Outcome::Created);
        QCOMPARE(first->key, key);
        QVERIFY(first->startedAt.isValid());
        QVERIFY(first->elapsedMs >= 0);
        const Transfer created = first->result->transfer;
        QCOMPARE(created.amount, 1234);
        QCOMPARE(created.memo, QStringLiteral("lunch"));
        QCOMPARE(created.idempotencyKey, key);

        const auto again = send(body, key);
        QVERIFY(again && again->result.ok());
        QCOMPARE(again->outcome(), TransferAttempt::Outcome::Replayed);
        QCOMPARE(again->result->transfer.id, created.id);

        QCOMPARE(started.size(), 2);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).value<TransferAttempt>().outcome(), TransferAttempt::Outcome::Replayed);
        // The server saw both requests, each with the key in its Idempotency-Key header.
        QTRY_COMPARE(m_server.requests(QStringLiteral("POST /v1/transfers")), transfersBefore + 2);
        const QStringList lines = m_server.logLines().filter(QStringLiteral("POST /v1/transfers "));
        // The log names the key by a tag derived from it, not the key itself.
        const QString tag = HttpLogEntry::keyTag(key);
        QVERIFY(lines.at(lines.size() - 2).contains(QStringLiteral("key=%1 replayed=false").arg(tag)));
        QVERIFY(lines.constLast().contains(QStringLiteral("key=%1 replayed=true").arg(tag)));
    }

    void insufficientFundsIsAStoredProblem()
    {
        const QString key = newKey();
        const TransferRequest tooMuch
            = request(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), 99'000'000);
        for (int attempt = 0; attempt < 2; ++attempt) {
            const auto refused = send(tooMuch, key);
            QVERIFY(refused && !refused->result.ok());
            QCOMPARE(refused->outcome(), TransferAttempt::Outcome::Refused);
            QCOMPARE(refused->result.failure().problem.code, ProblemCode::InsufficientFunds);
            QCOMPARE(refused->result.failure().httpStatus, 422);
            QVERIFY(
                ProblemMessages::forTransfer(refused->result.failure()).contains(QStringLiteral("not enough money")));
        }
    }

    void serverSideValidationFailureIsAProblem()
    {
        TransferRequest body = request(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), 100);
        body.toAccount = QStringLiteral("no-such-account");
        const auto refused = send(body, newKey());
        QVERIFY(refused && !refused->result.ok());
        QCOMPARE(refused->result.failure().problem.code, ProblemCode::ValidationFailed);
        QVERIFY(!refused->result.failure().problem.detail.isEmpty());
    }

    void aTransferWithoutAKeyIsNeverSent_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("empty") << QString();
        QTest::newRow("malformed") << QStringLiteral("has spaces in it");
    }
    void aTransferWithoutAKeyIsNeverSent()
    {
        QFETCH(QString, key);
        const int before = m_server.requests(QStringLiteral("POST /v1/transfers"));
        const auto attempt = send(request(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), 100), key);
        QVERIFY(attempt);
        QCOMPARE(attempt->outcome(), TransferAttempt::Outcome::NotSent);
        QCOMPARE(m_api.requestsInFlight(), 0);
        // Let anything that might have gone out arrive: nothing did.
        QTest::qWait(200);
        QCOMPARE(m_server.requests(QStringLiteral("POST /v1/transfers")), before);
    }

    void historyPagesWithStartingAfter()
    {
        for (int i = 0; i < 5; ++i) {
            const auto attempt
                = send(request(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), 10 + i), newKey());
            QVERIFY(attempt && attempt->result.ok());
        }
        QStringList ids;
        QString after;
        bool more = true;
        int pages = 0;
        while (more) {
            const auto page = awaitResult<TransferPage>([&](auto done) { m_api.listTransfers(2, after, this, done); });
            QVERIFY(page && page->ok());
            QVERIFY(page->value().transfers.size() <= 2);
            for (const Transfer &transfer : page->value().transfers)
                ids.append(transfer.id);
            more = page->value().hasMore;
            if (!page->value().transfers.isEmpty())
                after = page->value().transfers.constLast().id;
            QVERIFY(++pages < 50);
        }
        QVERIFY(ids.size() >= 7);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        // Newest first: the last transfer sent (amount 14) heads the list.
        const auto newest = awaitResult<Transfer>([&](auto done) { m_api.transfer(ids.constFirst(), this, done); });
        QVERIFY(newest && newest->ok());
        QCOMPARE(newest->value().amount, 14);
    }

    void unknownTransferIsNotFound()
    {
        const auto missing
            = awaitResult<Transfer>([&](auto done) { m_api.transfer(QStringLiteral("nope"), this, done); });
        QVERIFY(missing && !missing->ok());
        QCOMPARE(missing->failure().problem.code, ProblemCode::NotFound);
    }

    void rejectedTokenEndsTheSession()
    {
        ApiClient stale;
        stale.setBaseUrl(m_server.url());
        stale.setIntegratedSecret(m_server.secret());
        stale.setToken(QStringLiteral("not-a-real-token"));
        QSignalSpy rejected(&stale, &ApiClient::sessionRejected);
        const auto accounts = awaitResult<QList<Account>>([&](auto done) { stale.listAccounts(this, done); });
        QVERIFY(accounts && !accounts->ok());
        QCOMPARE(accounts->failure().problem.code, ProblemCode::Unauthenticated);
        QCOMPARE(rejected.size(), 1);
    }

    void busyWhileRequestsAreOnTheirWay()
    {
        QSignalSpy busy(&m_api, &ApiClient::busyChanged);
        std::optional<ApiResult<bool>> result;
        m_api.checkHealth(this, [&result](const ApiResult<bool> &answer) { result = answer; });
        QVERIFY(m_api.isBusy());
        QCOMPARE(m_api.requestsInFlight(), 1);
        QTRY_VERIFY(result.has_value());
        QVERIFY(!m_api.isBusy());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(busy.at(0).at(0).toBool(), true);
        QCOMPARE(busy.at(1).at(0).toBool(), false);
    }

    void aNewAddressLetsTheRequestsOnTheirWayFinish()
    {
        // A server that answers a moment after the request arrived.
        QTcpServer slow;
        QVERIFY(slow.listen(QHostAddress::LocalHost, 0));
        QPointer<QTcpSocket> connection;
        connect(&slow, &QTcpServer::newConnection, this, [&] { connection = slow.nextPendingConnection(); });

        ApiClient client;
        client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(slow.serverPort())));
        std::optional<ApiResult<bool>> result;
        client.checkHealth(this, [&result](const ApiResult<bool> &answer) { result = answer; });
        QTRY_VERIFY(connection && connection->bytesAvailable() > 0);

        // As when the integrated server restarts or the simulated network starts or stops: the
        // next requests go elsewhere, the one on its way still ends.
        client.setBaseUrl(m_server.url());
        client.setIntegratedSecret(m_server.secret());
        const QByteArray body = R"({"status":"ok"})";
        connection->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                          + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_VERIFY(result.has_value());
        QVERIFY(result->ok());
        QVERIFY(result->value());
        QVERIFY(!client.isBusy());
        // The manager it was on goes once that reply has ended.
        QTRY_COMPARE(client.findChildren<QNetworkAccessManager *>().size(), 1);

        const auto health = awaitResult<bool>([&](auto done) { client.checkHealth(this, done); });
        QVERIFY(health && health->ok());
    }

    void noServerMeansTheOutcomeIsUnknown()
    {
        // A port that was free a moment ago: nothing listens there.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();

        ApiClient offline;
        offline.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        offline.setToken(QStringLiteral("token"));
        TransferRequest body = request(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), 100);
        const auto attempt
            = awaitAttempt([&](auto done) { offline.sendTransfer(body, QStringLiteral("some-key"), this, done); });
        QVERIFY(attempt);
        QCOMPARE(attempt->outcome(), TransferAttempt::Outcome::OutcomeUnknown);
        QCOMPARE(attempt->result.failure().kind, ApiFailure::Kind::NoAnswer);
        QVERIFY(attempt->result.failure().outcomeUnknown());
        QCOMPARE(offline.connectionState(), ApiClient::ConnectionState::Unreachable);
        const QString message = ProblemMessages::forTransfer(attempt->result.failure());
        QVERIFY(message.contains(QStringLiteral("may or may not have happened")));
        QVERIFY(message.contains(QStringLiteral("same key")));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
