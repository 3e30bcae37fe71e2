// Three tests a test engineer writes against bank-app with the installed test kit: a transfer;
// failure case 3 (the bank's answer is lost) with an idempotency key moves the money once; the same
// failure without a key moves it twice. Each runs on a fresh app and checks the integrated
// server's ledger, not only the window.
#include "testkit/BankAppUnderTest.h"

#include <QTest>

#include <memory>

class TestGuiAutomation : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<BankAppUnderTest> m_bank;

    DesktopDriver &driver() { return m_bank->driver(); }

private slots:
    void init()
    {
        m_bank = std::make_unique<BankAppUnderTest>();
        const QString failure = m_bank->startSignedIn(QStringLiteral("tst_gui_automation"));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(m_bank->serverBalance(QStringLiteral("Alice Checking")), 100'000);
    }

    void aTransferMovesTheMoney()
    {
        QVERIFY(driver().sendTransfer(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                      QStringLiteral("25.00"), QStringLiteral("lunch")));
        const std::optional<DesktopDriver::Outcome> outcome = driver().awaitOutcome();
        QVERIFY(outcome);
        QCOMPARE(outcome->keyState, QStringLiteral("completed"));
        QVERIFY(DesktopDriver::waitFor(
            [this] { return driver().balanceShown(QStringLiteral("Alice Checking")) == QStringLiteral("$975.00"); },
            "the new balance"));
        QCOMPARE(m_bank->serverBalance(QStringLiteral("Alice Checking")), 97'500);
    }

    void caseThreeWithAKeyMovesTheMoneyOnce()
    {
        QVERIFY(driver().armFailure(FaultCase::DropResponse));
        QVERIFY(driver().sendTransfer(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                      QStringLiteral("7.00")));
        const std::optional<DesktopDriver::Outcome> outcome = driver().awaitOutcome();
        QVERIFY(outcome);
        QCOMPARE(outcome->keyState, QStringLiteral("completed"));
        const QStringList rows = driver().timelineRows();
        QCOMPARE(rows.value(1), QStringLiteral("Key: ") + outcome->key);
        QVERIFY2(rows.value(2).contains(QStringLiteral("network response lost")), qPrintable(rows.join(u'\n')));
        QCOMPARE(rows.constLast(), QStringLiteral("Ledger effect: debited once"));
        QCOMPARE(m_bank->serverBalance(QStringLiteral("Alice Checking")), 99'300);
    }

    void caseThreeWithoutAKeyMovesTheMoneyTwice()
    {
        QVERIFY(driver().armFailure(FaultCase::DropResponse));
        QVERIFY(driver().setUnsafe(true));
        QVERIFY(driver().sendTransfer(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                      QStringLiteral("7.00")));
        const std::optional<DesktopDriver::Outcome> outcome = driver().awaitOutcome();
        QVERIFY(outcome);
        QCOMPARE(driver().timelineRows().constLast(), QStringLiteral("Ledger effect: debited twice"));
        QCOMPARE(m_bank->serverBalance(QStringLiteral("Alice Checking")), 100'000 - 2 * 700);
    }

    void cleanup() { m_bank.reset(); }
};

QTEST_MAIN(TestGuiAutomation)
#include "tst_gui_automation.moc"
