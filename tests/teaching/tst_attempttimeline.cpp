// AttemptTimeline without widgets or a network: rows from the client's attempts matched with the
// proxy's reports by request id, the verdict texts, the ledger effect and the text export.
#include "app/client/transport/ScheduleAttempt.h"
#include "app/teaching/AttemptTimeline.h"
#include "tests/teaching/TimelineAttempts.h"

#include <QTest>

using namespace TimelineAttempts;

namespace {

QStringList column(const AttemptTimeline &timeline, QString (AttemptTimeline::Row::*text)() const)
{
    QStringList out;
    for (const AttemptTimeline::Row &row : timeline.rows())
        out.append((row.*text)());
    return out;
}

} // namespace

class TestAttemptTimeline : public QObject
{
    Q_OBJECT
private slots:
    void case3WithAKeyMovesTheMoneyOnce()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$7.00 from A to B"), QStringLiteral("idk_test"), false);
        timeline.attemptStarted(started(1, "r1"), true);
        QCOMPARE(timeline.rows().constFirst().serverText(), QStringLiteral("…"));
        QCOMPARE(timeline.rows().constFirst().clientText(), QStringLiteral("waiting…"));
        timeline.networkReported(network("r1", FaultCase::DropResponse, false, 0, false));
        QCOMPARE(timeline.rows().constFirst().serverText(), QStringLiteral("processing…"));
        QVERIFY(!timeline.isSettled());
        timeline.networkReported(network("r1", FaultCase::DropResponse, true, 201, true));
        timeline.attemptFinished(lost(started(1, "r1")));
        timeline.attemptStarted(started(2, "r2"), true);
        timeline.attemptFinished(answered(started(2, "r2"), 201, true));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("debited once so far")); // r2's report is on its way
        timeline.networkReported(network("r2", FaultCase::Pass, true, 201, true, true));

        QCOMPARE(column(timeline, &AttemptTimeline::Row::clientText),
                 (QStringList{QStringLiteral("no answer"), QStringLiteral("201 replayed")}));
        QCOMPARE(column(timeline, &AttemptTimeline::Row::networkText),
                 (QStringList{QStringLiteral("response lost"), QStringLiteral("delivered")}));
        QCOMPARE(column(timeline, &AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("replayed — no-op")}));
        QCOMPARE(timeline.rows().at(0).networkFate(), AttemptTimeline::Network::ResponseLost);
        QCOMPARE(timeline.rows().at(1).latencyText(), QStringLiteral("12 ms"));
        QCOMPARE(timeline.debits(), 1);
        QVERIFY(timeline.isSettled());
        QCOMPARE(timeline.ledgerText(), QStringLiteral("debited once"));
    }

    void case3WithoutAKeyMovesItTwice()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$7.00"), {}, true);
        timeline.attemptStarted(started(1, "u1", true), true);
        timeline.attemptFinished(lost(started(1, "u1", true)));
        timeline.networkReported(network("u1", FaultCase::DropResponse, true, 201, true));
        timeline.attemptStarted(started(2, "u2", true), true);
        timeline.attemptFinished(answered(started(2, "u2", true), 201));
        timeline.networkReported(network("u2", FaultCase::Pass, true, 201, true));
        QCOMPARE(column(timeline, &AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("created 201")}));
        QCOMPARE(timeline.debits(), 2);
        QCOMPARE(timeline.ledgerText(), QStringLiteral("debited twice"));
        QVERIFY(timeline.isUnsafe());
        QVERIFY(timeline.toText().contains(QStringLiteral("Key: none (unsafe demonstration")));
    }

    void case1NeverArrivesAndTheRetryCreates()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("t"), QStringLiteral("idk_test"), false);
        timeline.attemptStarted(started(1, "r1"), true);
        timeline.networkReported(network("r1", FaultCase::DropRequest, false, 0, false));
        QCOMPARE(timeline.rows().constFirst().serverText(), QStringLiteral("never arrived"));
        QCOMPARE(timeline.rows().constFirst().networkText(), QStringLiteral("request lost"));
        timeline.attemptFinished(lost(started(1, "r1")));
        timeline.attemptStarted(started(2, "r2"), true);
        timeline.attemptFinished(answered(started(2, "r2"), 201));
        timeline.networkReported(network("r2", FaultCase::Pass, true, 201, true));
        QCOMPARE(timeline.rows().at(1).serverText(), QStringLiteral("created 201"));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("debited once"));
    }

    void case2ShowsInProgressThenTheReplay()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("t"), QStringLiteral("idk_test"), false);
        const QByteArray conflict
            = R"({"code":"idempotency_key_in_use","status":409,"title":"x","type":"about:blank"})";
        timeline.attemptStarted(started(1, "r1"), true);
        timeline.networkReported(network("r1", FaultCase::CutDuringProcessing, true, 0, false));
        timeline.attemptFinished(lost(started(1, "r1")));
        timeline.attemptStarted(started(2, "r2"), true);
        timeline.networkReported(network("r2", FaultCase::Pass, true, 409, true, false, conflict));
        timeline.attemptFinished(answered(started(2, "r2"), 409, false, ProblemCode::IdempotencyKeyInUse));
        QCOMPARE(timeline.rows().at(0).serverText(), QStringLiteral("processing…"));
        QCOMPARE(timeline.rows().at(0).networkText(), QStringLiteral("cut while processing"));
        QCOMPARE(timeline.rows().at(1).serverText(), QStringLiteral("in progress 409"));
        QCOMPARE(timeline.rows().at(1).clientText(), QStringLiteral("409 idempotency_key_in_use"));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("not debited so far"));
        // The first attempt's answer arrives at the proxy after the client gave up on it.
        timeline.networkReported(network("r1", FaultCase::CutDuringProcessing, true, 201, true));
        timeline.attemptStarted(started(3, "r3"), true);
        timeline.attemptFinished(answered(started(3, "r3"), 201, true));
        timeline.networkReported(network("r3", FaultCase::Pass, true, 201, true, true));
        QCOMPARE(column(timeline, &AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("in progress 409"),
                              QStringLiteral("replayed — no-op")}));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("debited once"));
    }

    void withoutTheSimulatedNetworkTheClientsViewIsTheVerdict()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("t"), QStringLiteral("idk_test"), false);
        timeline.attemptStarted(started(1, "r1"), false);
        timeline.attemptFinished(answered(started(1, "r1"), 422, false, ProblemCode::InsufficientFunds));
        QCOMPARE(timeline.rows().constFirst().networkText(), QStringLiteral("direct"));
        QCOMPARE(timeline.rows().constFirst().serverText(), QStringLiteral("rejected 422 insufficient_funds"));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("not debited"));
        timeline.attemptStarted(started(2, "r2"), false);
        timeline.attemptFinished(lost(started(2, "r2")));
        QCOMPARE(timeline.rows().at(1).serverText(), QStringLiteral("unknown"));
        QVERIFY(timeline.ledgerText().startsWith(QStringLiteral("unknown")));
    }

    void reportsForOtherRequestsAreIgnored()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("t"), QStringLiteral("idk_test"), false);
        timeline.attemptStarted(started(1, "r1"), true);
        QVERIFY(!timeline.networkReported(network("other", FaultCase::Pass, true, 201, true)));
        QVERIFY(!timeline.networkReported(network({}, FaultCase::Pass, true, 200, true)));
        QVERIFY(timeline.networkReported(network("r1", FaultCase::Pass, true, 201, true)));
        timeline.attemptStarted(started(1, "r1"), true); // the same attempt twice is one row
        QCOMPARE(timeline.rows().size(), 1);
        timeline.begin(QStringLiteral("next"), QStringLiteral("idk_2"), false);
        QVERIFY(timeline.isEmpty());
        QVERIFY(!timeline.networkReported(network("r1", FaultCase::Pass, true, 201, true)));
    }

    void textExportIsOneLinePerAttempt()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$7.00 from Alice Checking to Bob Checking (bob)"), QStringLiteral("idk_test"),
                       false);
        timeline.attemptStarted(started(1, "r1"), true);
        timeline.attemptFinished(lost(started(1, "r1")));
        timeline.networkReported(network("r1", FaultCase::DropResponse, true, 201, true));
        timeline.attemptStarted(started(2, "r2"), true);
        timeline.attemptFinished(answered(started(2, "r2"), 201, true));
        timeline.networkReported(network("r2", FaultCase::Pass, true, 201, true, true));
        const QStringList lines = timeline.toText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.at(0), QStringLiteral("Transfer: $7.00 from Alice Checking to Bob Checking (bob)"));
        QCOMPARE(lines.at(1), QStringLiteral("Key: idk_test"));
        QVERIFY(lines.at(2).startsWith(QStringLiteral("#  time")));
        QVERIFY(lines.at(3).startsWith(QStringLiteral("1 ")));
        QVERIFY(lines.at(3).contains(QStringLiteral("no answer")));
        QVERIFY(lines.at(3).contains(QStringLiteral("response lost")));
        QVERIFY(lines.at(3).contains(QStringLiteral("created 201")));
        QVERIFY(lines.at(4).contains(QStringLiteral("replayed — no-op")));
        QVERIFY(lines.at(4).endsWith(QStringLiteral("12 ms")));
        QCOMPARE(lines.at(5), QStringLiteral("Ledger effect: debited once"));
    }

    // The second operation on the same diagram: a schedule's creation, case 2 with its key. Its
    // attempts are ScheduleAttempts; the effect is a schedule made, not money moved.
    void aScheduleIsMadeOnceAndMovesNoMoney()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$7.00 from A to B, monthly, 3 times"), QStringLiteral("idk_test"), false,
                       AttemptTimeline::Subject::Schedule);
        const auto attempt = [](int number, const QByteArray &id) {
            ScheduleAttempt made;
            made.key = QStringLiteral("idk_test");
            made.requestId = id;
            made.number = number;
            made.startedAt = QDateTime::currentDateTimeUtc();
            made.elapsedMs = 25;
            return made;
        };
        timeline.attemptStarted(attempt(1, "s1"), true);
        ScheduleAttempt cut = attempt(1, "s1");
        cut.result = ApiFailure::noAnswer(QStringLiteral("connection closed"));
        timeline.attemptFinished(cut);
        timeline.networkReported(network("s1", FaultCase::CutDuringProcessing, true, 201, true));
        timeline.attemptStarted(attempt(2, "s2"), true);
        QCOMPARE(timeline.ledgerText(), QStringLiteral("one schedule made so far"));
        ScheduleAttempt replayed = attempt(2, "s2");
        ScheduledTransfer schedule;
        schedule.id = QStringLiteral("sch_1");
        replayed.result = ScheduleReceipt{schedule, true};
        timeline.attemptFinished(replayed);
        timeline.networkReported(network("s2", FaultCase::Pass, true, 201, true, true));

        QCOMPARE(column(timeline, &AttemptTimeline::Row::clientText),
                 (QStringList{QStringLiteral("no answer"), QStringLiteral("201 replayed")}));
        QCOMPARE(column(timeline, &AttemptTimeline::Row::serverText),
                 (QStringList{QStringLiteral("created 201"), QStringLiteral("replayed — no-op")}));
        QCOMPARE(timeline.rows().at(1).latencyText(), QStringLiteral("25 ms"));
        QCOMPARE(timeline.debits(), 1);
        QCOMPARE(timeline.effectLine(), QStringLiteral("Effect at the bank: one schedule made"));
        const QStringList lines = timeline.toText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.constFirst(), QStringLiteral("Schedule: $7.00 from A to B, monthly, 3 times"));
        QCOMPARE(lines.constLast(), QStringLiteral("Effect at the bank: one schedule made"));
        // A second 201 that was not a replay would be a second schedule: said, not hidden.
        timeline.networkReported(network("s2", FaultCase::Pass, true, 201, true, false));
        QCOMPARE(timeline.ledgerText(), QStringLiteral("2 schedules made"));
        timeline.begin(QStringLiteral("t"), QStringLiteral("idk_2"), false);
        QCOMPARE(timeline.subject(), AttemptTimeline::Subject::Transfer);
    }

    void rowZeroIsTheKeyRequest()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$7.00"), QStringLiteral("idk_test"), false);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        timeline.setKeyRequest(AttemptTimeline::Exchange::keyIssued(now, 9, QStringLiteral("idk_test")));
        timeline.attemptStarted(started(1, "r1"), false);
        timeline.attemptFinished(answered(started(1, "r1"), 201));
        QCOMPARE(timeline.keyRequest()->text(), QStringLiteral("POST /v1/idempotency-keys → 201 idk_test"));
        const QStringList lines = timeline.toText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6);
        QVERIFY(lines.at(3).startsWith(QStringLiteral("0 ")));
        QVERIFY(lines.at(3).contains(QStringLiteral("POST /v1/idempotency-keys → 201 idk_test")));
        QVERIFY(lines.at(3).endsWith(QStringLiteral("9 ms")));
        QVERIFY(lines.at(4).startsWith(QStringLiteral("1 ")));
        // A status check is a row where it happened: here after attempt 1.
        TransferStatus happened;
        happened.verdict = TransferStatus::Verdict::Happened;
        happened.info = IdempotencyKeyInfo{};
        happened.info->status = QStringLiteral("completed");
        timeline.addLookup(
            AttemptTimeline::Exchange::statusChecked(now.addSecs(5), 4, QStringLiteral("idk_test"), happened));
        QCOMPARE(timeline.lookups().constFirst().text(),
                 QStringLiteral("GET /v1/idempotency-keys/idk_test → 200 completed"));
        const QStringList withLookup = timeline.toText().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(withLookup.size(), 7);
        QVERIFY(withLookup.at(5).startsWith(QStringLiteral("? ")));
        QVERIFY(withLookup.at(5).contains(QStringLiteral("GET /v1/idempotency-keys/idk_test → 200 completed")));
        QCOMPARE(AttemptTimeline::Exchange::statusChecked(now, 4, QStringLiteral("idk_test"), TransferStatus{}).text(),
                 QStringLiteral("GET /v1/idempotency-keys/idk_test → no answer"));
        // A new intent forgets them.
        timeline.begin(QStringLiteral("$7.00"), QStringLiteral("idk_other"), false);
        QVERIFY(!timeline.keyRequest());
        QVERIFY(timeline.lookups().isEmpty());
    }

    void theLedgerEffectIsInMoneyPerAccount_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("payer");
        QTest::addColumn<QString>("payee");
        QTest::newRow("en_US") << "en_US"
                               << "Alice Checking −$60.00 (2 × $30.00), expected −$30.00; balance $1,000.00 → $940.00"
                               << "Bob Checking (Bob the Builder) +$60.00 (2 × $30.00), expected +$30.00";
        // The money as the locale writes it, amount and symbol held together (the sentence around
        // it is the translation's).
        QTest::newRow("de_DE")
            << "de_DE"
            << "Alice Checking −60,00\u00A0$ (2 × 30,00\u00A0$), expected −30,00\u00A0$; balance 1.000,00\u00A0$ → "
               "940,00\u00A0$"
            << "Bob Checking (Bob the Builder) +60,00\u00A0$ (2 × 30,00\u00A0$), expected +30,00\u00A0$";
    }

    void theLedgerEffectIsInMoneyPerAccount()
    {
        QFETCH(QString, locale);
        QFETCH(QString, payer);
        QFETCH(QString, payee);
        const QLocale before;
        QLocale::setDefault(QLocale(locale));
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$30.00"), {}, true);
        timeline.setAccountEffects({{QStringLiteral("acc_a"), QStringLiteral("Alice Checking"), QStringLiteral("USD"),
                                     -3'000, 100'000, std::nullopt},
                                    {QStringLiteral("acc_b"), QStringLiteral("Bob Checking (Bob the Builder)"),
                                     QStringLiteral("USD"), 3'000, std::nullopt, std::nullopt}});
        for (const QByteArray id : {"u1", "u2"}) {
            timeline.attemptStarted(started(id == "u1" ? 1 : 2, id, true), true);
            timeline.attemptFinished(answered(started(id == "u1" ? 1 : 2, id, true), 201));
            timeline.networkReported(network(id, FaultCase::Pass, true, 201, true));
        }
        // Only the user's own accounts have balances; the payee's stays without.
        Account alice;
        alice.id = QStringLiteral("acc_a");
        alice.balance = 94'000;
        timeline.balancesReported({alice});
        QCOMPARE(timeline.effectText(timeline.accountEffects().at(0)), payer);
        QCOMPARE(timeline.effectText(timeline.accountEffects().at(1)), payee);
        QVERIFY(timeline.toText().endsWith(QStringLiteral("  %1\n  %2\n").arg(payer, payee)));
        QLocale::setDefault(before);
    }
};

QTEST_GUILESS_MAIN(TestAttemptTimeline)
#include "tst_attempttimeline.moc"
