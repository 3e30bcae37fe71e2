#include "testkit/DesktopDriver.h"

#include "app/client/models/AccountsModel.h"
#include "app/startup/DesktopApp.h"
#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/SimulatedNetwork.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "testkit/AwaitResult.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTimeEdit>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

int indexStartingWith(QComboBox *combo, const QString &textStart)
{
    for (int i = 0; i < combo->count(); ++i) {
        if (combo->itemText(i).startsWith(textStart))
            return i;
    }
    return -1;
}

using Mnemonics = QList<std::pair<QKeySequence, QString>>;

// The mnemonics of `root`'s own window (not of its dialogs), leaving out the widgets in `skipped`.
Mnemonics mnemonicsOf(QWidget *root, const QList<QWidget *> &skipped)
{
    Mnemonics found;
    const auto add = [&found](const QString &text) {
        if (const QKeySequence key = QKeySequence::mnemonic(text); !key.isEmpty())
            found.append({key, text});
    };
    for (QWidget *w : root->findChildren<QWidget *>()) {
        bool excluded = w->window() != root;
        for (QWidget *page : skipped)
            excluded = excluded || page->isAncestorOf(w);
        if (excluded)
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            add(button->text());
        else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            add(label->text());
        else if (auto *group = qobject_cast<QGroupBox *>(w); group && group->isCheckable())
            add(group->title());
        else if (auto *bar = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < bar->count(); ++i)
                add(bar->tabText(i));
        } else if (auto *menuBar = qobject_cast<QMenuBar *>(w)) {
            for (QAction *menu : menuBar->actions())
                add(menu->text());
        }
    }
    return found;
}

void addClashes(const Mnemonics &found, const QString &where, QStringList &clashes)
{
    for (qsizetype i = 0; i < found.size(); ++i) {
        for (qsizetype j = i + 1; j < found.size(); ++j) {
            if (found[i].first == found[j].first)
                clashes.append(QStringLiteral("%1: \"%2\" and \"%3\" share %4")
                                   .arg(where, found[i].second, found[j].second, found[i].first.toString()));
        }
    }
}

} // namespace

QStringList DesktopDriver::mnemonicClashes(MainWindow &window)
{
    QStringList clashes;
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QList<QWidget *> pages;
    for (int i = 0; i < tabs->count(); ++i)
        pages.append(tabs->widget(i));
    for (QWidget *page : pages) {
        QList<QWidget *> others = pages;
        others.removeOne(page);
        addClashes(mnemonicsOf(&window, others), QStringLiteral("main window with %1").arg(page->objectName()),
                   clashes);
    }
    for (QAction *menu : window.menuBar()->actions()) {
        Mnemonics items;
        for (QAction *item : menu->menu()->actions()) {
            if (const QKeySequence key = QKeySequence::mnemonic(item->text()); !key.isEmpty())
                items.append({key, item->text()});
        }
        addClashes(items, menu->text(), clashes);
    }
    addClashes(mnemonicsOf(window.loginDialog(), {}), QStringLiteral("sign-in dialog"), clashes);
    addClashes(mnemonicsOf(window.findChild<QDialog *>(QStringLiteral("settingsDialog")), {}),
               QStringLiteral("settings"), clashes);
    return clashes;
}

MainWindow &DesktopDriver::window() { return m_app.window(); }

QWidget *DesktopDriver::root() { return &m_app.window(); }

bool DesktopDriver::waitFor(const std::function<bool()> &condition, const char *what, int timeoutMs)
{
    if (QTest::qWaitFor(condition, timeoutMs))
        return true;
    qWarning("timed out waiting: %s", what);
    return false;
}

bool DesktopDriver::signIn(const QString &user, const QString &password)
{
    LoginDialog *login = window().loginDialog();
    if (!waitFor([login] { return login->isVisible(); }, "the login dialog"))
        return false;
    auto *username = login->findChild<QLineEdit *>(QStringLiteral("username"));
    auto *secret = login->findChild<QLineEdit *>(QStringLiteral("password"));
    username->clear();
    QTest::keyClicks(username, user);
    secret->clear();
    QTest::keyClicks(secret, password);
    QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
    auto *accounts = find<QTableView>("accountsView");
    // The form is looked up once signed in: after a crash of the client, the sign-in builds it anew.
    return waitFor([&] { return m_app.session().isSignedIn() && !login->isVisible(); }, "signed in")
        && waitFor(
               [&] {
                   auto *to = find<QComboBox>("toAccount");
                   return accounts->model()->rowCount() > 0 && to && to->count() > 1 && !m_app.api().isBusy();
               },
               "accounts loaded");
}

bool DesktopDriver::fillForm(const QString &fromName, const QString &toName, const QString &amountText,
                             const QString &memoText)
{
    auto *from = find<QComboBox>("fromAccount");
    auto *to = find<QComboBox>("toAccount");
    auto *amount = find<QLineEdit>("amount");
    auto *memo = find<QLineEdit>("memo");
    const int fromIndex = indexStartingWith(from, fromName);
    const int toIndex = indexStartingWith(to, toName);
    if (fromIndex < 0 || toIndex < 0) {
        qWarning("no account %s or %s in the form", qPrintable(fromName), qPrintable(toName));
        return false;
    }
    from->setCurrentIndex(fromIndex);
    to->setCurrentIndex(toIndex);
    amount->clear();
    QTest::keyClicks(amount, amountText);
    memo->clear();
    if (!memoText.isEmpty())
        QTest::keyClicks(memo, memoText);
    return amount->text() == amountText;
}

QString DesktopDriver::balanceShown(const QString &accountName)
{
    QAbstractItemModel *model = find<QTableView>("accountsView")->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, AccountsModel::NameColumn).data().toString() == accountName)
            return model->index(row, AccountsModel::BalanceColumn).data().toString();
    }
    return {};
}

bool DesktopDriver::send()
{
    auto *button = find<QPushButton>("sendButton");
    if (!button->isEnabled()) {
        qWarning("sendButton cannot be pressed");
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

bool DesktopDriver::sendTransfer(const QString &fromName, const QString &toName, const QString &amountText,
                                 const QString &memoText)
{
    return fillForm(fromName, toName, amountText, memoText) && send();
}

std::optional<DesktopDriver::Outcome> DesktopDriver::awaitOutcome(int timeoutMs)
{
    if (!awaitSettled([this] { return m_app.session().transferFlow().isBusy(); }, "sendButton",
                      "the transfer's outcome", timeoutMs))
        return std::nullopt;
    return Outcome{result(), keyShown(), keyState()};
}

bool DesktopDriver::createSchedule(const QString &toName, const QString &amountText, const QDateTime &firstRun,
                                   ScheduleDraft::Repeat repeat, int count)
{
    // As a person does: the form is on the Scheduled tab, and a click reaches only what is shown.
    find<QTabWidget>("tabs")->setCurrentWidget(find<QWidget>("scheduledPanel"));
    auto *to = find<QComboBox>("scheduleToAccount");
    auto *how = find<QComboBox>("scheduleRepeat");
    auto *runs = find<QSpinBox>("scheduleCount");
    auto *amount = find<QLineEdit>("scheduleAmount");
    auto *when = find<QDateTimeEdit>("scheduleFirstRun");
    auto *create = find<QPushButton>("createScheduleButton");
    const int toIndex = indexStartingWith(to, toName);
    const int repeatIndex = how->findData(int(repeat));
    if (toIndex < 0 || repeatIndex < 0) {
        qWarning("no recipient %s or repeat %d in the schedule form", qPrintable(toName), int(repeat));
        return false;
    }
    to->setCurrentIndex(toIndex);
    amount->clear();
    QTest::keyClicks(amount, amountText);
    when->setDateTime(firstRun);
    how->setCurrentIndex(repeatIndex);
    runs->setValue(count);
    if (amount->text() != amountText || when->dateTime() != firstRun || runs->value() != count
        || !create->isEnabled()) {
        qWarning("the schedule form did not take %s at %s, %d runs", qPrintable(amountText),
                 qPrintable(firstRun.toString(Qt::ISODate)), count);
        return false;
    }
    QTest::mouseClick(create, Qt::LeftButton);
    return true;
}

std::optional<DesktopDriver::ScheduleOutcome> DesktopDriver::awaitSchedule(int timeoutMs)
{
    if (!awaitSettled([this] { return m_app.session().scheduleCreation().isBusy(); }, "createScheduleButton",
                      "the schedule's outcome", timeoutMs))
        return std::nullopt;
    return ScheduleOutcome{find<InlineMessage>("scheduleMessage")->text(), find<QLabel>("scheduleKey")->text()};
}

bool DesktopDriver::awaitSettled(const std::function<bool()> &busy, const char *buttonName, const char *what,
                                 int timeoutMs)
{
    auto *button = find<QPushButton>(buttonName);
    const AttemptTimeline &timeline = find<AttemptTimelineView>("attemptTimeline")->timeline();
    return waitFor([&] { return !busy() && button->isEnabled() && (timeline.isEmpty() || timeline.isSettled()); }, what,
                   timeoutMs);
}

QString DesktopDriver::result() { return find<InlineMessage>("resultMessage")->text(); }

QString DesktopDriver::keyShown() { return find<QLabel>("idempotencyKey")->text(); }

QString DesktopDriver::keyState() { return find<QLabel>("keyState")->text(); }

QStringList DesktopDriver::timelineRows()
{
    QStringList rows;
    QAccessibleInterface *lines = QAccessible::queryAccessibleInterface(find<AttemptTimelineView>("attemptTimeline"));
    for (int i = 0; i < lines->childCount(); ++i)
        rows.append(lines->child(i)->text(QAccessible::Name));
    return rows;
}

bool DesktopDriver::armFailure(FaultCase failure, NetworkSimulation::When when)
{
    const auto chosen = [this, failure, when] {
        const NetworkSimulation &simulation = m_app.simulation();
        return simulation.enabled && simulation.failure == failure && simulation.when == when;
    };
    // The same choice again changes nothing in the panel: its schedule is armed afresh by hand.
    const bool again = chosen();
    find<QGroupBox>("simulateGroup")->setChecked(true);
    auto *failureCase = find<QComboBox>("failureCase");
    auto *schedule = find<QComboBox>("failureSchedule");
    const int caseIndex = failureCase->findData(int(failure));
    const int whenIndex = schedule->findData(int(when));
    if (caseIndex < 0 || whenIndex < 0) {
        qWarning("no failure case %d or schedule %d", int(failure), int(when));
        return false;
    }
    failureCase->setCurrentIndex(caseIndex);
    schedule->setCurrentIndex(whenIndex);
    if (auto *rearm = find<QPushButton>("rearmButton"); again && rearm->isEnabled())
        rearm->click();
    return waitFor([this, &chosen] { return chosen() && m_app.network().isActive(); }, "the failure armed");
}

void DesktopDriver::disarmFailures() { find<QGroupBox>("simulateGroup")->setChecked(false); }

bool DesktopDriver::setUnsafe(bool unsafe)
{
    auto *check = find<QCheckBox>("unsafeCheck");
    if (check->isChecked() != unsafe)
        check->click();
    return check->isChecked() == unsafe;
}

void DesktopDriver::prepareEnvironment(const QString &applicationName, const QLocale &locale)
{
    QLocale::setDefault(locale);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ExactlyOnceBankTests"));
    QCoreApplication::setApplicationName(applicationName);
    QSettings().clear();
    isolateRuntimeFolder();
}

void DesktopDriver::isolateRuntimeFolder()
{
    static const QTemporaryDir runtime;
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
}

std::unique_ptr<DesktopApp> DesktopDriver::launch(const QString &databasePath, std::optional<quint32> retrySeed)
{
    AppOptions options;
    options.databasePath = databasePath;
    options.demoPassword = QString::fromLatin1(kDemoPassword);
    options.randomSeed = retrySeed;
    auto app = std::make_unique<DesktopApp>(options);
    if (!app->start().isEmpty())
        return nullptr;
    app->window().show();
    app->window().showLogin();
    if (!QTest::qWaitForWindowExposed(&app->window()))
        return nullptr;
    return app;
}

std::unique_ptr<DesktopApp> DesktopDriver::launchSignedIn(const QString &databasePath)
{
    std::unique_ptr<DesktopApp> app = launch(databasePath);
    if (!app)
        return nullptr;
    app->session().transferFlow().setRetryPolicy(RetryPolicy({100, 400, 6, 30'000}, [] { return 1.0; }));
    if (!DesktopDriver(*app).signIn(QStringLiteral("alice"), QString::fromLatin1(kDemoPassword)))
        return nullptr;
    return app;
}

qint64 DesktopDriver::serverBalance(DesktopApp &app, const QString &account)
{
    ApiClient bank;
    bank.setIntegratedSecret(app.backend().integratedSecret());
    QObject context;
    const std::optional<SignedIn> alice = ::signIn(bank, app.backend().endpoint().url, QStringLiteral("alice"),
                                                   QString::fromLatin1(kDemoPassword), &context);
    if (!alice)
        return -1;
    // Signed out again: a test reads balances often, and the bank counts each user's live
    // sessions (bank-server --max-sessions, 20 by default).
    awaitResult<bool>([&](auto done) { bank.signOut(&context, done); });
    for (const Account &found : alice->accounts) {
        if (found.name == account)
            return found.balance;
    }
    return -1;
}
