// The scenario presets of issue 11 as an instructor uses them: one click per case on the Timeline
// tab (found by the accessible name the automation contract fixes), on bank-app's own wiring
// (DesktopApp, offscreen) with the real fault proxy and the real integrated server. Each preset
// arms its failure, sends a fresh $30.00 demo transfer, and moves the money on the bank's ledger
// exactly as the lesson says: once with a key, once without a key in case 1, twice in cases 2 and 3.
#include "app/startup/DesktopApp.h"
#include "app/teaching/Lesson.h"
#include "app/teaching/TeachingPreset.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/InvariantsView.h"
#include "app/ui/MainWindow.h"
#include "app/ui/SideBySideDialog.h"
#include "app/ui/TeachingPanel.h"
#include "shared/money/Money.h"
#include "testkit/DesktopDriver.h"

#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(FaultCase)

class TestTeachingPresets : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;
    qint64 m_balance = 0;      // Alice Checking at the bank, in cents, before the next preset
    QList<int> m_paneWidths;   // the splitter's: the left pane and the tabs
    QList<int> m_buttonWidths; // the presets'

    QList<int> paneWidths() { return m_driver->find<QSplitter>("mainSplitter")->sizes(); }
    QList<int> buttonWidths()
    {
        QList<int> widths;
        for (const TeachingPreset &preset : TeachingPreset::all())
            widths.append(m_driver->find<QPushButton>(preset.automationName().toUtf8().constData())->width());
        return widths;
    }

    const AttemptTimeline &timeline() { return m_driver->find<AttemptTimelineView>("attemptTimeline")->timeline(); }
    QByteArray firstRequestId()
    {
        return timeline().isEmpty() ? QByteArray() : timeline().rows().constFirst().requestId;
    }
    // The preset's transfer is sent, answered, and every attempt's fate is known.
    bool finished(const QByteArray &before)
    {
        return !m_app->session().transferFlow().isBusy() && !timeline().isEmpty() && firstRequestId() != before
            && timeline().isSettled();
    }
    // Runs the preset through `trigger`, then checks the bank's ledger moved `debits` × $30.00.
    void runAndCheck(const std::function<void()> &trigger, int debits, const QString &ledger)
    {
        const QByteArray before = firstRequestId();
        trigger();
        QVERIFY(DesktopDriver::waitFor([&] { return finished(before); }, "the preset's transfer and its timeline"));
        QVERIFY2(m_driver->find<InlineMessage>("simulationError")->text().isEmpty(),
                 qPrintable(m_driver->find<InlineMessage>("simulationError")->text()));
        QCOMPARE(timeline().ledgerText(), ledger);
        const qint64 after = DesktopDriver::serverBalance(*m_app, QStringLiteral("Alice Checking"));
        QCOMPARE(m_balance - after, debits * TeachingPreset::kDemoAmount);
        // The timeline says it in money, per account, with the bank's balances before and after.
        QVERIFY(DesktopDriver::waitFor([&] { return timeline().accountEffects().value(0).after == after; },
                                       "the balance after the run on the timeline"));
        const QString moved = debits == 1 ? QStringLiteral("$30.00") : QStringLiteral("$60.00");
        const QLocale us(QStringLiteral("en_US"));
        QCOMPARE(timeline().effectText(timeline().accountEffects().at(0)),
                 QStringLiteral("Alice Checking −%1 (%2 × $30.00), expected −$30.00; balance %3 → %4")
                     .arg(moved)
                     .arg(debits)
                     .arg(Money::formatWithCurrency(m_balance, QStringLiteral("USD"), us),
                          Money::formatWithCurrency(after, QStringLiteral("USD"), us)));
        QCOMPARE(timeline().effectText(timeline().accountEffects().at(1)),
                 QStringLiteral("Bob Checking (Bob the Builder) +%1 (%2 × $30.00), expected +$30.00")
                     .arg(moved)
                     .arg(debits));
        m_balance = after;
        // Nothing moved sideways during the run: not the left pane, not a button.
        QCOMPARE(paneWidths(), m_paneWidths);
        QCOMPARE(buttonWidths(), m_buttonWidths);
    }

    // The live invariants once the bank has been asked after the last attempt: all four hold, but
    // "one transfer per intent" when the money moved twice, which then names both transfers.
    void checkInvariants(int debits)
    {
        const InvariantMonitor &monitor = m_app->invariants();
        const LiveInvariants::State perIntent
            = debits == 1 ? LiveInvariants::State::Holds : LiveInvariants::State::Broken;
        QVERIFY(DesktopDriver::waitFor(
            [&] {
                return !monitor.isChecking() && monitor.checks().size() == 4
                    && monitor.checks().at(3).state == perIntent;
            },
            "the invariants checked after the last attempt"));
        const QList<LiveInvariants::Check> checks = monitor.checks();
        for (int index = 0; index < 3; ++index)
            QVERIFY2(checks.at(index).state == LiveInvariants::State::Holds, qPrintable(checks.at(index).text()));
        // The transfers the bank made for the intent, as the proxy saw its answers.
        QStringList made;
        for (const AttemptTimeline::Row &row : timeline().rows()) {
            if (row.network && row.network->upstreamStatus == 201 && !row.network->upstreamReplayed)
                made.append(QJsonDocument::fromJson(row.network->upstreamBody).object().value(u"id").toString());
        }
        QCOMPARE(made.size(), debits);
        const LiveInvariants::Check &intent = checks.at(3);
        QCOMPARE(intent.text().startsWith(debits == 1 ? QStringLiteral("✓ One transfer per intent: holds — ")
                                                      : QStringLiteral("✗ One transfer per intent: BROKEN — ")),
                 true);
        for (const QString &id : made)
            QVERIFY2(intent.detail.contains(id), qPrintable(intent.detail));
        // On the Timeline tab: the same lines, in words and in colour, and in the accessible name.
        auto *view = m_driver->find<InvariantsView>("invariantsView");
        QVERIFY(view->isVisible());
        for (const LiveInvariants::Check &check : checks) {
            InlineMessage *line = view->line(check.kind);
            QCOMPARE(line->text(), check.text());
            QCOMPARE(line->accessibleName(), check.text());
            QCOMPARE(line->kind(),
                     check.state == LiveInvariants::State::Holds ? InlineMessage::Kind::Success
                                                                 : InlineMessage::Kind::Error);
        }
        QCOMPARE(view->line(LiveInvariants::Kind::OneTransferPerIntent)->objectName(),
                 QStringLiteral("invariantOneTransferPerIntent"));
    }

private slots:
    void initTestCase()
    {
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_teachingpresets"));
        QVERIFY(m_dir.isValid());
        m_app = DesktopDriver::launchSignedIn(m_dir.filePath(QStringLiteral("bank.db")));
        QVERIFY(m_app);
        m_driver = std::make_unique<DesktopDriver>(*m_app);
        m_balance = DesktopDriver::serverBalance(*m_app, QStringLiteral("Alice Checking"));
        QCOMPARE(m_balance, 100'000);
        m_app->window().showTeaching();
        QTest::qWait(50); // the tab's first layout
        m_paneWidths = paneWidths();
        m_buttonWidths = buttonWidths();
    }

    void eachPresetMovesTheMoneyAsTheLessonSays_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<FaultCase>("failure");
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<int>("debits");
        QTest::addColumn<QString>("ledger");
        QTest::addColumn<QString>("lastVerdict");
        const FaultCase one = FaultCase::DropRequest;
        const FaultCase two = FaultCase::CutDuringProcessing;
        const FaultCase three = FaultCase::DropResponse;
        QTest::newRow("1 key") << "Run case 1 with key" << one << true << 1 << "debited once"
                               << "created 201";
        QTest::newRow("2 key") << "Run case 2 with key" << two << true << 1 << "debited once"
                               << "replayed — no-op";
        QTest::newRow("3 key") << "Run case 3 with key" << three << true << 1 << "debited once"
                               << "replayed — no-op";
        QTest::newRow("1 no key") << "Run case 1 without key" << one << false << 1 << "debited once"
                                  << "created 201";
        QTest::newRow("2 no key") << "Run case 2 without key" << two << false << 2 << "debited twice"
                                  << "created 201";
        QTest::newRow("3 no key") << "Run case 3 without key" << three << false << 2 << "debited twice"
                                  << "created 201";
    }

    void eachPresetMovesTheMoneyAsTheLessonSays()
    {
        QFETCH(QString, name);
        QFETCH(FaultCase, failure);
        QFETCH(bool, withKey);
        QFETCH(int, debits);
        QFETCH(QString, ledger);
        QFETCH(QString, lastVerdict);
        // Whatever was in the form and however the manual controls stand.
        m_driver->find<QLineEdit>("amount")->setText(QStringLiteral("1.23"));

        auto *button = m_driver->find<QPushButton>(name.toUtf8().constData());
        QVERIFY(button);
        QCOMPARE(button->accessibleName(), name);
        QVERIFY(button->isEnabled());
        runAndCheck([button] { QTest::mouseClick(button, Qt::LeftButton); }, debits, ledger);
        checkInvariants(debits);

        // The failure the preset armed struck the first attempt; the timeline shows it.
        QCOMPARE(m_app->simulation().failure, failure);
        QCOMPARE(m_app->simulation().unsafe, !withKey);
        QVERIFY(m_driver->find<QGroupBox>("simulateGroup")->isChecked());
        QCOMPARE(m_driver->find<QComboBox>("failureSchedule")->currentText(), QStringLiteral("next attempt only"));
        QVERIFY(m_driver->find<QLabel>("scheduleState")->text().startsWith(QStringLiteral("Used up")));
        QCOMPARE(timeline().isUnsafe(), !withKey);
        QVERIFY(timeline().rows().size() >= 2);
        QCOMPARE(timeline().rows().constFirst().network->applied, failure);
        QCOMPARE(timeline().rows().constLast().serverText(), lastVerdict);
        // The demo transfer is in the form: $30.00 from Alice's first account to a payee.
        QCOMPARE(m_driver->find<QLineEdit>("amount")->text(), QStringLiteral("30.00"));
        QCOMPARE(m_driver->find<QComboBox>("fromAccount")->currentText().section(u' ', 0, 1),
                 QStringLiteral("Alice Checking"));
        QCOMPARE(m_driver->find<QLineEdit>("memo")->text(), name);
        // Row 0 is the key request, for the key every attempt carries; without a key there is none.
        if (withKey) {
            QVERIFY(timeline().keyRequest());
            QCOMPARE(timeline().keyRequest()->key, timeline().key());
            QCOMPARE(timeline().key(), m_driver->find<QLabel>("idempotencyKey")->text());
            QVERIFY(timeline().keyRequest()->startedAt <= timeline().rows().constFirst().startedAt);
            QVERIFY(timeline().toText().contains(
                QStringLiteral("POST /v1/idempotency-keys → 201 %1").arg(timeline().key())));
        } else {
            QVERIFY(!timeline().keyRequest());
        }
        QVERIFY(m_app->window().teachingPanel()->isVisible());
    }

    void theBalanceAfterShowsWhatTheBankDidUnseen()
    {
        // Case 2 without retries: the client's only answer is the cut connection, long before the
        // bank finishes; the balance after is read again once the proxy sees the bank's answer.
        m_app->session().transferFlow().setAutoRetry(false);
        runAndCheck([this] { m_driver->find<QPushButton>("Run case 2 with key")->click(); }, 1,
                    QStringLiteral("debited once"));
        QCOMPARE(timeline().rows().size(), 1);
        QCOMPARE(m_driver->find<QLabel>("keyState")->text(), QStringLiteral("outcome unknown"));
        m_app->session().transferFlow().setAutoRetry(true);
    }

    void checkStatusIsARowOfTheTimeline()
    {
        m_app->session().transferFlow().setAutoRetry(false);
        runAndCheck([this] { m_driver->find<QPushButton>("Run case 3 with key")->click(); }, 1,
                    QStringLiteral("debited once"));
        QCOMPARE(m_driver->find<QLabel>("keyState")->text(), QStringLiteral("outcome unknown"));
        QTest::mouseClick(m_driver->find<QPushButton>("checkStatusButton"), Qt::LeftButton);
        QVERIFY(DesktopDriver::waitFor(
            [this] { return m_driver->find<QLabel>("keyState")->text() == QStringLiteral("completed"); },
            "the status check"));
        QCOMPARE(timeline().lookups().size(), 1);
        QCOMPARE(timeline().lookups().constFirst().text(),
                 QStringLiteral("GET /v1/idempotency-keys/%1 → 200 completed").arg(timeline().key()));
        QVERIFY(timeline().lookups().constFirst().startedAt >= timeline().rows().constLast().startedAt);
        QVERIFY(timeline().toText().contains(timeline().lookups().constFirst().text()));
        m_app->session().transferFlow().setAutoRetry(true);
    }

    void aShortcutRunsAPresetFromAnywhereInTheWindow()
    {
        // Ctrl+1 is "Run case 1 with key", also with the focus in the form and another tab in front.
        MainWindow &window = m_app->window();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *amount = m_driver->find<QLineEdit>("amount");
        amount->setFocus();
        auto *action = window.findChild<QAction *>(QStringLiteral("Run case 1 with key action"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_1));
        runAndCheck([amount] { QTest::keyClick(amount, Qt::Key_1, Qt::ControlModifier); }, 1,
                    QStringLiteral("debited once"));
        QCOMPARE(timeline().rows().constFirst().network->applied, FaultCase::DropRequest);
    }

    void sideBySideRunsTheCaseWithAndWithoutKey()
    {
        // Case 3 chosen above, then one click: two real transfers through the proxy, once and twice
        // on the bank's ledger, next to each other.
        auto *failure = m_driver->find<QComboBox>("failureCase");
        failure->setCurrentIndex(failure->findData(int(FaultCase::DropResponse)));
        auto *compare = m_driver->find<QPushButton>("compareButton");
        QCOMPARE(compare->accessibleName(), QStringLiteral("Compare with and without key"));
        QTest::mouseClick(compare, Qt::LeftButton);
        QVERIFY(m_app->isComparing());
        QVERIFY(DesktopDriver::waitFor(
            [this] {
                SideBySideDialog *dialog = m_app->window().teachingPanel()->sideBySide();
                return !m_app->isComparing() && dialog && dialog->isComplete();
            },
            "both runs of the comparison", 60'000));
        QVERIFY2(m_driver->find<InlineMessage>("simulationError")->text().isEmpty(),
                 qPrintable(m_driver->find<InlineMessage>("simulationError")->text()));
        SideBySideDialog *dialog = m_app->window().teachingPanel()->sideBySide();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->objectName(), QStringLiteral("sideBySideDialog"));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Case 3 with and without key"));
        QCOMPARE(dialog->heading(true), QStringLiteral("With key: debited once"));
        QCOMPARE(dialog->heading(false), QStringLiteral("Without key: debited twice"));
        QCOMPARE(dialog->ledger(true),
                 QStringLiteral("Alice Checking −$30.00 (1 × $30.00), expected −$30.00\n"
                                "Bob Checking (Bob the Builder) +$30.00 (1 × $30.00), expected "
                                "+$30.00"));
        QCOMPARE(dialog->ledger(false),
                 QStringLiteral("Alice Checking −$60.00 (2 × $30.00), expected −$30.00\n"
                                "Bob Checking (Bob the Builder) +$60.00 (2 × $30.00), expected "
                                "+$30.00"));
        // Three times $30.00 on the real ledger: once with the key, twice without.
        const qint64 after = DesktopDriver::serverBalance(*m_app, QStringLiteral("Alice Checking"));
        QCOMPARE(m_balance - after, 3 * TeachingPreset::kDemoAmount);
        m_balance = after;
        // The picture for slides: both timelines next to each other.
        const QString path = m_dir.filePath(QStringLiteral("side-by-side.png"));
        QVERIFY(dialog->exportPng(path));
        const QImage picture(path);
        QCOMPARE(picture.width(), 2 * AttemptTimelineView::kExportWidth + 3 * SideBySideDialog::kPictureMargin);
        QVERIFY(picture.height() > 200);
        QCOMPARE(picture.pixelColor(5, 5), QColor(Qt::white));
        dialog->close();
    }

    void aLessonSavedAndReopenedRunsTheSameSequence()
    {
        const QString prepared = m_dir.filePath(QStringLiteral("prepared.json"));
        QFile file(prepared);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "exactly-once-bank lesson", "version": 1, "seed": 7,
                       "scenarios": ["Run case 1 with key", "Run case 3 without key"]})");
        file.close();
        QCOMPARE(m_app->openLesson(prepared), QString());
        QCOMPARE(m_app->randomSeed(), 7U);
        auto *state = m_driver->find<QLabel>("lessonState");
        QCOMPARE(state->text(), QStringLiteral("Lesson: next is scenario 1 of 2, “Case 1 · key”."));
        // The File menu has the three actions; "Next scenario" runs the lesson's presets in order.
        QMenu *menu = m_app->window().menuBar()->actions().constFirst()->menu();
        QStringList names;
        for (QAction *action : menu->actions())
            names.append(action->objectName());
        QVERIFY2(names.join(u' ').contains(QStringLiteral("saveLessonAction openLessonAction nextScenarioAction")),
                 qPrintable(names.join(u' ')));
        QAction *next = m_app->window().findChild<QAction *>(QStringLiteral("nextScenarioAction"));
        runAndCheck([next] { next->trigger(); }, 1, QStringLiteral("debited once"));
        QCOMPARE(m_driver->find<QLineEdit>("memo")->text(), QStringLiteral("Run case 1 with key"));
        QCOMPARE(state->text(), QStringLiteral("Lesson: next is scenario 2 of 2, “Case 3 · no key”."));
        runAndCheck([this] { m_driver->find<QPushButton>("nextScenarioButton")->click(); }, 2,
                    QStringLiteral("debited twice"));
        QCOMPARE(m_driver->find<QLineEdit>("memo")->text(), QStringLiteral("Run case 3 without key"));
        QCOMPARE(state->text(), QStringLiteral("Lesson: all 2 scenarios ran."));
        next->trigger();
        QCOMPARE(m_driver->find<InlineMessage>("simulationError")->text(),
                 QStringLiteral("The scenario could not run: the lesson is over: open it again to start afresh"));

        // Saved, it is the same lesson: the scenarios as run, the same seed.
        const QString saved = m_dir.filePath(QStringLiteral("saved.json"));
        QCOMPARE(m_app->saveLesson(saved), QString());
        QFile savedFile(saved);
        QVERIFY(savedFile.open(QIODevice::ReadOnly));
        QString why;
        const std::optional<Lesson> lesson = Lesson::fromJson(savedFile.readAll(), &why);
        QVERIFY2(lesson, qPrintable(why));
        QCOMPARE(*lesson, *m_app->lesson());
        // Reopened, it starts again from its first scenario.
        emit m_app->window().teachingPanel()->lessonOpenRequested(saved);
        QCOMPARE(m_driver->find<InlineMessage>("simulationError")->text(), QString());
        QCOMPARE(m_app->lessonPosition(), 0);
        runAndCheck([next] { next->trigger(); }, 1, QStringLiteral("debited once"));
        QCOMPARE(m_driver->find<QLineEdit>("memo")->text(), QStringLiteral("Run case 1 with key"));
    }

    void aBadLessonFileSaysWhy()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.json"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "exactly-once-bank lesson", "version": 3, "seed": 7, "scenarios": []})");
        file.close();
        const int position = m_app->lessonPosition();
        emit m_app->window().teachingPanel()->lessonOpenRequested(bad);
        QCOMPARE(m_driver->find<InlineMessage>("simulationError")->text(),
                 QStringLiteral("The lesson could not be opened: %1: version 3 is not supported: this app reads "
                                "lessons of version 1")
                     .arg(QDir::toNativeSeparators(bad)));
        QCOMPARE(m_app->lessonPosition(), position); // the open lesson stays as it was
        emit m_app->window().teachingPanel()->lessonOpenRequested(m_dir.filePath(QStringLiteral("missing.json")));
        QVERIFY(m_driver->find<InlineMessage>("simulationError")
                    ->text()
                    .startsWith(QStringLiteral("The lesson could not be opened: cannot read ")));
    }

    void withoutASignedInUserAPresetSaysWhy()
    {
        m_app->session().signOut();
        QVERIFY(DesktopDriver::waitFor([this] { return !m_app->session().isSignedIn(); }, "the sign-out"));
        m_app->window().teachingPanel()->presetActions().constFirst()->trigger();
        QCOMPARE(m_driver->find<InlineMessage>("simulationError")->text(),
                 QStringLiteral("The scenario could not run: sign in first"));
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
    }
};

QTEST_MAIN(TestTeachingPresets)
#include "tst_teachingpresets.moc"
