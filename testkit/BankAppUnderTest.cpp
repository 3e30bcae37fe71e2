#include "testkit/BankAppUnderTest.h"

#include "app/startup/DesktopApp.h"

BankAppUnderTest::BankAppUnderTest() = default;

// The driver refers to the app: it goes first.
BankAppUnderTest::~BankAppUnderTest()
{
    m_driver.reset();
    m_app.reset();
}

QString BankAppUnderTest::start(const QString &testName, std::optional<quint32> retrySeed)
{
    if (!m_dataFolder.isValid())
        return QStringLiteral("no temporary data folder");
    DesktopDriver::prepareEnvironment(testName);
    m_app = DesktopDriver::launch(m_dataFolder.filePath(QStringLiteral("bank.db")), retrySeed);
    if (!m_app)
        return QStringLiteral("bank-app did not start or show its window");
    m_driver = std::make_unique<DesktopDriver>(*m_app);
    return {};
}

QString BankAppUnderTest::startSignedIn(const QString &testName, const QString &user)
{
    if (QString failure = start(testName); !failure.isEmpty())
        return failure;
    if (!m_driver->signIn(user, QString::fromLatin1(DesktopDriver::kDemoPassword)))
        return QStringLiteral("%1 could not sign in").arg(user);
    return {};
}

qint64 BankAppUnderTest::serverBalance(const QString &account) { return DesktopDriver::serverBalance(*m_app, account); }
