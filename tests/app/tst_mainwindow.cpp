// The desktop client driven like a user: real widgets (offscreen) on bank-app's own wiring
// (DesktopApp) with the real integrated server on a temporary database.
#include "app/client/models/AccountsModel.h"
#include "app/client/models/KeysModel.h"
#include "app/client/models/TransferHistoryModel.h"
#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/ui/IdentifierDelegate.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "app/ui/TeachingPanel.h"
#include "app/ui/TransferForm.h"
#include "server/http/HttpLogEntry.h"
#include "server/metrics/Metrics.h"
#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/AppTestServer.h"
#include "tests/support/TestServer.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;
    QString m_replayedKey; // a key whose answer the bank replayed once

    MainWindow &window() { return m_app->window(); }
    template <typename T>
    T *find(const char *name)
    {
        return m_driver->find<T>(name);
    }
    LoginDialog *login() { return window().loginDialog(); }
    QComboBox *from() { return find<QComboBox>("fromAccount"); }
    QComboBox *to() { return find<QComboBox>("toAccount"); }
    QLineEdit *amount() { return find<QLineEdit>("amount"); }
    QLineEdit *memo() { return find<QLineEdit>("memo"); }
    QPushButton *sendButton() { return find<QPushButton>("sendButton"); }
    QString keyText() { return find<QLabel>("idempotencyKey")->text(); }
    QString keyState() { return find<QLabel>("keyState")->text(); }
    QString result() { return m_driver->result(); }
    QAbstractItemModel *accountsView() { return find<QTableView>("accountsView")->model(); }
    QAbstractItemModel *historyView() { return find<QTableView>("historyView")->model(); }

    // Requests the server answered, by "METHOD /path", from the app's own server log.
    int requests(const QString &methodAndPath)
    {
        QCoreApplication::processEvents();
        return int(m_app->serverLog()
                       .lines()
                       .filter(QRegularExpression(u'^' + QRegularExpression::escape(methodAndPath) + u' '))
                       .size());
    }
    quint16 serverPort() const { return quint16(m_app->backend().endpoint().url.port()); }
    Metrics &serverMetrics() { return m_app->backend().integratedServer()->server()->metrics(); }
    QMap<QString, qint64> serverBalances(const QByteArray &user, const QByteArray &password)
    {
        TestHttpClient http(serverPort());
        http.setIntegratedSecret(m_app->backend().integratedSecret());
        http.setToken(TestServer::login(http, user, password));
        return TestServer::balances(http);
    }
    QString balanceShown(const QString &accountName) { return m_driver->balanceShown(accountName); }
    // The Keys tab: key -> state as shown.
    QMap<QString, QString> keysShown()
    {
        QAbstractItemModel *keys = find<QTableView>("keysView")->model();
        QMap<QString, QString> shown;
        for (int row = 0; row < keys->rowCount(); ++row)
            shown.insert(keys->index(row, KeysModel::KeyColumn).data().toString(),
                         keys->index(row, KeysModel::StateColumn).data().toString());
        return shown;
    }
    QString serverKeyStatus(const QString &key)
    {
        TestHttpClient http(serverPort());
        http.setIntegratedSecret(m_app->backend().integratedSecret());
        http.setToken(TestServer::login(http, "alice", AppTestServer::kDemoPassword));
        return http.get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")).toString();
    }
    void signIn(const QString &user, const QString &password) { QVERIFY(m_driver->signIn(user, password)); }
    void signOut()
    {
        find<QAction>("signOutAction")->trigger();
        QVERIFY(!m_app->session().isSignedIn());
        QTRY_VERIFY(login()->isVisible());
    }
    void fillForm(const QString &fromName, const QString &toName, const QString &amountText,
                  const QString &memoText = {})
    {
        QVERIFY(m_driver->fillForm(fromName, toName, amountText, memoText));
    }
    // Tab (or Shift+Tab) from `start` until the focus comes back to it: every widget it passed.
    QList<QWidget *> tabCycle(QWidget *start, bool backwards)
    {
        start->setFocus(Qt::TabFocusReason);
        QList<QWidget *> seen;
        if (!QTest::qWaitFor([start] { return QApplication::focusWidget() == start; }))
            return seen;
        for (int step = 0; step < 80; ++step) {
            seen.append(QApplication::focusWidget());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, backwards ? Qt::ShiftModifier : Qt::NoModifier);
            if (QApplication::focusWidget() == start)
                break;
        }
        return seen;
    }
    // What the user sees of the layout: the two panes, the form's buttons and the timeline.
    QStringList layoutGeometry()
    {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QStringList rects;
        for (const char *name : {"transferForm", "tabs", "sendButton", "newTransferButton", "newKeyButton",
                                 "autoRetryCheck", "checkStatusButton", "idempotencyKey", "attemptTimeline"}) {
            QWidget *widget = find<QWidget>(name);
            const QPoint at = widget->mapTo(&window(), QPoint(0, 0));
            rects.append(QStringLiteral("%1 at %2,%3 %4x%5")
                             .arg(QLatin1String(name))
                             .arg(at.x())
                             .arg(at.y())
                             .arg(widget->width())
                             .arg(widget->height()));
        }
        return rects;
    }
    void newTransfer()
    {
        find<QAction>("newTransferAction")->trigger();
        QCOMPARE(amount()->text(), QString());
        QCOMPARE(keyState(), QStringLiteral("no key yet"));
    }

private slots:
    void initTestCase()
    {
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_mainwindow"));
        QVERIFY(m_dir.isValid());
        m_app = DesktopDriver::launch(m_dir.filePath(QStringLiteral("bank.db")));
        QVERIFY(m_app);
        m_driver = std::make_unique<DesktopDriver>(*m_app);
    }

    void startsSignedOutWithTheLoginDialogOpen()
    {
        QVERIFY(login()->isVisible());
        // open(), not exec(): window-modal, and this test is running, so no nested loop holds it.
        QCOMPARE(login()->windowModality(), Qt::WindowModal);
        QVERIFY(login()->findChild<QLabel *>(QStringLiteral("demoHint"))->isVisible());
        QVERIFY(login()
                    ->findChild<QLabel *>(QStringLiteral("demoHint"))
                    ->text()
                    .contains(QStringLiteral("alice / wonderland")));
        QVERIFY(!sendButton()->isEnabled());
        QCOMPARE(window().windowTitle(), QStringLiteral("Exactly-Once Bank"));
        QVERIFY(
            find<QLabel>("serverUrlLabel")->text().contains(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())));
        QTRY_COMPARE(find<QLabel>("connectionLabel")->text(), QStringLiteral("Connected"));
    }

    void aFirstStartFillsMostOfTheScreen()
    {
        // No saved geometry (the settings were cleared): a share of the screen, not a fixed size.
        const QRect available = window().screen()->availableGeometry();
        QCOMPARE(window().size(),
                 MainWindow::firstStartSize(available, window().minimumSize().expandedTo(window().minimumSizeHint())));
        QCOMPARE(MainWindow::firstStartSize(QRect(0, 0, 1280, 800), QSize(700, 500)), QSize(1024, 680));
        QCOMPARE(MainWindow::firstStartSize(QRect(0, 0, 1600, 1000), QSize(700, 500)), QSize(1280, 850));
        QCOMPARE(MainWindow::firstStartSize(QRect(0, 0, 3840, 2160), QSize(700, 500)), QSize(1600, 1000));
        // A window that needs more than the share gets what it needs.
        QCOMPARE(MainWindow::firstStartSize(QRect(0, 0, 1024, 600), QSize(900, 560)), QSize(900, 560));
    }

    void theAmountShowsAnExampleNotAValue()
    {
        QCOMPARE(amount()->placeholderText(), QStringLiteral("e.g. 12.50"));
        QVERIFY(amount()->text().isEmpty());
    }

    void wrongPasswordIsShownInTheDialog()
    {
        auto *username = login()->findChild<QLineEdit *>(QStringLiteral("username"));
        auto *secret = login()->findChild<QLineEdit *>(QStringLiteral("password"));
        username->clear();
        QTest::keyClicks(username, QStringLiteral("alice"));
        QTest::keyClicks(secret, QStringLiteral("not-the-password"));
        QTest::keyClick(secret, Qt::Key_Return);
        auto *error = login()->findChild<InlineMessage *>(QStringLiteral("loginError"));
        QTRY_COMPARE(error->text(), QStringLiteral("The username or password is wrong."));
        QVERIFY(error->isVisible());
        QVERIFY(login()->isVisible());
        QVERIFY(!m_app->session().isSignedIn());
    }

    void signingInShowsTheAccounts()
    {
        signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QCOMPARE(accountsView()->rowCount(), 2);
        QCOMPARE(balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("$1,000.00"));
        QCOMPARE(balanceShown(QStringLiteral("Alice Savings")), QStringLiteral("$5,000.00"));
        QCOMPARE(window().windowTitle(), QStringLiteral("Exactly-Once Bank — alice"));
        QVERIFY(sendButton()->isEnabled());
        // The username is remembered; the password is stored nowhere.
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("login/username")).toString(), QStringLiteral("alice"));
        for (const QString &key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("wonderland")), qPrintable(key));
        QVERIFY(login()->findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());
    }

    void enterSignsInWhenTheDialogOpensAgain()
    {
        auto *password = login()->findChild<QLineEdit *>(QStringLiteral("password"));
        auto *signInButton = login()->findChild<QPushButton *>(QStringLiteral("signInButton"));
        // Twice: after a sign-out, and after Cancel and Ctrl+L.
        for (const bool byShortcut : {false, true}) {
            signOut();
            if (byShortcut) {
                login()->reject();
                QTRY_VERIFY(!login()->isVisible());
                window().activateWindow();
                QVERIFY(QTest::qWaitForWindowActive(&window()));
                QTest::keyClick(&window(), Qt::Key_L, Qt::ControlModifier);
                QTRY_VERIFY(login()->isVisible());
            }
            QVERIFY(signInButton->isDefault());
            QTRY_COMPARE(QApplication::focusWidget(), password);
            QTest::keyClicks(password, QStringLiteral("wonderland"));
            QTest::keyClick(password, Qt::Key_Return);
            QTRY_VERIFY(m_app->session().isSignedIn());
            QTRY_VERIFY(!login()->isVisible());
            QTRY_VERIFY(accountsView()->rowCount() > 0 && !m_app->api().isBusy());
        }
    }

    void everyControlIsNamedDescribedAndExplained()
    {
        QList<QWidget *> controls;
        for (QWidget *root :
             {static_cast<QWidget *>(&window()), static_cast<QWidget *>(login()),
              static_cast<QWidget *>(window().findChild<QDialog *>(QStringLiteral("settingsDialog")))}) {
            QVERIFY(root);
            for (QWidget *w : root->findChildren<QWidget *>()) {
                const bool interactive = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
                    || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractItemView *>(w)
                    || qobject_cast<QTabWidget *>(w);
                if (!interactive || w->focusPolicy() == Qt::NoFocus || qobject_cast<QHeaderView *>(w))
                    continue;
                // The parts of Qt's composite widgets (a combo box's popup list, a tab bar's
                // scroll buttons, a spin box's line edit) belong to the widget that is named.
                bool part = false;
                for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
                    part = part || qobject_cast<QComboBox *>(p) || qobject_cast<QTabBar *>(p)
                        || qobject_cast<QAbstractSpinBox *>(p);
                if (!part)
                    controls.append(w);
            }
        }
        QVERIFY(controls.size() >= 20);
        for (QWidget *w : controls) {
            const QString what = QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName();
            QVERIFY2(!w->objectName().isEmpty(), qPrintable(what));
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(what));
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(what));
        }
        for (QAction *action : window().findChildren<QAction *>()) {
            if (!action->text().isEmpty() && !action->isSeparator() && !action->menu())
                QVERIFY2(!action->objectName().isEmpty(), qPrintable(action->text()));
        }
    }

    void tabOrderFollowsTheForm()
    {
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        const QList<QWidget *> order{from(),
                                     to(),
                                     amount(),
                                     memo(),
                                     sendButton(),
                                     find<QPushButton>("newTransferButton"),
                                     find<QPushButton>("newKeyButton")};
        for (qsizetype i = 0; i + 1 < order.size(); ++i) {
            order[i]->setFocus();
            QTRY_COMPARE(QApplication::focusWidget(), order[i]);
            QTest::keyClick(order[i], Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget(), order[i + 1]);
        }
    }

    void tabWalksEveryControlAndLeavesEveryTable()
    {
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        auto *tabs = find<QTabWidget>("tabs");
        auto *accounts = find<QTableView>("accountsView");
        for (int page = 0; page < tabs->count(); ++page) {
            if (!tabs->isTabEnabled(page))
                continue;
            tabs->setCurrentIndex(page);
            const QList<QWidget *> forwards = tabCycle(accounts, false);
            // Every control that Tab should reach, once: the tables are left, not walked cell by cell.
            QList<QWidget *> expected;
            for (QWidget *w : window().findChildren<QWidget *>()) {
                if (w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy()
                    && !qobject_cast<QAbstractSpinBox *>(w->parentWidget()))
                    expected.append(w);
            }
            QVERIFY(expected.size() >= 10);
            for (QWidget *w : expected)
                QVERIFY2(forwards.count(w) == 1,
                         qPrintable(QStringLiteral("page %1: %2 reached %3 times")
                                        .arg(page)
                                        .arg(w->objectName())
                                        .arg(forwards.count(w))));
            QCOMPARE(forwards.size(), expected.size());
            // In reading order: the accounts, the form, the tab bar, then the page.
            QCOMPARE(forwards.constFirst(), static_cast<QWidget *>(accounts));
            QVERIFY(forwards.indexOf(from()) < forwards.indexOf(tabs->tabBar()));
            QVERIFY(forwards.indexOf(find<QCheckBox>("autoRetryCheck")) < forwards.indexOf(tabs->tabBar()));
            QVERIFY(tabs->currentWidget()->isAncestorOf(forwards.constLast())
                    || forwards.constLast() == tabs->tabBar());
            // Shift+Tab walks the same way back.
            QList<QWidget *> backwards = tabCycle(accounts, true);
            std::reverse(backwards.begin() + 1, backwards.end());
            QCOMPARE(backwards, forwards);
        }
        tabs->setCurrentIndex(0);
    }

    void mnemonicsAreUniqueInEachWindow()
    {
        QCOMPARE(DesktopDriver::mnemonicClashes(window()), QStringList());
        // The Send button's other faces use the same letter as Send.
        QCOMPARE(QKeySequence::mnemonic(QStringLiteral("Retry with the &same key")),
                 QKeySequence::mnemonic(sendButton()->text()));
        QCOMPARE(QKeySequence::mnemonic(QStringLiteral("&Send without key (unsafe)")),
                 QKeySequence::mnemonic(sendButton()->text()));
    }

    void theRecipientListLeavesOutTheSourceAccount()
    {
        const auto offered = [this](const QString &name) {
            const int row = to()->findText(name);
            return row >= 0
                && (qobject_cast<QStandardItemModel *>(to()->model())->item(row)->flags() & Qt::ItemIsEnabled);
        };
        from()->setCurrentIndex(from()->findText(QStringLiteral("Alice Checking"), Qt::MatchStartsWith));
        QVERIFY(!offered(QStringLiteral("Alice Checking")));
        QVERIFY(offered(QStringLiteral("Alice Savings")));
        QVERIFY(offered(QStringLiteral("Bob Checking (Bob the Builder)")));
        from()->setCurrentIndex(from()->findText(QStringLiteral("Alice Savings"), Qt::MatchStartsWith));
        QVERIFY(offered(QStringLiteral("Alice Checking")));
        QVERIFY(!offered(QStringLiteral("Alice Savings")));
        // The keyboard skips it too.
        to()->setCurrentIndex(to()->findText(QStringLiteral("Alice Checking")));
        to()->setFocus();
        QTest::keyClick(to(), Qt::Key_Down);
        QCOMPARE(to()->currentText(), QStringLiteral("Bob Checking (Bob the Builder)"));
        from()->setCurrentIndex(from()->findText(QStringLiteral("Alice Checking"), Qt::MatchStartsWith));
    }

    void aTransferChangesBalancesAndHistory()
    {
        const qint64 bobBefore
            = serverBalances("bob", AppTestServer::kDemoPassword).value(QStringLiteral("Bob Checking"));
        const int keyRequests = requests(QStringLiteral("POST /v1/idempotency-keys"));
        const int transferRequests = requests(QStringLiteral("POST /v1/transfers"));
        QCOMPARE(keyText(), QStringLiteral("none yet"));

        fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), QStringLiteral("25.00"),
                 QStringLiteral("Lunch"));
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_VERIFY2(
            result().startsWith(QStringLiteral("Sent $25.00 from Alice Checking to Bob Checking (Bob the Builder)")),
            qPrintable(result()));
        QCOMPARE(keyState(), QStringLiteral("completed"));
        const QString key = keyText();
        QVERIFY(key.size() >= 16);

        // Both sides of the ledger moved: Alice's balance in the window, Bob's at the server.
        QTRY_COMPARE(balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("$975.00"));
        QCOMPARE(serverBalances("bob", AppTestServer::kDemoPassword).value(QStringLiteral("Bob Checking")),
                 bobBefore + 2500);
        // The history shows it on top, with the key the form held and no replays yet.
        QTRY_VERIFY(historyView()->rowCount() >= 1);
        QTRY_COMPARE(historyView()->index(0, TransferHistoryModel::AmountColumn).data().toString(),
                     QStringLiteral("$25.00"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::MemoColumn).data().toString(), QStringLiteral("Lunch"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::FromColumn).data().toString(),
                 QStringLiteral("Alice Checking"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::ToColumn).data().toString(),
                 QStringLiteral("Bob Checking (Bob the Builder)"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::KeyColumn).data().toString(), key);
        QCOMPARE(historyView()->index(0, TransferHistoryModel::ReplaysColumn).data().toString(), QStringLiteral("0"));
        // From alice's side the money went out; nothing she needs to read is cut short.
        QCOMPARE(historyView()->index(0, TransferHistoryModel::DirectionColumn).data().toString(),
                 QStringLiteral("out"));
        auto *table = find<QTableView>("historyView");
        for (const int column :
             {TransferHistoryModel::DateColumn, TransferHistoryModel::DirectionColumn, TransferHistoryModel::FromColumn,
              TransferHistoryModel::ToColumn, TransferHistoryModel::AmountColumn, TransferHistoryModel::ReplaysColumn})
            QTRY_VERIFY2(table->columnWidth(column)
                             >= static_cast<QAbstractItemView *>(table)->sizeHintForColumn(column),
                         qPrintable(historyView()->headerData(column, Qt::Horizontal).toString()));
        // The key is cut in the middle where its column is too narrow (IdentifierDelegate): keys
        // begin with their time, so their starts look alike and their ends tell them apart.
        QVERIFY(qobject_cast<IdentifierDelegate *>(table->itemDelegateForColumn(TransferHistoryModel::KeyColumn)));
        // Two steps: one key, one transfer.
        QTRY_COMPARE(requests(QStringLiteral("POST /v1/idempotency-keys")), keyRequests + 1);
        QCOMPARE(requests(QStringLiteral("POST /v1/transfers")), transferRequests + 1);
        // The keys tab lists the key as completed.
        QAbstractItemModel *keys = find<QTableView>("keysView")->model();
        QCOMPARE(keys->rowCount(), 1);
        QCOMPARE(keys->index(0, 0).data().toString(), key);
        QCOMPARE(keys->index(0, 2).data().toString(), QStringLiteral("completed"));
        QVERIFY(qobject_cast<IdentifierDelegate *>(
            find<QTableView>("keysView")->itemDelegateForColumn(KeysModel::KeyColumn)));
    }

    void retryingTheSameIntentReusesTheKeyAndEditingMakesANewOne()
    {
        const QString key = keyText();
        const quint64 replays = serverMetrics().replays();
        const quint64 created = serverMetrics().transfersCreated();
        const int keyRequests = requests(QStringLiteral("POST /v1/idempotency-keys"));

        // Send the same intent again: same key, answered from the bank's record.
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Already done")), qPrintable(result()));
        QCOMPARE(keyText(), key);
        QCOMPARE(serverMetrics().replays(), replays + 1);
        QCOMPARE(serverMetrics().transfersCreated(), created);
        QCOMPARE(requests(QStringLiteral("POST /v1/idempotency-keys")), keyRequests);
        QTRY_COMPARE(historyView()->index(0, TransferHistoryModel::ReplaysColumn).data().toString(),
                     QStringLiteral("1"));
        QCOMPARE(balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("$975.00"));
        m_replayedKey = key;

        // Edit a field of the completed transfer: a new intent, so the key goes.
        QTest::keyClick(amount(), Qt::Key_Backspace);
        QTest::keyClicks(amount(), QStringLiteral("1"));
        QCOMPARE(amount()->text(), QStringLiteral("25.01"));
        QCOMPARE(keyText(), QStringLiteral("none yet"));
        QCOMPARE(keyState(), QStringLiteral("no key yet"));
        QVERIFY(result().contains(QStringLiteral("new transfer")));
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $25.01")), qPrintable(result()));
        QVERIFY(keyText() != key);
        QTRY_COMPARE(requests(QStringLiteral("POST /v1/idempotency-keys")), keyRequests + 1);
        QCOMPARE(serverMetrics().transfersCreated(), created + 1);
        QTRY_COMPARE(balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("$949.99"));
        QCOMPARE(find<QTableView>("keysView")->model()->rowCount(), 2);
    }

    void validationErrorsAreInlineAndNothingIsSent()
    {
        newTransfer();
        const int total
            = requests(QStringLiteral("POST /v1/transfers")) + requests(QStringLiteral("POST /v1/idempotency-keys"));
        fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Alice Checking"), QStringLiteral("12.345"),
                 QString(141, u'x'));
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        // Nothing even left the app.
        QCOMPARE(m_app->api().requestsInFlight(), 0);
        QVERIFY(find<InlineMessage>("amountError")->isVisible());
        QVERIFY(find<InlineMessage>("amountError")->text().contains(QStringLiteral("two decimals")));
        QVERIFY(find<InlineMessage>("toError")->isVisible());
        QVERIFY(find<InlineMessage>("toError")->text().contains(QStringLiteral("other than")));
        QVERIFY(find<InlineMessage>("memoError")->isVisible());
        QVERIFY(find<InlineMessage>("memoError")->text().contains(QStringLiteral("at most 140")));
        QVERIFY(result().contains(QStringLiteral("Nothing was sent")));
        QCOMPARE(keyState(), QStringLiteral("no key yet"));
        QTest::qWait(300);
        QCOMPARE(requests(QStringLiteral("POST /v1/transfers")) + requests(QStringLiteral("POST /v1/idempotency-keys")),
                 total);

        // Fixing a field clears its message as you type.
        amount()->clear();
        QTest::keyClicks(amount(), QStringLiteral("12.34"));
        QVERIFY(!find<InlineMessage>("amountError")->isVisible());
        QVERIFY(find<InlineMessage>("memoError")->isVisible());
    }

    void insufficientFundsIsShownPlainly()
    {
        newTransfer();
        const QString before = balanceShown(QStringLiteral("Alice Checking"));
        fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), QStringLiteral("2,000.00"));
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_COMPARE(keyState(), QStringLiteral("rejected"));
        QCOMPARE(result(),
                 QStringLiteral("There is not enough money in the account for this transfer. Nothing was moved."));
        QCOMPARE(find<InlineMessage>("resultMessage")->kind(), InlineMessage::Kind::Error);
        QTRY_VERIFY(!m_app->api().isBusy());
        QCOMPARE(balanceShown(QStringLiteral("Alice Checking")), before);
    }

    void sendIsDisabledWhileARequestIsInFlight()
    {
        newTransfer();
        const int transfers = requests(QStringLiteral("POST /v1/transfers"));
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("1.00"));
        QVERIFY(sendButton()->isEnabled());
        // A double click: the second click finds the button disabled.
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QVERIFY(!sendButton()->isEnabled());
        QVERIFY(!amount()->isEnabled());
        QVERIFY(!find<QAction>("sendAction")->isEnabled());
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        find<QAction>("sendAction")->trigger();
        QTRY_VERIFY(sendButton()->isEnabled());
        QVERIFY(result().startsWith(QStringLiteral("Sent $1.00")));
        QTest::qWait(200);
        QCOMPARE(requests(QStringLiteral("POST /v1/transfers")), transfers + 1);
    }

    void keyboardShortcuts()
    {
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        // Ctrl+N: a new transfer.
        QTest::keyClick(&window(), Qt::Key_N, Qt::ControlModifier);
        QCOMPARE(amount()->text(), QString());
        QCOMPARE(keyText(), QStringLiteral("none yet"));
        // Ctrl+Return: send.
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("2.00"));
        QTest::keyClick(amount(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $2.00")), qPrintable(result()));
        QTRY_VERIFY(!m_app->api().isBusy());
        // F5: refresh.
        const int accountLoads = requests(QStringLiteral("GET /v1/accounts"));
        QTest::keyClick(&window(), Qt::Key_F5);
        QTRY_COMPARE(requests(QStringLiteral("GET /v1/accounts")), accountLoads + 1);
    }

    void zoomGrowsTheWholeWindowAndIsKept()
    {
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        QCOMPARE(window().zoom(), 100);
        // The window's own font, a heading's (bold) and the key's (fixed width): all follow the zoom.
        const auto size = [this](const char *name) { return find<QWidget>(name)->font().pointSizeF(); };
        const char *const samples[] = {"attemptTimeline", "accountsTitle", "idempotencyKey", "sendButton"};
        QMap<QByteArray, qreal> at100;
        for (const char *name : samples)
            at100.insert(name, size(name));
        auto *control = find<QComboBox>("zoomControl");
        QCOMPARE(control->currentText(), QStringLiteral("100 %"));

        // Ctrl+= and Ctrl++ walk up the steps, to 250 % and beyond; the control says where.
        QList<int> seen;
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(&window(), i % 2 ? Qt::Key_Plus : Qt::Key_Equal, Qt::ControlModifier);
            seen.append(window().zoom());
        }
        QCOMPARE(seen, (QList<int>{125, 150, 175, 200}));
        find<QAction>("zoomInAction")->trigger();
        QCOMPARE(window().zoom(), 250);
        QCOMPARE(control->currentText(), QStringLiteral("250 %"));
        for (const char *name : samples)
            QVERIFY2(qAbs(size(name) - at100.value(name) * 2.5) < 0.01, name);
        QCOMPARE(QSettings().value(QStringLiteral("mainWindow/zoom")).toInt(), 250);
        find<QAction>("zoomInAction")->trigger();
        QCOMPARE(window().zoom(), 300);
        QVERIFY(!find<QAction>("zoomInAction")->isEnabled());

        // Ctrl+- one step down, Ctrl+0 back to 100 %; choosing in the control works too.
        QTest::keyClick(&window(), Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(window().zoom(), 250);
        QTest::keyClick(&window(), Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(window().zoom(), 100);
        QVERIFY(!find<QAction>("zoomOutAction")->isEnabled());
        for (const char *name : samples)
            QCOMPARE(size(name), at100.value(name));
        control->setCurrentIndex(control->findData(150));
        emit control->activated(control->currentIndex());
        QCOMPARE(window().zoom(), 150);
        // The View menu holds them, for robots and for people who look there.
        QMenu *view = nullptr;
        for (QAction *menu : window().menuBar()->actions()) {
            if (menu->text().remove(u'&') == QStringLiteral("View"))
                view = menu->menu();
        }
        QVERIFY(view);
        for (const char *name : {"zoomInAction", "zoomOutAction", "zoomResetAction", "timelineFullScreenAction"})
            QVERIFY2(view->actions().contains(find<QAction>(name)), name);
        window().setZoom(100);
        QCOMPARE(QSettings().value(QStringLiteral("mainWindow/zoom")).toInt(), 100);
    }

    void f11ShowsTheTimelineAloneOnTheWholeScreen()
    {
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        auto *tabs = find<QTabWidget>("tabs");
        tabs->setCurrentIndex(0);
        const bool warningShown = find<QWidget>("unsafeWarning")->isVisibleTo(find<QWidget>("teachingPanel"));
        QTest::keyClick(&window(), Qt::Key_F11);
        QVERIFY(window().isTimelineFullScreen());
        QVERIFY(window().windowState() & Qt::WindowFullScreen);
        QVERIFY(find<QAction>("timelineFullScreenAction")->isChecked());
        QTRY_VERIFY(find<QWidget>("attemptTimeline")->isVisible());
        for (const char *hidden : {"transferForm", "presetGroup", "simulateGroup", "exportPngButton"})
            QVERIFY2(!find<QWidget>(hidden)->isVisible(), hidden);
        QVERIFY(!window().menuBar()->isVisible());
        QVERIFY(!tabs->tabBar()->isVisible());
        // Esc leaves it, and everything is back as it was.
        QTest::keyClick(&window(), Qt::Key_Escape);
        QVERIFY(!window().isTimelineFullScreen());
        QVERIFY(!(window().windowState() & Qt::WindowFullScreen));
        for (const char *shown : {"transferForm", "presetGroup", "simulateGroup", "exportPngButton"})
            QVERIFY2(find<QWidget>(shown)->isVisible(), shown);
        QCOMPARE(find<QWidget>("unsafeWarning")->isVisibleTo(find<QWidget>("teachingPanel")), warningShown);
        QVERIFY(window().menuBar()->isVisible());
        // F11 goes in and out; Esc is its key only while full screen.
        QTest::keyClick(&window(), Qt::Key_F11);
        QVERIFY(window().isTimelineFullScreen());
        QTest::keyClick(&window(), Qt::Key_F11);
        QVERIFY(!window().isTimelineFullScreen());
        QVERIFY(!find<QAction>("timelineFullScreenAction")->shortcuts().contains(QKeySequence(Qt::Key_Escape)));
        tabs->setCurrentIndex(0);
    }

    void aLostAnswerSaysTheTruthAndTheRetryIsSafe()
    {
        newTransfer();
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Bob Checking"), QStringLiteral("3.00"));
        QTest::mouseClick(find<QPushButton>("newKeyButton"), Qt::LeftButton);
        QTRY_COMPARE(keyState(), QStringLiteral("unused"));
        const QString key = keyText();
        const quint16 port = serverPort();

        // Retries by hand: switched off, a failed attempt waits for the Retry button.
        auto *autoRetry = find<QCheckBox>("autoRetryCheck");
        QVERIFY(autoRetry->isChecked());
        autoRetry->click();
        QVERIFY(!m_app->session().transferFlow().autoRetry());

        // The server goes away: the transfer gets no answer.
        m_app->backend().stop();
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_COMPARE(keyState(), QStringLiteral("outcome unknown"));
        QVERIFY(result().contains(QStringLiteral("may or may not have happened")));
        QVERIFY(result().contains(QStringLiteral("same key")));
        QCOMPARE(sendButton()->text().remove(u'&'), QStringLiteral("Retry with the same key"));
        QVERIFY(!find<QPushButton>("newKeyButton")->isEnabled());
        QTRY_COMPARE(find<QLabel>("connectionLabel")->text(), QStringLiteral("Server unreachable"));
        auto *checkStatus = find<QPushButton>("checkStatusButton");
        QVERIFY(checkStatus->isVisible());

        // It comes back on the same port and database. Check status: the bank has not done it.
        QCOMPARE(m_app->backend().startIntegrated(m_dir.filePath(QStringLiteral("bank.db")), port), QString());
        QTest::mouseClick(checkStatus, Qt::LeftButton);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("It has not happened")), qPrintable(result()));
        QCOMPARE(keyState(), QStringLiteral("outcome unknown"));
        // The retry carries the same key.
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $3.00")), qPrintable(result()));
        QCOMPARE(keyText(), key);
        QCOMPARE(keyState(), QStringLiteral("completed"));
        // A fresh server counts from zero: the retry created the transfer, so the lost attempt never had.
        QCOMPARE(serverMetrics().transfersCreated(), quint64(1));
        QVERIFY(!checkStatus->isVisible());
        autoRetry->click();
        QVERIFY(m_app->session().transferFlow().autoRetry());
    }

    void focusReturnsToAmountAfterSend()
    {
        newTransfer();
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("0.50"));
        window().activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window()));
        auto *autoRetry = find<QCheckBox>("autoRetryCheck");
        // Send from the keyboard: Space on the focused button.
        sendButton()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(sendButton()));
        QTest::keyClick(sendButton(), Qt::Key_Space);
        QVERIFY(QApplication::focusWidget() != autoRetry);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $0.50")), qPrintable(result()));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(amount()));
        QVERIFY(autoRetry->isChecked());
        // And with Ctrl+Return from the memo.
        newTransfer();
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("0.25"));
        QTest::keyClick(memo(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $0.25")), qPrintable(result()));
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(amount()));
        QTRY_VERIFY(!m_app->api().isBusy());
    }

    void nothingMovesWhileATransferRuns()
    {
        newTransfer();
        QTRY_VERIFY(!m_app->api().isBusy());
        const QStringList before = layoutGeometry();
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("0.75"));
        QCOMPARE(layoutGeometry(), before);

        // The answer is lost: "Retry with the same key" and Check status.
        NetworkSimulation lost;
        lost.enabled = true;
        lost.failure = FaultCase::DropResponse;
        QCOMPARE(m_app->applySimulation(lost), QString());
        m_app->session().transferFlow().setAutoRetry(false);
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QCOMPARE(layoutGeometry(), before);
        QTRY_COMPARE(keyState(), QStringLiteral("outcome unknown"));
        QVERIFY(find<QPushButton>("checkStatusButton")->isVisible());
        QCOMPARE(layoutGeometry(), before);
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_COMPARE(keyState(), QStringLiteral("completed"));
        QCOMPARE(layoutGeometry(), before);
        m_app->session().transferFlow().setAutoRetry(true);

        // Without a key: "Send without key (unsafe)".
        NetworkSimulation unsafe;
        unsafe.unsafe = true;
        QCOMPARE(m_app->applySimulation(unsafe), QString());
        QTRY_VERIFY(m_app->session().transferFlow().isUnsafe());
        QTRY_VERIFY(!m_app->api().isBusy());
        QCOMPARE(sendButton()->text().remove(u'&'), QStringLiteral("Send without key (unsafe)"));
        // The warning above the key takes room, but nothing gets wider or narrower.
        const auto widths = [](QStringList rects) {
            for (QString &rect : rects)
                rect.remove(QRegularExpression(QStringLiteral(" at \\S+|x\\d+$")));
            return rects;
        };
        QCOMPARE(widths(layoutGeometry()), widths(before));
        QCOMPARE(m_app->applySimulation({}), QString());
        QTRY_VERIFY(!m_app->api().isBusy());
        QCOMPARE(layoutGeometry(), before);
    }

    void aSignOutClearsTheFormAndEveryModeOfTheUser()
    {
        newTransfer();
        fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), QStringLiteral("abc"),
                 QStringLiteral("For Bob"));
        find<TransferForm>("transferForm")->send(); // marks the wrong amount
        QVERIFY(find<InlineMessage>("amountError")->isVisible());
        NetworkSimulation unsafe;
        unsafe.unsafe = true;
        QCOMPARE(m_app->applySimulation(unsafe), QString());
        m_app->window().teachingPanel()->setSimulation(unsafe);
        find<QCheckBox>("autoRetryCheck")->click();
        QVERIFY(!m_app->session().transferFlow().autoRetry());
        QTRY_VERIFY(!m_app->api().isBusy());

        signOut();
        QCOMPARE(amount()->text(), QString());
        QCOMPARE(memo()->text(), QString());
        QCOMPARE(to()->currentIndex(), -1);
        for (const char *name : {"fromError", "toError", "amountError", "memoError"})
            QVERIFY2(!find<InlineMessage>(name)->isVisible(), name);
        // The safe client again, once the bank has answered the sign-out.
        QTRY_VERIFY(!m_app->simulation().unsafe);
        QVERIFY(!m_app->session().transferFlow().isUnsafe());
        QVERIFY(!find<QCheckBox>("unsafeCheck")->isChecked());
        QTRY_VERIFY(!m_app->backend().integratedOptions().demoUnsafe);
        QVERIFY(m_app->session().transferFlow().autoRetry());
        QVERIFY(find<QCheckBox>("autoRetryCheck")->isChecked());

        // The next user finds none of it.
        QTRY_VERIFY(login()->isVisible());
        signIn(QStringLiteral("bob"), QString::fromLatin1(AppTestServer::kDemoPassword));
        QCOMPARE(amount()->text(), QString());
        QCOMPARE(memo()->text(), QString());
        QCOMPARE(keyText(), QStringLiteral("none yet"));
        QCOMPARE(sendButton()->text().remove(u'&'), QStringLiteral("Send"));
        for (const char *name : {"fromError", "toError", "amountError", "memoError"})
            QVERIFY2(!find<InlineMessage>(name)->isVisible(), name);
        signOut();
        signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        // A new session knows the replays from the bank, not from the one before.
        QTRY_VERIFY(!m_app->session().history().isLoading());
        while (m_app->session().history().canFetchMore({})) {
            m_app->session().history().fetchMore({});
            QTRY_VERIFY(!m_app->session().history().isLoading());
        }
        const auto rows = historyView()->match(historyView()->index(0, TransferHistoryModel::KeyColumn),
                                               Qt::DisplayRole, m_replayedKey);
        QCOMPARE(rows.size(), 1);
        QTRY_COMPARE(rows.constFirst().siblingAtColumn(TransferHistoryModel::ReplaysColumn).data().toString(),
                     QStringLiteral("1"));
    }

    void theUnsafeDemonstrationShowsNoKey()
    {
        NetworkSimulation unsafe;
        unsafe.unsafe = true;
        QCOMPARE(m_app->applySimulation(unsafe), QString());
        QTRY_VERIFY(!m_app->api().isBusy());
        fillForm(QStringLiteral("Alice Savings"), QStringLiteral("Alice Checking"), QStringLiteral("0.10"));
        QTest::mouseClick(sendButton(), Qt::LeftButton);
        QTRY_VERIFY2(result().startsWith(QStringLiteral("Sent $0.10")), qPrintable(result()));
        QTRY_COMPARE(historyView()->index(0, TransferHistoryModel::AmountColumn).data().toString(),
                     QStringLiteral("$0.10"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::KeyColumn).data().toString(), QStringLiteral("no key"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::DirectionColumn).data().toString(),
                 QStringLiteral("own"));
        QCOMPARE(m_app->applySimulation({}), QString());
        QTRY_VERIFY(!m_app->api().isBusy());
    }

    void theOtherSideSeesTheMoney()
    {
        signOut();
        signIn(QStringLiteral("bob"), QString::fromLatin1(AppTestServer::kDemoPassword));
        QCOMPARE(window().windowTitle(), QStringLiteral("Exactly-Once Bank — bob"));
        // 250.00 + 25.00 + 25.01 + 3.00
        QCOMPARE(balanceShown(QStringLiteral("Bob Checking")), QStringLiteral("$303.01"));
        QTRY_VERIFY(historyView()->rowCount() >= 3);
        QCOMPARE(historyView()->index(0, TransferHistoryModel::FromColumn).data().toString(),
                 QStringLiteral("Alice Savings (Alice Liddell)"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::AmountColumn).data().toString(),
                 QStringLiteral("$3.00"));
        QCOMPARE(historyView()->index(0, TransferHistoryModel::DirectionColumn).data().toString(),
                 QStringLiteral("in"));
        // Bob's session starts with no keys of its own.
        QCOMPARE(find<QTableView>("keysView")->model()->rowCount(), 0);
    }

    // "The bank could not be reached" of a failed refresh goes once the bank answers again, as it
    // does right after the integrated server restarts for a change of the simulation.
    void aRefreshFailureGoesWhenTheBankIsBack()
    {
        QVERIFY(m_app->session().isSignedIn());
        QTRY_VERIFY(!m_app->api().isBusy());
        const QUrl bank = m_app->api().baseUrl();
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 deadPort = closed.serverPort();
        closed.close();
        m_app->api().setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(deadPort)));
        m_app->session().refresh();
        const QString unreachable
            = QStringLiteral("The bank could not be reached. Check the connection and try again.");
        QTRY_COMPARE(window().statusBar()->currentMessage(), unreachable);
        QTRY_COMPARE(find<QLabel>("connectionLabel")->text(), QStringLiteral("Server unreachable"));
        QTRY_VERIFY(!m_app->api().isBusy());

        m_app->api().setBaseUrl(bank);
        m_app->session().refresh();
        QTRY_COMPARE(find<QLabel>("connectionLabel")->text(), QStringLiteral("Connected"));
        QCOMPARE(window().statusBar()->currentMessage(), QString());
    }

    // A new transfer gives the form's unused key up at the bank, so that no stale retry of the
    // discarded draft can ever use it; the Keys tab shows it abandoned.
    void aNewTransferAbandonsTheUnusedKey()
    {
        signOut();
        signIn(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword));
        fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), QStringLiteral("4.00"));
        QTest::mouseClick(find<QPushButton>("newKeyButton"), Qt::LeftButton);
        QTRY_COMPARE(keyState(), QStringLiteral("unused"));
        const QString key = keyText();
        // The request log names a key by its tag only.
        const QString abandon = QStringLiteral("DELETE /v1/idempotency-keys/") + HttpLogEntry::keyTag(key);
        QCOMPARE(requests(abandon), 0);
        newTransfer();
        QTRY_COMPARE(requests(abandon), 1);
        QTRY_COMPARE(keysShown().value(key), QStringLiteral("abandoned"));
        QCOMPARE(serverKeyStatus(key), QStringLiteral("abandoned"));
    }

    // The Keys tab lists the user's keys from the bank at sign-in, so after a restart it shows
    // more than the session's own: the keys of the run before, and one another device holds.
    void theKeysTabListsTheUsersKeysFromTheBank()
    {
        QMap<QString, QString> expected = keysShown();
        QVERIFY(expected.size() >= 4);
        TestHttpClient otherDevice(serverPort());
        otherDevice.setIntegratedSecret(m_app->backend().integratedSecret());
        otherDevice.setToken(TestServer::login(otherDevice, "alice", AppTestServer::kDemoPassword));
        const QString othersKey = TestServer::issueKey(otherDevice);
        expected.insert(othersKey, QStringLiteral("unused"));

        signOut();
        QCOMPARE(find<QTableView>("keysView")->model()->rowCount(), 0);
        signIn(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword));
        QTRY_COMPARE(keysShown().size(), expected.size());
        QCOMPARE(keysShown(), expected);
    }

    void signingOutRevokesTheToken()
    {
        if (!m_app->session().isSignedIn())
            signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        const QByteArray token = m_app->api().token().toUtf8();
        QVERIFY(!token.isEmpty());
        TestHttpClient captured(serverPort());
        captured.setIntegratedSecret(m_app->backend().integratedSecret());
        captured.setToken(token);
        QCOMPARE(captured.get("/v1/accounts").status, 200);
        const int signOutsBefore = requests(QStringLiteral("DELETE /v1/sessions/current"));

        signOut();
        // A copy of the token (a log, a captured request) is worth nothing after sign-out.
        QTRY_COMPARE(captured.get("/v1/accounts").status, 401);
        QTRY_COMPARE(requests(QStringLiteral("DELETE /v1/sessions/current")), signOutsBefore + 1);
    }

    void settingsRefuseABadServerAddress()
    {
        find<QAction>("settingsAction")->trigger();
        auto *dialog = window().findChild<QDialog *>(QStringLiteral("settingsDialog"));
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QRadioButton *>(QStringLiteral("remoteServer"))->setChecked(true);
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("serverUrl"));
        url->clear();
        QTest::keyClicks(url, QStringLiteral("bank.example"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("settingsOkButton")), Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<InlineMessage *>(QStringLiteral("serverUrlError"))
                    ->text()
                    .contains(QStringLiteral("http://")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("settingsCancelButton")), Qt::LeftButton);
        QVERIFY(!dialog->isVisible());
        QVERIFY(m_app->backend().endpoint().integrated);
    }

    void cleartextToAnotherComputerNeedsAnOptInAndStaysVisible()
    {
        auto *banner = find<InlineMessage>("insecureConnectionBanner");
        QVERIFY(!banner->isVisible());
        QVERIFY(!banner->accessibleName().isEmpty());
        find<QAction>("settingsAction")->trigger();
        auto *dialog = window().findChild<QDialog *>(QStringLiteral("settingsDialog"));
        QTRY_VERIFY(dialog->isVisible());
        auto *url = dialog->findChild<QLineEdit *>(QStringLiteral("serverUrl"));
        auto *allowInsecure = dialog->findChild<QCheckBox *>(QStringLiteral("allowInsecureHttp"));
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("settingsOkButton"));
        QVERIFY(url->toolTip().contains(QStringLiteral("https://")));
        QVERIFY(!url->toolTip().contains(QStringLiteral("http://bank.example")));
        dialog->findChild<QRadioButton *>(QStringLiteral("remoteServer"))->setChecked(true);
        QVERIFY(!allowInsecure->isChecked());
        url->clear();
        QTest::keyClicks(url, QStringLiteral("http://bank.invalid:8080"));

        // Refused, saying why, and nothing changes.
        QTest::mouseClick(ok, Qt::LeftButton);
        QVERIFY(dialog->isVisible());
        const QString refusal = dialog->findChild<InlineMessage *>(QStringLiteral("serverUrlError"))->text();
        QVERIFY2(refusal.contains(QStringLiteral("bank.invalid")) && refusal.contains(QStringLiteral("unencrypted")),
                 qPrintable(refusal));
        QVERIFY(m_app->backend().endpoint().integrated);
        QVERIFY(!banner->isVisible());

        // Allowed explicitly: connected that way, and the window says so for as long as it is.
        allowInsecure->setChecked(true);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(m_app->backend().endpoint().url, QUrl(QStringLiteral("http://bank.invalid:8080")));
        QVERIFY(m_app->window().endpoint().insecure);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(QStringLiteral("Not encrypted"))
                     && banner->text().contains(QStringLiteral("bank.invalid")),
                 qPrintable(banner->text()));
        QTRY_VERIFY(login()->isVisible());
        QVERIFY(login()
                    ->findChild<QLabel *>(QStringLiteral("loginServer"))
                    ->text()
                    .contains(QStringLiteral("NOT ENCRYPTED")));
        QCOMPARE(QSettings().value(QStringLiteral("server/allowInsecureHttp")).toBool(), true);

        // Back to the integrated server: the warning goes with the cleartext connection.
        login()->reject();
        find<QAction>("settingsAction")->trigger();
        QTRY_VERIFY(dialog->isVisible());
        dialog->findChild<QRadioButton *>(QStringLiteral("integratedServer"))->setChecked(true);
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY(m_app->backend().endpoint().integrated);
        QVERIFY(!banner->isVisible());
    }

    void errorsFollowTheSystemPalette()
    {
        auto *message = find<InlineMessage>("amountError");
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        message->showMessage(InlineMessage::Kind::Error, QStringLiteral("x"));
        const int lightLightness = message->palette().color(QPalette::WindowText).lightness();
        QApplication::setPalette(dark);
        QTRY_VERIFY(message->palette().color(QPalette::WindowText).lightness() > 128);
        QVERIFY(lightLightness < 128);
        QApplication::setPalette(light);
        message->clearMessage();
    }

    void aboutShowsTheVersionsAndTheLessonGuide()
    {
        find<QAction>("aboutAction")->trigger();
        auto *box = window().findChild<QMessageBox *>(QStringLiteral("aboutBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(QStringLiteral("Exactly-Once Bank " PROJECT_VERSION)), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QStringLiteral("Qt " QT_VERSION_STR)), qPrintable(box->text()));
        QVERIFY2(box->text().contains(QLatin1String(qVersion())), qPrintable(box->text()));
        QVERIFY(MainWindow::lessonGuide().isLocalFile());
        QVERIFY2(QFileInfo::exists(MainWindow::lessonGuide().toLocalFile()),
                 qPrintable(MainWindow::lessonGuide().toString()));
        QVERIFY(box->text().contains(MainWindow::lessonGuide().toString(QUrl::FullyEncoded)));
        box->close();
    }

    void quittingSignsOutAndAsksNobodyToSignIn()
    {
        if (!m_app->session().isSignedIn()) {
            QTRY_VERIFY(login()->isVisible());
            signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        }
        TestHttpClient captured(serverPort());
        captured.setIntegratedSecret(m_app->backend().integratedSecret());
        captured.setToken(m_app->api().token().toUtf8());
        QCOMPARE(captured.get("/v1/accounts").status, 200);
        const int signOuts = requests(QStringLiteral("DELETE /v1/sessions/current"));
        find<QAction>("quitAction")->trigger();
        QVERIFY(!window().isVisible());
        // What main() does once the window has closed: the bank forgets the token, and the closed
        // window asks nobody to sign in on the way out.
        m_app->signOutBeforeQuit();
        QVERIFY(!m_app->session().isSignedIn());
        QVERIFY(!login()->isVisible());
        QTRY_COMPARE(requests(QStringLiteral("DELETE /v1/sessions/current")), signOuts + 1);
        QCOMPARE(captured.get("/v1/accounts").status, 401);
    }

    void closingKeepsTheWindowGeometry()
    {
        window().close();
        QVERIFY(!QSettings().value(QStringLiteral("mainWindow/geometry")).toByteArray().isEmpty());
        // The next start comes back as it was left, not at the first start's size.
        window().show();
        QVERIFY(QTest::qWaitForWindowExposed(&window()));
        const QSize left(window().width(), window().height() + 23);
        window().resize(left);
        QTRY_COMPARE(window().size(), left);
        window().close();
        QTemporaryDir other;
        auto next = DesktopDriver::launch(other.filePath(QStringLiteral("bank.db")));
        QVERIFY(next);
        QCOMPARE(next->window().size(), left);
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
