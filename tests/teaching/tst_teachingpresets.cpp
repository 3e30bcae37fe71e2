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
#include "app/ui/TransferForm.h"
#include "shared/money/Money.h"
#include "testkit/AwaitResult.h"
#include "testkit/DesktopDriver.h"

#include <QAction>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
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
    // The form's buttons and the timeline's.
    QList<int> controlWidths()
    {
        QList<int> widths;
        for (const char *name :
             {"sendButton", "newTransferButton", "newKeyButton", "checkStatusButton", "clearTimelineButton",
              "copyTimelineButton", "exportTextButton", "exportPngButton", "copyImageButton", "exportSvgButton"})
            widths.append(m_driver->find<QWidget>(name)->width());
        return widths;
    }
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

    // Crashes the client through `trigger` (a crash preset) and checks that its side was destroyed,
    // not hidden: the flow with its intent, and the form. Only the journal on disk knows the
    // transfer; the proxy's report of its request says `verdict`. Returns its key.
    QString crash(const std::function<void()> &trigger, AttemptTimeline::Verdict verdict)
    {
        const QPointer<TransferFlow> flow = &m_app->session().transferFlow();
        const QPointer<TransferForm> form = m_app->window().transferForm();
        QString key;
        [&] {
            QVERIFY(form);
            trigger();
            QVERIFY(DesktopDriver::waitFor([this] { return m_app->isClientCrashed(); }, "the crash"));
            key = timeline().key();
            QVERIFY(flow.isNull());
            QVERIFY(form.isNull());
            QVERIFY(!m_app->window().findChild<TransferForm *>());
            QVERIFY(m_app->session().transferFlow().intent().key().isEmpty());
            QVERIFY(key.startsWith(QStringLiteral("idk_")));
            QVERIFY(m_app->journal()->contains(key));
            QVERIFY(DesktopDriver::waitFor(
                [&] { return !timeline().isEmpty() && timeline().rows().constLast().verdict() == verdict; },
                "the proxy's report of the request"));
            QVERIFY(m_driver->find<QPushButton>("Restart the client")->isEnabled());
        }();
        return key;
    }
    // The bank moved one demo amount out of Alice Checking since the last look.
    void checkMovedOnce()
    {
        const qint64 after = DesktopDriver::serverBalance(*m_app, QStringLiteral("Alice Checking"));
        QCOMPARE(m_balance - after, TeachingPreset::kDemoAmount);
        m_balance = after;
    }
    // The preset's button, found by its name, whose action has the shortcut Ctrl+`digit`.
    QPushButton *presetButton(const QString &name, Qt::Key digit)
    {
        auto *button = m_driver->find<QPushButton>(name.toUtf8().constData());
        auto *action = m_app->window().findChild<QAction *>(name + QStringLiteral(" action"));
        [&] {
            QVERIFY(button);
            QCOMPARE(button->accessibleName(), name);
            QVERIFY(action);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | digit));
        }();
        return button;
    }
    // The timeline's lookups (every pending key's, in the order the bank answered).
    QStringList lookupTexts()
    {
        QStringList texts;
        for (const AttemptTimeline::Exchange &lookup : timeline().lookups())
            texts.append(lookup.text());
        return texts;
    }
    // Restart the client: the bank's answer about `key` has `verdict`, the recovery panel says
    // `message…`, and the lookup is on the timeline with the key's `state`.
    void restartAndCheck(const QString &key, TransferStatus::Verdict verdict, const QString &message,
                         const QString &state)
    {
        auto *restartButton = m_driver->find<QPushButton>("Restart the client");
        QCOMPARE(restartButton->accessibleName(), QStringLiteral("Restart the client"));
        QTest::mouseClick(restartButton, Qt::LeftButton);
        QVERIFY(m_app->window().transferForm());
        QVERIFY(!restartButton->isEnabled());
        IntentRecovery &recovery = m_app->session().recovery();
        QVERIFY(DesktopDriver::waitFor([&] { return !recovery.items().isEmpty() && !recovery.isChecking(); },
                                       "the bank's answer about the key"));
        // Earlier tests left transfers unfinished too (retries off): the panel shows them first.
        while (!recovery.items().isEmpty() && recovery.items().constFirst().entry.key != key)
            m_driver->find<QPushButton>("recoveryDismissButton")->click();
        QVERIFY(!recovery.items().isEmpty());
        QCOMPARE(recovery.items().constFirst().status.verdict, verdict);
        QVERIFY(m_driver->find<InlineMessage>("recoveryMessage")->text().startsWith(message));
        QVERIFY(lookupTexts().contains(QStringLiteral("GET /v1/idempotency-keys/%1 → 200 %2").arg(key, state)));
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

    void aLostKeyAnswerCostsAnUnusedKeyNotMoney()
    {
        // The answer to the key request is thrown away: the client asks again, gets a second key and
        // sends the transfer with it; the first key stays unused at the bank.
        QPushButton *button = presetButton(QStringLiteral("Run key answer lost"), Qt::Key_7);
        QVERIFY(button && !QTest::currentTestFailed());
        runAndCheck([button] { QTest::mouseClick(button, Qt::LeftButton); }, 1, QStringLiteral("debited once"));
        QCOMPARE(m_app->simulation().target, NetworkSimulation::Target::KeyRequests);
        QVERIFY(m_driver->find<QLabel>("scheduleState")->text().startsWith(QStringLiteral("Used up")));

        // The timeline: the key request whose answer was lost, with the key the bank issued in it,
        // then the second key request, then the transfer, which went through at once.
        QCOMPARE(timeline().lostKeyRequests().size(), 1);
        const AttemptTimeline::Exchange lost = timeline().lostKeyRequests().constFirst();
        const QString key = timeline().key();
        QVERIFY(lost.key.startsWith(QStringLiteral("idk_")));
        QVERIFY(lost.key != key);
        QCOMPARE(lost.text(), QStringLiteral("POST /v1/idempotency-keys → 201 %1, answer lost").arg(lost.key));
        QVERIFY(timeline().keyRequest());
        QCOMPARE(timeline().keyRequest()->key, key);
        QCOMPARE(key, m_driver->find<QLabel>("idempotencyKey")->text());
        QCOMPARE(timeline().rows().size(), 1);
        QCOMPARE(timeline().rows().constFirst().network->applied, FaultCase::Pass);
        QCOMPARE(timeline().rows().constFirst().serverText(), QStringLiteral("created 201"));
        QVERIFY(lost.startedAt <= timeline().keyRequest()->startedAt);
        QVERIFY(timeline().keyRequest()->startedAt <= timeline().rows().constFirst().startedAt);
        const QString text = timeline().toText();
        const qsizetype lostLine = text.indexOf(lost.text());
        const qsizetype keyLine = text.indexOf(QStringLiteral("POST /v1/idempotency-keys → 201 %1").arg(key));
        const qsizetype attemptLine = text.indexOf(QStringLiteral("201 created"));
        QVERIFY(lostLine >= 0);
        QVERIFY(lostLine < keyLine);
        QVERIFY(keyLine < attemptLine);

        // The bank issued both: the first unused, the second used once. Its own list says so, and so
        // does the Keys tab.
        ApiClient bank;
        bank.setIntegratedSecret(m_app->backend().integratedSecret());
        QObject context;
        const std::optional<SignedIn> alice = signIn(bank, m_app->backend().endpoint().url, QStringLiteral("alice"),
                                                     QString::fromLatin1(DesktopDriver::kDemoPassword), &context);
        QVERIFY(alice);
        const auto page = awaitResult<IdempotencyKeyPage>(
            [&](auto done) { bank.listKeys(BankSession::kListedKeys, &context, done); });
        QVERIFY(page && page->ok());
        const auto statusOf = [&page](const QString &wanted) {
            for (const IdempotencyKeyInfo &info : page->value().keys) {
                if (info.key == wanted)
                    return info.status;
            }
            return QString();
        };
        QCOMPARE(statusOf(lost.key), QStringLiteral("unused"));
        QCOMPARE(statusOf(key), QStringLiteral("completed"));
        KeysModel &keys = m_app->session().keys();
        QVERIFY(DesktopDriver::waitFor([&] { return keys.state(lost.key) == TransferIntent::KeyState::Unused; },
                                       "the lost key in the Keys tab"));
        QCOMPARE(keys.state(key), TransferIntent::KeyState::Completed);
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

    // Run client crash after send: the client dies once its request is on the network; a restarted
    // client asks the bank by the key the journal on disk kept.
    void aClientCrashAfterSendIsRecoveredFromTheJournal()
    {
        QPushButton *button = presetButton(QStringLiteral("Run client crash after send"), Qt::Key_8);
        QVERIFY(button && !QTest::currentTestFailed());
        const QString key
            = crash([button] { QTest::mouseClick(button, Qt::LeftButton); }, AttemptTimeline::Verdict::Created);
        QVERIFY(!QTest::currentTestFailed());

        // Restart: the bank says it happened, once; the journal forgets the key.
        restartAndCheck(key, TransferStatus::Verdict::Happened,
                        QStringLiteral("It happened: the bank carried out $30.00 from Alice Checking"),
                        QStringLiteral("completed"));
        QVERIFY(!m_app->journal()->contains(key));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited once"));
        checkMovedOnce();
        m_driver->find<QPushButton>("recoveryDismissButton")->click();
    }

    void aClientCrashBeforeTheBankGotItIsRetriedWithTheSameKey()
    {
        // The same crash, but the proxy drops the request first: the bank never got it.
        const QString key = crash(
            [this] {
                QCOMPARE(m_app->runPreset({FaultCase::DropRequest, true, TeachingPreset::Point::ClientCrash}),
                         QString());
            },
            AttemptTimeline::Verdict::NeverArrived);
        QVERIFY(!QTest::currentTestFailed());

        restartAndCheck(key, TransferStatus::Verdict::NotYet,
                        QStringLiteral("It has not happened: the bank has not carried out $30.00"),
                        QStringLiteral("unused"));
        // Retried with the same key: the money moves once.
        m_driver->find<QPushButton>("recoveryRetryButton")->click();
        QVERIFY(DesktopDriver::waitFor([this] { return m_driver->result().startsWith(QStringLiteral("Sent $30.00")); },
                                       "the retried transfer"));
        QCOMPARE(m_driver->find<QLabel>("idempotencyKey")->text(), key);
        QVERIFY(DesktopDriver::waitFor([this] { return timeline().isSettled(); }, "the retry on the timeline"));
        QCOMPARE(timeline().key(), key);
        QCOMPARE(timeline().rows().size(), 2);
        QCOMPARE(timeline().rows().constLast().number, 2);
        QCOMPARE(timeline().rows().constLast().serverText(), QStringLiteral("created 201"));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited once"));
        QVERIFY(!m_app->journal()->contains(key));
        checkMovedOnce();
    }

    void theNextSignInRecoversAfterACrashToo()
    {
        const QString key = crash(
            [this] {
                QCOMPARE(m_app->runPreset({FaultCase::Pass, true, TeachingPreset::Point::ClientCrash}), QString());
            },
            AttemptTimeline::Verdict::Created);
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(m_app->runPreset(TeachingPreset::all().constFirst()),
                 QStringLiteral("the client crashed; restart it first"));

        m_app->session().signOut();
        QVERIFY(m_driver->signIn(QStringLiteral("alice"), QStringLiteral("wonderland")));
        QVERIFY(m_app->window().transferForm());
        QVERIFY(!m_app->isClientCrashed());
        QVERIFY(!m_driver->find<QPushButton>("Restart the client")->isEnabled());
        IntentRecovery &recovery = m_app->session().recovery();
        QVERIFY(DesktopDriver::waitFor([&] { return !recovery.items().isEmpty() && !recovery.isChecking(); },
                                       "the bank's answer about the key"));
        const auto found = std::find_if(recovery.items().cbegin(), recovery.items().cend(),
                                        [&key](const IntentRecovery::Item &item) { return item.entry.key == key; });
        QVERIFY(found != recovery.items().cend());
        QCOMPARE(found->status.verdict, TransferStatus::Verdict::Happened);
        QVERIFY(lookupTexts().contains(QStringLiteral("GET /v1/idempotency-keys/%1 → 200 completed").arg(key)));
        checkMovedOnce();
    }

    void atTwiceTheSizeNothingMovesSidewaysEither()
    {
        // Projected at the back of the room: at 200 % the left pane, the presets and every other
        // button keep their widths through a run, as at 100 % (runAndCheck, after each preset).
        MainWindow &window = m_app->window();
        window.setZoom(200);
        QTest::qWait(50); // the new layout
        m_paneWidths = paneWidths();
        m_buttonWidths = buttonWidths();
        const QList<int> before = controlWidths();
        QVERIFY(m_buttonWidths.constFirst() > 0);
        runAndCheck([this] { m_driver->find<QPushButton>("Run case 2 with key")->click(); }, 1,
                    QStringLiteral("debited once"));
        QCOMPARE(controlWidths(), before);
        runAndCheck([this] { m_driver->find<QPushButton>("Run case 3 without key")->click(); }, 2,
                    QStringLiteral("debited twice"));
        QCOMPARE(controlWidths(), before);
        window.setZoom(100);
        QTest::qWait(50);
        m_paneWidths = paneWidths();
        m_buttonWidths = buttonWidths();
    }

    void aTypicalCaseNeedsNoScrollingInTheFirstWindow()
    {
        // The window as a first start makes it on a 1920×1080 screen, at 100 %: case 2 with a
        // key (the key request and four attempts) fits the timeline without scrolling.
        MainWindow &window = m_app->window();
        QCOMPARE(window.zoom(), 100);
        const QSize before = window.size();
        window.resize(MainWindow::firstStartSize(QRect(0, 0, 1920, 1080), window.minimumSizeHint()));
        QTest::qWait(50);
        m_paneWidths = paneWidths();
        m_buttonWidths = buttonWidths();
        runAndCheck([this] { m_driver->find<QPushButton>("Run case 2 with key")->click(); }, 1,
                    QStringLiteral("debited once"));
        QCOMPARE(timeline().rows().size(), 4);
        auto *scroll = m_driver->find<QScrollArea>("timelineScroll");
        QTest::qWait(50);
        QVERIFY2(scroll->verticalScrollBar()->maximum() == 0,
                 qPrintable(QStringLiteral("%1 px to scroll in a %2 px high view")
                                .arg(scroll->verticalScrollBar()->maximum())
                                .arg(scroll->viewport()->height())));
        // All of it shown, not cut at the bottom; and narrower, it is taller and scrolls.
        auto *view = m_driver->find<AttemptTimelineView>("attemptTimeline");
        QVERIFY(view->height() >= view->heightForWidth(view->width()));
        window.resize(window.minimumSizeHint());
        QTest::qWait(50);
        QVERIFY(view->height() >= view->heightForWidth(view->width()));
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
        window.resize(before);
        QTest::qWait(50);
        m_paneWidths = paneWidths();
        m_buttonWidths = buttonWidths();
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
        // The picture without key ends with the bank's balance after both debits, which arrives
        // once the run has settled; on screen at its width, whatever the picture's resolution.
        const QLocale us(QStringLiteral("en_US"));
        const QString balances
            = QStringLiteral("balance %1 → %2")
                  .arg(Money::formatWithCurrency(after + 2 * TeachingPreset::kDemoAmount, QStringLiteral("USD"), us),
                       Money::formatWithCurrency(after, QStringLiteral("USD"), us));
        auto *unsafePicture = dialog->findChild<QLabel *>(QStringLiteral("sideWithoutKeyPicture"));
        QVERIFY(DesktopDriver::waitFor([&] { return unsafePicture->accessibleDescription().contains(balances); },
                                       "the balance after both debits in the picture"));
        QCOMPARE(unsafePicture->pixmap().deviceIndependentSize().width(), qreal(SideBySideDialog::kShownWidth));
        m_balance = after;
        // The picture for slides: both timelines next to each other.
        const QString path = m_dir.filePath(QStringLiteral("side-by-side.png"));
        QVERIFY(dialog->exportPng(path));
        const QImage picture(path);
        // As crisp as the timelines' own exports: devicePixelRatio 2.
        QCOMPARE(picture.width(), 2 * (2 * AttemptTimelineView::kExportWidth + 3 * SideBySideDialog::kPictureMargin));
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
