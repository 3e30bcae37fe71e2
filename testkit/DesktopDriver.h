#pragma once

#include "app/client/schedule/ScheduleDraft.h"
#include "app/faultproxy/FaultCase.h"
#include "app/teaching/NetworkSimulation.h"

#include <QDateTime>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class DesktopApp;
class MainWindow;

// Drives bank-app's window the way a user does (offscreen), by the names of the automation
// contract (docs/automation.md): signs in through the login dialog, fills and sends the transfer
// form, awaits its outcome, reads balances, the key, its state and the timeline's rows, arms a
// simulated network failure. The steps wait with generous timeouts and return false or nullopt
// (with a warning saying what did not happen) instead of failing, so tests wrap them in QVERIFY.
class DesktopDriver
{
public:
    static constexpr int kTimeoutMs = 20'000;
    // Every demo user's password in an app that launch() started, as in a classroom.
    static constexpr char kDemoPassword[] = "wonderland";

    // What the window shows once a transfer has finished.
    struct Outcome
    {
        QString result;   // resultMessage: the line under the form
        QString key;      // idempotencyKey
        QString keyState; // keyState: "completed", "rejected", "outcome unknown"; "not used" without a key
    };

    // What the Scheduled tab shows once a schedule's creation has finished.
    struct ScheduleOutcome
    {
        QString message; // scheduleMessage: "Scheduled.", or why not
        QString key;     // scheduleKey
    };

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
    // Presses sendButton; false while it cannot be pressed.
    bool send();
    // fillForm, then send.
    bool sendTransfer(const QString &fromName, const QString &toName, const QString &amountText,
                      const QString &memoText = {});
    // Waits until the transfer sent last has finished (automatic retries included) and the
    // timeline, if it records it, is settled; nullopt if it did not in time.
    std::optional<Outcome> awaitOutcome(int timeoutMs = kTimeoutMs);
    // The balance the accounts view shows for an account, e.g. "$975.00"; empty if not listed.
    QString balanceShown(const QString &accountName);
    // The result line under the form.
    QString result();
    // The idempotency key the form shows, and its state.
    QString keyShown();
    QString keyState();
    // The attempt timeline's lines as a screen reader reads them: "Transfer: …", "Key: …",
    // "Attempt N at TIME: …", "Ledger effect: …".
    QStringList timelineRows();
    // Switches to the Scheduled tab, chooses the recipient by the start of its text (scheduleToAccount; the
    // money leaves the first account), types the amount, sets the first run, how often
    // (scheduleRepeat, by its items' data) and how many runs, and presses createScheduleButton;
    // false if a control did not take it.
    bool createSchedule(const QString &toName, const QString &amountText, const QDateTime &firstRun,
                        ScheduleDraft::Repeat repeat = ScheduleDraft::Repeat::Once, int count = 1);
    // Waits until the schedule created last is made or refused (automatic retries included) and
    // the timeline, if it records it, is settled; nullopt if it did not in time.
    std::optional<ScheduleOutcome> awaitSchedule(int timeoutMs = kTimeoutMs);
    // Switches the simulated network on (simulateGroup) with `failure` (failureCase) at `when`
    // (failureSchedule), or arms the same choice again (rearmButton); false if the app did not
    // take it. FaultCase::DropResponse is case 3: the bank's answer is lost.
    bool armFailure(FaultCase failure, NetworkSimulation::When when = NetworkSimulation::When::NextAttempt);
    // Switches the simulated network off again.
    void disarmFailures();
    // Sending without an idempotency key (unsafeCheck), the teaching demo's unsafe client.
    bool setUnsafe(bool unsafe);

    // The settings every GUI test starts from: `locale` (en_US unless the test is about another),
    // QStandardPaths test mode, its own cleared QSettings under `applicationName`.
    static void prepareEnvironment(const QString &applicationName,
                                   const QLocale &locale = QLocale(QStringLiteral("en_US")));
    // Points XDG_RUNTIME_DIR at a temporary folder of this process (made 0700) for the rest of its
    // life: integrated.json there is not a real app's.
    static void isolateRuntimeFolder();
    // bank-app on the SQLite file `databasePath` (created with demo data if new), as in a classroom:
    // every demo user's password is kDemoPassword; `retrySeed` as --retry-seed. Started, its window
    // shown with the login dialog open. nullptr if it did not start or show.
    static std::unique_ptr<DesktopApp> launch(const QString &databasePath, std::optional<quint32> retrySeed = {});
    // launch(), with the real retry policy made short and certain (every wait at its ceiling: 100,
    // 200, 400, 400… ms), signed in as alice through the login dialog. nullptr if a step did not
    // happen.
    static std::unique_ptr<DesktopApp> launchSignedIn(const QString &databasePath);
    // `account`'s balance in cents as the integrated server's ledger has it, asked directly (not
    // through the simulated network) as alice; -1 if it could not be read.
    static qint64 serverBalance(DesktopApp &app, const QString &account);
    // Alt+letter keys that do more than one thing: in the main window (each page of its tab widget
    // with what is always shown; pages are never shown together), in each of its menus, in the
    // sign-in and the settings dialog. Empty when every mnemonic is unique where it is.
    static QStringList mnemonicClashes(MainWindow &window);
    // Waits until `condition` holds, processing events.
    static bool waitFor(const std::function<bool()> &condition, const char *what, int timeoutMs = kTimeoutMs);

private:
    QWidget *root();
    // Waits until `busy` is false, `buttonName` can be pressed again and the timeline, if it has
    // rows, is settled.
    bool awaitSettled(const std::function<bool()> &busy, const char *buttonName, const char *what, int timeoutMs);

    DesktopApp &m_app;
};
