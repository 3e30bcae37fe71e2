#include "app/ui/MainWindow.h"

#include "app/client/session/BankSession.h"
#include "app/client/transport/ApiClient.h"
#include "app/ui/AccountsPanel.h"
#include "app/ui/HistoryView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/KeysView.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/RecoveryPanel.h"
#include "app/ui/ServerLogView.h"
#include "app/ui/SettingsDialog.h"
#include "app/ui/TeachingPanel.h"
#include "app/ui/TransferForm.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

// The platform's own keys for a standard action plus ours, without duplicates (a key bound twice
// makes the shortcut ambiguous and it stops working).
QList<QKeySequence> keysFor(QKeySequence::StandardKey standard, const QKeySequence &ours)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(ours))
        keys.prepend(ours);
    return keys;
}

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kSplitterKey = QStringLiteral("mainWindow/splitter");
const QString kTabKey = QStringLiteral("mainWindow/tab");
} // namespace

MainWindow::MainWindow(BankSession &session, ServerLogModel &serverLog, TimelineRecorder &timeline, QWidget *parent)
    : QMainWindow(parent),
      m_session(session)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Exactly-Once Bank"));

    // Made in reading order, which is the order Tab walks them: the accounts, an unfinished
    // transfer, the form, then the tabs (the tab bar before the pages).
    m_accounts = new AccountsPanel(session.accounts(), this);
    m_recovery = new RecoveryPanel(session, this);
    m_form = new TransferForm(session.transferFlow(), session.directory(), this);
    m_unreadableJournals = new InlineMessage(this);
    m_unreadableJournals->setObjectName(QStringLiteral("unreadableJournalMessage"));
    m_unreadableJournals->setAccessibleName(tr("Unreadable list of unfinished transfers"));
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    // The accounts keep their height and the form takes the rest, top down: a message that
    // appears in the form moves nothing above it.
    leftLayout->addWidget(m_accounts);
    leftLayout->addWidget(m_unreadableJournals);
    leftLayout->addWidget(m_recovery);
    leftLayout->addWidget(m_form, 1);

    m_tabs = new QTabWidget(this);
    m_history = new HistoryView(session.history(), this);
    m_keys = new KeysView(session.keys(), this);
    m_serverLog = new ServerLogView(serverLog, this);
    m_teaching = new TeachingPanel(timeline, this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setAccessibleName(tr("History, keys, server log and timeline"));
    m_tabs->setToolTip(tr("Switch between the transfer history, this session's keys, the server log and the attempt "
                          "timeline with simulated network failures"));
    m_tabs->addTab(m_history, tr("H&istory"));
    m_tabs->addTab(m_keys, tr("&Keys"));
    m_tabs->addTab(m_serverLog, tr("Server &log"));
    m_tabs->addTab(m_teaching, tr("Tim&eline"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setChildrenCollapsible(false);
    m_insecureBanner = new InlineMessage(this);
    m_insecureBanner->setObjectName(QStringLiteral("insecureConnectionBanner"));
    m_insecureBanner->setAccessibleName(tr("Unencrypted connection warning"));
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins({});
    centralLayout->addWidget(m_insecureBanner);
    centralLayout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_login = new LoginDialog(this);
    m_settings = new SettingsDialog(this);

    createActions();
    createStatusBar();
    restoreLayout();

    connect(m_login, &LoginDialog::signInRequested, &m_session, &BankSession::signIn);
    connect(&m_session, &BankSession::signedIn, this, [this](const QString &user) {
        m_login->accept();
        m_accounts->setUser(user);
        showSignedIn(true);
        statusBar()->showMessage(tr("Signed in as %1").arg(user), 5000);
    });
    connect(&m_session, &BankSession::signInFailed, m_login, &LoginDialog::showError);
    connect(&m_session, &BankSession::signedOut, this, [this] {
        showSignedIn(false);
        // A closed window is quitting (DesktopApp::signOutBeforeQuit): nobody to ask to sign in.
        if (isVisible())
            showLogin();
    });
    connect(&m_session, &BankSession::sessionExpired, this, [this] {
        showSignedIn(false);
        showLogin();
        m_login->showError(tr("Your session has ended. Please sign in again."));
    });
    connect(&m_session, &BankSession::refreshFailed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10'000); });
    connect(&m_session.api(), &ApiClient::busyChanged, m_busy, &QWidget::setVisible);
    connect(&m_session.api(), &ApiClient::connectionStateChanged, this, &MainWindow::showConnection);
    connect(m_form, &TransferForm::canSendChanged, m_sendAction, &QAction::setEnabled);
    connect(m_settings, &SettingsDialog::applied, this, [this](const ServerSettings &settings) {
        QSettings store;
        settings.save(store);
        emit serverSettingsChanged(settings);
    });
    showSignedIn(false);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto action = [this](const QString &text, const char *name, const QString &tip) {
        auto *created = new QAction(text, this);
        created->setObjectName(QLatin1String(name));
        created->setToolTip(tip);
        created->setStatusTip(tip);
        return created;
    };

    m_signInAction = action(tr("Sign &in…"), "signInAction", tr("Sign in to the bank"));
    m_signInAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_signOutAction = action(tr("Sign &out"), "signOutAction", tr("Sign out and forget this session"));
    QAction *settings = action(tr("&Settings…"), "settingsAction", tr("Choose the server"));
    settings->setShortcuts(keysFor(QKeySequence::Preferences, QKeySequence(Qt::CTRL | Qt::Key_Comma)));
    QAction *quit = action(tr("&Quit"), "quitAction", tr("Quit the app"));
    quit->setShortcut(QKeySequence::Quit);

    m_sendAction = action(tr("&Send"), "sendAction", tr("Send the transfer in the form"));
    m_sendAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_newTransferAction = action(tr("&New transfer"), "newTransferAction", tr("Clear the form for a new transfer"));
    m_newTransferAction->setShortcuts(keysFor(QKeySequence::New, QKeySequence(Qt::CTRL | Qt::Key_N)));
    m_newKeyAction = action(tr("New &key"), "newKeyAction", tr("Get a fresh key from the bank for a new transfer"));
    m_refreshAction = action(tr("&Refresh"), "refreshAction", tr("Reload accounts and history"));
    m_refreshAction->setShortcuts(keysFor(QKeySequence::Refresh, QKeySequence(Qt::Key_F5)));
    QAction *about = action(tr("&About"), "aboutAction", tr("About this app"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_signInAction, m_signOutAction});
    file->addSeparator();
    file->addAction(settings);
    file->addSeparator();
    file->addActions(m_teaching->lessonActions());
    file->addSeparator();
    file->addAction(quit);
    QMenu *transfer = menuBar()->addMenu(tr("&Transfer"));
    transfer->addActions({m_sendAction, m_newTransferAction, m_newKeyAction});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_refreshAction);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    connect(m_signInAction, &QAction::triggered, this, &MainWindow::showLogin);
    connect(m_signOutAction, &QAction::triggered, &m_session, &BankSession::signOut);
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(m_sendAction, &QAction::triggered, m_form, &TransferForm::send);
    connect(m_newTransferAction, &QAction::triggered, m_form, &TransferForm::startNewTransfer);
    connect(m_newKeyAction, &QAction::triggered, m_form, &TransferForm::requestNewKey);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    // The presets' shortcuts work from anywhere in the window, and show the timeline they fill.
    addActions(m_teaching->presetActions());
    connect(m_teaching, &TeachingPanel::presetRequested, this, &MainWindow::showTeaching);
}

void MainWindow::createStatusBar()
{
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName(QStringLiteral("serverUrlLabel"));
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setAccessibleName(tr("Request in progress"));
    m_busy->setToolTip(tr("A request to the bank is on its way"));
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
    m_busy->setVisible(false);
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_serverLabel);
    showConnection();
}

void MainWindow::setEndpoint(const ServerEndpoint &endpoint)
{
    m_endpoint = endpoint;
    m_serverLabel->setText(endpoint.integrated ? tr("Integrated server %1").arg(endpoint.url.toDisplayString())
                                               : tr("Server %1").arg(endpoint.url.toDisplayString()));
    m_serverLabel->setToolTip(endpoint.integrated
                                  ? tr("The bank runs inside this app; its database is on this computer")
                                  : tr("A remote bank server"));
    m_login->setEndpoint(endpoint);
    m_serverLog->setAvailable(endpoint.integrated);
    m_tabs->setTabEnabled(m_tabs->indexOf(m_serverLog), endpoint.integrated);
    m_teaching->setAvailable(endpoint.integrated);
    showTransportWarning();
    showConnection();
    m_session.api().checkHealth(this, [](const ApiResult<bool> &) {});
}

void MainWindow::showTransportWarning()
{
    if (!m_endpoint.insecure) {
        m_insecureBanner->clearMessage();
        return;
    }
    m_insecureBanner->showMessage(
        InlineMessage::Kind::Error,
        tr("Not encrypted: this connection to %1 uses http://, so your password, your session and "
           "your transfers cross the network in clear text. Anyone on the way can read them and "
           "act as you. Use an https:// address in Settings.")
            .arg(m_endpoint.url.host()));
}

void MainWindow::showConnection()
{
    switch (m_session.api().connectionState()) {
    case ApiClient::ConnectionState::Unknown:
        m_connectionLabel->setText(tr("Connecting…"));
        break;
    case ApiClient::ConnectionState::Connected:
        m_connectionLabel->setText(tr("Connected"));
        break;
    case ApiClient::ConnectionState::Unreachable:
        m_connectionLabel->setText(tr("Server unreachable"));
        break;
    case ApiClient::ConnectionState::Untrusted:
        m_connectionLabel->setText(tr("Certificate not trusted"));
        break;
    }
}

void MainWindow::showSignedIn(bool signedIn)
{
    setWindowTitle(signedIn ? tr("Exactly-Once Bank — %1").arg(m_session.user()) : tr("Exactly-Once Bank"));
    if (!signedIn)
        m_accounts->setUser({});
    m_signInAction->setEnabled(!signedIn);
    m_signOutAction->setEnabled(signedIn);
    m_newTransferAction->setEnabled(signedIn);
    m_newKeyAction->setEnabled(signedIn);
    m_refreshAction->setEnabled(signedIn);
    m_sendAction->setEnabled(m_form->canSend());
}

void MainWindow::showLogin()
{
    if (m_session.isSignedIn() || m_login->isVisible())
        return;
    m_login->open();
}

void MainWindow::showTeaching() { m_tabs->setCurrentWidget(m_teaching); }

void MainWindow::showUnreadableJournals(const QStringList &keptAs)
{
    if (keptAs.isEmpty()) {
        m_unreadableJournals->clearMessage();
        return;
    }
    const QString files = QLocale().createSeparatedList(keptAs);
    m_unreadableJournals->showMessage(
        InlineMessage::Kind::Error,
        keptAs.size() == 1 ? tr("A list of unfinished transfers could not be read; it was kept as %1. The bank was not "
                                "asked about the transfers in it: check the history before sending one again.")
                                 .arg(files)
                           : tr("Lists of unfinished transfers could not be read; they were kept as %1. The bank was "
                                "not asked about the transfers in them: check the history before sending one again.")
                                 .arg(files));
    statusBar()->showMessage(tr("A list of unfinished transfers could not be read"), 10'000);
}

void MainWindow::refresh()
{
    m_session.refresh();
    m_session.api().checkHealth(this, [](const ApiResult<bool> &) {});
}

void MainWindow::showSettings()
{
    m_settings->setSettings(ServerSettings::load(QSettings()));
    m_settings->open();
}

QUrl MainWindow::lessonGuide()
{
    // Installed with the app; in a build tree, the sources' copy.
    const QString installed = QStringLiteral(BANK_INSTALLED_DOCS "/teaching.md");
    const QString sources = QStringLiteral(BANK_SOURCE_DOCS "/teaching.md");
    return QUrl::fromLocalFile(QFileInfo::exists(installed) || !QFileInfo::exists(sources) ? installed : sources);
}

void MainWindow::showAbout()
{
    const QString text
        = tr("<p><b>Exactly-Once Bank %1</b></p>"
             "<p>Moves money exactly once over an unreliable network: each transfer carries an idempotency key from "
             "the "
             "bank, and every retry with that key gets the stored answer instead of moving the money again.</p>"
             "<p>The <a href=\"%2\">lesson guide</a> shows it step by step, with simulated network failures.</p>"
             "<p>Built with Qt %3, running on Qt %4.</p>")
              .arg(QStringLiteral(PROJECT_VERSION), lessonGuide().toString(QUrl::FullyEncoded),
                   QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
    auto *box
        = new QMessageBox(QMessageBox::Information, tr("About Exactly-Once Bank"), text, QMessageBox::Close, this);
    box->setTextFormat(Qt::RichText);
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kTabKey, m_tabs->currentIndex());
}

QSize MainWindow::firstStartSize(const QRect &available, const QSize &minimum)
{
    // Most of the screen, but not a wall of empty table on a large one, and never less than the
    // window needs.
    const QSize share(available.width() * 4 / 5, available.height() * 17 / 20);
    return share.boundedTo(kLargestFirstSize).expandedTo(minimum);
}

void MainWindow::restoreLayout()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray())) {
        const QRect available = screen()->availableGeometry();
        layout()->activate(); // the minimum size, as the window will have it when shown
        resize(firstStartSize(available, minimumSize().expandedTo(minimumSizeHint())));
        move(available.center() - QPoint(width() / 2, height() / 2));
    }
    m_splitter->restoreState(settings.value(kSplitterKey).toByteArray());
    m_tabs->setCurrentIndex(settings.value(kTabKey, 0).toInt());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}
