// The desktop client in the locale of its environment (LANG, LC_ALL), as ctest runs it three
// times: C.UTF-8 (the default of containers and CI), en_US.UTF-8 and de_DE.UTF-8. Money reads as
// the locale writes it everywhere it appears, with no code glued to the digits, dates are the
// locale's, and the amount field takes the locale's decimal mark.
#include "app/client/models/TransferHistoryModel.h"
#include "app/startup/DesktopApp.h"
#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/TimelineRecorder.h"
#include "app/ui/MainWindow.h"
#include "shared/core/Timestamp.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/AppTestServer.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Expected
{
    QString thousand; // Alice Checking's first balance
    QString typed;    // twelve fifty, as typed in the amount field
    QString sent;     // twelve fifty, as the app writes it
};

// What a reader of each locale expects (U+00A0 keeps an amount and its currency together).
const QMap<QString, Expected> kExpected{
    {QStringLiteral("C"),
     {QStringLiteral("1,000.00\u00a0USD"), QStringLiteral("12.50"), QStringLiteral("12.50\u00a0USD")}},
    {QStringLiteral("en_US"), {QStringLiteral("$1,000.00"), QStringLiteral("12.50"), QStringLiteral("$12.50")}},
    {QStringLiteral("de_DE"),
     {QStringLiteral("1.000,00\u00a0$"), QStringLiteral("12,50"), QStringLiteral("12,50\u00a0$")}},
};

// A currency code glued to digits ("1,000.00USD") is the defect this test is about.
bool glued(const QString &text) { return text.contains(QRegularExpression(QStringLiteral("\\d[A-Z]{3}|[A-Z]{3}\\d"))); }

} // namespace

class TestLocales : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;
    Expected m_expected;

private slots:
    void initTestCase()
    {
        const QString locale = QLocale().name();
        QVERIFY2(kExpected.contains(locale),
                 qPrintable(QStringLiteral("run under C.UTF-8, en_US.UTF-8 or de_DE.UTF-8, not %1").arg(locale)));
        m_expected = kExpected.value(locale);
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_locales"), QLocale::system());
        m_app = DesktopDriver::launch(m_dir.filePath(QStringLiteral("bank.db")));
        QVERIFY(m_app);
        m_driver = std::make_unique<DesktopDriver>(*m_app);
        QVERIFY(m_driver->signIn(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword)));
    }

    void balancesReadAsTheLocaleWritesThem()
    {
        QCOMPARE(m_driver->balanceShown(QStringLiteral("Alice Checking")), m_expected.thousand);
        auto *from = m_driver->find<QComboBox>("fromAccount");
        QCOMPARE(from->itemText(from->findData(from->currentData())),
                 QStringLiteral("Alice Checking (%1)").arg(m_expected.thousand));
        for (int i = 0; i < from->count(); ++i)
            QVERIFY2(!glued(from->itemText(i)), qPrintable(from->itemText(i)));
    }

    void theAmountTakesTheLocalesDecimalMark()
    {
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"), m_expected.typed));
        QVERIFY(m_driver->find<QWidget>("sendButton")->isEnabled());
        QTest::mouseClick(m_driver->find<QWidget>("sendButton"), Qt::LeftButton);
        // The message, the history and the timeline write it the same way.
        QTRY_VERIFY2(m_driver->result().startsWith(QStringLiteral("Sent %1 from Alice Checking").arg(m_expected.sent)),
                     qPrintable(m_driver->result()));
        QCOMPARE(DesktopDriver::serverBalance(*m_app, QStringLiteral("Alice Checking")), 100000 - 1250);
        QAbstractItemModel *history = m_driver->find<QTableView>("historyView")->model();
        QTRY_VERIFY(history->rowCount() >= 1);
        QCOMPARE(history->index(0, TransferHistoryModel::AmountColumn).data().toString(), m_expected.sent);
        QVERIFY2(m_app->timeline().timeline().title().contains(m_expected.sent),
                 qPrintable(m_app->timeline().timeline().title()));
        QTRY_VERIFY(!glued(m_driver->balanceShown(QStringLiteral("Alice Checking"))));
    }

    void datesAreTheLocalesShortForm()
    {
        QAbstractItemModel *history = m_driver->find<QTableView>("historyView")->model();
        const QString shown = history->index(0, TransferHistoryModel::DateColumn).data().toString();
        const QDateTime sent
            = QDateTime::fromMSecsSinceEpoch(
                  history->index(0, TransferHistoryModel::DateColumn).data(TransferHistoryModel::SortRole).toLongLong())
                  .toLocalTime();
        // The locale's short form; under C, which has none worth the name, the ISO one.
        const QString expected = QLocale().language() == QLocale::C ? sent.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                                                    : QLocale().toString(sent, QLocale::ShortFormat);
        QCOMPARE(shown, expected);
        QVERIFY2(shown.size() <= 20, qPrintable(shown));
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
    }
};

QTEST_MAIN(TestLocales)
#include "tst_locales.moc"
