// Issue 4's failure matrix through the CLIENT: each failure case, with a key and without one (the
// demo-only unsafe endpoint), sent by TransferFlow with the real retry policy (its random source
// and timings injected so the test does not wait seconds) and ApiClient's one-shot uploads,
// through the real fault proxy to the real integrated server. What counts is the ledger, the
// verdict of every attempt on the timeline, and what the server received per attempt the user saw.
#include "app/client/schedule/ScheduleCreation.h"
#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/TransferFlow.h"
#include "app/teaching/SimulatedNetwork.h"
#include "app/teaching/TimelineRecorder.h"
#include "shared/core/Timestamp.h"
#include "testkit/AwaitResult.h"
#include "tests/app/AppTestServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr qint64 kAmount = 700;
constexpr int kCase2DelayMs = 800;

// Deterministic backoff: the ceiling every time (100, 200, 400, 400... ms).
RetryPolicy fastPolicy()
{
    return RetryPolicy({100, 400, 6, 30'000}, [] { return 1.0; });
}

// A client, the simulated network and the integrated server for one scenario.
class Rig : public QObject
{
public:
    AppTestServer server;
    SimulatedNetwork network;
    ApiClient api;
    AccountDirectory directory;
    TransferFlow flow{api, directory};
    TimelineRecorder recorder{flow, directory, network};
    QMap<QString, QString> ids;
    QList<FaultAttempt> proxied;     // transfer requests the proxy finished, in order
    QList<TransferAttempt> attempts; // the client's finished attempts
    QList<FaultAttempt> moved;       // transfer requests and answers reaching a hop, in order

    QString start(const IntegratedServerOptions &options)
    {
        if (const QString failure = server.start(options); !failure.isEmpty())
            return failure;
        if (const QString failure = network.start(server.port(), server.secret()); !failure.isEmpty())
            return failure;
        api.setIntegratedSecret(server.secret());
        connect(&network, &SimulatedNetwork::attemptFinished, this, [this](const FaultAttempt &attempt) {
            if (attempt.requestLine.startsWith("POST /v1/transfers ")
                || attempt.requestLine.startsWith("POST /v1/demo/unsafe-transfers "))
                proxied.append(attempt);
        });
        connect(&flow, &TransferFlow::attemptFinished, this,
                [this](const TransferAttempt &attempt) { attempts.append(attempt); });
        connect(&network, &SimulatedNetwork::attemptMoved, this, [this](const FaultAttempt &attempt) {
            if (attempt.scheduled)
                moved.append(attempt);
        });
        const auto alice = signIn(api, network.url(), QStringLiteral("alice"), QStringLiteral("wonderland"), this);
        if (!alice)
            return QStringLiteral("cannot sign in and load the accounts");
        directory.setAccounts(alice->accounts);
        directory.setPayees(alice->payees);
        for (const Account &a : alice->accounts)
            ids.insert(a.name, a.id);
        for (const Payee &p : alice->payees)
            ids.insert(p.name, p.id);
        flow.setRetryPolicy(fastPolicy());
        flow.setDraft(draft());
        return {};
    }

    TransferDraft draft() const
    {
        TransferDraft d;
        d.fromAccount = ids.value(QStringLiteral("Alice Checking"));
        d.toAccount = ids.value(QStringLiteral("Bob Checking"));
        d.amountText = QStringLiteral("7.00");
        d.fromCurrency = QStringLiteral("USD");
        d.toCurrency = QStringLiteral("USD");
        return d;
    }

    qint64 aliceChecking() { return server.balances("alice", "wonderland").value(QStringLiteral("Alice Checking")); }

    QStringList verdicts() const
    {
        QStringList out;
        for (const AttemptTimeline::Row &row : recorder.timeline().rows())
            out.append(row.serverText());
        return out;
    }
};

} // namespace

class TestTeachingScenarios : public QObject
{
    Q_OBJECT
private:
    // Sends the draft once and waits until the flow is done and every attempt's fate is known.
    static bool sendAndSettle(Rig &rig)
    {
        rig.attempts.clear();
        rig.proxied.clear();
        if (!rig.flow.send())
            return false;
        return QTest::qWaitFor([&] { return !rig.flow.isBusy() && rig.recorder.timeline().isSettled(); }, 30'000);
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        isolateSettings(QStringLiteral("tst_teachingscenarios"));
    }

    // The second keyed operation through the same simulated network: a scheduled transfer's
    // creation, retried with its key after each failure, is made once, and the timeline draws it
    // as it draws a transfer.
    void scheduledTransferUnderEachFailure_data()
    {
        QTest::addColumn<FaultCase>("failure");
        QTest::addColumn<QString>("firstVerdict");
        QTest::addColumn<QString>("lastVerdict");
        QTest::newRow("1 request lost") << FaultCase::DropRequest << "never arrived"
                                        << "created 201";
        QTest::newRow("2 cut while processing") << FaultCase::CutDuringProcessing << "created 201"
                                                << "replayed — no-op";
        QTest::newRow("3 response lost") << FaultCase::DropResponse << "created 201"
                                         << "replayed — no-op";
    }
    void scheduledTransferUnderEachFailure()
    {
        QFETCH(FaultCase, failure);
        QFETCH(QString, firstVerdict);
        QFETCH(QString, lastVerdict);
        Rig rig;
        QCOMPARE(rig.start({failure == FaultCase::CutDuringProcessing ? kCase2DelayMs : 0, true}), QString());
        ScheduleCreation creation(rig.api);
        creation.setRetryPolicy(fastPolicy());
        rig.recorder.watch(creation);
        QList<FaultAttempt> proxied;
        connect(&rig.network, &SimulatedNetwork::attemptFinished, &creation, [&proxied](const FaultAttempt &attempt) {
            if (attempt.requestLine.startsWith("POST /v1/scheduled-transfers "))
                proxied.append(attempt);
        });
        rig.network.setSchedule(FaultSchedule::nextOnly(failure));
        ScheduledTransferRequest request;
        request.transfer
            = {rig.ids.value(QStringLiteral("Alice Checking")), rig.ids.value(QStringLiteral("Bob Checking")), kAmount,
               QStringLiteral("USD"), QStringLiteral("rent")};
        request.firstRunAtMs = Timestamp::nowMs() + 24 * 3'600'000;
        QSignalSpy created(&creation, &ScheduleCreation::created);

        QVERIFY(creation.create(request));
        QVERIFY(QTest::qWaitFor([&] { return !creation.isBusy(); }, 30'000));

        QCOMPARE(created.size(), 1);
        const int attempts = creation.attempts();
        QVERIFY(attempts >= 2);
        QTRY_COMPARE(proxied.size(), attempts);
        // One of them (the first, which finishes last in case 2) met the failure.
        QCOMPARE(std::count_if(proxied.cbegin(), proxied.cend(),
                               [failure](const FaultAttempt &attempt) { return attempt.applied == failure; }),
                 1);
        const int reached = rig.server.requests(QStringLiteral("POST /v1/scheduled-transfers"));
        QCOMPARE(reached, failure == FaultCase::DropRequest ? attempts - 1 : attempts);
        const QJsonArray schedules = rig.server.client("alice", "wonderland")
                                         ->get("/v1/scheduled-transfers")
                                         .json()
                                         .value(QLatin1String("scheduled_transfers"))
                                         .toArray();
        QCOMPARE(schedules.size(), 1);
        QCOMPARE(schedules.first().toObject().value(QLatin1String("idempotency_key")).toString(), creation.key());

        const AttemptTimeline &timeline = rig.recorder.timeline();
        QTRY_VERIFY(timeline.isSettled() && timeline.rows().size() == attempts);
        QCOMPARE(timeline.subject(), AttemptTimeline::Subject::Schedule);
        QCOMPARE(timeline.key(), creation.key());
        QCOMPARE(timeline.heading(),
                 QStringLiteral("Schedule: $7.00 from Alice Checking to Bob Checking (Bob the Builder), once"));
        QVERIFY(timeline.keyRequest());
        QCOMPARE(timeline.keyRequest()->text(),
                 QStringLiteral("POST /v1/idempotency-keys → 201 %1").arg(creation.key()));
        QCOMPARE(timeline.rows().constFirst().serverText(), firstVerdict);
        QCOMPARE(timeline.rows().constLast().serverText(), lastVerdict);
        QCOMPARE(timeline.rows().constLast().clientText(),
                 lastVerdict == QLatin1String("created 201") ? QStringLiteral("201 created")
                                                             : QStringLiteral("201 replayed"));
        QCOMPARE(timeline.debits(), 1);
        QCOMPARE(timeline.effectLine(), QStringLiteral("Effect at the bank: one schedule made"));
        QVERIFY(timeline.accountEffects().isEmpty());
    }

    void matrix_data()
    {
        QTest::addColumn<FaultCase>("failure");
        QTest::addColumn<bool>("withKey");
        QTest::addColumn<int>("debits");
        QTest::addColumn<QString>("firstVerdict");
        QTest::addColumn<QString>("lastVerdict");
        QTest::addColumn<int>("lastOutcome");
        // With a key: one debit whatever the network did; the retry's verdict tells why.
        QTest::newRow("1 request lost, key") << FaultCase::DropRequest << true << 1 << "never arrived"
                                             << "created 201" << int(TransferAttempt::Outcome::Created);
        QTest::newRow("2 cut while processing, key") << FaultCase::CutDuringProcessing << true << 1 << "created 201"
                                                     << "replayed — no-op" << int(TransferAttempt::Outcome::Replayed);
        QTest::newRow("3 response lost, key") << FaultCase::DropResponse << true << 1 << "created 201"
                                              << "replayed — no-op" << int(TransferAttempt::Outcome::Replayed);
        // Without: the client cannot tell a lost request from a lost answer, and pays twice.
        QTest::newRow("1 request lost, unsafe") << FaultCase::DropRequest << false << 1 << "never arrived"
                                                << "created 201" << int(TransferAttempt::Outcome::Created);
        QTest::newRow("2 cut while processing, unsafe") << FaultCase::CutDuringProcessing << false << 2 << "created 201"
                                                        << "created 201" << int(TransferAttempt::Outcome::Created);
        QTest::newRow("3 response lost, unsafe") << FaultCase::DropResponse << false << 2 << "created 201"
                                                 << "created 201" << int(TransferAttempt::Outcome::Created);
    }
    void matrix()
    {
        QFETCH(FaultCase, failure);
        QFETCH(bool, withKey);
        QFETCH(int, debits);
        QFETCH(QString, firstVerdict);
        QFETCH(QString, lastVerdict);
        QFETCH(int, lastOutcome);

        Rig rig;
        const int delay = failure == FaultCase::CutDuringProcessing ? kCase2DelayMs : 0;
        QCOMPARE(rig.start({delay, true}), QString());
        QVERIFY(rig.flow.setUnsafe(!withKey));
        const qint64 before = rig.aliceChecking();
        rig.network.setSchedule(FaultSchedule::nextOnly(failure));
        QSignalSpy retries(&rig.flow, &TransferFlow::retryScheduled);

        QVERIFY(sendAndSettle(rig));

        // The ledger.
        QCOMPARE(before - rig.aliceChecking(), debits * kAmount);
        // The timeline: the failed attempt, (case 2 with a key: 409 while the first is still being
        // processed,) then the retry.
        const QStringList verdicts = rig.verdicts();
        qInfo().noquote() << QTest::currentDataTag() << "->" << verdicts.join(QStringLiteral(" | "));
        QVERIFY(verdicts.size() >= 2);
        QCOMPARE(verdicts.constFirst(), firstVerdict);
        QCOMPARE(verdicts.constLast(), lastVerdict);
        for (qsizetype i = 1; i + 1 < verdicts.size(); ++i)
            QCOMPARE(verdicts.at(i), QStringLiteral("in progress 409"));
        if (withKey && failure == FaultCase::CutDuringProcessing)
            QVERIFY(verdicts.size() >= 3); // at least one 409 between
        else
            QCOMPARE(verdicts.size(), 2);
        QCOMPARE(rig.recorder.timeline().debits(), debits);
        QCOMPARE(rig.recorder.timeline().ledgerText(),
                 debits == 1 ? QStringLiteral("debited once") : QStringLiteral("debited twice"));
        QCOMPARE(rig.recorder.timeline().isUnsafe(), !withKey);

        // The client: the first attempt got no answer, the last one the verdict above; every
        // attempt carried the same key (or none).
        QCOMPARE(rig.attempts.size(), verdicts.size());
        QCOMPARE(rig.attempts.constFirst().outcome(), TransferAttempt::Outcome::OutcomeUnknown);
        QCOMPARE(int(rig.attempts.constLast().outcome()), lastOutcome);
        for (const TransferAttempt &attempt : std::as_const(rig.attempts)) {
            QCOMPARE(attempt.key, withKey ? rig.flow.intent().key() : QString());
            QCOMPARE(attempt.unsafe, !withKey);
            QCOMPARE(attempt.request.toJson(), rig.attempts.constFirst().request.toJson());
        }
        if (withKey)
            QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Completed);
        else
            QCOMPARE(rig.flow.unsafeAttempts().size(), rig.attempts.size());
        // The waits: the policy's backoff (its ceiling, 100 ms, as injected) after no answer, and
        // the server's Retry-After (1 s) after a 409.
        QCOMPARE(retries.size(), rig.attempts.size() - 1);
        QCOMPARE(retries.constFirst().at(0).toInt(), 100);
        QCOMPARE(retries.constFirst().at(1).toInt(), 2);
        for (qsizetype i = 1; i < retries.size(); ++i)
            QCOMPARE(retries.at(i).at(0).toInt(), 1000);
        QCOMPARE(rig.flow.messageKind(),
                 withKey ? TransferFlow::MessageKind::Success : TransferFlow::MessageKind::Error);

        // What the server received per attempt the user saw: exactly one request through the
        // proxy per client attempt (Qt re-sent nothing by itself), and the server answered every
        // one the proxy forwarded.
        QTRY_COMPARE(rig.proxied.size(), rig.attempts.size());
        // In the order they reached the proxy (case 2's first one finishes last).
        std::sort(rig.proxied.begin(), rig.proxied.end(),
                  [](const FaultAttempt &a, const FaultAttempt &b) { return a.number < b.number; });
        for (qsizetype i = 0; i < rig.attempts.size(); ++i)
            QCOMPARE(rig.proxied.at(i).requestId, rig.attempts.at(i).requestId);
        const int forwarded = int(
            std::count_if(rig.proxied.cbegin(), rig.proxied.cend(), [](const FaultAttempt &a) { return a.forwarded; }));
        QCOMPARE(forwarded,
                 failure == FaultCase::DropRequest ? int(rig.attempts.size()) - 1 : int(rig.attempts.size()));
        const QString path
            = withKey ? QStringLiteral("POST /v1/transfers") : QStringLiteral("POST /v1/demo/unsafe-transfers");
        QTRY_COMPARE(rig.server.requests(path), forwarded);
    }

    void retriesStopAfterSixAttemptsAndCheckStatusTells()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        const qint64 before = rig.aliceChecking();
        rig.network.setSchedule(FaultSchedule::firstN(100, FaultCase::DropResponse));
        QVERIFY(sendAndSettle(rig));
        // Six attempts, no more: the first moved the money, the five retries were replays.
        QCOMPARE(rig.attempts.size(), 6);
        QCOMPARE(rig.verdicts(),
                 (QStringList{QStringLiteral("created 201")} + QStringList(5, QStringLiteral("replayed — no-op"))));
        QTRY_COMPARE(rig.proxied.size(), 6);
        QTRY_COMPARE(rig.server.requests(QStringLiteral("POST /v1/transfers")), 6);
        QCOMPARE(before - rig.aliceChecking(), kAmount);
        QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Uncertain);
        QVERIFY(rig.flow.message().contains(QStringLiteral("may or may not have happened")));
        QVERIFY(rig.flow.message().contains(QStringLiteral("Check status")));
        QVERIFY(rig.flow.canCheckStatus());

        // Check status: GET /v1/idempotency-keys/{key} says it happened.
        QSignalSpy checked(&rig.flow, &TransferFlow::statusChecked);
        QVERIFY(rig.flow.checkStatus());
        QTRY_COMPARE(checked.size(), 1);
        QCOMPARE(checked.constFirst().constFirst().value<TransferStatus>().verdict, TransferStatus::Verdict::Happened);
        QVERIFY2(rig.flow.message().startsWith(QStringLiteral("It happened")), qPrintable(rig.flow.message()));
        QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Completed);
        QCOMPARE(rig.server.logLines()
                     .filter(QRegularExpression(QStringLiteral("^GET /v1/idempotency-keys/\\S+ 200 ")))
                     .size(),
                 1);
    }

    void withRetriesOffARetryIsTheUsersAndCheckStatusSaysWhetherItHappened()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        rig.flow.setAutoRetry(false);
        const qint64 before = rig.aliceChecking();

        // Case 1: nothing happened, and the bank says so; the user's retry then makes it happen.
        rig.network.setSchedule(FaultSchedule::nextOnly(FaultCase::DropRequest));
        QVERIFY(sendAndSettle(rig));
        QCOMPARE(rig.attempts.size(), 1);
        QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Uncertain);
        QVERIFY(rig.flow.checkStatus());
        QTRY_VERIFY(!rig.flow.isBusy());
        QVERIFY2(rig.flow.message().startsWith(QStringLiteral("It has not happened")), qPrintable(rig.flow.message()));
        QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Uncertain); // still only safe to retry
        const QString key = rig.flow.intent().key();
        QVERIFY(sendAndSettle(rig));
        QCOMPARE(rig.attempts.constFirst().outcome(), TransferAttempt::Outcome::Created);
        QCOMPARE(rig.flow.intent().key(), key);
        QCOMPARE(before - rig.aliceChecking(), kAmount);

        // Case 3 on a new transfer: it happened although no answer came.
        rig.flow.startNew();
        TransferDraft second = rig.draft();
        second.amountText = QStringLiteral("1.00");
        rig.flow.setDraft(second);
        rig.network.setSchedule(FaultSchedule::nextOnly(FaultCase::DropResponse));
        QVERIFY(sendAndSettle(rig));
        QCOMPARE(rig.attempts.size(), 1);
        QCOMPARE(rig.verdicts(), QStringList{QStringLiteral("created 201")});
        QVERIFY(rig.flow.checkStatus());
        QTRY_VERIFY(!rig.flow.isBusy());
        QVERIFY2(rig.flow.message().startsWith(QStringLiteral("It happened")), qPrintable(rig.flow.message()));
        QCOMPARE(rig.flow.intent().keyState(), TransferIntent::KeyState::Completed);
        QCOMPARE(before - rig.aliceChecking(), kAmount + 100);
    }

    void theIntentIsJournaledBeforeItsFirstAttemptLeaves()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pending.json"));
        PendingIntentJournal journal(path);
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        rig.flow.setJournal(&journal, QStringLiteral("alice"), QStringLiteral("test-bank"));
        // The moment the request is handed to the network, the file on disk already has the key.
        QStringList onDiskAtSend;
        connect(&rig.api, &ApiClient::transferAttemptStarted, this, [&](const TransferAttempt &attempt) {
            onDiskAtSend.clear();
            const PendingIntentJournal onDisk(path);
            for (const PendingIntentJournal::Entry &entry : onDisk.entries())
                onDiskAtSend.append(entry.key + u'@' + entry.server + u'@' + QString::number(entry.request.amount));
            QCOMPARE(onDiskAtSend.size(), 1);
            QVERIFY(onDiskAtSend.constFirst().startsWith(attempt.key + u'@'));
        });
        rig.network.setSchedule(FaultSchedule::nextOnly(FaultCase::DropResponse));
        rig.flow.setAutoRetry(false);
        QVERIFY(sendAndSettle(rig));
        QCOMPARE(onDiskAtSend, QStringList{rig.flow.intent().key() + QStringLiteral("@test-bank@700")});
        // Outcome unknown: it stays.
        QCOMPARE(PendingIntentJournal(path).entries().size(), 1);
        // Known (the retry is replayed): it goes.
        QVERIFY(sendAndSettle(rig));
        QCOMPARE(rig.attempts.constLast().outcome(), TransferAttempt::Outcome::Replayed);
        QVERIFY(PendingIntentJournal(path).entries().isEmpty());
    }

    // Step mode: the transfer request and its answer wait at each hop the proxy can hold until
    // Next, and each hold is real: before the bank the server has not seen the request and the
    // money has not moved; after it the money has moved and the client still waits for its answer.
    void stepModeHoldsTheMessageAtEachHopUntilNext()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        const qint64 before = rig.aliceChecking();
        rig.network.setPace({NetworkPace::Speed::Step});
        QVERIFY(rig.flow.send());
        const auto awaitHeldAt = [&rig](FaultHop hop) {
            return QTest::qWaitFor(
                [&] { return !rig.moved.isEmpty() && rig.moved.constLast().held && rig.moved.constLast().hop == hop; },
                10'000);
        };
        const auto timelineHop = [&rig] {
            const AttemptTimeline::Row &row = rig.recorder.timeline().rows().constFirst();
            return row.network && row.network->held ? std::optional(row.network->hop) : std::nullopt;
        };

        for (const FaultHop hop : {FaultHop::LeavingClient, FaultHop::InNetwork}) {
            QVERIFY(awaitHeldAt(hop));
            QTest::qWait(200); // time the server would have had
            QCOMPARE(rig.server.requests(QStringLiteral("POST /v1/transfers")), 0);
            QCOMPARE(rig.aliceChecking(), before);
            QVERIFY(!rig.moved.constLast().forwarded);
            QVERIFY(rig.flow.isBusy());
            QCOMPARE(timelineHop(), std::optional(hop));
            rig.network.next();
        }
        for (const FaultHop hop : {FaultHop::BankCommitted, FaultHop::AnswerOnTheWay}) {
            QVERIFY(awaitHeldAt(hop));
            QTRY_COMPARE(rig.server.requests(QStringLiteral("POST /v1/transfers")), 1);
            QCOMPARE(before - rig.aliceChecking(), kAmount);
            QTest::qWait(200); // time the client would have had to read an answer
            QVERIFY(rig.attempts.isEmpty());
            QVERIFY(rig.flow.isBusy());
            QCOMPARE(timelineHop(), std::optional(hop));
            rig.network.next();
        }
        QTRY_VERIFY(!rig.flow.isBusy());
        QCOMPARE(rig.attempts.size(), 1);
        QCOMPARE(rig.attempts.constFirst().outcome(), TransferAttempt::Outcome::Created);
        // Every hop in order: the held ones, the bank at work and the answer at the client.
        QList<FaultHop> hops;
        for (const FaultAttempt &move : std::as_const(rig.moved))
            hops.append(move.hop);
        QCOMPARE(hops,
                 (QList<FaultHop>{FaultHop::LeavingClient, FaultHop::InNetwork, FaultHop::AtBank,
                                  FaultHop::BankCommitted, FaultHop::AnswerOnTheWay, FaultHop::AtClient}));
        QCOMPARE(before - rig.aliceChecking(), kAmount);
    }

    // Continue (back to full speed) lets the held message and everything after it go: case 3 with a
    // key ends as it does without step mode.
    void continueRunsTheRest()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        const qint64 before = rig.aliceChecking();
        rig.network.setSchedule(FaultSchedule::nextOnly(FaultCase::DropResponse));
        rig.network.setPace({NetworkPace::Speed::Step});
        QVERIFY(rig.flow.send());
        QTRY_VERIFY(!rig.moved.isEmpty() && rig.moved.constLast().held);
        rig.network.setPace({});
        QVERIFY(QTest::qWaitFor([&] { return !rig.flow.isBusy() && rig.recorder.timeline().isSettled(); }, 30'000));
        QCOMPARE(rig.verdicts(), (QStringList{QStringLiteral("created 201"), QStringLiteral("replayed — no-op")}));
        QCOMPARE(before - rig.aliceChecking(), kAmount);
    }

    // Slow motion: every hop where the proxy can hold a message waits the hop delay, in order.
    void slowMotionDelaysEveryHop()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        const NetworkPace half{NetworkPace::Speed::Half};
        rig.network.setPace(half);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(rig.flow.send());
        QTRY_VERIFY_WITH_TIMEOUT(!rig.flow.isBusy(), 30'000);
        const QList<FaultHop> holdable{FaultHop::LeavingClient, FaultHop::InNetwork, FaultHop::BankCommitted,
                                       FaultHop::AnswerOnTheWay};
        QList<FaultHop> held;
        for (const FaultAttempt &move : std::as_const(rig.moved)) {
            if (move.held)
                held.append(move.hop);
        }
        QCOMPARE(held, holdable);
        // Generous: at least the four waits, whatever else the machine does.
        QVERIFY2(clock.elapsed() >= holdable.size() * half.hopDelayMs() - 50,
                 qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(rig.attempts.constFirst().outcome(), TransferAttempt::Outcome::Created);
    }

    // A held message does not hold the client: its own timeout fires on real time, the attempt ends
    // with no answer and the retry policy retries; the held request reaches the bank when released,
    // late, and the key keeps it to one transfer.
    void theClientsTimeoutRunsWhileAMessageIsHeld()
    {
        Rig rig;
        QCOMPARE(rig.start({}), QString());
        rig.api.setTimeoutMs(1'000);
        const qint64 before = rig.aliceChecking();
        rig.network.setPace({NetworkPace::Speed::Step});
        QVERIFY(rig.flow.send());
        QTRY_VERIFY_WITH_TIMEOUT(!rig.attempts.isEmpty(), 10'000);
        QCOMPARE(rig.attempts.constFirst().outcome(), TransferAttempt::Outcome::OutcomeUnknown);
        // The retry is held too; nothing has reached the bank.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::count_if(rig.moved.cbegin(), rig.moved.cend(), [](const FaultAttempt &move) { return move.held; })
                >= 2,
            10'000);
        QCOMPARE(rig.server.requests(QStringLiteral("POST /v1/transfers")), 0);
        QCOMPARE(rig.aliceChecking(), before);
        rig.api.setTimeoutMs(ApiClient::kDefaultTimeoutMs);
        rig.network.setPace({});
        QVERIFY(QTest::qWaitFor([&] { return !rig.flow.isBusy() && rig.recorder.timeline().isSettled(); }, 30'000));
        QCOMPARE(rig.recorder.timeline().debits(), 1);
        QCOMPARE(before - rig.aliceChecking(), kAmount);
        // The first request, given up on by its client, still reached the bank when released.
        QTRY_VERIFY(rig.server.requests(QStringLiteral("POST /v1/transfers")) >= 2);
        QCOMPARE(before - rig.aliceChecking(), kAmount);
    }
};

QTEST_MAIN(TestTeachingScenarios)
#include "tst_teachingscenarios.moc"
