#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/startup/StartupProbe.h"
#include "app/startup/UiTranslation.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QMessageBox>

#include <cstdio>

namespace {

// On stderr, and in a box for whoever sits at the screen; an offscreen run has nobody to close it.
void reportFatal(const QString &line, const QString &boxText)
{
    std::fprintf(stderr, "bank-app: %s\n", qPrintable(line));
    const QString platform = QGuiApplication::platformName();
    if (platform != QLatin1String("offscreen") && platform != QLatin1String("minimal"))
        QMessageBox::critical(nullptr, QApplication::translate("main", "Exactly-Once Bank"), boxText);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ExactlyOnceBank"));
    QApplication::setApplicationName(QStringLiteral("bank-app"));
    // No display name: the windows name the app in their titles, and Qt would add it a second time.
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("bank-app"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/bank-app.svg")));

    // The language first, so that even --help speaks it; numbers, dates and money follow it.
    const QLocale locale = UiTranslation::fromArguments(QApplication::arguments());
    QLocale::setDefault(locale);
    const UiTranslation translation(locale);

    QString informational;
    const auto options = AppOptions::fromArguments(QApplication::arguments(), &informational);
    if (!options) {
        if (!informational.isEmpty()) {
            std::fputs(qPrintable(informational), stdout);
            return 0;
        }
        std::fprintf(stderr, "bank-app: %s\n", qPrintable(options.problem().detail));
        return 2;
    }

    DesktopApp desktop(options.value());
    if (!desktop.refusal().isEmpty()) {
        reportFatal(desktop.refusal(), desktop.refusal());
        return 3;
    }
    if (const QString failure = desktop.start(); !failure.isEmpty()) {
        reportFatal(QStringLiteral("cannot connect to the bank: %1").arg(failure),
                    QApplication::translate("main", "The app could not connect to the bank:\n%1").arg(failure));
        return 1;
    }

    StartupProbe probe(sinceMain);
    if (options->measureStartup)
        probe.watch(desktop.window().loginDialog());
    desktop.window().show();
    desktop.window().showLogin();
    const int status = QApplication::exec();
    desktop.signOutBeforeQuit();
    return status;
}
