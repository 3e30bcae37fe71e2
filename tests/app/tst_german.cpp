// bank-app in German, as on a German system or with --lang de: the window, the dialogs, Qt's own
// buttons, problem messages, key states, the lesson's texts and money all speak it, and the
// translation's Alt+letter keys are unique too.
#include "app/client/messages/ProblemMessages.h"
#include "app/client/models/KeysModel.h"
#include "app/startup/DesktopApp.h"
#include "app/startup/UiTranslation.h"
#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/NetworkSimulation.h"
#include "app/teaching/TimelineRecorder.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/AppTestServer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestGerman : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<UiTranslation> m_translation;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;

    template <typename T>
    T *find(const char *name)
    {
        return m_driver->find<T>(name);
    }

private slots:
    void initTestCase()
    {
        // What main() does for --lang de.
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_german"), QLocale(QStringLiteral("de_DE")));
        m_translation = std::make_unique<UiTranslation>(QLocale());
        QVERIFY(m_translation->isLoaded());
        m_app = DesktopDriver::launch(m_dir.filePath(QStringLiteral("bank.db")));
        QVERIFY(m_app);
        m_driver = std::make_unique<DesktopDriver>(*m_app);
    }

    void theSignInDialogSpeaksGerman()
    {
        LoginDialog *login = m_app->window().loginDialog();
        QVERIFY(login->isVisible());
        QCOMPARE(login->windowTitle(), QStringLiteral("Anmelden — Exactly-Once Bank"));
        QCOMPARE(login->findChild<QPushButton *>(QStringLiteral("signInButton"))->text(), QStringLiteral("&Anmelden"));
        // Qt's own button, from Qt's translation.
        QCOMPARE(login->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->text(),
                 QStringLiteral("Abbrechen"));
        // A problem message.
        auto *username = login->findChild<QLineEdit *>(QStringLiteral("username"));
        auto *password = login->findChild<QLineEdit *>(QStringLiteral("password"));
        QTest::keyClicks(username, QStringLiteral("alice"));
        QTest::keyClicks(password, QStringLiteral("falsch"));
        QTest::keyClick(password, Qt::Key_Return);
        QTRY_COMPARE(login->findChild<InlineMessage *>(QStringLiteral("loginError"))->text(),
                     QStringLiteral("Benutzername oder Passwort ist falsch."));
    }

    void theWindowSpeaksGermanAndWritesGermanMoney()
    {
        QVERIFY(m_driver->signIn(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword)));
        QCOMPARE(m_app->window().menuBar()->actions().constFirst()->text(), QStringLiteral("&Datei"));
        QCOMPARE(find<QPushButton>("sendButton")->text(), QStringLiteral("&Senden"));
        QCOMPARE(find<QLabel>("keyState")->text(), QStringLiteral("noch kein Schlüssel"));
        QCOMPARE(find<QLineEdit>("amount")->placeholderText(), QStringLiteral("z. B. 12,50"));
        QCOMPARE(m_driver->balanceShown(QStringLiteral("Alice Checking")), QStringLiteral("1.000,00\u00a0$"));
        QCOMPARE(find<QTabWidget>("tabs")->tabText(0), QStringLiteral("Ver&lauf"));
        QCOMPARE(DesktopDriver::mnemonicClashes(m_app->window()), QStringList());
    }

    void aTransferAndItsLessonSpeakGerman()
    {
        // The lesson's texts: the failure cases and what the schedule says.
        auto *failure = find<QComboBox>("failureCase");
        QCOMPARE(failure->itemText(failure->findData(int(FaultCase::DropResponse))),
                 QStringLiteral("3 — die Antwort geht auf dem Rückweg verloren"));
        QCOMPARE(find<QLabel>("scheduleState")->text(), QStringLiteral("Das Netz ist zuverlässig."));
        NetworkSimulation lost;
        lost.enabled = true;
        lost.failure = FaultCase::DropResponse;
        QCOMPARE(m_app->applySimulation(lost), QString());

        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("12,50")));
        QTest::mouseClick(find<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_VERIFY2(m_driver->result().startsWith(
                         QStringLiteral("12,50\u00a0$ von Alice Checking an Bob Checking (Bob the Builder) gesendet.")),
                     qPrintable(m_driver->result()));
        QCOMPARE(find<QLabel>("keyState")->text(), QStringLiteral("abgeschlossen"));
        // The timeline's verdicts.
        const AttemptTimeline &timeline = m_app->timeline().timeline();
        QTRY_VERIFY(timeline.isSettled());
        QCOMPARE(timeline.rows().constFirst().serverText(), QStringLiteral("angelegt 201"));
        QCOMPARE(timeline.rows().constLast().serverText(), QStringLiteral("wiederholt — ohne Wirkung"));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("einmal abgebucht"));
        QCOMPARE(m_app->applySimulation({}), QString());
    }

    void anAbandonedKeySpeaksGerman()
    {
        // A new key, then a new transfer: the unused key is abandoned at the bank, and the form,
        // the Keys tab and the bank's refusal of a stale retry say so in German.
        QTest::mouseClick(find<QPushButton>("newKeyButton"), Qt::LeftButton);
        QTRY_COMPARE(find<QLabel>("keyState")->text(), QStringLiteral("unbenutzt"));
        const QString key = find<QLabel>("idempotencyKey")->text();
        QTest::mouseClick(find<QPushButton>("newTransferButton"), Qt::LeftButton);
        QAbstractItemModel *keys = find<QTableView>("keysView")->model();
        const auto stateShown = [keys, &key] {
            const QModelIndexList rows = keys->match(keys->index(0, KeysModel::KeyColumn), Qt::DisplayRole, key);
            return rows.isEmpty() ? QString()
                                  : rows.constFirst().siblingAtColumn(KeysModel::StateColumn).data().toString();
        };
        QTRY_COMPARE(stateShown(), QStringLiteral("aufgegeben"));
        // The German states ("abgeschlossen") are not cut short.
        auto *tabs = find<QTabWidget>("tabs");
        tabs->setCurrentWidget(find<QWidget>("keysPanel"));
        auto *table = find<QTableView>("keysView");
        QTRY_VERIFY(table->columnWidth(KeysModel::StateColumn)
                    >= static_cast<QAbstractItemView *>(table)->sizeHintForColumn(KeysModel::StateColumn));
        tabs->setCurrentIndex(0);
        QCOMPARE(
            ProblemMessages::forCode(ProblemCode::IdempotencyKeyAbandoned),
            QStringLiteral("Der Schlüssel dieser Überweisung wurde aufgegeben und kann nie mehr benutzt werden. Es "
                           "wurde nichts bewegt; erneutes Senden holt einen neuen Schlüssel."));
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
        m_translation.reset();
    }
};

QTEST_MAIN(TestGerman)
#include "tst_german.moc"
