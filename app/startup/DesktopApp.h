#pragma once

#include "app/client/connection/ServerSettings.h"
#include "app/client/models/ServerLogModel.h"
#include "app/client/session/BankSession.h"
#include "app/client/transfer/PendingIntentJournal.h"
#include "app/client/transport/ApiClient.h"
#include "app/startup/AppOptions.h"
#include "app/startup/BankBackend.h"
#include "app/teaching/InvariantMonitor.h"
#include "app/teaching/Lesson.h"
#include "app/teaching/NetworkSimulation.h"
#include "app/teaching/SimulatedNetwork.h"
#include "app/teaching/TeachingPreset.h"
#include "app/teaching/TimelineRecorder.h"

#include <QLockFile>
#include <QObject>
#include <QRandomGenerator>

#include <memory>
#include <optional>

class MainWindow;

// bank-app without main(): the API client, the session, the server (integrated or remote), the
// journal of pending transfers, the simulated network and the attempt timeline, and the window,
// wired together. The tests and the screenshot tools build exactly this.
//
// One instance per data folder (AppOptions::dataFolder): it takes the folder's lock file before it
// reads anything there, and holds it while it lives. A second instance on the same folder opens
// nothing: refusal() says why and start() fails. A crashed instance's lock is taken over.
class DesktopApp : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)
public:
    explicit DesktopApp(AppOptions options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Why this instance cannot run: another one holds the data folder. Empty when it is ours.
    const QString &refusal() const { return m_refusal; }
    // Connects to the server the saved settings choose, or --server. Returns why it could not
    // (refusal() first).
    QString start();
    // Signs out, then switches to the server these settings choose. A remote http:// server on
    // another computer without settings.allowInsecureHttp is refused: nothing changes, and the
    // reason is returned.
    QString connectTo(const ServerSettings &settings);
    // Puts the teaching settings into effect: the fault proxy in front of the integrated server
    // or not, its schedule (afresh), the server's processing delay and unsafe endpoint (a restart
    // of the integrated server when they change), the flow's unsafe mode. Returns why it could
    // not (a remote server, a transfer on its way), or an empty string.
    QString applySimulation(const NetworkSimulation &simulation);
    const NetworkSimulation &simulation() const { return m_simulation; }
    // One scenario in one action: arms its failure (applySimulation) and sends its demo transfer
    // as a new intent. Returns why it could not (not signed in, no account and payee, a transfer
    // on its way, the simulation), or an empty string.
    QString runPreset(const TeachingPreset &preset);
    // After "Run client crash after send": a new client side (the form, for the session's new
    // flow) that asks the bank about the transfers the journal on disk still lists, as at sign-in
    // (IntentRecovery), and reads the balances anew. The next sign-in does the same.
    void restartClient();
    bool isClientCrashed() const { return m_clientCrashed; }
    // Side by side: `failure` as a preset with a key, then, once that has settled, without one;
    // each settled run goes to the Timeline tab's comparison. Returns why it could not start
    // (runPreset's reasons, a comparison already running), or an empty string.
    QString compareWithAndWithoutKey(FaultCase failure);
    bool isComparing() const { return m_comparison.has_value(); }
    // Lessons: saveLesson writes the presets run since the app started or a lesson was opened,
    // with the seed of the app's random choices (--retry-seed's, else one drawn at start);
    // openLesson reads one, reseeds those choices with its seed and makes runNextScenario run its
    // presets in order. Each returns why it could not, or an empty string.
    QString saveLesson(const QString &path) const;
    QString openLesson(const QString &path);
    QString runNextScenario();
    const std::optional<Lesson> &lesson() const { return m_lesson; }
    // The index in lesson() of the scenario runNextScenario runs.
    int lessonPosition() const { return m_lessonNext; }
    quint32 randomSeed() const { return m_seed; }
    // Signs out at the bank before the app quits, waiting up to `waitMs` for the answer: each
    // launch signs in anew, and sessions the bank still counted would use up the user's live
    // sessions (bank-server --max-sessions) long after the app closed.
    void signOutBeforeQuit(int waitMs = 2000);

    MainWindow &window() { return *m_window; }
    BankSession &session() { return m_session; }
    ApiClient &api() { return m_api; }
    BankBackend &backend() { return m_backend; }
    ServerLogModel &serverLog() { return m_serverLog; }
    // nullptr when the data folder is another instance's.
    PendingIntentJournal *journal() { return m_journal ? &*m_journal : nullptr; }
    SimulatedNetwork &network() { return m_network; }
    TimelineRecorder &timeline() { return m_timeline; }
    InvariantMonitor &invariants() { return m_invariants; }

private:
    // The client side dies for real (BankSession::replaceTransferFlow), once the armed crash
    // preset's transfer request is on the network.
    void crashClient();
    // The client talks to the proxy while it runs, else to the server itself.
    void pointClientAtServer(bool serverRestarted = false);
    // Makes the data folder (0700; the app's default folder is narrowed to 0700 if wider, a --db
    // folder the user chose is not) and takes its lock; returns why not.
    // The sum of every account's balance, read through the integrated server's own storage (no
    // user may see every balance over the API); nullopt with a remote server. `done` runs later,
    // on this thread.
    void readBankTotal(std::function<void(std::optional<qint64>)> done);
    // The comparison's run has settled: it goes to the Timeline tab, then the run without a key starts.
    void comparisonProgress();
    static QString claimDataFolder(QLockFile &lock, const QString &folder, bool ownFolder);

    AppOptions m_options;
    // Every random choice of the app, from --retry-seed's seed or one drawn at start: a lesson
    // saves it and reseeds it.
    quint32 m_seed;
    QRandomGenerator m_random;
    QLockFile m_folderLock;
    QString m_refusal; // before everything that may touch the folder
    ApiClient m_api;
    std::optional<PendingIntentJournal> m_journal; // opened only in a folder this instance holds
    BankSession m_session;
    ServerLogModel m_serverLog;
    BankBackend m_backend;
    SimulatedNetwork m_network;
    TimelineRecorder m_timeline;
    InvariantMonitor m_invariants;
    NetworkSimulation m_simulation;
    struct Comparison
    {
        TeachingPreset running;
        QByteArray before; // the first request of the timeline before it: the run's timeline is another
    };
    std::optional<Comparison> m_comparison;
    std::optional<Comparison> m_comparisonShown; // the side shown last; `before` is its own first request
    QList<TeachingPreset> m_presetsRun;          // since the start or the lesson opened: what saveLesson saves
    std::optional<Lesson> m_lesson;
    int m_lessonNext = 0;
    bool m_quitting = false;              // signOutBeforeQuit: the integrated server is left as it is
    bool m_crashArmed = false;            // the next transfer request on the network crashes the client
    bool m_clientCrashed = false;         // until Restart the client or the next sign-in
    std::unique_ptr<MainWindow> m_window; // last, so it goes first: it refers to all of the above
};
