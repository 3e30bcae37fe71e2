#pragma once

#include "app/client/connection/ServerEndpoint.h"
#include "app/startup/IntegratedRuntimeFile.h"

#include <QObject>
#include <QString>

#include <memory>

class ServerThread;

// The teaching settings of the integrated server.
struct IntegratedServerOptions
{
    int processingDelayMs = 0; // holds each new transfer this long (failure case 2)
    bool demoUnsafe = false;   // serves POST /v1/demo/unsafe-transfers
    bool operator==(const IntegratedServerOptions &other) const = default;
};

// The bank the app talks to: the integrated server it runs itself on a thread of its own
// (127.0.0.1, SQLite, demo data on first run), or a remote server it only points at.
//
// The integrated server answers only requests carrying integratedSecret() (made afresh for each
// BankBackend, i.e. each launch of the app); while it runs, IntegratedRuntimeFile publishes its
// URL, the secret and the demo users for the owner's tools. The demo users get random passwords
// when their database is made (kept in a DemoPasswordFile next to it), or setDemoPassword()'s.
class BankBackend : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BankBackend)
public:
    explicit BankBackend(QObject *parent = nullptr);
    ~BankBackend() override;

    // bank-app --demo-password: from the next start of the integrated server on, every demo user
    // has this password, in a new database and in an existing one. Empty: the database's own.
    void setDemoPassword(const QString &password) { m_demoPassword = password; }
    // What every request to the integrated server must carry in IntegratedSecret::kHeader.
    const QByteArray &integratedSecret() const { return m_secret; }

    // Starts the integrated server (stopping a running one first). Returns why it could not, or
    // an empty string.
    QString startIntegrated(const QString &databasePath, quint16 port, const IntegratedServerOptions &options = {});
    // The integrated server again with other teaching options: same database, same port if it is
    // still free (sessions live in the database, so a signed-in user stays signed in).
    QString restartIntegrated(const IntegratedServerOptions &options);
    const IntegratedServerOptions &integratedOptions() const { return m_options; }
    void useRemote(const QUrl &url);
    // Stops the integrated server, answering requests in flight first.
    void stop();

    const ServerEndpoint &endpoint() const { return m_endpoint; }
    // Which bank this is, the same on every run: the integrated server's database file, or the
    // remote server's URL. Pending transfers are kept per bank.
    QString identity() const;
    ServerThread *integratedServer() const { return m_server.get(); }

    // bank.db in QStandardPaths::AppDataLocation.
    static QString defaultDatabasePath();

signals:
    // The integrated server's request log, one line per request.
    void requestLogged(const QString &line);

private:
    std::unique_ptr<ServerThread> m_server;
    ServerEndpoint m_endpoint;
    QString m_databasePath;
    IntegratedServerOptions m_options;
    const QByteArray m_secret;
    QString m_demoPassword;
    IntegratedRuntimeFile m_runtimeFile;
};
