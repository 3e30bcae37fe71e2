#include "tests/teaching/TimelineScreenshots.h"

#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/MainWindow.h"
#include "app/ui/SideBySideDialog.h"
#include "app/ui/TeachingPanel.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/ScreenshotRenderer.h"

#include <QDir>
#include <QPixmap>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace TimelineScreenshots {

namespace {

struct Scenario
{
    const char *file;
    FaultCase failure;
    bool unsafe;
    const char *amount;
};

const Scenario kScenarios[] = {
    {"timeline-case1.png", FaultCase::DropRequest, false, "10.00"},
    {"timeline-case2.png", FaultCase::CutDuringProcessing, false, "20.00"},
    {"timeline-case3.png", FaultCase::DropResponse, false, "30.00"},
    {"timeline-case3-unsafe.png", FaultCase::DropResponse, true, "30.00"},
};

// Lesson 9: case 3 meets a schedule's creation on the Scheduled tab; the Timeline tab draws it like
// a transfer (key request, the lost answer, the replay) and checks one schedule per intent.
QString renderSchedule(DesktopApp &app, const QString &directory)
{
    MainWindow &window = app.window();
    DesktopDriver driver(app);
    NetworkSimulation simulation;
    simulation.enabled = true;
    simulation.failure = FaultCase::DropResponse;
    if (const QString failure = app.applySimulation(simulation); !failure.isEmpty())
        return failure;
    window.teachingPanel()->setSimulation(simulation);
    app.session().scheduleCreation().setRetryPolicy(RetryPolicy({}, [] { return 1.0; }));
    if (!driver.createSchedule(QStringLiteral("Bob Checking"), QStringLiteral("40.00"),
                               QDateTime(QDate::currentDate().addDays(1), QTime(9, 0))))
        return QStringLiteral("timeline-window-schedule.png: the schedule form did not take it");
    const std::optional<DesktopDriver::ScheduleOutcome> outcome = driver.awaitSchedule(30'000);
    if (!outcome)
        return QStringLiteral("timeline-window-schedule.png: the schedule's creation did not settle");
    // Case 3 met the first attempt; the retry with the same key got the stored answer.
    const AttemptTimeline &timeline = window.teachingPanel()->timelineView()->timeline();
    if (timeline.subject() != AttemptTimeline::Subject::Schedule || timeline.key() != outcome->key
        || timeline.rows().size() != 2 || timeline.debits() != 1
        || timeline.rows().constLast().verdict() != AttemptTimeline::Verdict::Replayed)
        return QStringLiteral("timeline-window-schedule.png: %1 %2").arg(outcome->message, timeline.toText());
    const bool checked = DesktopDriver::waitFor(
        [&] {
            const QList<LiveInvariants::Check> &checks = app.invariants().checks();
            return !app.invariants().isChecking() && !checks.isEmpty()
                && checks.constLast().kind == LiveInvariants::Kind::OneSchedulePerIntent
                && checks.constLast().state == LiveInvariants::State::Holds;
        },
        "one schedule per intent", 30'000);
    if (!checked)
        return QStringLiteral("timeline-window-schedule.png: one schedule per intent was not checked");
    if (!window.teachingPanel()->timelineView()->exportPng(
            QDir(directory).filePath(QStringLiteral("timeline-schedule.png")), window.teachingPanel()->exportHeading()))
        return QStringLiteral("cannot write timeline-schedule.png");
    window.showTeaching();
    window.resize(kWindowWidth, kWindowHeight);
    QTest::qWait(600);
    if (!window.grab().save(QDir(directory).filePath(QStringLiteral("timeline-window-schedule.png")), "PNG"))
        return QStringLiteral("cannot write timeline-window-schedule.png");
    return {};
}

} // namespace

QStringList fileNames()
{
    QStringList names;
    for (const Scenario &scenario : kScenarios)
        names.append(QLatin1String(scenario.file));
    names.append(QStringLiteral("timeline-window.png"));
    names.append(QStringLiteral("timeline-step.png"));
    names.append(QStringLiteral("timeline-projected.png"));
    names.append(QStringLiteral("timeline-window-unsafe.png"));
    names.append(QStringLiteral("timeline-side-by-side.png"));
    names.append(QStringLiteral("timeline-schedule.png"));
    names.append(QStringLiteral("timeline-window-schedule.png"));
    return names;
}

QString render(const QString &directory)
{
    QTemporaryDir data;
    AppOptions options;
    if (const QString failure = ScreenshotRenderer::prepare(directory, data, options); !failure.isEmpty())
        return failure;
    DesktopApp app(options);
    if (const QString failure = app.start(); !failure.isEmpty())
        return failure;
    // The real policy and timings; only the jitter is fixed (the full wait), so every run shows
    // the same attempts.
    app.session().transferFlow().setRetryPolicy(RetryPolicy({}, [] { return 1.0; }));
    MainWindow &window = app.window();
    window.resize(kWindowWidth, kWindowHeight);
    window.show();
    window.showLogin();
    DesktopDriver driver(app);
    if (!driver.signIn(QStringLiteral("alice"), QStringLiteral("wonderland")))
        return QStringLiteral("sign-in did not complete");
    window.showTeaching();
    AttemptTimelineView *view = window.teachingPanel()->timelineView();

    for (const Scenario &scenario : kScenarios) {
        NetworkSimulation simulation;
        simulation.enabled = true;
        simulation.failure = scenario.failure;
        simulation.unsafe = scenario.unsafe;
        if (const QString failure = app.applySimulation(simulation); !failure.isEmpty())
            return failure;
        window.teachingPanel()->setSimulation(simulation);
        driver.find<QPushButton>("newTransferButton")->click();
        if (!driver.fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                             QLatin1String(scenario.amount)))
            return QStringLiteral("cannot fill in the form");
        driver.find<QPushButton>("sendButton")->click();
        const bool done = DesktopDriver::waitFor(
            [&] {
                return !app.session().transferFlow().isBusy() && view->timeline().rows().size() >= 2
                    && view->timeline().isSettled() && !app.api().isBusy();
            },
            scenario.file, 30'000);
        if (!done)
            return QStringLiteral("%1: the transfer did not settle").arg(QLatin1String(scenario.file));
        if (!view->exportPng(QDir(directory).filePath(QLatin1String(scenario.file)),
                             window.teachingPanel()->exportHeading()))
            return QStringLiteral("cannot write %1").arg(QLatin1String(scenario.file));
        if (scenario.failure == FaultCase::DropResponse && !scenario.unsafe) {
            // The window as the instructor sees it after case 3.
            QTest::qWait(600); // late paints settle
            if (!window.grab().save(QDir(directory).filePath(QStringLiteral("timeline-window.png")), "PNG"))
                return QStringLiteral("cannot write timeline-window.png");
            // And as the back of the room sees it: the timeline alone, at 200 %.
            window.setZoom(200);
            window.setTimelineFullScreen(true);
            // The offscreen screen is smaller than a projector's: the window takes a projector's size.
            window.setWindowState(Qt::WindowNoState);
            window.resize(kProjectedWidth, kProjectedHeight);
            QTest::qWait(600);
            const bool saved = window.grab().save(QDir(directory).filePath(QStringLiteral("timeline-projected.png")));
            window.setTimelineFullScreen(false);
            window.setZoom(100);
            window.resize(kWindowWidth, kWindowHeight);
            if (!saved)
                return QStringLiteral("cannot write timeline-projected.png");
        }
    }
    // The unsafe run's invariants: "one transfer per intent" red, naming both transfers.
    if (!DesktopDriver::waitFor([&] { return !app.invariants().isChecking(); }, "the invariants", 30'000))
        return QStringLiteral("the invariants were not checked");
    // The size of timeline-window.png: leaving full screen (timeline-projected.png) may restore
    // another one after the resize above.
    window.resize(kWindowWidth, kWindowHeight);
    QTest::qWait(600);
    if (!window.grab().save(QDir(directory).filePath(QStringLiteral("timeline-window-unsafe.png")), "PNG"))
        return QStringLiteral("cannot write timeline-window-unsafe.png");

    // Side by side: case 3 with and without key, the slide the lesson builds up to.
    if (const QString failure = app.compareWithAndWithoutKey(FaultCase::DropResponse); !failure.isEmpty())
        return failure;
    const bool compared = DesktopDriver::waitFor(
        [&] {
            const SideBySideDialog *dialog = window.teachingPanel()->sideBySide();
            return !app.isComparing() && dialog && dialog->isComplete();
        },
        "the comparison", 60'000);
    if (!compared)
        return QStringLiteral("the comparison did not finish");
    // The bank's balance after both debits, which arrives once the run has settled, in the picture.
    const bool balanced = DesktopDriver::waitFor(
        [&] {
            const AttemptTimeline &timeline = view->timeline();
            const AttemptTimeline::AccountEffect payer = timeline.accountEffects().value(0);
            return payer.before && payer.after && *payer.after == *payer.before + timeline.debits() * payer.perTransfer;
        },
        "the balance after the comparison", 30'000);
    if (!balanced)
        return QStringLiteral("the balance after the comparison did not arrive");
    if (!window.teachingPanel()->sideBySide()->exportPng(
            QDir(directory).filePath(QStringLiteral("timeline-side-by-side.png"))))
        return QStringLiteral("cannot write timeline-side-by-side.png");

    if (const QString failure = renderSchedule(app, directory); !failure.isEmpty())
        return failure;

    // Step mode in case 2, as "Step through a case" in docs/teaching.md walks it: Next twice takes
    // the first attempt to the bank, which works on it (the live bar) after the connection was cut;
    // the automatic retry waits where the first one started.
    NetworkSimulation simulation;
    simulation.enabled = true;
    simulation.failure = FaultCase::CutDuringProcessing;
    if (const QString failure = app.applySimulation(simulation); !failure.isEmpty())
        return failure;
    window.teachingPanel()->setSimulation(simulation);
    driver.find<QPushButton>("stepThroughButton")->click();
    driver.find<QPushButton>("newTransferButton")->click();
    if (!driver.fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), QStringLiteral("40.00")))
        return QStringLiteral("cannot fill in the form");
    driver.find<QPushButton>("sendButton")->click();
    const auto heldAt = [&](qsizetype row, FaultHop hop) {
        return DesktopDriver::waitFor(
            [&] {
                const QList<AttemptTimeline::Row> &rows = view->timeline().rows();
                return rows.size() > row && rows.at(row).network && rows.at(row).network->held
                    && rows.at(row).whereNow() == hop;
            },
            "timeline-step.png", 30'000);
    };
    for (const FaultHop hop : {FaultHop::LeavingClient, FaultHop::InNetwork}) {
        if (!heldAt(0, hop))
            return QStringLiteral("timeline-step.png: the first attempt was not held");
        driver.find<QPushButton>("nextHopButton")->click();
    }
    if (!heldAt(1, FaultHop::LeavingClient))
        return QStringLiteral("timeline-step.png: the retry was not held");
    QTest::qWait(300); // the bar has grown a little
    if (!view->exportPng(QDir(directory).filePath(QStringLiteral("timeline-step.png")),
                         window.teachingPanel()->exportHeading()))
        return QStringLiteral("cannot write timeline-step.png");
    driver.find<QPushButton>("continueButton")->click();
    if (!DesktopDriver::waitFor([&] { return !app.session().transferFlow().isBusy() && view->timeline().isSettled(); },
                                "timeline-step.png", 30'000))
        return QStringLiteral("timeline-step.png: the transfer did not settle");
    return {};
}

} // namespace TimelineScreenshots
