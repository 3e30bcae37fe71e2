#include "tests/app/ScreenshotRenderer.h"

#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/startup/UiTranslation.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "app/ui/ScheduledView.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/AppTestServer.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace ScreenshotRenderer {

namespace {

bool waitUntil(const std::function<bool()> &condition) { return QTest::qWaitFor(condition, 20'000); }

QString save(QWidget *widget, const QString &path)
{
    // Layouts, late paints and short animations (a line edit's clear button fades in) settle first.
    QTest::qWait(600);
    const QPixmap picture = widget->grab();
    if (picture.isNull() || !picture.save(path, "PNG"))
        return QStringLiteral("cannot write %1").arg(path);
    return {};
}

void type(QWidget *root, const char *name, const QString &text)
{
    auto *edit = root->findChild<QLineEdit *>(QLatin1String(name));
    edit->clear();
    QTest::keyClicks(edit, text);
}

// bank-app on a new demo database in `data`, at the fixed port (any free one if it stays taken).
std::unique_ptr<DesktopApp> start(const QString &directory, const QTemporaryDir &data, QString &failure)
{
    AppOptions options;
    if (failure = prepare(directory, data, options); !failure.isEmpty())
        return nullptr;
    options.port = kPort;
    // The port is outside Linux's ephemeral range, but a parallel test may still hold it for a
    // moment; the picture shows the port, so wait for it before settling for another one.
    std::unique_ptr<DesktopApp> app;
    for (QDeadlineTimer patience(5'000);; QTest::qWait(100)) {
        app.reset(); // it holds the data folder
        app = std::make_unique<DesktopApp>(options);
        failure = app->start();
        if (failure.isEmpty() || patience.hasExpired())
            break;
    }
    if (!failure.isEmpty()) {
        options.port = 0;
        app.reset();
        app = std::make_unique<DesktopApp>(options);
        if (failure = app->start(); !failure.isEmpty())
            return nullptr;
    }
    MainWindow &window = app->window();
    window.resize(kWindowWidth, kWindowHeight);
    window.show();
    window.showLogin();
    if (!QTest::qWaitForWindowExposed(window.loginDialog()) || !waitUntil([&] { return !app->api().isBusy(); })) {
        failure = QStringLiteral("the login dialog did not appear");
        return nullptr;
    }
    return app;
}

// The main window signed in as alice, with a transfer to Bob filled in, saved as `file`.
QString saveMainWindow(DesktopApp &app, const QString &file, const QString &amount, const QString &memo)
{
    MainWindow &window = app.window();
    app.session().signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    auto *to = window.findChild<QComboBox *>(QStringLiteral("toAccount"));
    if (!waitUntil([&] {
            return app.session().isSignedIn() && to->findText(QStringLiteral("Bob Checking (Bob the Builder)")) >= 0
                && !app.api().isBusy();
        }))
        return QStringLiteral("sign-in did not complete");
    to->setCurrentIndex(to->findText(QStringLiteral("Bob Checking (Bob the Builder)")));
    type(&window, "amount", amount);
    type(&window, "memo", memo);
    if (!waitUntil([&] { return !window.loginDialog()->isVisible(); }))
        return QStringLiteral("the login dialog did not close");
    return save(&window, file);
}

// The Scheduled tab of the signed-in window, saved as `file`: two schedules at fixed times (made
// through the API, so that no random key shows), the first selected with its runs, and a third
// filled in.
QString saveScheduledTab(DesktopApp &app, const QString &file, const QString &amount, const QString &memo)
{
    MainWindow &window = app.window();
    ScheduledView *tab = window.scheduledView();
    window.findChild<QTabWidget *>(QStringLiteral("tabs"))->setCurrentWidget(tab);
    const QList<Account> accounts = app.session().directory().accounts();
    const QList<Payee> payees = app.session().directory().payees();
    if (accounts.isEmpty() || payees.isEmpty())
        return QStringLiteral("no accounts to schedule with");
    const QDate firstDay(2030, 1, 31);
    int made = 0;
    for (const auto &[every, count, cents, note] :
         {std::tuple{ScheduledTransferRequest::Every::Month, 12, 65'000, memo},
          std::tuple{ScheduledTransferRequest::Every::Week, 4, 1'500, QString()}}) {
        ScheduledTransferRequest request;
        request.transfer = {accounts.first().id, payees.first().id, cents, accounts.first().currency, note};
        request.firstRunAtMs = QDateTime(firstDay, QTime(9, 0)).toMSecsSinceEpoch();
        request.every = every;
        request.count = count;
        app.api().issueKey(ApiOperations::kScheduledTransfer, tab,
                           [&app, tab, request, &made](const ApiResult<IdempotencyKeyInfo> &key) {
                               if (key)
                                   app.api().createScheduledTransfer(
                                       request, key->key, tab,
                                       [&made](const ScheduleAttempt &attempt) { made += attempt.result ? 1 : 0; });
                           });
        if (!waitUntil([&] { return !app.api().isBusy(); }))
            return QStringLiteral("the schedules were not made");
    }
    if (made != 2)
        return QStringLiteral("the bank did not make the schedules");
    tab->refresh();
    if (!waitUntil([&] { return tab->schedulesTable()->model()->rowCount() == 2 && !app.api().isBusy(); }))
        return QStringLiteral("the schedules were not listed");
    tab->schedulesTable()->selectRow(1);
    if (!waitUntil([&] { return tab->occurrencesTable()->model()->rowCount() == 12 && !app.api().isBusy(); }))
        return QStringLiteral("the runs were not shown");
    auto *to = tab->findChild<QComboBox *>(QStringLiteral("scheduleToAccount"));
    to->setCurrentIndex(to->findData(payees.first().id));
    type(tab, "scheduleAmount", amount);
    tab->findChild<QDateTimeEdit *>(QStringLiteral("scheduleFirstRun"))->setDateTime(QDateTime(firstDay, QTime(9, 0)));
    return save(&window, file);
}

} // namespace

void useFixedLook()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(QApplication::style()->standardPalette());
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSize(10);
    font.setHintingPreference(QFont::PreferNoHinting);
    QApplication::setFont(font);
    // A steady text cursor: a blinking one would be caught on or off at random.
    QApplication::setCursorFlashTime(0);
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ExactlyOnceBankScreenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("bank-app"));
}

QString prepare(const QString &directory, const QTemporaryDir &data, AppOptions &options)
{
    QSettings().clear();
    if (!data.isValid() || !QDir().mkpath(directory))
        return QStringLiteral("no place to work in");
    options.databasePath = data.filePath(QStringLiteral("bank.db"));
    // The sign-in dialog shows the demo passwords: the same ones on every run.
    options.demoPassword = QString::fromLatin1(AppTestServer::kDemoPassword);
    DesktopDriver::isolateRuntimeFolder();
    return {};
}

QString render(const QString &directory)
{
    QString failure;
    {
        QTemporaryDir data;
        std::unique_ptr<DesktopApp> app = start(directory, data, failure);
        if (!app)
            return failure;
        LoginDialog *login = app->window().loginDialog();
        login->resize(kDialogWidth, kDialogHeight);
        type(login, "username", QStringLiteral("alice"));
        type(login, "password", QStringLiteral("wonderland"));
        if (failure = save(login, QDir(directory).filePath(QStringLiteral("login-dialog.png"))); !failure.isEmpty())
            return failure;
        if (failure = saveMainWindow(*app, QDir(directory).filePath(QStringLiteral("main-window.png")),
                                     QStringLiteral("25.00"), QStringLiteral("Lunch on Friday"));
            !failure.isEmpty())
            return failure;
        if (failure = saveScheduledTab(*app, QDir(directory).filePath(QStringLiteral("scheduled-tab.png")),
                                       QStringLiteral("40.00"), QStringLiteral("Rent"));
            !failure.isEmpty())
            return failure;
    }
    // The same in German, as on a German system: the window's texts are set when it is made.
    QLocale::setDefault(QLocale(QStringLiteral("de_DE")));
    {
        const UiTranslation german(QLocale{});
        QTemporaryDir data;
        std::unique_ptr<DesktopApp> app = start(directory, data, failure);
        if (app)
            failure = saveMainWindow(*app, QDir(directory).filePath(QStringLiteral("main-window-de.png")),
                                     QStringLiteral("25,00"), QStringLiteral("Mittagessen am Freitag"));
        if (app && failure.isEmpty())
            failure = saveScheduledTab(*app, QDir(directory).filePath(QStringLiteral("scheduled-tab-de.png")),
                                       QStringLiteral("40,00"), QStringLiteral("Miete"));
    }
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    return failure;
}

} // namespace ScreenshotRenderer
