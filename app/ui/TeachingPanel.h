#pragma once

#include "app/teaching/NetworkPace.h"
#include "app/teaching/NetworkSimulation.h"
#include "app/teaching/TeachingPreset.h"

#include <QWidget>

class AttemptTimelineView;
class QAction;
class FaultSchedule;
class InlineMessage;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class TimelineRecorder;

// The teaching tab: the scenario presets (one button and one shortcut each), "Simulate network failure" (which failure,
// when, case 2's processing delay, the network's speed and step mode), the unsafe demonstration without a key, and the
// attempt timeline with its exports. Holds no logic: it says what was chosen (simulationChanged) and shows what
// DesktopApp made of it.
class TeachingPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TeachingPanel)
public:
    explicit TeachingPanel(TimelineRecorder &recorder, QWidget *parent = nullptr);

    NetworkSimulation simulation() const;
    // Shows `simulation` in the controls without announcing it.
    void setSimulation(const NetworkSimulation &simulation);
    // Simulation needs the integrated server; with a remote one the controls are off.
    void setAvailable(bool available);
    // What the proxy's schedule has left, after each attempt.
    void showSchedule(const FaultSchedule &remaining);
    // Why the last change could not be put into effect; empty when it was.
    void showApplyFailure(const QString &failure);
    // Why the last preset could not run; empty when it ran.
    void showPresetFailure(const QString &failure);
    // "Restart the client" can be pressed while the client is crashed.
    void setClientCrashed(bool crashed);
    // The presets' actions, Ctrl+1 … Ctrl+8 in the order of TeachingPreset::all(): the window
    // adds them so that their shortcuts work wherever the focus is.
    const QList<QAction *> &presetActions() const { return m_presetActions; }
    AttemptTimelineView *timelineView() const { return m_timeline; }
    // Where an export is offered to go: Pictures (PNG, SVG) or Documents (text), named for the case
    // and the time of the timeline, e.g. timeline-case3-2025-01-31-1200.png.
    enum class ExportFormat { Picture, Text, Svg };
    // The title of an exported picture: the case and what it did to the money, e.g. "Case 3 — the
    // answer is lost on the way back, with key: debited once".
    QString exportHeading() const;
    // Only the timeline, for full screen: the other controls hidden, and shown again as they were.
    void setTimelineOnly(bool timelineOnly);
    QString suggestedExportPath(ExportFormat format) const;

signals:
    void simulationChanged(const NetworkSimulation &simulation);
    void presetRequested(const TeachingPreset &preset);
    // Slow motion and step mode: the speed control, "Step through" and "Continue".
    void paceChanged(const NetworkPace &pace);
    // Step mode: "Next" (Space, →).
    void nextRequested();
    void restartRequested();

private:
    QGroupBox *createPresets();
    // The speed control, and "Step through", "Next" and "Continue" in a row below it: two rows of the simulation.
    void addPaceControls(QFormLayout *form);
    void showPace(const NetworkPace &pace);
    void showFailure(const QString &text);
    void controlsChanged();
    void showControls();
    // Asks where (suggestedExportPath) and saves the timeline there, saying where it went.
    void exportTimeline(ExportFormat format);
    void copyText();
    void copyImage();

    TimelineRecorder &m_recorder;
    QList<QAction *> m_presetActions;
    QList<QPushButton *> m_presetButtons;
    QPushButton *m_restartClient = nullptr;
    QGroupBox *m_simulate = nullptr;
    QComboBox *m_failure = nullptr;
    QComboBox *m_when = nullptr;
    QSpinBox *m_count = nullptr;
    QSpinBox *m_percent = nullptr;
    QSpinBox *m_delay = nullptr;
    QPushButton *m_rearm = nullptr;
    QLabel *m_scheduleState = nullptr;
    QCheckBox *m_unsafe = nullptr;
    QComboBox *m_speed = nullptr;
    QPushButton *m_stepThrough = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_continue = nullptr;
    QAction *m_nextAction = nullptr;
    NetworkPace m_runningPace; // the speed "Continue" and unticking "Step through" go back to
    InlineMessage *m_unsafeWarning = nullptr;
    InlineMessage *m_applyFailure = nullptr;
    QLabel *m_unavailable = nullptr;
    AttemptTimelineView *m_timeline = nullptr;
    QPushButton *m_exportPng = nullptr;
    QPushButton *m_exportText = nullptr;
    QPushButton *m_copyText = nullptr;
    QPushButton *m_exportSvg = nullptr;
    QPushButton *m_copyImage = nullptr;
    QPushButton *m_clear = nullptr;
    InlineMessage *m_exportMessage = nullptr;
    bool m_filling = false;
    QList<QWidget *> m_hiddenForTimeline;
};
