// bank-app-automation-doc [--check] DOC: the automation table of bank-app's windows
// (AutomationTable), read off the running app (offscreen, signed out, integrated server on a
// temporary database), written into DOC's generated section; with --check only compared with it.
#include "app/startup/DesktopApp.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "tests/app/AutomationTable.h"
#include "tests/app/DesktopDriver.h"

#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStringList arguments = QApplication::arguments().mid(1);
    const bool check = arguments.removeAll(QStringLiteral("--check")) > 0;
    if (arguments.size() != 1) {
        std::fprintf(stderr, "usage: bank-app-automation-doc [--check] docs/automation.md\n");
        return 2;
    }
    QFile doc(arguments.constFirst());
    if (!doc.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bank-app-automation-doc: cannot read %s\n", qPrintable(doc.fileName()));
        return 1;
    }
    const QString committed = QString::fromUtf8(doc.readAll());
    doc.close();

    DesktopDriver::prepareEnvironment(QStringLiteral("bank-app-automation-doc"));
    QTemporaryDir data;
    const std::unique_ptr<DesktopApp> desktop = DesktopDriver::launch(data.filePath(QStringLiteral("bank.db")));
    if (!desktop)
        return 1;
    MainWindow &window = desktop->window();
    const QString section = AutomationTable::markdown(
        {&window, window.loginDialog(), window.findChild<QDialog *>(QStringLiteral("settingsDialog"))});
    const QString generated = AutomationTable::replaceSection(committed, section);
    if (generated.isEmpty()) {
        std::fprintf(stderr, "bank-app-automation-doc: %s has no generated section (%s ... %s)\n",
                     qPrintable(doc.fileName()), qPrintable(AutomationTable::kBegin),
                     qPrintable(AutomationTable::kEnd));
        return 1;
    }
    if (check) {
        if (generated == committed)
            return 0;
        std::fprintf(stderr,
                     "%s: its automation table differs from the app's widgets. Regenerate it with\n"
                     "    cmake --build --preset ci --target automation_doc\n"
                     "and commit it (names change only with a version bump and a changelog line). "
                     "The app's table:\n\n%s",
                     qPrintable(doc.fileName()), qPrintable(section));
        return 1;
    }
    if (!doc.open(QIODevice::WriteOnly | QIODevice::Truncate) || doc.write(generated.toUtf8()) < 0) {
        std::fprintf(stderr, "bank-app-automation-doc: cannot write %s\n", qPrintable(doc.fileName()));
        return 1;
    }
    return 0;
}
