#pragma once

#include "TestHttpClient.h"
#include "runtime/ServerConfig.h"

#include <QJsonObject>
#include <QMap>
#include <QTemporaryDir>

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
};

// A real bank server for a test: in-process on its own thread (ServerThread) or as a separate
// bank-server process (for restarts and signals), on a SQLite file in a temporary directory,
// with the demo data, on a free loopback port.
class TestServer
{
public:
    enum class Mode { InProcess, Process };

    explicit TestServer(Mode mode = Mode::InProcess);
    ~TestServer();

    ServerConfig &config() { return m_config; }
    QStringList &extraArguments() { return m_extraArguments; } // Process mode only

    QString start();
    void stop();
    // Process mode: SIGKILL, no chance to clean up.
    void kill();
    // Process mode: sends SIGTERM and returns the exit code (or -1 if it did not exit in time).
    int terminate(int timeoutMs = 15'000);

    quint16 port() const { return m_port; }
    QString databasePath() const { return m_config.databasePath; }
    QProcess *process() const { return m_process.get(); }

    // Logged-in client for a demo user.
    std::unique_ptr<TestHttpClient> client(const QByteArray &username = "alice", const QByteArray &password = "wonderland") const;
    std::unique_ptr<TestHttpClient> anonymousClient() const;

    static QByteArray login(TestHttpClient &client, const QByteArray &username, const QByteArray &password);
    static QString issueKey(TestHttpClient &client);
    // Account name -> id, from the caller's accounts and payees.
    static QMap<QString, QString> accountIds(TestHttpClient &client);
    static QMap<QString, qint64> balances(TestHttpClient &client);

    LedgerInvariants invariants() const;

private:
    Mode m_mode;
    QTemporaryDir m_dir;
    ServerConfig m_config;
    QStringList m_extraArguments;
    std::unique_ptr<ServerThread> m_thread;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

// A transfer body between two demo accounts.
QJsonObject transferBody(const QString &from, const QString &to, qint64 amount, const QString &memo = {});
