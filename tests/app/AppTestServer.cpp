#include "tests/app/AppTestServer.h"

#include "app/client/transfer/PendingIntentJournal.h"
#include "testkit/DesktopDriver.h"
#include "tests/support/TestServer.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

AppTestServer::AppTestServer()
{
    connect(&m_backend, &BankBackend::requestLogged, this, [this](const QString &line) { m_log.append(line); });
    m_backend.setDemoPassword(QString::fromLatin1(kDemoPassword));
}

AppTestServer::~AppTestServer() { stop(); }

QString AppTestServer::databasePath() const { return m_dir.filePath(QStringLiteral("bank.db")); }

QString AppTestServer::start(const IntegratedServerOptions &options)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    const QString failure = m_backend.startIntegrated(databasePath(), 0, options);
    m_url = m_backend.endpoint().url;
    return failure;
}

void AppTestServer::stop() { m_backend.stop(); }

QStringList AppTestServer::logLines()
{
    // Log lines are queued from the server thread; let them arrive.
    QCoreApplication::processEvents();
    return m_log;
}

int AppTestServer::requests(const QString &methodAndPath)
{
    const QString prefix = methodAndPath + u' ';
    int count = 0;
    for (const QString &line : logLines())
        count += line.startsWith(prefix) ? 1 : 0;
    return count;
}

int AppTestServer::totalRequests() { return int(logLines().size()); }

std::unique_ptr<TestHttpClient> AppTestServer::client(const QByteArray &username, const QByteArray &password) const
{
    auto http = std::make_unique<TestHttpClient>(port());
    http->setIntegratedSecret(secret());
    http->setToken(TestServer::login(*http, username, password));
    return http;
}

QMap<QString, qint64> AppTestServer::balances(const QByteArray &username, const QByteArray &password) const
{
    return TestServer::balances(*client(username, password));
}

void isolateSettings(const QString &testName)
{
    DesktopDriver::isolateRuntimeFolder();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ExactlyOnceBankTests"));
    QCoreApplication::setApplicationName(testName);
    QSettings().clear();
    QFile::remove(PendingIntentJournal::defaultPath());
}
