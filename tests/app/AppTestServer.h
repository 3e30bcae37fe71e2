#pragma once

#include "app/startup/BankBackend.h"
#include "testkit/DesktopDriver.h"
#include "tests/support/TestHttpClient.h"

#include <QMap>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// The real integrated server for a client test, started the way bank-app starts it (BankBackend:
// ServerThread, 127.0.0.1, a free port, demo data, its secret) on a SQLite file in a temporary
// directory, as in a classroom: every demo user's password is kDemoPassword. Counts the requests
// it answered, by "METHOD /path", from its request log.
class AppTestServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppTestServer)
public:
    AppTestServer();
    ~AppTestServer() override;

    QString start(const IntegratedServerOptions &options = {});
    void stop();
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    QString databasePath() const;
    BankBackend &backend() { return m_backend; }
    // What a client must send in X-Integrated-Secret.
    const QByteArray &secret() const { return m_backend.integratedSecret(); }

    static constexpr const char *kDemoPassword = DesktopDriver::kDemoPassword;

    // Requests answered so far, e.g. requests("POST /v1/transfers"); processes pending log lines.
    int requests(const QString &methodAndPath);
    int totalRequests();
    QStringList logLines();

    // A raw HTTP client signed in as a demo user, for checks that do not go through the app.
    std::unique_ptr<TestHttpClient> client(const QByteArray &username, const QByteArray &password) const;
    // Account name -> balance, as the server sees it for that user.
    QMap<QString, qint64> balances(const QByteArray &username, const QByteArray &password) const;

private:
    QTemporaryDir m_dir;
    BankBackend m_backend;
    QUrl m_url;
    QStringList m_log;
};

// Puts QSettings, QStandardPaths and XDG_RUNTIME_DIR (integrated.json) of the test into a
// throw-away location and empties them (the settings and the journal of pending transfers).
void isolateSettings(const QString &testName);
