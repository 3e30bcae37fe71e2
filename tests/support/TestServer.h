#pragma once

#include "server/runtime/ServerConfig.h"
#include "tests/support/PrometheusText.h"
#include "tests/support/TestDatabase.h"
#include "tests/support/TestHttpClient.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <memory>

class ServerThread;
class QProcess;

// What the integration tests check after every scenario, read straight from the database.
struct LedgerInvariants
{
    qint64 totalBalance = 0;
    qint64 negativeBalances = 0;
    qint64 transfers = 0;
    qint64 transfersWithoutKey = 0;   // transfers whose key row does not point back at them
    qint64 keysWithManyTransfers = 0; // completed keys referenced by more than one transfer

    // What breaks the bank's invariants, in words: money made or lost (against expectedTotal), a
    // negative balance, a transfer without its key, a key with two transfers. Tests compare it
    // with an empty list, so a failure says what broke.
    QStringList violations(qint64 expectedTotal) const;
};

// A real bank server for a test: in-process on its own thread (ServerThread) or as a separate
// bank-server process (for restarts and signals), with the demo data, on a free loopback port.
// Its database is a fresh TestDatabase (SQLite, or PostgreSQL when BANK_TEST_DATABASE_URL is
// set), or the one of another TestServer, for several instances on one database.
class TestServer
{
public:
    enum class Mode { InProcess, Process };

    explicit TestServer(Mode mode = Mode::InProcess, std::shared_ptr<TestDatabase> database = {});
    ~TestServer();

    ServerConfig &config() { return m_config; }
    QStringList &extraArguments() { return m_extraArguments; } // Process mode only
    // Process mode: bank-server's stderr (the request log) goes to this file instead of a pipe,
    // which a test that keeps its thread busy under load would never drain.
    void setLogFile(const QString &path) { m_logFile = path; }

    QString start();
    // Process mode, in two halves: launch() starts bank-server without waiting for it, so several
    // can start at the same moment; waitUntilListening() then reads its listening line.
    QString launch();
    QString waitUntilListening();
    void stop();
    // Process mode: SIGKILL, no chance to clean up.
    void kill();
    // Process mode: sends SIGTERM and returns the exit code (or -1 if it did not exit in time).
    int terminate(int timeoutMs = 15'000);

    quint16 port() const { return m_port; }
    const std::shared_ptr<TestDatabase> &database() const { return m_database; }
    SqlDialect dialect() const { return m_database->dialect(); }
    // Runs SQL against the server's database, for set-ups the API cannot make. Returns the
    // database's error, or an empty string.
    QString execSql(const QString &sql) const { return m_database->exec(sql); }
    QProcess *process() const { return m_process.get(); }
    ServerThread *serverThread() const { return m_thread.get(); } // InProcess mode only

    // Logged-in client for a demo user.
    std::unique_ptr<TestHttpClient> client(const QByteArray &username = "alice",
                                           const QByteArray &password = "wonderland") const;
    std::unique_ptr<TestHttpClient> anonymousClient() const;
    // InProcess mode (where config().metricsAddress is set by default): a client of the metrics listener.
    std::unique_ptr<TestHttpClient> metricsClient() const;
    // GET /metrics from the metrics listener, parsed (InProcess mode).
    PrometheusText metrics() const;

    static QByteArray login(TestHttpClient &client, const QByteArray &username, const QByteArray &password);
    static QString issueKey(TestHttpClient &client, const QString &operation = QStringLiteral("transfer"));
    static QMap<QString, qint64> balances(TestHttpClient &client);

    LedgerInvariants invariants() const;

private:
    Mode m_mode;
    std::shared_ptr<TestDatabase> m_database;
    ServerConfig m_config;
    QStringList m_extraArguments;
    QString m_logFile;
    std::unique_ptr<ServerThread> m_thread;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A transfer body between two demo accounts.
QJsonObject transferBody(const QString &from, const QString &to, qint64 amount, const QString &memo = {});
// POST /v1/transfers as `client`'s user with `key` as the Idempotency-Key (sent last, after
// `headers`; not at all if `key` is null).
TestResponse postTransfer(TestHttpClient &client, const QString &key, const QByteArray &body,
                          QList<QPair<QByteArray, QByteArray>> headers = {});
TestResponse postTransfer(TestHttpClient &client, const QString &key, const QJsonObject &body);
