#pragma once

#include "testkit/DesktopDriver.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

class DesktopApp;

// bank-app in-process for a QtTest test, as a test engineer starts it: its integrated server on a
// SQLite file in a temporary data folder (demo data, every demo user's password
// DesktopDriver::kDemoPassword), every random choice seeded (--retry-seed), the window shown with
// the login dialog open, and a DesktopDriver for it. Everything goes when it is destroyed.
class BankAppUnderTest
{
    Q_DISABLE_COPY_MOVE(BankAppUnderTest)
public:
    static constexpr quint32 kRetrySeed = 12'345;

    BankAppUnderTest();
    ~BankAppUnderTest();

    // Prepares the test's environment (DesktopDriver::prepareEnvironment under `testName`) and
    // starts the app; the failure in words, or empty.
    QString start(const QString &testName, std::optional<quint32> retrySeed = kRetrySeed);
    // start(), then signs in as `user`; the failure in words, or empty.
    QString startSignedIn(const QString &testName, const QString &user = QStringLiteral("alice"));

    DesktopApp &app() { return *m_app; }
    DesktopDriver &driver() { return *m_driver; }
    // The data folder: bank.db and what the app keeps next to it.
    QString dataFolder() const { return m_dataFolder.path(); }
    // `account`'s balance in cents on the integrated server's ledger (DesktopDriver::serverBalance).
    qint64 serverBalance(const QString &account);

private:
    QTemporaryDir m_dataFolder;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;
};
