#include "tests/app/DesktopDriver.h"

#include "app/client/models/AccountsModel.h"
#include "app/startup/DesktopApp.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "tests/app/AppTestServer.h"
#include "tests/support/TestServer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
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

} // namespace

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
    auto *to = find<QComboBox>("toAccount");
    auto *accounts = find<QTableView>("accountsView");
    return waitFor([&] { return m_app.session().isSignedIn() && !login->isVisible(); }, "signed in")
        && waitFor([&] { return accounts->model()->rowCount() > 0 && to->count() > 1 && !m_app.api().isBusy(); },
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

QString DesktopDriver::result() { return find<InlineMessage>("resultMessage")->text(); }

void DesktopDriver::prepareEnvironment(const QString &applicationName)
{
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ExactlyOnceBankTests"));
    QCoreApplication::setApplicationName(applicationName);
    QSettings().clear();
    isolateRuntimeFolder();
}

std::unique_ptr<DesktopApp> DesktopDriver::launch(const QString &databasePath)
{
    AppOptions options;
    options.databasePath = databasePath;
    options.demoPassword = QString::fromLatin1(AppTestServer::kDemoPassword);
    auto app = std::make_unique<DesktopApp>(options);
    if (!app->start().isEmpty())
        return nullptr;
    app->window().show();
    app->window().showLogin();
    if (!QTest::qWaitForWindowExposed(&app->window()))
        return nullptr;
    return app;
}

qint64 DesktopDriver::serverBalance(DesktopApp &app, const QString &account)
{
    TestHttpClient http(quint16(app.backend().endpoint().url.port()));
    http.setIntegratedSecret(app.backend().integratedSecret());
    http.setToken(TestServer::login(http, "alice", AppTestServer::kDemoPassword));
    return TestServer::balances(http).value(account);
}
