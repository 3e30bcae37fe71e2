#pragma once

#include "app/client/connection/ServerEndpoint.h"
#include "app/client/connection/ServerSettings.h"

#include <QMainWindow>

class AccountsPanel;
class AccessibleComboBox;
class BankSession;
class HistoryView;
class InlineMessage;
class KeysView;
class LoginDialog;
class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QSplitter;
class QTabWidget;
class QVBoxLayout;
class RecoveryPanel;
class ScheduledView;
class ServerLogModel;
class ServerLogView;
class SettingsDialog;
class TeachingPanel;
class TimelineRecorder;
class TransferForm;

// The bank window: accounts, unfinished transfers from last time and the transfer form on the
// left; history, keys, the server log and the teaching tab (simulated failures and the attempt
// timeline) on the right; the server, its connection and a busy indicator in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    MainWindow(BankSession &session, ServerLogModel &serverLog, TimelineRecorder &timeline, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The largest size a first start takes, however large the screen.
    static constexpr QSize kLargestFirstSize{1600, 1000};
    // The size of the window at the first start (no saved geometry) on a screen whose free area
    // is `available`, for a window that needs at least `minimum`.
    static QSize firstStartSize(const QRect &available, const QSize &minimum);
    // docs/teaching.md, where it was installed (or in the sources, for a build tree).
    static QUrl lessonGuide();

    void setEndpoint(const ServerEndpoint &endpoint);
    const ServerEndpoint &endpoint() const { return m_endpoint; }
    LoginDialog *loginDialog() const { return m_login; }
    TransferForm *transferForm() const { return m_form; }
    TeachingPanel *teachingPanel() const { return m_teaching; }
    ScheduledView *scheduledView() const { return m_scheduled; }
    // Brings the teaching tab to the front.
    void showTeaching();
    // The zoom of the whole window, the timeline with it, in percent: one of zoomSteps(), which
    // View › Zoom in / Zoom out walk (Ctrl+=, Ctrl+-; Ctrl+0 back to 100 %). Kept in the settings.
    static const QList<int> &zoomSteps();
    int zoom() const { return m_zoom; }
    void setZoom(int percent);
    // The timeline alone on the whole screen, for a projector (F11; Esc or F11 again leave it).
    bool isTimelineFullScreen() const { return m_timelineFullScreen; }
    void setTimelineFullScreen(bool fullScreen);
    // Says, above the unfinished transfers, that lists of them could not be read and where they
    // were kept (PendingIntentJournal::setAside), until the app closes.
    void showUnreadableJournals(const QStringList &keptAs);
    // Teaching (Run client crash after send): the form went with the transfer flow it showed
    // (BankSession::transferFlowEnding), and the window says so; this builds a new one for the
    // session's flow (Restart the client, the next sign-in). Nothing when the form is there.
    void restoreTransferForm();

public slots:
    void showLogin();
    void refresh();

signals:
    // Settings were changed and saved; the app should connect to the chosen server.
    void serverSettingsChanged(const ServerSettings &settings);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar();
    void connectForm();
    void dropTransferForm();
    void createZoomActions(QMenu *view);
    void showSignedIn(bool signedIn);
    void showConnection();
    void showTransportWarning();
    void showSettings();
    void showAbout();
    void saveLayout() const;
    void restoreLayout();

    BankSession &m_session;
    ServerEndpoint m_endpoint;
    AccountsPanel *m_accounts = nullptr;
    TransferForm *m_form = nullptr; // nullptr while the client is crashed
    QVBoxLayout *m_leftLayout = nullptr;
    InlineMessage *m_clientCrashed = nullptr;
    HistoryView *m_history = nullptr;
    KeysView *m_keys = nullptr;
    ScheduledView *m_scheduled = nullptr;
    ServerLogView *m_serverLog = nullptr;
    TeachingPanel *m_teaching = nullptr;
    RecoveryPanel *m_recovery = nullptr;
    InlineMessage *m_unreadableJournals = nullptr;
    InlineMessage *m_insecureBanner = nullptr; // over everything while the connection is cleartext
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    LoginDialog *m_login = nullptr;
    SettingsDialog *m_settings = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    // The status bar's message about the last refresh that failed, until the bank is reachable again.
    QString m_refreshFailure;
    QProgressBar *m_busy = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QAction *m_sendAction = nullptr;
    QAction *m_newTransferAction = nullptr;
    QAction *m_newKeyAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    AccessibleComboBox *m_zoomControl = nullptr;
    QWidget *m_left = nullptr;
    int m_zoom = 100;
    bool m_timelineFullScreen = false;
    Qt::WindowStates m_stateBeforeFullScreen;
};
