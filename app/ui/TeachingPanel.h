#pragma once

#include "app/teaching/LiveInvariants.h"
#include "app/teaching/NetworkPace.h"
#include "app/teaching/NetworkSimulation.h"
#include "app/teaching/TeachingPreset.h"

#include <QFileDialog>
#include <QWidget>

class AttemptTimelineView;
class QAction;
class FaultSchedule;
class InlineMessage;
class InvariantsView;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;
class SideBySideDialog;
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
    // The live invariants of the timeline's intent, under the timeline.
    void showInvariants(const QList<LiveInvariants::Check> &checks);
    // Side by side: the run of `preset` has settled; its timeline (the one shown now) joins the
    // comparison, which opens with the first.
    void showComparisonSide(const TeachingPreset &preset);
    // The same side again, from the timeline as it is now, without bringing the dialog up.
    void updateComparisonSide(const TeachingPreset &preset);
    SideBySideDialog *sideBySide() const { return m_sideBySide; }
    // "Save lesson…", "Open lesson…" (each asks for the file) and "Next scenario" (F8), for the
    // window's File menu.
    const QList<QAction *> &lessonActions() const { return m_lessonActions; }
    void showLessonProgress(const QString &progress);
    // Why the lesson could not be opened or saved; empty when it was.
    void showLessonFailure(const QString &failure);
    void showLessonSaved(const QString &path, const QString &failure);
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
    // "Compare with and without key" for the failure case chosen above.
    void comparisonRequested(FaultCase failure);
    void lessonSaveRequested(const QString &path);
    void lessonOpenRequested(const QString &path);
    void nextScenarioRequested();

private:
    QGroupBox *createPresets();
    // The speed control, and "Step through", "Next" and "Continue" in a row below it: two rows of the simulation.
    void addPaceControls(QFormLayout *form);
    void showPace(const NetworkPace &pace);
    void createLessonActions();
    // Asks for a lesson file to open or to save, then requests it.
    void chooseLessonFile(QFileDialog::AcceptMode mode);
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
    QPushButton *m_compare = nullptr;
    SideBySideDialog *m_sideBySide = nullptr;
    QList<QAction *> m_lessonActions;
    QLabel *m_lessonState = nullptr;
    QList<QWidget *> m_lessonRow; // its label, m_lessonState and m_nextScenario
    QPushButton *m_nextScenario = nullptr;
    QGroupBox *m_simulate = nullptr;
    QToolButton *m_manualToggle = nullptr; // unfolds the manual controls of m_simulate
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
    InvariantsView *m_invariants = nullptr;
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
