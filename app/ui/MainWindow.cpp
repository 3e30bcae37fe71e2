#include "app/ui/MainWindow.h"

#include "app/client/session/BankSession.h"
#include "app/client/transport/ApiClient.h"
#include "app/ui/AccessibleComboBox.h"
#include "app/ui/AccountsPanel.h"
#include "app/ui/HistoryView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/KeysView.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/RecoveryPanel.h"
#include "app/ui/ScheduledView.h"
#include "app/ui/ServerLogView.h"
#include "app/ui/SettingsDialog.h"
#include "app/ui/TeachingPanel.h"
#include "app/ui/TransferForm.h"

#include <QAction>
#include <QApplication>
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
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

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
const QString kZoomKey = QStringLiteral("mainWindow/zoom");
// Where a widget with a font of its own keeps that font at 100 %, to zoom from.
constexpr const char *kUnzoomedFont = "unzoomedFont";

// An action of `owner`'s menus: its objectName for robots, its tip in the tooltip and the status bar.
QAction *namedAction(QObject *owner, const QString &text, const char *name, const QString &tip)
{
    auto *created = new QAction(text, owner);
    created->setObjectName(QLatin1String(name));
    created->setToolTip(tip);
    created->setStatusTip(tip);
    return created;
}

QFont zoomed(QFont font, int percent)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * percent / 100.0);
    else
        font.setPixelSize(std::max(1, font.pixelSize() * percent / 100));
    return font;
}
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
    m_clientCrashed = new InlineMessage(this);
    m_clientCrashed->setObjectName(QStringLiteral("clientCrashedMessage"));
    m_clientCrashed->setAccessibleName(tr("The client crashed"));
    m_left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(m_left);
    m_leftLayout = leftLayout;
    // The accounts keep their height and the form takes the rest, top down: a message that
    // appears in the form moves nothing above it.
    leftLayout->addWidget(m_accounts);
    leftLayout->addWidget(m_unreadableJournals);
    leftLayout->addWidget(m_recovery);
    leftLayout->addWidget(m_clientCrashed);
    leftLayout->addWidget(m_form, 1);

    m_tabs = new QTabWidget(this);
    m_history = new HistoryView(session.history(), this);
    m_keys = new KeysView(session.keys(), this);
    m_scheduled = new ScheduledView(session, this);
    m_serverLog = new ServerLogView(serverLog, this);
    m_teaching = new TeachingPanel(timeline, this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setAccessibleName(tr("History, keys, server log, timeline and scheduled transfers"));
    m_tabs->setToolTip(tr("Switch between the transfer history, this session's keys, the server log, the attempt "
                          "timeline with simulated network failures and scheduled transfers"));
    m_tabs->addTab(m_history, tr("H&istory"));
    m_tabs->addTab(m_keys, tr("&Keys"));
    m_tabs->addTab(m_serverLog, tr("Server &log"));
    m_tabs->addTab(m_teaching, tr("Tim&eline"));
    // Last, so that the other pages keep their places (and the page a user left open, its index).
    // No mnemonic: every letter of the word is taken in the window already.
    m_tabs->addTab(m_scheduled, tr("Scheduled"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_left);
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
    connect(&m_session, &BankSession::refreshFailed, this, [this](const QString &message) {
        m_refreshFailure = message;
        statusBar()->showMessage(message, 10'000);
    });
    connect(&m_session.api(), &ApiClient::busyChanged, m_busy, &QWidget::setVisible);
    connect(&m_session.api(), &ApiClient::connectionStateChanged, this, &MainWindow::showConnection);
    connectForm();
    connect(&m_session, &BankSession::transferFlowEnding, this, &MainWindow::dropTransferForm);
    connect(&m_session, &BankSession::signedIn, this, &MainWindow::restoreTransferForm);
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
        return namedAction(this, text, name, tip);
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
    createZoomActions(view);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(about);

    connect(m_signInAction, &QAction::triggered, this, &MainWindow::showLogin);
    connect(m_signOutAction, &QAction::triggered, &m_session, &BankSession::signOut);
    connect(settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    // The presets' shortcuts work from anywhere in the window, and show the timeline they fill.
    addActions(m_teaching->presetActions());
    connect(m_teaching, &TeachingPanel::presetRequested, this, &MainWindow::showTeaching);
}

void MainWindow::createZoomActions(QMenu *view)
{
    const auto action = [this](const QString &text, const char *name, const QString &tip) {
        return namedAction(this, text, name, tip);
    };
    m_zoomInAction = action(tr("Zoom &in"), "zoomInAction", tr("Larger text in the whole window and the timeline"));
    // Ctrl+= is Ctrl++ without Shift on most keyboards.
    m_zoomInAction->setShortcuts(keysFor(QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)));
    m_zoomOutAction = action(tr("Zoom &out"), "zoomOutAction", tr("Smaller text in the whole window and the timeline"));
    m_zoomOutAction->setShortcuts(keysFor(QKeySequence::ZoomOut, QKeySequence(Qt::CTRL | Qt::Key_Minus)));
    QAction *reset = action(tr("&Actual size"), "zoomResetAction", tr("Back to 100 %"));
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_fullScreenAction = action(tr("&Timeline full screen"), "timelineFullScreenAction",
                                tr("Show only the attempt timeline, on the whole screen (Esc or F11 to leave)"));
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    view->addSeparator();
    view->addActions({m_zoomInAction, m_zoomOutAction, reset});
    view->addSeparator();
    view->addAction(m_fullScreenAction);
    // Full screen hides the menu bar: the window itself keeps the shortcuts working.
    addActions({m_zoomInAction, m_zoomOutAction, reset, m_fullScreenAction});

    const auto step = [this](int direction) {
        const QList<int> &steps = zoomSteps();
        const auto next = direction > 0 ? std::upper_bound(steps.cbegin(), steps.cend(), m_zoom)
                                        : std::lower_bound(steps.cbegin(), steps.cend(), m_zoom);
        if (direction > 0 && next != steps.cend())
            setZoom(*next);
        else if (direction < 0 && next != steps.cbegin())
            setZoom(*std::prev(next));
    };
    connect(m_zoomInAction, &QAction::triggered, this, [step] { step(1); });
    connect(m_zoomOutAction, &QAction::triggered, this, [step] { step(-1); });
    connect(reset, &QAction::triggered, this, [this] { setZoom(100); });
    connect(m_fullScreenAction, &QAction::toggled, this, &MainWindow::setTimelineFullScreen);

    m_zoomControl = new AccessibleComboBox(this);
    m_zoomControl->setObjectName(QStringLiteral("zoomControl"));
    m_zoomControl->setAccessibleName(tr("Zoom"));
    m_zoomControl->setToolTip(tr("The size of the text in the whole window and the timeline (Ctrl+= larger, Ctrl+- "
                                 "smaller, Ctrl+0 100 %)"));
    m_zoomControl->setFocusPolicy(Qt::NoFocus); // the keyboard has Ctrl+= and Ctrl+-
    for (const int percent : zoomSteps())
        m_zoomControl->addItem(tr("%1 %").arg(percent), percent);
    connect(m_zoomControl, &QComboBox::activated, this,
            [this](int index) { setZoom(m_zoomControl->itemData(index).toInt()); });
}

const QList<int> &MainWindow::zoomSteps()
{
    static const QList<int> steps{100, 125, 150, 175, 200, 250, 300};
    return steps;
}

void MainWindow::setZoom(int percent)
{
    const QList<int> &steps = zoomSteps();
    m_zoom = std::clamp(percent, steps.constFirst(), steps.constLast());
    setFont(zoomed(QApplication::font(this), m_zoom));
    // Widgets with a font of their own (headings, the key in a fixed-width font) do not follow
    // the window's: each zooms from the font it had at 100 %. Dialogs are windows of their own.
    for (QWidget *widget : findChildren<QWidget *>()) {
        if (widget->window() != this || !widget->testAttribute(Qt::WA_SetFont))
            continue;
        if (!widget->property(kUnzoomedFont).isValid())
            widget->setProperty(kUnzoomedFont, widget->font());
        widget->setFont(zoomed(widget->property(kUnzoomedFont).value<QFont>(), m_zoom));
    }
    m_zoomControl->setCurrentIndex(m_zoomControl->findData(m_zoom));
    m_zoomInAction->setEnabled(m_zoom < steps.constLast());
    m_zoomOutAction->setEnabled(m_zoom > steps.constFirst());
    QSettings().setValue(kZoomKey, m_zoom);
}

void MainWindow::setTimelineFullScreen(bool fullScreen)
{
    if (fullScreen == m_timelineFullScreen)
        return;
    m_timelineFullScreen = fullScreen;
    m_fullScreenAction->setChecked(fullScreen);
    // Esc leaves full screen, but only there: elsewhere it belongs to dialogs and editors.
    m_fullScreenAction->setShortcuts(fullScreen ? QList<QKeySequence>{Qt::Key_F11, Qt::Key_Escape}
                                                : QList<QKeySequence>{Qt::Key_F11});
    if (fullScreen) {
        showTeaching();
        m_stateBeforeFullScreen = windowState();
    }
    m_left->setVisible(!fullScreen);
    menuBar()->setVisible(!fullScreen);
    statusBar()->setVisible(!fullScreen);
    m_tabs->tabBar()->setVisible(!fullScreen);
    m_teaching->setTimelineOnly(fullScreen);
    setWindowState(fullScreen ? (m_stateBeforeFullScreen | Qt::WindowFullScreen)
                              : (m_stateBeforeFullScreen & ~Qt::WindowFullScreen));
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
    statusBar()->addPermanentWidget(m_zoomControl);
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
        // A refresh that failed while the bank was away (a restart of the integrated server, say)
        // is no news once it answers again.
        if (!m_refreshFailure.isEmpty() && statusBar()->currentMessage() == m_refreshFailure)
            statusBar()->clearMessage();
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
    m_sendAction->setEnabled(m_form && m_form->canSend());
}

void MainWindow::connectForm()
{
    connect(m_form, &TransferForm::canSendChanged, m_sendAction, &QAction::setEnabled);
    connect(m_sendAction, &QAction::triggered, m_form, &TransferForm::send);
    connect(m_newTransferAction, &QAction::triggered, m_form, &TransferForm::startNewTransfer);
    connect(m_newKeyAction, &QAction::triggered, m_form, &TransferForm::requestNewKey);
}

void MainWindow::dropTransferForm()
{
    // Deleted now, not later: it refers to the flow that is about to go.
    delete std::exchange(m_form, nullptr);
    m_sendAction->setEnabled(false);
    m_clientCrashed->showMessage(
        InlineMessage::Kind::Error,
        tr("The client crashed: the transfer it was sending, its key and this form are gone. Only the list of "
           "unfinished transfers on disk is left. “Restart the client” (Timeline tab) or the next sign-in asks the "
           "bank what became of it."));
}

void MainWindow::restoreTransferForm()
{
    if (m_form)
        return;
    m_form = new TransferForm(m_session.transferFlow(), m_session.directory(), this);
    m_leftLayout->addWidget(m_form, 1);
    connectForm();
    m_clientCrashed->showMessage(InlineMessage::Kind::Note, {});
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
    setZoom(settings.value(kZoomKey, 100).toInt()); // first: the window's minimum size depends on it
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
