#include "tests/support/TestServer.h"

#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>

#include <algorithm>
#include <csignal>

#include <sys/prctl.h>

TestServer::TestServer(Mode mode, std::shared_ptr<TestDatabase> database)
    : m_mode(mode),
      m_database(database ? std::move(database) : std::make_shared<TestDatabase>())
{
    m_config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    m_config.port = 0;
    m_database->applyTo(m_config);
    m_config.seedDemo = true;
    // Metrics are off the API's port; InProcess tests read them from their own listener.
    if (m_mode == Mode::InProcess)
        m_config.metricsAddress = QHostAddress(QHostAddress::LocalHost);
    // Tests of other behaviour send bursts as one user that no customer sends; tst_quotas sets
    // small limits of its own.
    m_config.quotas = UserQuotas::unlimited();
}

TestServer::~TestServer() { stop(); }

QString TestServer::start()
{
    if (!m_database->setupError().isEmpty())
        return m_database->setupError();
    if (m_mode == Mode::InProcess) {
        m_thread = std::make_unique<ServerThread>(m_config);
        const QString failure = m_thread->start();
        m_port = m_thread->port();
        return failure;
    }
    if (const QString failure = launch(); !failure.isEmpty())
        return failure;
    return waitUntilListening();
}

QString TestServer::launch()
{
    if (!m_database->setupError().isEmpty())
        return m_database->setupError();
    const QString binary = qEnvironmentVariable("BANK_SERVER_BINARY");
    if (binary.isEmpty())
        return QStringLiteral("BANK_SERVER_BINARY is not set");
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    // If the test dies without stopping its server (a crash, a sanitizer halting it), the server
    // dies too instead of running on with no one to stop it.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    if (!m_logFile.isEmpty())
        m_process->setStandardErrorFile(m_logFile, QIODevice::Append);
    QStringList arguments{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port)};
    if (m_config.databaseUrl.isEmpty())
        arguments << QStringLiteral("--db") << m_config.databasePath;
    else
        arguments << QStringLiteral("--database-url") << m_config.databaseUrl;
    if (m_config.seedDemo)
        arguments << QStringLiteral("--seed-demo");
    if (m_config.acceptClientKeys)
        arguments << QStringLiteral("--accept-client-keys");
    arguments << QStringLiteral("--key-ttl") << QString::number(m_config.keyTtlSeconds);
    arguments << QStringLiteral("--purge-grace") << QString::number(m_config.purgeGraceSeconds);
    arguments << QStringLiteral("--purge-interval-ms") << QString::number(m_config.purgeIntervalMs);
    arguments << QStringLiteral("--max-unused-keys") << QString::number(m_config.quotas.maxUnusedKeys);
    arguments << QStringLiteral("--max-sessions") << QString::number(m_config.quotas.maxSessions);
    arguments << QStringLiteral("--write-rate") << QString::number(m_config.quotas.writesPerSecond);
    arguments << QStringLiteral("--write-burst") << QString::number(std::max(m_config.quotas.writeBurst, 1));
    arguments << m_extraArguments;
    m_process->start(binary, arguments);
    if (!m_process->waitForStarted(10'000))
        return m_process->errorString();
    return {};
}

QString TestServer::waitUntilListening()
{
    if (!m_process)
        return QStringLiteral("not launched");
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process->waitForReadyRead(20'000))
            return QStringLiteral("no listening line; stderr: ") + QString::fromUtf8(m_process->readAllStandardError());
        line += m_process->readAllStandardOutput();
    }
    const QByteArray prefix = "listening on http://127.0.0.1:";
    if (!line.startsWith(prefix) || line.count('\n') != 1 || !line.endsWith('\n'))
        return QStringLiteral("unexpected first line: ") + QString::fromUtf8(line);
    m_port = quint16(line.mid(prefix.size()).trimmed().toUInt());
    return {};
}

void TestServer::stop()
{
    if (m_thread) {
        m_thread->stop();
        m_thread.reset();
    }
    if (m_process && m_process->state() != QProcess::NotRunning)
        terminate();
    m_process.reset();
}

void TestServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10'000);
    m_process.reset();
}

int TestServer::terminate(int timeoutMs)
{
    if (!m_process)
        return -1;
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (!m_process->waitForFinished(timeoutMs)) {
        m_process->kill();
        m_process->waitForFinished();
        return -1;
    }
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

std::unique_ptr<TestHttpClient> TestServer::client(const QByteArray &username, const QByteArray &password) const
{
    auto client = anonymousClient();
    client->setToken(login(*client, username, password));
    return client;
}

std::unique_ptr<TestHttpClient> TestServer::anonymousClient() const { return std::make_unique<TestHttpClient>(m_port); }

std::unique_ptr<TestHttpClient> TestServer::metricsClient() const
{
    return std::make_unique<TestHttpClient>(quint16(m_thread->server()->metricsUrl().port()));
}
PrometheusText TestServer::metrics() const { return PrometheusText(metricsClient()->get("/metrics").body); }

QByteArray TestServer::login(TestHttpClient &client, const QByteArray &username, const QByteArray &password)
{
    const TestResponse response = client.postJson("/v1/sessions",
                                                  {{QStringLiteral("username"), QString::fromUtf8(username)},
                                                   {QStringLiteral("password"), QString::fromUtf8(password)}});
    return response.status == 201 ? response.json().value(QLatin1String("token")).toString().toLatin1() : QByteArray();
}

QString TestServer::issueKey(TestHttpClient &client, const QString &operation)
{
    const TestResponse response = client.postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), operation}});
    return response.status == 201 ? response.json().value(QLatin1String("key")).toString() : QString();
}

QMap<QString, qint64> TestServer::balances(TestHttpClient &client)
{
    QMap<QString, qint64> result;
    for (const QJsonValue item : client.get("/v1/accounts").json().value(QLatin1String("accounts")).toArray())
        result.insert(item[QLatin1String("name")].toString(), item[QLatin1String("balance")].toInteger());
    return result;
}

QStringList LedgerInvariants::violations(qint64 expectedTotal) const
{
    QStringList found;
    if (totalBalance != expectedTotal)
        found << QStringLiteral("total balance %1, expected %2").arg(totalBalance).arg(expectedTotal);
    if (negativeBalances != 0)
        found << QStringLiteral("%1 negative balances").arg(negativeBalances);
    if (transfersWithoutKey != 0)
        found << QStringLiteral("%1 transfers without their key").arg(transfersWithoutKey);
    if (keysWithManyTransfers != 0)
        found << QStringLiteral("%1 keys with more than one transfer").arg(keysWithManyTransfers);
    return found;
}

LedgerInvariants TestServer::invariants() const
{
    LedgerInvariants result;
    const QString failure = m_database->withConnection([&result](QSqlDatabase &db) {
        QSqlQuery q(db);
        auto scalar = [&q](const char *sql) {
            return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toLongLong() : -1;
        };
        result.totalBalance = scalar("SELECT COALESCE(SUM(balance), 0) FROM accounts");
        result.negativeBalances = scalar("SELECT COUNT(*) FROM accounts WHERE balance < 0");
        result.transfers = scalar("SELECT COUNT(*) FROM transfers");
        result.transfersWithoutKey
            = scalar("SELECT COUNT(*) FROM transfers t JOIN accounts a ON a.id = t.from_account"
                     " LEFT JOIN idempotency_keys k ON k.user_id = a.user_id AND k.key = t.idempotency_key"
                     " WHERE k.transfer_id IS NULL OR k.transfer_id <> t.id");
        // Keys are a namespace per user: a key is its owner's, the owner of the account debited.
        result.keysWithManyTransfers = scalar("SELECT COUNT(*) FROM (SELECT a.user_id, t.idempotency_key FROM "
                                              "transfers t JOIN accounts a ON a.id = t.from_account"
                                              " GROUP BY a.user_id, t.idempotency_key HAVING COUNT(*) > 1) d");
    });
    if (!failure.isEmpty()) {
        qWarning("TestServer::invariants: %s", qPrintable(failure));
        return {-1, -1, -1, -1, -1};
    }
    return result;
}

QJsonObject transferBody(const QString &from, const QString &to, qint64 amount, const QString &memo)
{
    QJsonObject body{{QStringLiteral("from_account"), from},
                     {QStringLiteral("to_account"), to},
                     {QStringLiteral("amount"), amount},
                     {QStringLiteral("currency"), QStringLiteral("USD")}};
    if (!memo.isEmpty())
        body.insert(QStringLiteral("memo"), memo);
    return body;
}

TestResponse postTransfer(TestHttpClient &client, const QString &key, const QByteArray &body,
                          QList<QPair<QByteArray, QByteArray>> headers)
{
    if (!key.isNull())
        headers.append({"Idempotency-Key", key.toLatin1()});
    return client.post("/v1/transfers", body, headers);
}

TestResponse postTransfer(TestHttpClient &client, const QString &key, const QJsonObject &body)
{
    return postTransfer(client, key, QJsonDocument(body).toJson(QJsonDocument::Compact));
}
