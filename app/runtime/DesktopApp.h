#pragma once

#include "AppOptions.h"
#include "ApiClient.h"
#include "BankBackend.h"
#include "BankSession.h"
#include "NetworkSimulation.h"
#include "PendingIntentJournal.h"
#include "ServerLogModel.h"
#include "ServerSettings.h"
#include "SimulatedNetwork.h"
#include "TimelineRecorder.h"

#include <QObject>

#include <memory>

class MainWindow;

// bank-app without main(): the API client, the session, the server (integrated or remote), the
// journal of pending transfers, the simulated network and the attempt timeline, and the window,
// wired together. The tests and the screenshot tools build exactly this.
class DesktopApp : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)
public:
    explicit DesktopApp(AppOptions options, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Connects to the server the saved settings choose, or --server. Returns why it could not.
    QString start();
    // Signs out, then switches to the server these settings choose.
    QString connectTo(const ServerSettings &settings);
    // Puts the teaching settings into effect: the fault proxy in front of the integrated server
    // or not, its schedule (afresh), the server's processing delay and unsafe endpoint (a restart
    // of the integrated server when they change), the flow's unsafe mode. Returns why it could
    // not (a remote server, a transfer on its way), or an empty string.
    QString applySimulation(const NetworkSimulation &simulation);
    const NetworkSimulation &simulation() const { return m_simulation; }

    MainWindow &window() { return *m_window; }
    BankSession &session() { return m_session; }
    ApiClient &api() { return m_api; }
    BankBackend &backend() { return m_backend; }
    ServerLogModel &serverLog() { return m_serverLog; }
    PendingIntentJournal &journal() { return m_journal; }
    SimulatedNetwork &network() { return m_network; }
    TimelineRecorder &timeline() { return m_timeline; }

private:
    // The client talks to the proxy while it runs, else to the server itself.
    void pointClientAtServer(bool serverRestarted = false);

    AppOptions m_options;
    ApiClient m_api;
    PendingIntentJournal m_journal;
    BankSession m_session;
    ServerLogModel m_serverLog;
    BankBackend m_backend;
    SimulatedNetwork m_network;
    TimelineRecorder m_timeline;
    NetworkSimulation m_simulation;
    std::unique_ptr<MainWindow> m_window; // last, so it goes first: it refers to all of the above
};
