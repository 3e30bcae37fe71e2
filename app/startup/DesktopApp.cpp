#include "app/startup/DesktopApp.h"

#include "app/ui/MainWindow.h"
#include "app/ui/TeachingPanel.h"
#include "server/ledger/Ledger.h"
#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"
#include "server/storage/Storage.h"
#include "shared/core/ThreadHandoff.h"
#include "shared/files/PrivateFiles.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

DesktopApp::DesktopApp(AppOptions options, QObject *parent)
    : QObject(parent),
      m_options(std::move(options)),
      m_seed(m_options.randomSeed.value_or(QRandomGenerator::system()->generate())),
      m_random(m_seed),
      m_folderLock(QDir(m_options.dataFolder()).filePath(QStringLiteral("bank-app.lock"))),
      m_refusal(claimDataFolder(m_folderLock, m_options.dataFolder(), m_options.databasePath.isEmpty())),
      m_api(this),
      m_session(m_api, this),
      m_serverLog(this),
      m_backend(this),
      m_network(this),
      m_timeline(m_session.transferFlow(), m_session.directory(), m_network, this),
      m_invariants(
          m_timeline, m_api, [this](auto done) { readBankTotal(std::move(done)); }, this),
      m_window(std::make_unique<MainWindow>(m_session, m_serverLog, m_timeline))
{
    // Before anything writes a setting: the file is then 0600 and QSettings keeps it so.
    PrivateFiles::ensureOwnFile(QSettings().fileName());
    if (m_refusal.isEmpty()) {
        m_journal.emplace(PendingIntentJournal::pathIn(m_options.dataFolder()));
        m_session.setJournal(&*m_journal);
        if (!m_journal->error().isEmpty())
            qWarning("bank-app: %s", qPrintable(m_journal->error()));
        const auto showSetAside = [this] { m_window->showUnreadableJournals(m_journal->setAside()); };
        connect(&*m_journal, &PendingIntentJournal::unreadableSetAside, m_window.get(), showSetAside);
        if (!m_journal->setAside().isEmpty())
            showSetAside();
    }
    m_backend.setDemoPassword(m_options.demoPassword);
    m_timeline.watch(m_session.scheduleCreation());
    TransferFlow &flow = m_session.transferFlow();
    flow.setRetryPolicy(RetryPolicy(flow.retryPolicy().settings(), [this] { return m_random.generateDouble(); }));
    connect(&m_backend, &BankBackend::requestLogged, &m_serverLog, &ServerLogModel::append);
    connect(m_window.get(), &MainWindow::serverSettingsChanged, this, [this](const ServerSettings &settings) {
        if (const QString failure = connectTo(settings); !failure.isEmpty()) {
            m_window->statusBar()->showMessage(tr("Could not connect to the bank: %1").arg(failure));
            return;
        }
        m_window->showLogin();
    });
    TeachingPanel *teaching = m_window->teachingPanel();
    connect(teaching, &TeachingPanel::simulationChanged, this, [this, teaching](const NetworkSimulation &simulation) {
        const QString failure = applySimulation(simulation);
        teaching->showApplyFailure(failure);
        if (!failure.isEmpty())
            teaching->setSimulation(m_simulation);
    });
    connect(teaching, &TeachingPanel::presetRequested, this,
            [this, teaching](const TeachingPreset &preset) { teaching->showPresetFailure(runPreset(preset)); });
    connect(teaching, &TeachingPanel::paceChanged, &m_network, &SimulatedNetwork::setPace);
    connect(teaching, &TeachingPanel::nextRequested, &m_network, &SimulatedNetwork::next);
    // The crash preset: the client dies once its transfer request is on the network (the proxy has
    // it whole; it goes on to the bank or not, as the proxy's schedule says).
    connect(&m_network, &SimulatedNetwork::attemptStarted, this, [this](const FaultAttempt &attempt) {
        if (m_crashArmed && !attempt.idempotencyKey.isEmpty())
            crashClient();
    });
    connect(teaching, &TeachingPanel::restartRequested, this, &DesktopApp::restartClient);
    // A comparison follows the transfer flow, the crash preset's new one too.
    connect(&m_session.transferFlow(), &TransferFlow::changed, this, &DesktopApp::comparisonProgress);
    connect(&m_session, &BankSession::transferFlowReplaced, this, [this] {
        m_timeline.watch(m_session.transferFlow());
        connect(&m_session.transferFlow(), &TransferFlow::changed, this, &DesktopApp::comparisonProgress);
    });
    // A sign-in is a restart of the client too: it asks the bank about the journal's transfers.
    connect(&m_session, &BankSession::signedIn, this, [this, teaching] {
        m_clientCrashed = false;
        teaching->setClientCrashed(false);
    });
    connect(teaching, &TeachingPanel::comparisonRequested, this,
            [this, teaching](FaultCase failure) { teaching->showPresetFailure(compareWithAndWithoutKey(failure)); });
    connect(&m_timeline, &TimelineRecorder::changed, this, &DesktopApp::comparisonProgress);
    connect(teaching, &TeachingPanel::lessonSaveRequested, this,
            [this, teaching](const QString &path) { teaching->showLessonSaved(path, saveLesson(path)); });
    connect(teaching, &TeachingPanel::lessonOpenRequested, this,
            [this, teaching](const QString &path) { teaching->showLessonFailure(openLesson(path)); });
    connect(teaching, &TeachingPanel::nextScenarioRequested, this,
            [this, teaching] { teaching->showPresetFailure(runNextScenario()); });
    connect(&m_invariants, &InvariantMonitor::changed, teaching,
            [this, teaching] { teaching->showInvariants(m_invariants.checks()); });
    const auto showSchedule = [this, teaching] { teaching->showSchedule(m_network.schedule()); };
    connect(&m_network, &SimulatedNetwork::attemptStarted, teaching, showSchedule);
    // The unsafe demonstration is the signed-in user's: the next one starts with the safe client.
    // The integrated server then restarts without its demo endpoint, once the bank has answered
    // the sign-out (a restart before would lose that answer); not when the app is quitting.
    const auto endUnsafeMode = [this, teaching] {
        if (!m_simulation.unsafe || m_quitting)
            return;
        NetworkSimulation safe = m_simulation;
        safe.unsafe = false;
        teaching->showApplyFailure(applySimulation(safe));
        teaching->setSimulation(m_simulation);
    };
    connect(&m_session, &BankSession::signOutAnswered, this, endUnsafeMode);
    connect(&m_session, &BankSession::sessionExpired, this, endUnsafeMode);
    // The timeline's balances after: the session reads them after each answer; an attempt the bank
    // finished later, unseen by the client, needs one more look.
    connect(&m_timeline, &TimelineRecorder::bankFinishedUnseen, &m_session, &BankSession::refresh);
    // What the bank says about an earlier run's unfinished transfers is on the timeline too.
    connect(&m_session.recovery(), &IntentRecovery::checked, &m_timeline, &TimelineRecorder::recoveryChecked);
}

DesktopApp::~DesktopApp() = default;

void DesktopApp::signOutBeforeQuit(int waitMs)
{
    if (!m_session.isSignedIn())
        return;
    QEventLoop answered;
    connect(&m_session, &BankSession::signOutAnswered, &answered, &QEventLoop::quit);
    QTimer::singleShot(waitMs, &answered, &QEventLoop::quit);
    m_quitting = true;
    m_session.signOut();
    answered.exec();
}

QString DesktopApp::claimDataFolder(QLockFile &lock, const QString &folder, bool ownFolder)
{
    if (!(ownFolder ? PrivateFiles::ensureOwnFolder(folder) : PrivateFiles::createFolder(folder)))
        return tr("cannot create the data folder %1").arg(folder);
    // Held for as long as the app runs: only a dead holder's lock (a crash) is stale, never an old one.
    lock.setStaleLockTime(0);
    if (lock.tryLock(0)) {
        PrivateFiles::restrictNewFile(lock.fileName());
        return {};
    }
    if (lock.error() != QLockFile::LockFailedError)
        return tr("cannot create %1").arg(lock.fileName());
    qint64 pid = 0;
    QString host;
    QString application;
    const QString holder = lock.getLockInfo(&pid, &host, &application) ? tr(" (process %1)").arg(pid) : QString();
    return tr("Exactly-Once Bank is already open on the data folder %1%2. Close it first, or start this one with "
              "--db FILE in another folder.")
        .arg(folder, holder);
}

QString DesktopApp::start()
{
    if (!m_refusal.isEmpty())
        return m_refusal;
    ServerSettings settings = ServerSettings::load(QSettings());
    if (m_options.serverUrl) {
        settings.mode = ServerSettings::Mode::Remote;
        settings.remoteUrl = *m_options.serverUrl;
        settings.allowInsecureHttp = m_options.allowInsecureHttp;
    }
    return connectTo(settings);
}

QString DesktopApp::connectTo(const ServerSettings &settings)
{
    // Settings saved by an older version may name a cleartext remote server: refused before
    // anything changes or is sent, with the reason.
    if (settings.mode == ServerSettings::Mode::Remote) {
        if (const QString refusal = ServerSettings::transportRefusal(settings.remoteUrl, settings.allowInsecureHttp);
            !refusal.isEmpty())
            return refusal;
    }
    m_session.signOut();
    m_serverLog.clear();
    // A new server starts with a reliable network and the safe client.
    m_network.stop();
    m_simulation = {};
    m_session.transferFlow().setUnsafe(false);
    m_window->teachingPanel()->setSimulation(m_simulation);
    QString failure;
    if (settings.mode == ServerSettings::Mode::Remote)
        m_backend.useRemote(settings.remoteUrl);
    else
        failure = m_backend.startIntegrated(m_options.databasePath, m_options.port);
    m_session.setServerIdentity(m_backend.identity());
    pointClientAtServer(true);
    m_invariants.restart(m_backend.endpoint().integrated);
    m_window->setEndpoint(m_backend.endpoint());
    return failure;
}

QString DesktopApp::applySimulation(const NetworkSimulation &simulation)
{
    if (!m_backend.endpoint().integrated || !m_backend.integratedServer())
        return tr("simulated failures and the unsafe demonstration need the integrated server");
    if (m_session.transferFlow().isBusy())
        return tr("a transfer is on its way; change the simulation when it is done");

    const IntegratedServerOptions wanted{simulation.serverProcessingDelayMs(), simulation.unsafe};
    const bool restart = wanted != m_backend.integratedOptions();
    if (restart) {
        if (const QString failure = m_backend.restartIntegrated(wanted); !failure.isEmpty()) {
            m_network.stop();
            m_simulation = {};
            m_session.transferFlow().setUnsafe(false);
            pointClientAtServer(true);
            m_window->setEndpoint(m_backend.endpoint());
            return failure;
        }
    }
    QString failure;
    if (restart)
        m_network.stop(); // its connections to the old server are gone: a fresh proxy
    if (simulation.enabled) {
        failure = m_network.start(m_backend.endpoint().url.port(), m_backend.integratedSecret());
        m_network.setTarget(simulation.target);
        m_network.setSchedule(simulation.schedule(m_random.generate()));
    } else {
        m_network.stop();
    }
    m_session.transferFlow().setUnsafe(simulation.unsafe);
    m_simulation = simulation;
    if (!failure.isEmpty())
        m_simulation.enabled = false;
    pointClientAtServer(restart);
    if (restart)
        m_window->setEndpoint(m_backend.endpoint()); // which checks the connection
    else
        m_api.checkHealth(this, [](const ApiResult<bool> &) {});
    m_window->teachingPanel()->showSchedule(m_network.schedule());
    return failure;
}

QString DesktopApp::runPreset(const TeachingPreset &preset)
{
    if (!m_session.isSignedIn())
        return tr("sign in first");
    if (m_clientCrashed)
        return tr("the client crashed; restart it first");
    const std::optional<TransferRequest> transfer = preset.demoTransfer(m_session.directory());
    if (!transfer)
        return tr("the demo transfer needs an account and a payee in the same currency");
    const QString failure = applySimulation(preset.simulation(m_simulation));
    m_window->teachingPanel()->setSimulation(m_simulation);
    if (!failure.isEmpty())
        return failure;
    m_crashArmed = preset.point == TeachingPreset::Point::ClientCrash;
    if (!m_session.transferFlow().sendNew(*transfer)) {
        m_crashArmed = false;
        return tr("a transfer is on its way; run the scenario when it is done");
    }
    m_presetsRun.append(preset);
    return {};
}

void DesktopApp::crashClient()
{
    m_crashArmed = false;
    m_clientCrashed = true;
    m_session.replaceTransferFlow();
    m_window->teachingPanel()->setClientCrashed(true);
}

void DesktopApp::restartClient()
{
    if (!m_clientCrashed || !m_session.isSignedIn())
        return;
    m_clientCrashed = false;
    m_window->teachingPanel()->setClientCrashed(false);
    m_window->restoreTransferForm();
    m_session.recovery().reconcile(m_session.user(), m_session.serverIdentity());
    m_session.refresh();
}

namespace {

QByteArray firstRequestOf(const AttemptTimeline &timeline)
{
    return timeline.isEmpty() ? QByteArray() : timeline.rows().constFirst().requestId;
}

} // namespace

QString DesktopApp::compareWithAndWithoutKey(FaultCase failure)
{
    if (m_comparison)
        return tr("the comparison is still running");
    const TeachingPreset withKey{failure, true};
    m_comparison = Comparison{withKey, firstRequestOf(m_timeline.timeline())};
    const QString refusal = runPreset(withKey);
    if (!refusal.isEmpty())
        m_comparison.reset();
    return refusal;
}

void DesktopApp::comparisonProgress()
{
    const AttemptTimeline &timeline = m_timeline.timeline();
    TeachingPanel *teaching = m_window->teachingPanel();
    // The bank's balances after a run arrive once it has settled: the side shown follows them.
    if (m_comparisonShown && m_comparisonShown->before == firstRequestOf(timeline) && timeline.isSettled())
        teaching->updateComparisonSide(m_comparisonShown->running);
    if (!m_comparison || m_session.transferFlow().isBusy() || firstRequestOf(timeline) == m_comparison->before
        || !timeline.isSettled())
        return;
    const TeachingPreset ran = m_comparison->running;
    teaching->showComparisonSide(ran);
    m_comparisonShown = Comparison{ran, firstRequestOf(timeline)};
    if (!ran.withKey) {
        m_comparison.reset();
        return;
    }
    m_comparison = Comparison{{ran.failure, false}, firstRequestOf(timeline)};
    // Not from inside the flow's or the recorder's signal: the next run changes the simulation.
    QTimer::singleShot(0, this, [this, teaching] {
        if (!m_comparison)
            return;
        if (const QString refusal = runPreset(m_comparison->running); !refusal.isEmpty()) {
            m_comparison.reset();
            teaching->showPresetFailure(refusal);
        }
    });
}

QString DesktopApp::saveLesson(const QString &path) const
{
    if (m_presetsRun.isEmpty())
        return tr("run the scenarios first: a lesson is the scenarios run since the app started or a lesson was "
                  "opened");
    QSaveFile file(path);
    const QByteArray json = Lesson{m_presetsRun, m_seed}.toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit())
        return tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

QString DesktopApp::openLesson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    QString why;
    const std::optional<Lesson> lesson = Lesson::fromJson(file.read(64 * 1024), &why);
    if (!lesson)
        return tr("%1: %2").arg(QDir::toNativeSeparators(path), why);
    m_lesson = lesson;
    m_lessonNext = 0;
    m_presetsRun.clear();
    m_seed = lesson->seed;
    m_random.seed(m_seed);
    m_window->teachingPanel()->showLessonProgress(m_lesson->progressText(m_lessonNext));
    return {};
}

QString DesktopApp::runNextScenario()
{
    if (!m_lesson)
        return tr("open a lesson first (File › Open lesson…)");
    if (m_lessonNext >= m_lesson->scenarios.size())
        return tr("the lesson is over: open it again to start afresh");
    if (const QString refusal = runPreset(m_lesson->scenarios.at(m_lessonNext)); !refusal.isEmpty())
        return refusal;
    ++m_lessonNext;
    m_window->teachingPanel()->showLessonProgress(m_lesson->progressText(m_lessonNext));
    return {};
}

void DesktopApp::readBankTotal(std::function<void(std::optional<qint64>)> done)
{
    ServerThread *server = m_backend.endpoint().integrated ? m_backend.integratedServer() : nullptr;
    if (!server || !server->server()) {
        done(std::nullopt);
        return;
    }
    const auto answer = [done = std::move(done)](std::optional<qint64> total) {
        ThreadHandoff::post(QCoreApplication::instance(), [done, total] { done(total); });
    };
    server->server()->storage().read(
        [answer](QSqlDatabase &db) {
            const Result<qint64> total = Ledger::totalBalance(db);
            answer(total ? std::optional(total.value()) : std::nullopt);
        },
        [answer](const Problem &) { answer(std::nullopt); });
}

void DesktopApp::pointClientAtServer(bool serverRestarted)
{
    // The secret goes only to the integrated server (and its proxy), never to a remote one.
    m_api.setIntegratedSecret(m_backend.endpoint().integrated ? m_backend.integratedSecret() : QByteArray());
    const QUrl url = m_network.isActive() ? m_network.url() : m_backend.endpoint().url;
    // Also on the same address after a restart: kept-alive connections to the old server are dead.
    if (m_api.baseUrl() != url || serverRestarted)
        m_api.setBaseUrl(url);
}
