#include "tests/app/ScreenshotRenderer.h"

#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "tests/app/AppTestServer.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
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
    isolateRuntimeFolder();
    return {};
}

QString render(const QString &directory)
{
    QTemporaryDir data;
    AppOptions options;
    if (const QString failure = prepare(directory, data, options); !failure.isEmpty())
        return failure;
    options.port = kPort;
    // The port is outside Linux's ephemeral range, but a parallel test may still hold it for a
    // moment; the picture shows the port, so wait for it before settling for another one.
    std::unique_ptr<DesktopApp> app;
    QString startFailure;
    for (QDeadlineTimer patience(5'000);; QTest::qWait(100)) {
        app.reset(); // it holds the data folder
        app = std::make_unique<DesktopApp>(options);
        startFailure = app->start();
        if (startFailure.isEmpty() || patience.hasExpired())
            break;
    }
    if (!startFailure.isEmpty()) {
        options.port = 0;
        app.reset();
        app = std::make_unique<DesktopApp>(options);
        if (startFailure = app->start(); !startFailure.isEmpty())
            return startFailure;
    }
    MainWindow &window = app->window();
    window.resize(kWindowWidth, kWindowHeight);
    window.show();
    window.showLogin();
    LoginDialog *login = window.loginDialog();
    if (!QTest::qWaitForWindowExposed(login) || !waitUntil([&] { return !app->api().isBusy(); }))
        return QStringLiteral("the login dialog did not appear");
    login->resize(kDialogWidth, kDialogHeight);
    type(login, "username", QStringLiteral("alice"));
    type(login, "password", QStringLiteral("wonderland"));
    if (const QString failure = save(login, QDir(directory).filePath(QStringLiteral("login-dialog.png")));
        !failure.isEmpty())
        return failure;

    app->session().signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
    auto *to = window.findChild<QComboBox *>(QStringLiteral("toAccount"));
    if (!waitUntil([&] {
            return app->session().isSignedIn() && to->findText(QStringLiteral("Bob Checking (Bob the Builder)")) >= 0
                && !app->api().isBusy();
        }))
        return QStringLiteral("sign-in did not complete");
    to->setCurrentIndex(to->findText(QStringLiteral("Bob Checking (Bob the Builder)")));
    type(&window, "amount", QStringLiteral("25.00"));
    type(&window, "memo", QStringLiteral("Lunch on Friday"));
    if (!waitUntil([&] { return !login->isVisible(); }))
        return QStringLiteral("the login dialog did not close");
    return save(&window, QDir(directory).filePath(QStringLiteral("main-window.png")));
}

} // namespace ScreenshotRenderer
