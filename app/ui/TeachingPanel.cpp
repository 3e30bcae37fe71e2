#include "app/ui/TeachingPanel.h"

#include "app/client/transport/ApiClient.h"
#include "app/faultproxy/FaultSchedule.h"
#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/TimelineRecorder.h"
#include "app/ui/AccessibleComboBox.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/InvariantsView.h"
#include "app/ui/SideBySideDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString suffix(TeachingPanel::ExportFormat format)
{
    switch (format) {
    case TeachingPanel::ExportFormat::Picture:
        return QStringLiteral("png");
    case TeachingPanel::ExportFormat::Text:
        break;
    case TeachingPanel::ExportFormat::Svg:
        return QStringLiteral("svg");
    }
    return QStringLiteral("txt");
}

template <typename T>
T *named(T *widget, const char *name, const QString &accessibleName, const QString &tip)
{
    widget->setObjectName(QLatin1String(name));
    widget->setAccessibleName(accessibleName);
    widget->setToolTip(tip);
    return widget;
}

} // namespace

TeachingPanel::TeachingPanel(TimelineRecorder &recorder, QWidget *parent) : QWidget(parent), m_recorder(recorder)
{
    setObjectName(QStringLiteral("teachingPanel"));
    QGroupBox *presets = createPresets();

    m_simulate = new QGroupBox(tr("Simulate network failure"), this);
    m_simulate->setObjectName(QStringLiteral("simulateGroup"));
    m_simulate->setAccessibleName(tr("Simulate network failure"));
    m_simulate->setToolTip(tr("Put a fault-injecting proxy between this app and its integrated bank server: transfer "
                              "requests then really fail, in the chosen way"));
    m_simulate->setCheckable(true);
    m_simulate->setChecked(false);

    m_failure
        = named(new AccessibleComboBox(m_simulate), "failureCase", tr("Failure case"),
                tr("Where the transfer fails: before the bank gets it, while the bank works, or on the way back"));
    for (const FaultCase failure : {FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse})
        m_failure->addItem(NetworkSimulation::caseName(failure), int(failure));
    m_when = named(new AccessibleComboBox(m_simulate), "failureSchedule", tr("When it fails"),
                   tr("Which transfer attempts fail: the next one only, the first few, or a random share"));
    m_when->addItem(tr("next attempt only"), int(NetworkSimulation::When::NextAttempt));
    m_when->addItem(tr("first N attempts"), int(NetworkSimulation::When::FirstAttempts));
    m_when->addItem(tr("random share of attempts"), int(NetworkSimulation::When::RandomShare));
    m_count = named(new QSpinBox(m_simulate), "failureCount", tr("Attempts that fail"),
                    tr("How many attempts fail, from now"));
    m_count->setRange(1, 20);
    m_count->setSuffix(tr(" attempts"));
    m_percent = named(new QSpinBox(m_simulate), "failurePercent", tr("Share of attempts that fail"),
                      tr("The share of attempts that fail, at random"));
    m_percent->setRange(0, 100);
    m_percent->setSuffix(tr(" %"));
    m_delay
        = named(new QSpinBox(m_simulate), "processingDelay", tr("Processing delay"),
                tr("Case 2: the integrated bank holds each transfer this long, so the connection drops while it works "
                   "and the retry finds it still in progress (409). Changing it restarts the integrated server."));
    m_delay->setRange(0, NetworkSimulation::kMaxProcessingDelayMs);
    m_delay->setSingleStep(250);
    m_delay->setSuffix(tr(" ms"));
    for (QSpinBox *spin : {m_count, m_percent, m_delay})
        spin->setKeyboardTracking(false); // one change when the value is complete, not per digit
    m_rearm = named(new QPushButton(tr("Arm again"), m_simulate), "rearmButton", tr("Arm again"),
                    tr("Start the schedule afresh: with \"next attempt only\", the next attempt fails again"));
    m_scheduleState = new QLabel(m_simulate);
    m_scheduleState->setObjectName(QStringLiteral("scheduleState"));
    m_scheduleState->setWordWrap(true);

    auto *whenRow = new QHBoxLayout;
    whenRow->addWidget(m_when, 1);
    whenRow->addWidget(m_count);
    whenRow->addWidget(m_percent);
    // In a widget of its own: QFormLayout gives a spanning layout row the height of its first
    // line only, which clipped the wrapped state (German).
    auto *stateRow = new QWidget(m_simulate);
    auto *stateLayout = new QHBoxLayout(stateRow);
    stateLayout->setContentsMargins({});
    stateLayout->addWidget(m_scheduleState, 1);
    stateLayout->addWidget(m_rearm);
    // The manual controls fold away: the presets choose for them, and the timeline keeps the room.
    // Ticking "Simulate network failure" by hand unfolds them.
    m_manualToggle = named(new QToolButton(m_simulate), "manualControlsToggle", tr("Manual controls"),
                           tr("Choose the failure, when it happens and case 2's processing delay by hand"));
    m_manualToggle->setText(tr("Manual controls"));
    m_manualToggle->setCheckable(true);
    m_manualToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_manualToggle->setArrowType(Qt::RightArrow);
    m_manualToggle->setAutoRaise(true);
    auto *manual = new QWidget(m_simulate);
    manual->setObjectName(QStringLiteral("manualControls"));
    auto *manualLayout = new QFormLayout(manual);
    manualLayout->setContentsMargins({});
    manualLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    manualLayout->addRow(tr("Failure:"), m_failure);
    manualLayout->addRow(tr("When:"), whenRow);
    manualLayout->addRow(tr("Processing delay (case 2):"), m_delay);
    manualLayout->addRow(stateRow);
    manual->setVisible(false);
    connect(m_manualToggle, &QToolButton::toggled, this, [this, manual](bool unfolded) {
        manual->setVisible(unfolded);
        m_manualToggle->setArrowType(unfolded ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_simulate, &QGroupBox::clicked, m_manualToggle, [this](bool ticked) {
        if (ticked)
            m_manualToggle->setChecked(true);
    });
    auto *simulateLayout = new QFormLayout(m_simulate);
    simulateLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    simulateLayout->addRow(m_manualToggle);
    simulateLayout->addRow(manual);
    addPaceControls(simulateLayout);

    m_unsafe
        = named(new QCheckBox(tr("Send without idem&potency key (unsafe)"), this), "unsafeCheck",
                tr("Send without idempotency key"),
                tr("Demonstration of the bug: transfers go to the integrated server's demo endpoint without a key, "
                   "so a retry after a lost answer moves the money again"));
    m_unsafeWarning = new InlineMessage(this);
    m_unsafeWarning->setObjectName(QStringLiteral("unsafeWarning"));
    m_applyFailure = new InlineMessage(this);
    m_applyFailure->setObjectName(QStringLiteral("simulationError"));
    m_exportMessage = new InlineMessage(this);
    m_exportMessage->setObjectName(QStringLiteral("exportMessage"));
    m_unavailable = new QLabel(
        tr("Simulated failures and the unsafe demonstration need the integrated server (Settings)."), this);
    m_unavailable->setObjectName(QStringLiteral("teachingUnavailable"));
    m_unavailable->setWordWrap(true);

    m_timeline = new AttemptTimelineView(recorder, this);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("timelineScroll"));
    scroll->setWidget(m_timeline);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setBackgroundRole(QPalette::Base);
    m_invariants = new InvariantsView(this);

    // Made from left to right, the order Tab follows.
    m_clear = named(new QPushButton(tr("Clear"), this), "clearTimelineButton", tr("Clear timeline"),
                    tr("Empty the timeline; the next transfer starts a new one"));
    m_copyText = named(new QPushButton(tr("Copy as text"), this), "copyTimelineButton", tr("Copy timeline as text"),
                       tr("Copy the timeline to the clipboard as plain text"));
    m_exportText = named(new QPushButton(tr("Export text…"), this), "exportTextButton", tr("Export timeline as text"),
                         tr("Save the timeline as plain text"));
    m_exportPng = named(new QPushButton(tr("E&xport PNG…"), this), "exportPngButton", tr("Export timeline as PNG"),
                        tr("Save the timeline as a picture, light background, for slides"));
    m_copyImage = named(new QPushButton(tr("Copy as image"), this), "copyImageButton", tr("Copy timeline as image"),
                        tr("Copy the timeline to the clipboard as a picture, light background, twice the resolution"));
    m_exportSvg = named(new QPushButton(tr("Export SVG…"), this), "exportSvgButton", tr("Export timeline as SVG"),
                        tr("Save the timeline as a drawing that stays sharp at any size, light background"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    buttons->addWidget(m_copyText);
    buttons->addWidget(m_exportText);
    buttons->addWidget(m_exportPng);
    buttons->addWidget(m_copyImage);
    buttons->addWidget(m_exportSvg);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_unavailable);
    layout->addWidget(presets);
    layout->addWidget(m_simulate);
    layout->addWidget(m_unsafe);
    layout->addWidget(m_unsafeWarning);
    layout->addWidget(m_applyFailure);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_invariants);
    layout->addLayout(buttons);
    layout->addWidget(m_exportMessage);

    connect(m_simulate, &QGroupBox::toggled, this, &TeachingPanel::controlsChanged);
    connect(m_failure, &QComboBox::currentIndexChanged, this, &TeachingPanel::controlsChanged);
    connect(m_when, &QComboBox::currentIndexChanged, this, &TeachingPanel::controlsChanged);
    for (QSpinBox *spin : {m_count, m_percent, m_delay})
        connect(spin, &QSpinBox::valueChanged, this, &TeachingPanel::controlsChanged);
    connect(m_unsafe, &QCheckBox::toggled, this, &TeachingPanel::controlsChanged);
    connect(m_rearm, &QPushButton::clicked, this, [this] { emit simulationChanged(simulation()); });
    connect(m_exportPng, &QPushButton::clicked, this, [this] { exportTimeline(ExportFormat::Picture); });
    connect(m_exportText, &QPushButton::clicked, this, [this] { exportTimeline(ExportFormat::Text); });
    connect(m_copyText, &QPushButton::clicked, this, &TeachingPanel::copyText);
    connect(m_copyImage, &QPushButton::clicked, this, &TeachingPanel::copyImage);
    connect(m_exportSvg, &QPushButton::clicked, this, [this] { exportTimeline(ExportFormat::Svg); });
    connect(m_clear, &QPushButton::clicked, &m_recorder, &TimelineRecorder::clear);

    setSimulation({});
    setAvailable(true);
}

QGroupBox *TeachingPanel::createPresets()
{
    auto *group = new QGroupBox(tr("Run a scenario"), this);
    group->setObjectName(QStringLiteral("presetGroup"));
    auto *grid = new QGridLayout(group);
    grid->addWidget(new QLabel(tr("With key:"), group), 0, 0);
    grid->addWidget(new QLabel(tr("Without key:"), group), 1, 0);
    grid->addWidget(new QLabel(tr("Server keys:"), group), 2, 0);
    const QList<TeachingPreset> presets = TeachingPreset::all();
    for (qsizetype index = 0; index < presets.size(); ++index) {
        const TeachingPreset &preset = presets.at(index);
        // The accessible name is the automation contract's, in every language (docs/automation.md).
        const QString name = preset.automationName();
        auto *action = new QAction(preset.label(), this);
        action->setObjectName(name + QStringLiteral(" action"));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
        auto *button = new QPushButton(preset.label(), group);
        button->setObjectName(name);
        button->setAccessibleName(name);
        button->setAccessibleDescription(preset.description());
        button->setToolTip(
            QStringLiteral("%1 (%2)").arg(preset.description(), action->shortcut().toString(QKeySequence::NativeText)));
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::triggered, this, [this, preset] { emit presetRequested(preset); });
        if (preset.point == TeachingPreset::Point::Transfer)
            grid->addWidget(button, preset.withKey ? 0 : 1, 1 + int(preset.failure) - int(FaultCase::DropRequest));
        else
            grid->addWidget(button, 2, preset.point == TeachingPreset::Point::KeyAnswer ? 1 : 2);
        m_presetActions.append(action);
        m_presetButtons.append(button);
    }
    // The name is the automation contract's too.
    m_restartClient = named(new QPushButton(tr("Restart the client"), group), "Restart the client",
                            QStringLiteral("Restart the client"),
                            tr("After “Client crash after send”: a new client, built from the list of unfinished "
                               "transfers on disk, asks the bank by the key what became of the transfer"));
    m_restartClient->setEnabled(false);
    connect(m_restartClient, &QPushButton::clicked, this, &TeachingPanel::restartRequested);
    grid->addWidget(m_restartClient, 2, 3);
    m_compare = named(new QPushButton(tr("Compare with and without key"), group), "compareButton",
                      tr("Compare with and without key"),
                      tr("Run the failure case chosen below twice, with a key and then without one, and show both "
                         "timelines next to each other"));
    connect(m_compare, &QPushButton::clicked, this,
            [this] { emit comparisonRequested(FaultCase(m_failure->currentData().toInt())); });
    grid->addWidget(new QLabel(tr("Side by side:"), group), 3, 0);
    grid->addWidget(m_compare, 3, 1, 1, 3);
    createLessonActions();
    m_lessonState = new QLabel(group);
    m_lessonState->setObjectName(QStringLiteral("lessonState"));
    m_lessonState->setWordWrap(true);
    m_nextScenario = named(new QPushButton(tr("Next scenario"), group), "nextScenarioButton", tr("Next scenario"),
                           tr("Run the next scenario of the open lesson (%1)")
                               .arg(m_lessonActions.constLast()->shortcut().toString(QKeySequence::NativeText)));
    connect(m_nextScenario, &QPushButton::clicked, m_lessonActions.constLast(), &QAction::trigger);
    auto *lessonLabel = new QLabel(tr("Lesson:"), group);
    grid->addWidget(lessonLabel, 4, 0);
    grid->addWidget(m_lessonState, 4, 1, 1, 2);
    grid->addWidget(m_nextScenario, 4, 3);
    // The tab is full already: the lesson's row only once one is open.
    m_lessonRow = {lessonLabel, m_lessonState, m_nextScenario};
    for (QWidget *lessonRow : std::as_const(m_lessonRow))
        lessonRow->setVisible(false);
    return group;
}

void TeachingPanel::createLessonActions()
{
    auto *save = new QAction(tr("Save lesso&n…"), this);
    save->setObjectName(QStringLiteral("saveLessonAction"));
    save->setToolTip(tr("Save the scenarios run so far, in order, with the seed of the app's random choices, so "
                        "that the class can be run again the same way"));
    auto *open = new QAction(tr("Open &lesson…"), this);
    open->setObjectName(QStringLiteral("openLessonAction"));
    open->setToolTip(tr("Open a prepared lesson: “Next scenario” then runs its scenarios in order"));
    auto *next = new QAction(tr("Ne&xt scenario"), this);
    next->setObjectName(QStringLiteral("nextScenarioAction"));
    next->setShortcut(QKeySequence(Qt::Key_F8));
    next->setToolTip(tr("Run the next scenario of the open lesson"));
    connect(save, &QAction::triggered, this, [this] { chooseLessonFile(QFileDialog::AcceptSave); });
    connect(open, &QAction::triggered, this, [this] { chooseLessonFile(QFileDialog::AcceptOpen); });
    connect(next, &QAction::triggered, this, &TeachingPanel::nextScenarioRequested);
    m_lessonActions = {save, open, next};
}

void TeachingPanel::chooseLessonFile(QFileDialog::AcceptMode mode)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const bool saving = mode == QFileDialog::AcceptSave;
    auto *dialog = new QFileDialog(this, saving ? tr("Save lesson") : tr("Open lesson"),
                                   saving ? QDir(folder).filePath(tr("lesson.json")) : folder, tr("Lessons (*.json)"));
    dialog->setObjectName(QStringLiteral("lessonFileDialog"));
    dialog->setAcceptMode(mode);
    dialog->setFileMode(saving ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, saving](const QString &path) {
        if (saving)
            emit lessonSaveRequested(path);
        else
            emit lessonOpenRequested(path);
    });
    dialog->open();
}

void TeachingPanel::showLessonProgress(const QString &progress)
{
    m_lessonState->setText(progress);
    for (QWidget *lessonRow : std::as_const(m_lessonRow))
        lessonRow->setVisible(true);
}

void TeachingPanel::showLessonFailure(const QString &failure)
{
    showFailure(failure.isEmpty() ? QString() : tr("The lesson could not be opened: %1").arg(failure));
}

void TeachingPanel::showLessonSaved(const QString &path, const QString &failure)
{
    if (!failure.isEmpty()) {
        showFailure(tr("The lesson could not be saved: %1").arg(failure));
        return;
    }
    showFailure({});
    m_exportMessage->showMessage(InlineMessage::Kind::Success,
                                 tr("Saved the lesson as %1.").arg(QDir::toNativeSeparators(path)));
}

void TeachingPanel::addPaceControls(QFormLayout *form)
{
    auto *row = new QWidget(m_simulate);
    m_speed = named(new AccessibleComboBox(m_simulate), "networkSpeed", tr("Network speed"),
                    tr("Slow motion: each transfer request and its answer wait at every hop of the network, so a "
                       "case can be watched unfolding; \"step\" waits for Next"));
    for (const NetworkPace::Speed speed : NetworkPace::all())
        m_speed->addItem(NetworkPace{speed}.label(), int(speed));
    const QString timeoutRule
        = tr("The client keeps its own clock: after %n second(s) without an answer it gives up on the attempt and "
             "retries as usual, while the held message stays where it is until Next.",
             nullptr, ApiClient::kDefaultTimeoutMs / 1000);
    // The accessible names are the automation contract's, in every language (docs/automation.md).
    m_stepThrough = named(
        new QPushButton(tr("Step through"), row), "stepThroughButton", QStringLiteral("Step through"),
        tr("Each transfer request and its answer wait at every hop until Next (Space or →). %1").arg(timeoutRule));
    m_stepThrough->setCheckable(true);
    m_next = named(new QPushButton(tr("Next"), row), "nextHopButton", QStringLiteral("Next"),
                   tr("The message that has waited longest goes on to its next hop (Space or →)"));
    m_continue = named(new QPushButton(tr("Continue"), row), "continueButton", QStringLiteral("Continue"),
                       tr("Let every held message go and run the rest without holding"));
    m_nextAction = new QAction(tr("Next"), this);
    m_nextAction->setObjectName(QStringLiteral("Next action"));
    m_nextAction->setShortcuts({QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Right)});
    m_nextAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_nextAction);

    // One row: the speed as wide as its longest choice, the step buttons beside it.
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins({});
    m_speed->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    layout->addWidget(m_speed);
    layout->addWidget(m_stepThrough);
    layout->addWidget(m_next);
    layout->addWidget(m_continue);
    layout->addStretch(1);
    form->addRow(tr("Speed:"), row);

    const auto choose = [this](const NetworkPace &pace) {
        if (!pace.stepping())
            m_runningPace = pace;
        showPace(pace);
        emit paceChanged(pace);
    };
    connect(m_speed, &QComboBox::activated, this,
            [this, choose] { choose({NetworkPace::Speed(m_speed->currentData().toInt())}); });
    connect(m_stepThrough, &QPushButton::clicked, this,
            [this, choose](bool checked) { choose(checked ? NetworkPace{NetworkPace::Speed::Step} : m_runningPace); });
    connect(m_continue, &QPushButton::clicked, this, [this, choose] { choose(m_runningPace); });
    connect(m_next, &QPushButton::clicked, m_nextAction, &QAction::trigger);
    connect(m_nextAction, &QAction::triggered, this, &TeachingPanel::nextRequested);
    showPace({});
}

void TeachingPanel::showPace(const NetworkPace &pace)
{
    m_speed->setCurrentIndex(m_speed->findData(int(pace.speed)));
    m_stepThrough->setChecked(pace.stepping());
    m_next->setEnabled(pace.stepping());
    m_continue->setEnabled(pace.stepping());
    m_nextAction->setEnabled(pace.stepping());
}

NetworkSimulation TeachingPanel::simulation() const
{
    NetworkSimulation simulation;
    simulation.enabled = m_simulate->isChecked();
    simulation.failure = FaultCase(m_failure->currentData().toInt());
    simulation.when = NetworkSimulation::When(m_when->currentData().toInt());
    simulation.count = m_count->value();
    simulation.percent = m_percent->value();
    simulation.processingDelayMs = m_delay->value();
    simulation.unsafe = m_unsafe->isChecked();
    return simulation;
}

void TeachingPanel::setSimulation(const NetworkSimulation &simulation)
{
    m_filling = true;
    m_simulate->setChecked(simulation.enabled);
    // Nothing fails (the crash preset): the choice stays for the next manual change.
    if (const int failure = m_failure->findData(int(simulation.failure)); failure >= 0)
        m_failure->setCurrentIndex(failure);
    m_when->setCurrentIndex(m_when->findData(int(simulation.when)));
    m_count->setValue(simulation.count);
    m_percent->setValue(simulation.percent);
    m_delay->setValue(simulation.processingDelayMs);
    m_unsafe->setChecked(simulation.unsafe);
    m_filling = false;
    showControls();
    showSchedule(simulation.schedule());
}

void TeachingPanel::controlsChanged()
{
    if (m_filling)
        return;
    showControls();
    emit simulationChanged(simulation());
}

void TeachingPanel::showControls()
{
    const NetworkSimulation current = simulation();
    m_count->setVisible(current.when == NetworkSimulation::When::FirstAttempts);
    m_percent->setVisible(current.when == NetworkSimulation::When::RandomShare);
    m_delay->setEnabled(current.failure == FaultCase::CutDuringProcessing);
    m_unsafeWarning->showMessage(InlineMessage::Kind::Error,
                                 current.unsafe
                                     ? tr("DEMONSTRATION OF THE BUG: transfers now go out without an idempotency key. "
                                          "The bank cannot tell a retry from a new transfer, so a retry after a "
                                          "lost answer moves the money twice.")
                                     : QString());
}

void TeachingPanel::setAvailable(bool available)
{
    m_unavailable->setVisible(!available);
    m_simulate->setEnabled(available);
    m_unsafe->setEnabled(available);
    for (QPushButton *button : std::as_const(m_presetButtons))
        button->setEnabled(available);
    m_compare->setEnabled(available);
    m_nextScenario->setEnabled(available);
    for (QAction *action : std::as_const(m_presetActions))
        action->setEnabled(available);
}

void TeachingPanel::setClientCrashed(bool crashed) { m_restartClient->setEnabled(crashed); }

void TeachingPanel::showInvariants(const QList<LiveInvariants::Check> &checks) { m_invariants->setChecks(checks); }

void TeachingPanel::showComparisonSide(const TeachingPreset &preset)
{
    updateComparisonSide(preset);
    m_sideBySide->show();
    m_sideBySide->raise();
}

void TeachingPanel::updateComparisonSide(const TeachingPreset &preset)
{
    if (!m_sideBySide)
        m_sideBySide = new SideBySideDialog(this);
    m_sideBySide->showSide(preset, m_recorder.timeline(), m_timeline->render({}));
}

void TeachingPanel::showSchedule(const FaultSchedule &remaining)
{
    QString text;
    switch (remaining.mode()) {
    case FaultSchedule::Mode::Never:
        text = simulation().enabled ? QString() : tr("The network is reliable.");
        break;
    case FaultSchedule::Mode::NextOnly:
    case FaultSchedule::Mode::FirstN:
        text = remaining.remaining() > 0
            ? tr("Armed: the next %n transfer attempt(s) will fail.", nullptr, remaining.remaining())
            : tr("Used up: attempts get through now. “Arm again” makes the next one fail.");
        break;
    case FaultSchedule::Mode::RandomPercent:
        text = tr("Armed: %1 % of transfer attempts fail at random.").arg(remaining.percent());
        break;
    }
    m_scheduleState->setText(text);
}

void TeachingPanel::showApplyFailure(const QString &failure)
{
    showFailure(failure.isEmpty() ? QString() : tr("The simulation could not be changed: %1").arg(failure));
}

void TeachingPanel::showPresetFailure(const QString &failure)
{
    showFailure(failure.isEmpty() ? QString() : tr("The scenario could not run: %1").arg(failure));
}

void TeachingPanel::showFailure(const QString &text) { m_applyFailure->showMessage(InlineMessage::Kind::Error, text); }

QString TeachingPanel::suggestedExportPath(ExportFormat format) const
{
    // A picture goes with the pictures, text with the documents (the home folder without them),
    // under a name that says what it shows: the failure case and when.
    const bool picture = format != ExportFormat::Text;
    QString folder = QStandardPaths::writableLocation(picture ? QStandardPaths::PicturesLocation
                                                              : QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath();
    const NetworkSimulation shown = simulation();
    QString what
        = shown.enabled && shown.failure != FaultCase::Pass ? tr("case%1").arg(int(shown.failure)) : tr("no-failure");
    if (shown.unsafe)
        what += tr("-unsafe");
    const AttemptTimeline &timeline = m_recorder.timeline();
    const QDateTime when = timeline.rows().isEmpty() ? QDateTime::currentDateTime()
                                                     : timeline.rows().constFirst().startedAt.toLocalTime();
    return QDir(folder).filePath(
        tr("timeline-%1-%2.%3").arg(what, when.toString(QStringLiteral("yyyy-MM-dd-HHmm")), suffix(format)));
}

void TeachingPanel::exportTimeline(ExportFormat format)
{
    const QString title[] = {tr("Export timeline as PNG"), tr("Export timeline as text"), tr("Export timeline as SVG")};
    const QString filter[] = {tr("PNG images (*.png)"), tr("Text files (*.txt)"), tr("SVG drawings (*.svg)")};
    auto *dialog = new QFileDialog(this, title[int(format)], suggestedExportPath(format), filter[int(format)]);
    dialog->setObjectName(QStringLiteral("timelineExportDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix(format));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        bool saved = false;
        switch (format) {
        case ExportFormat::Picture:
            saved = m_timeline->exportPng(path, exportHeading());
            break;
        case ExportFormat::Text:
            saved = m_timeline->exportText(path);
            break;
        case ExportFormat::Svg:
            saved = m_timeline->exportSvg(path, exportHeading());
            break;
        }
        m_exportMessage->showMessage(
            saved ? InlineMessage::Kind::Success : InlineMessage::Kind::Error,
            (saved ? tr("Saved the timeline as %1.") : tr("Could not write %1.")).arg(QDir::toNativeSeparators(path)));
    });
    dialog->open();
}

QString TeachingPanel::exportHeading() const
{
    const NetworkSimulation shown = simulation();
    const AttemptTimeline &timeline = m_recorder.timeline();
    const QString key = timeline.isUnsafe() ? tr("without key") : tr("with key");
    if (!shown.enabled || shown.failure == FaultCase::Pass)
        return tr("No failure, %1: %2").arg(key, timeline.ledgerText());
    return tr("Case %1, %2: %3").arg(NetworkSimulation::caseName(shown.failure), key, timeline.ledgerText());
}

void TeachingPanel::copyImage()
{
    QApplication::clipboard()->setImage(m_timeline->render(exportHeading()));
    m_exportMessage->showMessage(InlineMessage::Kind::Success, tr("Copied the timeline as a picture."));
}

void TeachingPanel::setTimelineOnly(bool timelineOnly)
{
    if (!timelineOnly) {
        for (QWidget *widget : std::as_const(m_hiddenForTimeline))
            widget->show();
        m_hiddenForTimeline.clear();
        return;
    }
    const QWidget *scroll = m_timeline->parentWidget()->parentWidget(); // the scroll area's viewport's parent
    for (QWidget *widget : findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (widget != scroll && !widget->isHidden()) {
            m_hiddenForTimeline.append(widget);
            widget->hide();
        }
    }
}

void TeachingPanel::copyText() { QApplication::clipboard()->setText(m_recorder.timeline().toText()); }
