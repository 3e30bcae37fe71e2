#include "app/startup/BankBackend.h"

#include "app/client/connection/ServerSettings.h"
#include "app/startup/DemoPasswordFile.h"
#include "server/runtime/ServerThread.h"
#include "shared/files/PrivateFiles.h"
#include "shared/wire/IntegratedSecret.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace {

// Before the demo passwords were random, the app remembered here which databases it had seeded
// with the documented ones.
const QString kSeededDatabasesKey = QStringLiteral("integrated/demoSeededDatabases");

bool seededByAnOlderApp(const QString &databasePath)
{
    return QSettings().value(kSeededDatabasesKey).toStringList().contains(QFileInfo(databasePath).absoluteFilePath());
}

} // namespace

BankBackend::BankBackend(QObject *parent) : QObject(parent), m_secret(IntegratedSecret::generate()) {}

BankBackend::~BankBackend() { stop(); }

QString BankBackend::defaultDatabasePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("bank.db"));
}

QString BankBackend::startIntegrated(const QString &databasePath, quint16 port, const IntegratedServerOptions &options)
{
    stop();
    const QString path = databasePath.isEmpty() ? defaultDatabasePath() : databasePath;
    if (!PrivateFiles::createFolder(QFileInfo(path).absolutePath()))
        return tr("cannot create the folder for %1").arg(path);

    const DemoPasswordFile passwordFile(path);
    // A new database gets new passwords, whatever a file left from a deleted one says.
    const std::optional<DemoSeed::Passwords> saved = QFileInfo::exists(path) ? passwordFile.load() : std::nullopt;
    // The passwords the demo users have now, if the database has them.
    const std::optional<DemoSeed::Passwords> existing = saved ? saved
        : seededByAnOlderApp(path)                            ? std::optional(DemoSeed::documentedPasswords())
                                                              : std::nullopt;
    DemoSeed::Passwords wanted = saved ? *saved : DemoPasswordFile::random();
    if (!m_demoPassword.isEmpty())
        wanted = DemoPasswordFile::classroom(m_demoPassword);

    ServerConfig config;
    config.listenAddress = QHostAddress(QHostAddress::LocalHost);
    config.port = port;
    config.databasePath = path;
    config.seedDemo = true;
    config.demoPasswords = wanted;
    config.resetDemoPasswords = existing && *existing != wanted;
    config.requiredSecret = m_secret;
    // A desktop app needs few readers; each holds a database connection.
    config.readerThreads = 2;
    config.processingDelayMs = options.processingDelayMs;
    config.demoUnsafe = options.demoUnsafe;
    auto server = std::make_unique<ServerThread>(config);
    connect(server.get(), &ServerThread::requestLogged, this, &BankBackend::requestLogged);
    const QString failure = server->start();
    const bool seeded = server->seededDemoData();
    // Seeding comes before listening, so a database seeded now keeps its passwords even when the
    // port is taken. A failed start may not have reached the reset: the file keeps the old ones.
    if ((seeded || (failure.isEmpty() && existing)) && saved != wanted) {
        if (const QString why = passwordFile.save(wanted); !why.isEmpty())
            qWarning("bank-app: the demo passwords cannot be kept for the next launch: %s", qPrintable(why));
    }
    if (!failure.isEmpty())
        return failure;
    m_endpoint = {server->url(), true, seeded || existing ? wanted : DemoSeed::Passwords(), false};
    m_server = std::move(server);
    m_databasePath = path;
    m_options = options;
    if (const QString why = m_runtimeFile.publish(m_endpoint.url, m_secret, m_endpoint.demoPasswords); !why.isEmpty())
        qWarning("bank-app: %s", qPrintable(why));
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
    m_endpoint = {url, false, {}, ServerSettings::isCleartextRemote(url)};
}

void BankBackend::stop()
{
    if (!m_server)
        return;
    m_runtimeFile.withdraw();
    m_server->stop();
    m_server.reset();
    m_endpoint = {};
    m_options = {};
}
