#pragma once

#include <QLocale>
#include <QString>
#include <QWidget>

#include <memory>

class DesktopApp;
class MainWindow;

// Drives bank-app's window the way a user does (offscreen): finds widgets by objectName, signs in
// through the login dialog, fills the transfer form, reads balances from the accounts view. The
// steps wait with generous timeouts and return false (with a warning saying what did not happen)
// instead of failing, so tests wrap them in QVERIFY.
class DesktopDriver
{
public:
    static constexpr int kTimeoutMs = 20'000;

    explicit DesktopDriver(DesktopApp &app) : m_app(app) {}

    MainWindow &window();
    template <typename T>
    T *find(const char *name)
    {
        T *found = root()->findChild<T *>(QLatin1String(name));
        if (!found)
            qWarning("no widget named %s", name);
        return found;
    }

    bool signIn(const QString &user, const QString &password);
    // Chooses the accounts by the start of their text, types the amount and the memo.
    bool fillForm(const QString &fromName, const QString &toName, const QString &amountText,
                  const QString &memoText = {});
    // The balance the accounts view shows for an account, e.g. "$975.00"; empty if not listed.
    QString balanceShown(const QString &accountName);
    // The result line under the form.
    QString result();
    // The settings every GUI test starts from: `locale` (en_US unless the test is about another),
    // QStandardPaths test mode, its own cleared QSettings under `applicationName`.
    static void prepareEnvironment(const QString &applicationName,
                                   const QLocale &locale = QLocale(QStringLiteral("en_US")));
    // bank-app on the SQLite file `databasePath` (created with demo data if new), as in a classroom:
    // every demo user's password is AppTestServer::kDemoPassword. Started, its window shown with
    // the login dialog open. nullptr if it did not start or show.
    static std::unique_ptr<DesktopApp> launch(const QString &databasePath);
    // launch(), with the real retry policy made short and certain (every wait at its ceiling: 100,
    // 200, 400, 400… ms), signed in as alice through the login dialog. nullptr if a step did not
    // happen.
    static std::unique_ptr<DesktopApp> launchSignedIn(const QString &databasePath);
    // `account`'s balance as the integrated server itself reports it to alice.
    static qint64 serverBalance(DesktopApp &app, const QString &account);
    // Alt+letter keys that do more than one thing: in the main window (each page of its tab widget
    // with what is always shown; pages are never shown together), in each of its menus, in the
    // sign-in and the settings dialog. Empty when every mnemonic is unique where it is.
    static QStringList mnemonicClashes(MainWindow &window);
    // Waits until `condition` holds, processing events.
    static bool waitFor(const std::function<bool()> &condition, const char *what, int timeoutMs = kTimeoutMs);

private:
    QWidget *root();

    DesktopApp &m_app;
};
