// The teaching features driven like an instructor would, on bank-app's own wiring (DesktopApp,
// offscreen) with the real integrated server: switch on failure case 3, send, read the timeline
// (the lost answer, then the replay), see the balance move once; switch to the unsafe
// demonstration and see it move twice; switch it all off again.
#include "app/startup/DesktopApp.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/MainWindow.h"
#include "app/ui/TeachingPanel.h"
#include "testkit/DesktopDriver.h"
#include "tests/support/TestServer.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

class TestTeachingGui : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;

    template <typename T>
    T *find(const char *name)
    {
        return m_driver->find<T>(name);
    }
    const AttemptTimeline &timeline() { return find<AttemptTimelineView>("attemptTimeline")->timeline(); }
    QStringList column(QString (AttemptTimeline::Row::*text)() const)
    {
        QStringList out;
        for (const AttemptTimeline::Row &row : timeline().rows())
            out.append((row.*text)());
        return out;
    }
    bool settled()
    {
        return !m_app->session().transferFlow().isBusy() && !timeline().isEmpty() && timeline().isSettled();
    }
    qint64 serverBalance(const QString &account) { return DesktopDriver::serverBalance(*m_app, account); }

private slots:
    void initTestCase()
    {
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_teachinggui"));
        QVERIFY(m_dir.isValid());
        m_app = DesktopDriver::launchSignedIn(m_dir.filePath(QStringLiteral("bank.db")));
        QVERIFY(m_app);
        m_driver = std::make_unique<DesktopDriver>(*m_app);
        m_app->window().showTeaching();
    }

    void theNetworkIsReliableUntilSwitchedOn()
    {
        QVERIFY(find<TeachingPanel>("teachingPanel")->isVisible());
        QVERIFY(!find<QGroupBox>("simulateGroup")->isChecked());
        QVERIFY(!find<QCheckBox>("unsafeCheck")->isChecked());
        QVERIFY(!m_app->network().isActive());
        QCOMPARE(m_app->api().baseUrl(), m_app->backend().endpoint().url);
        QVERIFY(find<QCheckBox>("autoRetryCheck")->isChecked());
        QVERIFY(!find<InlineMessage>("unsafeBanner")->isVisible());
    }

    void caseThreeWithAKeyMovesTheMoneyOnce()
    {
        // Switch on failure case 3, next attempt only.
        find<QGroupBox>("simulateGroup")->setChecked(true);
        auto *failure = find<QComboBox>("failureCase");
        failure->setCurrentIndex(failure->findData(int(FaultCase::DropResponse)));
        QCOMPARE(find<QComboBox>("failureSchedule")->currentText(), QStringLiteral("next attempt only"));
        QVERIFY(m_app->network().isActive());
        QCOMPARE(m_app->api().baseUrl(), m_app->network().url());
        QVERIFY(find<QLabel>("scheduleState")->text().startsWith(QStringLiteral("Armed")));
        QCOMPARE(m_app->simulation().failure, FaultCase::DropResponse);

        QCOMPARE(m_driver->balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("$1,000.00"));
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("7.00")));
        QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
        QVERIFY(DesktopDriver::waitFor([this] { return settled(); }, "the transfer and its timeline"));

        // The timeline: the first attempt's answer was lost (the bank had created it), the
        // automatic retry with the same key got the replay.
        QCOMPARE(column(&AttemptTimeline::Row::clientText),
                 (QStringList{QStringLiteral("no answer"), QStringLiteral("201 replayed")}));
        QCOMPARE(column(&AttemptTimeline::Row::networkText),
                 (QStringList{QStringLiteral("response lost"), QStringLiteral("delivered")}));
        QCOMPARE(column(&AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("replayed — no-op")}));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited once"));
        QCOMPARE(timeline().key(), find<QLabel>("idempotencyKey")->text());
        // What a screen reader reads of the painted diagram: one item per line.
        QAccessibleInterface *lines
            = QAccessible::queryAccessibleInterface(find<AttemptTimelineView>("attemptTimeline"));
        QCOMPARE(lines->role(), QAccessible::List);
        QCOMPARE(lines->childCount(), 5);
        QCOMPARE(lines->child(1)->text(QAccessible::Name), QStringLiteral("Key: ") + timeline().key());
        QVERIFY2(lines->child(2)
                     ->text(QAccessible::Name)
                     .contains(QStringLiteral(": client no answer; network response lost; server created 201; ")),
                 qPrintable(lines->child(2)->text(QAccessible::Name)));
        QVERIFY(lines->child(3)->text(QAccessible::Name).startsWith(QStringLiteral("Attempt 2 at ")));
        QCOMPARE(lines->child(4)->text(QAccessible::Name), QStringLiteral("Ledger effect: debited once"));
        QCOMPARE(lines->indexOfChild(lines->child(3)), 3);
        QCOMPARE(lines->child(3)->parent(), lines);
        QVERIFY2(m_driver->result().contains(QStringLiteral("its answer was lost")), qPrintable(m_driver->result()));
        QCOMPARE(find<QLabel>("keyState")->text(), QStringLiteral("completed"));
        QVERIFY(find<QLabel>("scheduleState")->text().startsWith(QStringLiteral("Used up")));

        // The balance moved once, in the window and at the bank.
        QVERIFY(DesktopDriver::waitFor(
            [this] { return m_driver->balanceShown(QStringLiteral("Alice Checking")) == QStringLiteral("$993.00"); },
            "the balance"));
        QCOMPARE(serverBalance(QStringLiteral("Alice Checking")), 99'300);

        // Exports for slides.
        QTemporaryDir out;
        auto *view = find<AttemptTimelineView>("attemptTimeline");
        auto *panel = find<TeachingPanel>("teachingPanel");
        const QString heading = panel->exportHeading();
        QCOMPARE(heading, QStringLiteral("Case 3 — the answer is lost on the way back, with key: debited once"));
        QVERIFY(view->exportPng(out.filePath(QStringLiteral("t.png")), heading));
        QVERIFY(view->exportSvg(out.filePath(QStringLiteral("t.svg")), heading));
        QVERIFY(view->exportText(out.filePath(QStringLiteral("t.txt"))));
        // Twice the pixels of the layout (devicePixelRatio 2), at 100 % the export width.
        const QImage picture(out.filePath(QStringLiteral("t.png")));
        QCOMPARE(view->exportWidth(), AttemptTimelineView::kExportWidth);
        QCOMPARE(picture.width(), 2 * AttemptTimelineView::kExportWidth);
        const int height = AttemptTimelineView::layout(timeline(), view->font(), view->exportWidth(), heading).height;
        QCOMPARE(picture.height(), 2 * height);
        QVERIFY(picture.height() > 200);
        QCOMPARE(picture.pixel(1, 1), qRgb(255, 255, 255));
        // The SVG is a drawing with its texts as text: the title and the key among them.
        QSvgRenderer svg(out.filePath(QStringLiteral("t.svg")));
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBox(), QRect(0, 0, view->exportWidth(), height));
        QFile svgFile(out.filePath(QStringLiteral("t.svg")));
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QString drawing = QString::fromUtf8(svgFile.readAll());
        QVERIFY(drawing.contains(heading.toHtmlEscaped()));
        QVERIFY(drawing.contains(timeline().key()));
        // At the current zoom: larger text, a wider picture.
        m_app->window().setZoom(200);
        QCOMPARE(view->exportWidth(), 2 * AttemptTimelineView::kExportWidth);
        QVERIFY(view->exportPng(out.filePath(QStringLiteral("t200.png")), heading));
        QCOMPARE(QImage(out.filePath(QStringLiteral("t200.png"))).width(), 4 * AttemptTimelineView::kExportWidth);
        m_app->window().setZoom(100);
        // Copy as image: a picture on the clipboard, as crisp as the PNG.
        QApplication::clipboard()->clear();
        QTest::mouseClick(find<QPushButton>("copyImageButton"), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->image().size(), picture.size());
        QFile text(out.filePath(QStringLiteral("t.txt")));
        QVERIFY(text.open(QIODevice::ReadOnly));
        QVERIFY(text.readAll().contains("Ledger effect: debited once"));
    }

    void exportsOfferAFolderAndANameAndSayWhereTheyWent()
    {
        auto *panel = find<TeachingPanel>("teachingPanel");
        QTemporaryDir out;
        const struct
        {
            const char *button;
            QStandardPaths::StandardLocation folder;
            const char *extension;
        } exports[] = {{"exportPngButton", QStandardPaths::PicturesLocation, "png"},
                       {"exportSvgButton", QStandardPaths::PicturesLocation, "svg"},
                       {"exportTextButton", QStandardPaths::DocumentsLocation, "txt"}};
        for (const auto &format : exports) {
            QTest::mouseClick(find<QPushButton>(format.button), Qt::LeftButton);
            QFileDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = panel->findChild<QFileDialog *>(QStringLiteral("timelineExportDialog")))
                        && dialog->isVisible());
            // The user's Pictures or Documents (their home without it), and a name that says what
            // the file shows: the failure case and the time of the transfer.
            QString folder = QStandardPaths::writableLocation(format.folder);
            if (!QDir(folder).exists())
                folder = QDir::homePath();
            QCOMPARE(dialog->directory().absolutePath(), QDir(folder).absolutePath());
            const QString name = QFileInfo(dialog->selectedFiles().value(0)).fileName();
            const QString started
                = timeline().rows().constFirst().startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd-HHmm"));
            QCOMPARE(name, QStringLiteral("timeline-case3-%1.%2").arg(started, QLatin1String(format.extension)));
            // Saved where the user chose, and the app says where that is.
            const QString path = out.filePath(name);
            dialog->selectFile(path);
            static_cast<QDialog *>(dialog)->accept();
            QTRY_VERIFY(QFile::exists(path));
            auto *message = find<InlineMessage>("exportMessage");
            QVERIFY(message->isVisible());
            QCOMPARE(message->text(), QStringLiteral("Saved the timeline as %1.").arg(QDir::toNativeSeparators(path)));
        }
    }

    void withoutAKeyTheSameFailureMovesItTwice()
    {
        // The unsafe demonstration: the integrated server restarts with its demo endpoint, the
        // proxy is armed afresh.
        find<QCheckBox>("unsafeCheck")->click();
        QVERIFY(m_app->backend().integratedOptions().demoUnsafe);
        QVERIFY(m_app->network().isActive());
        QCOMPARE(m_app->api().baseUrl(), m_app->network().url());
        QVERIFY(m_app->session().isSignedIn()); // sessions live in the database: the restart keeps them
        QVERIFY(find<InlineMessage>("unsafeWarning")->isVisible());
        QVERIFY(find<InlineMessage>("unsafeBanner")->isVisible());
        QCOMPARE(find<QPushButton>("sendButton")->text().remove(u'&'), QStringLiteral("Send without key (unsafe)"));
        QCOMPARE(find<QLabel>("idempotencyKey")->text(), QStringLiteral("none: unsafe demonstration"));
        QVERIFY(find<QLabel>("scheduleState")->text().startsWith(QStringLiteral("Armed")));

        QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
        QVERIFY(DesktopDriver::waitFor([this] { return settled() && timeline().isUnsafe(); },
                                       "the unsafe transfer and its timeline"));
        QCOMPARE(column(&AttemptTimeline::Row::networkText),
                 (QStringList{QStringLiteral("response lost"), QStringLiteral("delivered")}));
        QCOMPARE(column(&AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("created 201")}));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited twice"));
        QVERIFY2(m_driver->result().contains(QStringLiteral("more than once")), qPrintable(m_driver->result()));

        // The balance moved twice: $7.00 two more times.
        QVERIFY(DesktopDriver::waitFor(
            [this] { return m_driver->balanceShown(QStringLiteral("Alice Checking")) == QStringLiteral("$979.00"); },
            "the balance"));
        QCOMPARE(serverBalance(QStringLiteral("Alice Checking")), 97'900);
    }

    void switchingOffRestoresTheSafeClientAndServer()
    {
        find<QCheckBox>("unsafeCheck")->click();
        find<QGroupBox>("simulateGroup")->setChecked(false);
        QVERIFY(!m_app->backend().integratedOptions().demoUnsafe);
        QVERIFY(!m_app->network().isActive());
        QCOMPARE(m_app->api().baseUrl(), m_app->backend().endpoint().url);
        QVERIFY(!find<InlineMessage>("unsafeBanner")->isVisible());
        QCOMPARE(find<QPushButton>("sendButton")->text().remove(u'&'), QStringLiteral("Send"));
        // The demo endpoint is gone with it.
        TestHttpClient http(quint16(m_app->backend().endpoint().url.port()));
        http.setIntegratedSecret(m_app->backend().integratedSecret());
        http.setToken(TestServer::login(http, "alice", "wonderland"));
        QCOMPARE(http.postJson("/v1/demo/unsafe-transfers", QJsonObject()).status, 404);
    }

    void caseTwoShowsTheBankStillWorking()
    {
        find<QGroupBox>("simulateGroup")->setChecked(true);
        auto *failure = find<QComboBox>("failureCase");
        failure->setCurrentIndex(failure->findData(int(FaultCase::CutDuringProcessing)));
        QCOMPARE(m_app->backend().integratedOptions().processingDelayMs, 1500);
        QVERIFY(m_app->network().isActive());
        find<QPushButton>("newTransferButton")->click();
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("2.00")));
        QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
        QVERIFY(DesktopDriver::waitFor([this] { return settled() && timeline().rows().size() >= 3; },
                                       "the transfer and its timeline"));
        const QStringList verdicts = column(&AttemptTimeline::Row::serverText);
        QCOMPARE(verdicts.constFirst(), QStringLiteral("created 201"));
        QCOMPARE(verdicts.at(1), QStringLiteral("in progress 409"));
        QCOMPARE(verdicts.constLast(), QStringLiteral("replayed — no-op"));
        QCOMPARE(timeline().rows().constFirst().networkText(), QStringLiteral("cut while processing"));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited once"));
        QVERIFY(DesktopDriver::waitFor(
            [this] { return m_driver->balanceShown(QStringLiteral("Alice Checking")) == QStringLiteral("$977.00"); },
            "the balance"));
        find<QGroupBox>("simulateGroup")->setChecked(false);
        QCOMPARE(m_app->backend().integratedOptions().processingDelayMs, 0);
    }

    // Step mode from the Timeline tab: "Step through", then Space and → move the message one hop
    // each (case 1: held leaving the client, held in the network, dropped there); the retry waits
    // too until Continue runs the rest at full speed.
    void stepThroughWithTheKeyboardThenContinue()
    {
        find<QGroupBox>("simulateGroup")->setChecked(true);
        auto *failure = find<QComboBox>("failureCase");
        failure->setCurrentIndex(failure->findData(int(FaultCase::DropRequest)));
        auto *step = find<QPushButton>("stepThroughButton");
        auto *next = find<QPushButton>("nextHopButton");
        auto *carryOn = find<QPushButton>("continueButton");
        auto *speed = find<QComboBox>("networkSpeed");
        QCOMPARE(step->accessibleName(), QStringLiteral("Step through"));
        QCOMPARE(next->accessibleName(), QStringLiteral("Next"));
        QCOMPARE(carryOn->accessibleName(), QStringLiteral("Continue"));
        QCOMPARE(speed->accessibleName(), QStringLiteral("Network speed"));
        QCOMPARE(speed->count(), 4);
        QVERIFY(!next->isEnabled());
        QVERIFY(!carryOn->isEnabled());
        step->click();
        QVERIFY(step->isChecked());
        QVERIFY(next->isEnabled());
        QVERIFY(carryOn->isEnabled());
        QCOMPARE(speed->currentData().toInt(), int(NetworkPace::Speed::Step));
        QVERIFY(m_app->network().pace().stepping());

        MainWindow &window = m_app->window();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const qint64 before = serverBalance(QStringLiteral("Alice Checking"));
        find<QPushButton>("newTransferButton")->click();
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("3.00")));
        QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
        const auto heldAt = [this](qsizetype row, FaultHop hop) {
            return DesktopDriver::waitFor(
                [&] {
                    const QList<AttemptTimeline::Row> &rows = timeline().rows();
                    return rows.size() > row && rows.at(row).network && rows.at(row).network->held
                        && rows.at(row).whereNow() == hop;
                },
                "the message held at its hop");
        };
        QVERIFY(heldAt(0, FaultHop::LeavingClient));
        QTest::keyClick(&window, Qt::Key_Space);
        QVERIFY(heldAt(0, FaultHop::InNetwork));
        QTest::keyClick(&window, Qt::Key_Right);
        // Dropped in the network; the automatic retry waits where the first one did.
        QVERIFY(heldAt(1, FaultHop::LeavingClient));
        QCOMPARE(timeline().rows().constFirst().serverText(), QStringLiteral("never arrived"));
        QCOMPARE(serverBalance(QStringLiteral("Alice Checking")), before);

        carryOn->click();
        QVERIFY(!step->isChecked());
        QVERIFY(!next->isEnabled());
        QCOMPARE(speed->currentData().toInt(), int(NetworkPace::Speed::Full));
        QVERIFY(DesktopDriver::waitFor([this] { return settled(); }, "the transfer and its timeline"));
        QCOMPARE(timeline().ledgerText(), QStringLiteral("debited once"));
        QCOMPARE(serverBalance(QStringLiteral("Alice Checking")), before - 300);
        find<QGroupBox>("simulateGroup")->setChecked(false);
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
    }
};

QTEST_MAIN(TestTeachingGui)
#include "tst_teachinggui.moc"
