#include "BankBackend.h"

#include "ServerSettings.h"
#include "runtime/ServerThread.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

// DemoSeed only seeds an empty database and reports it only that once, so the app remembers
// which database files got the demo users, to show the hint on later runs too.
const QString kSeededDatabasesKey = QStringLiteral("integrated/demoSeededDatabases");

bool rememberDemoUsers(const QString &databasePath, bool seededNow)
{
    const QString path = QFileInfo(databasePath).absoluteFilePath();
    QSettings settings;
    QStringList seeded = settings.value(kSeededDatabasesKey).toStringList();
    if (seededNow && !seeded.contains(path)) {
        seeded.append(path);
        settings.setValue(kSeededDatabasesKey, seeded);
    }
    return seeded.contains(path);
}

} // namespace

BankBackend::BankBackend(QObject *parent) : QObject(parent) {}

BankBackend::~BankBackend() { stop(); }

QString BankBackend::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("bank.db"));
}

QString BankBackend::startIntegrated(const QString &databasePath, quint16 port, const IntegratedServerOptions &options)
{
    stop();
    const QString path = databasePath.isEmpty() ? defaultDatabasePath() : databasePath;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return tr("cannot create the folder for %1").arg(path);

    ServerConfig config;
    config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    config.port = port;
    config.databasePath = path;
    config.seedDemo = true;
    // A desktop app needs few readers; each holds a database connection.
    config.readerThreads = 2;
    config.processingDelayMs = options.processingDelayMs;
    config.demoUnsafe = options.demoUnsafe;
    auto server = std::make_unique<ServerThread>(config);
    connect(server.get(), &ServerThread::requestLogged, this, &BankBackend::requestLogged);
    const QString failure = server->start();
    // Remembered even when the port is taken: the demo users are in the database either way.
    const bool demoUsers = rememberDemoUsers(path, server->seededDemoData());
    if (!failure.isEmpty())
        return failure;
    m_endpoint = {server->url(), true, demoUsers};
    m_server = std::move(server);
    m_databasePath = path;
    m_options = options;
    return {};
}

QString BankBackend::restartIntegrated(const IntegratedServerOptions &options)
{
    if (!m_server)
        return tr("the integrated server is not running");
    const QString path = m_databasePath;
    const quint16 port = quint16(m_endpoint.url.port());
    if (startIntegrated(path, port, options).isEmpty())
        return {};
    // The port was taken in the moment between: any free one will do.
    return startIntegrated(path, 0, options);
}

QString BankBackend::identity() const
{
    if (m_endpoint.integrated)
        return QStringLiteral("integrated:") + QFileInfo(m_databasePath).absoluteFilePath();
    return m_endpoint.url.toString();
}

void BankBackend::useRemote(const QUrl &url)
{
    stop();
    // A cleartext remote server gets here only when allowed explicitly (ServerSettings::transportRefusal).
    m_endpoint = {url, false, false, ServerSettings::isCleartextRemote(url)};
}

void BankBackend::stop()
{
    if (!m_server)
        return;
    m_server->stop();
    m_server.reset();
    m_endpoint = {};
    m_options = {};
}
