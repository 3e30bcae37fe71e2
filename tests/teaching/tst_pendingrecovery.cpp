// The pending-transfer journal across an app restart: two transfers are left with an unknown
// outcome (one the bank carried out, its answer lost; one that never reached it), the app goes
// away, a new DesktopApp on the same data folder and database signs in, asks the bank about both
// keys and shows each outcome (on the timeline too); the one that did not happen is retried, with its own key,
// once.
#include "app/startup/DesktopApp.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/MainWindow.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/AppTestServer.h"
#include "tests/support/TestServer.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestPendingRecovery : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A new bank-app on the same data as the ones before it: a restart.
    std::unique_ptr<DesktopApp> open() const
    {
        return DesktopDriver::launch(m_dir.filePath(QStringLiteral("bank.db")));
    }
    static NetworkSimulation failNext(FaultCase failure)
    {
        NetworkSimulation simulation;
        simulation.enabled = true;
        simulation.failure = failure;
        return simulation;
    }
    // The app keeps the journal in its data folder: the database's folder.
    QString journalPath() const { return PendingIntentJournal::pathIn(m_dir.path()); }
    QStringList journaledKeys() const
    {
        QStringList keys;
        const PendingIntentJournal journal(journalPath());
        for (const PendingIntentJournal::Entry &entry : journal.entries())
            keys.append(entry.key);
        return keys;
    }

private slots:
    void initTestCase()
    {
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_pendingrecovery"));
        QVERIFY(m_dir.isValid());
    }

    void pendingTransfersSurviveARestartAndAreReconciled()
    {
        QString happenedKey;
        QString notHappenedKey;
        {
            const std::unique_ptr<DesktopApp> first = open();
            QVERIFY(first);
            DesktopDriver driver(*first);
            QVERIFY(driver.signIn(QStringLiteral("alice"), QStringLiteral("wonderland")));
            driver.find<QCheckBox>("autoRetryCheck")->click(); // the outcome stays unknown

            // $3.00: the bank carries it out, the answer is lost.
            QCOMPARE(first->applySimulation(failNext(FaultCase::DropResponse)), QString());
            QVERIFY(driver.fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                    QStringLiteral("3.00")));
            QTest::mouseClick(driver.find<QPushButton>("sendButton"), Qt::LeftButton);
            QVERIFY(DesktopDriver::waitFor(
                [&] { return driver.find<QLabel>("keyState")->text() == QStringLiteral("outcome unknown"); },
                "the first transfer's lost answer"));
            happenedKey = first->session().transferFlow().intent().key();

            // $4.00: the request is lost before the bank.
            QCOMPARE(first->applySimulation(failNext(FaultCase::DropRequest)), QString());
            driver.find<QPushButton>("newTransferButton")->click();
            QVERIFY(driver.fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                    QStringLiteral("4.00")));
            QTest::mouseClick(driver.find<QPushButton>("sendButton"), Qt::LeftButton);
            QVERIFY(DesktopDriver::waitFor(
                [&] { return driver.find<QLabel>("keyState")->text() == QStringLiteral("outcome unknown"); },
                "the second transfer's lost request"));
            notHappenedKey = first->session().transferFlow().intent().key();
            QVERIFY(notHappenedKey != happenedKey);

            // Both are on disk; the app goes away without learning more.
            QCOMPARE(journaledKeys(), (QStringList{happenedKey, notHappenedKey}));
            QCOMPARE(DesktopDriver::serverBalance(*first, QStringLiteral("Alice Checking")), 100'000 - 300);
        }

        // The next start: same data folder, same database.
        const std::unique_ptr<DesktopApp> second = open();
        QVERIFY(second);
        DesktopDriver driver(*second);
        QCOMPARE(journaledKeys().size(), 2);
        QVERIFY(driver.signIn(QStringLiteral("alice"), QStringLiteral("wonderland")));
        IntentRecovery &recovery = second->session().recovery();
        QCOMPARE(recovery.items().size(), 2);
        QVERIFY(DesktopDriver::waitFor([&] { return !recovery.isChecking(); }, "the bank's answers about both keys"));
        QCOMPARE(recovery.items().at(0).entry.key, happenedKey);
        QCOMPARE(recovery.items().at(0).status.verdict, TransferStatus::Verdict::Happened);
        QCOMPARE(recovery.items().at(1).entry.key, notHappenedKey);
        QCOMPARE(recovery.items().at(1).status.verdict, TransferStatus::Verdict::NotYet);
        // The settled one left the journal at once; the other stays until it is settled.
        QCOMPARE(journaledKeys(), QStringList{notHappenedKey});
        // Both lookups are rows of the timeline, naming their keys; the transfer whose answer came
        // first gives it its title, without attempts: an earlier run made them.
        const AttemptTimeline &timeline = second->timeline().timeline();
        QCOMPARE(timeline.lookups().size(), 2);
        QStringList lookups;
        for (const AttemptTimeline::Exchange &lookup : timeline.lookups())
            lookups.append(lookup.text());
        lookups.sort();
        QStringList expected{QStringLiteral("GET /v1/idempotency-keys/%1 → 200 completed").arg(happenedKey),
                             QStringLiteral("GET /v1/idempotency-keys/%1 → 200 unused").arg(notHappenedKey)};
        expected.sort();
        QCOMPARE(lookups, expected);
        QVERIFY((QStringList{happenedKey, notHappenedKey}).contains(timeline.key()));
        QVERIFY(timeline.rows().isEmpty());
        for (const QString &lookup : std::as_const(expected))
            QVERIFY(timeline.toText().contains(lookup));
        QVERIFY(timeline.toText().contains(
            QStringLiteral("Ledger effect: sent by an earlier run; the bank's answers above say what became of it")));

        // The window shows them one at a time: first the one that happened.
        auto *panel = driver.find<QFrame>("recoveryPanel");
        auto *message = driver.find<InlineMessage>("recoveryMessage");
        auto *retry = driver.find<QPushButton>("recoveryRetryButton");
        QVERIFY(panel->isVisible());
        QVERIFY(driver.find<QLabel>("recoveryTitle")->text().contains(QStringLiteral("1 of 2")));
        QCOMPARE(
            message->text(),
            QStringLiteral(
                "It happened: the bank carried out $3.00 from Alice Checking to Bob Checking (Bob the Builder), once. "
                "Do not send it again."));
        QVERIFY(!retry->isVisible());
        driver.find<QPushButton>("recoveryDismissButton")->click();
        QVERIFY(message->text().startsWith(QStringLiteral("It has not happened: the bank has not carried out $4.00")));
        QVERIFY(retry->isVisible());

        // Retry: the form takes it up with its own key and sends it.
        retry->click();
        QCOMPARE(driver.find<QLineEdit>("amount")->text(), QStringLiteral("4.00"));
        QVERIFY(DesktopDriver::waitFor([&] { return driver.result().startsWith(QStringLiteral("Sent $4.00")); },
                                       "the retried transfer"));
        QCOMPARE(driver.find<QLabel>("idempotencyKey")->text(), notHappenedKey);
        QCOMPARE(driver.find<QLabel>("keyState")->text(), QStringLiteral("completed"));
        QVERIFY(!panel->isVisible());
        QVERIFY(journaledKeys().isEmpty());
        // Each moved once.
        QCOMPARE(DesktopDriver::serverBalance(*second, QStringLiteral("Alice Checking")), 100'000 - 300 - 400);
    }

    void onlyTheOwnersPendingTransfersAreReconciled()
    {
        PendingIntentJournal journal(journalPath());
        TransferRequest request;
        request.fromAccount = QStringLiteral("x");
        request.toAccount = QStringLiteral("y");
        request.amount = 1;
        request.currency = QStringLiteral("USD");
        const std::unique_ptr<DesktopApp> app = open();
        QVERIFY(app);
        QVERIFY(journal.save(
            {QStringLiteral("idk_of_alice"), QStringLiteral("alice"), app->session().serverIdentity(), request, {}}));
        QVERIFY(journal.save({QStringLiteral("idk_elsewhere"),
                              QStringLiteral("bob"),
                              QStringLiteral("http://bank.example"),
                              request,
                              {}}));
        DesktopDriver driver(*app);
        QVERIFY(driver.signIn(QStringLiteral("bob"), QString::fromLatin1(AppTestServer::kDemoPassword)));
        QVERIFY(app->session().recovery().items().isEmpty());
        QVERIFY(!driver.find<QFrame>("recoveryPanel")->isVisible());
        // A key the bank does not know never moved money: it is settled, and leaves the journal.
        app->session().signOut();
        QVERIFY(driver.signIn(QStringLiteral("alice"), QStringLiteral("wonderland")));
        QVERIFY(DesktopDriver::waitFor([&] { return !app->session().recovery().isChecking(); }, "the bank's answer"));
        QCOMPARE(app->session().recovery().items().size(), 1);
        QCOMPARE(app->session().recovery().items().constFirst().status.verdict, TransferStatus::Verdict::KeyExpired);
        QCOMPARE(journaledKeys(), QStringList{QStringLiteral("idk_elsewhere")});
    }
};

QTEST_MAIN(TestPendingRecovery)
#include "tst_pendingrecovery.moc"
