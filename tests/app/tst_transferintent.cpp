// The transfer intent and its key, as a state machine: which key each attempt carries and when an
// edit starts a new intent. No network: attempts are built by hand.
#include "app/client/transfer/TransferIntent.h"
#include "shared/core/Timestamp.h"

#include <QTest>

namespace {

TransferRequest details(qint64 amount, const QString &memo = {})
{
    TransferRequest r;
    r.fromAccount = QStringLiteral("acc-alice");
    r.toAccount = QStringLiteral("acc-bob");
    r.amount = amount;
    r.currency = QStringLiteral("USD");
    r.memo = memo;
    return r;
}

IdempotencyKeyInfo key(const QString &name, qint64 expiresInMs = 86'400'000)
{
    IdempotencyKeyInfo info;
    info.key = name;
    info.operation = QStringLiteral("transfer");
    info.status = QStringLiteral("unused");
    info.createdAt = Timestamp::toIso(Timestamp::nowMs());
    info.expiresAt = Timestamp::toIso(Timestamp::nowMs() + expiresInMs);
    return info;
}

TransferAttempt created(const TransferIntent &intent, bool replayed = false)
{
    TransferAttempt attempt;
    attempt.key = intent.key();
    attempt.request = *intent.details();
    Transfer transfer;
    transfer.id = QStringLiteral("tr-1");
    transfer.amount = attempt.request.amount;
    attempt.result = TransferReceipt{transfer, replayed};
    return attempt;
}

TransferAttempt refused(const TransferIntent &intent, ProblemCode code)
{
    TransferAttempt attempt;
    attempt.key = intent.key();
    attempt.request = *intent.details();
    attempt.result = ApiFailure::fromProblem(Problem(code), ProblemCodes::httpStatus(code));
    return attempt;
}

TransferAttempt lost(const TransferIntent &intent)
{
    TransferAttempt attempt;
    attempt.key = intent.key();
    attempt.request = *intent.details();
    attempt.result = ApiFailure::noAnswer(QStringLiteral("connection reset"));
    return attempt;
}

using State = TransferIntent::KeyState;

} // namespace

class TestTransferIntent : public QObject
{
    Q_OBJECT
private slots:
    void aNewIntentHasNoKeyUntilOneIsIssued()
    {
        TransferIntent intent;
        QCOMPARE(intent.keyState(), State::None);
        QVERIFY(intent.needsKey());
        QVERIFY(!intent.canSend());
        intent.setDetails(details(2500));
        QVERIFY(intent.canSend());
        intent.keyIssued(key(QStringLiteral("k1")));
        QCOMPARE(intent.key(), QStringLiteral("k1"));
        QCOMPARE(intent.keyState(), State::Unused);
        QVERIFY(!intent.needsKey());
    }

    void retryingTheSameIntentReusesItsKey()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        QCOMPARE(intent.keyState(), State::InFlight);
        QVERIFY(!intent.canSend());
        intent.attemptFinished(created(intent));
        QCOMPARE(intent.keyState(), State::Completed);
        QCOMPARE(intent.transfer()->id, QStringLiteral("tr-1"));

        // The same details again (as after re-typing "25" as "25.00"): still the same intent.
        QVERIFY(!intent.setDetails(details(2500)));
        QCOMPARE(intent.key(), QStringLiteral("k1"));
        QVERIFY(!intent.needsKey());
        intent.attemptStarted();
        intent.attemptFinished(created(intent, true));
        QCOMPARE(intent.keyState(), State::Completed);
        QCOMPARE(intent.attempts().size(), 2);
        QCOMPARE(intent.lastAttempt()->outcome(), TransferAttempt::Outcome::Replayed);
    }

    void changingAnyFieldOfACompletedIntentStartsANewOne_data()
    {
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<QString>("memo");
        QTest::addColumn<QString>("to");
        QTest::newRow("amount") << qint64(2501) << QString() << QStringLiteral("acc-bob");
        QTest::newRow("memo") << qint64(2500) << QStringLiteral("rent") << QStringLiteral("acc-bob");
        QTest::newRow("to") << qint64(2500) << QString() << QStringLiteral("acc-alice-2");
    }
    void changingAnyFieldOfACompletedIntentStartsANewOne()
    {
        QFETCH(qint64, amount);
        QFETCH(QString, memo);
        QFETCH(QString, to);
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(created(intent));

        TransferRequest edited = details(amount, memo);
        edited.toAccount = to;
        QVERIFY(intent.setDetails(edited));
        QCOMPARE(intent.key(), QString());
        QCOMPARE(intent.keyState(), State::None);
        QVERIFY(intent.needsKey());
        QVERIFY(intent.attempts().isEmpty());
        QCOMPARE(intent.details()->amount, amount);
    }

    void aStoredRefusalRejectsTheKeyAndAnEditStartsANewIntent()
    {
        TransferIntent intent;
        intent.setDetails(details(99'000'000));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(refused(intent, ProblemCode::InsufficientFunds));
        QCOMPARE(intent.keyState(), State::Rejected);
        // Retrying unchanged keeps the key (and the server repeats its answer).
        QVERIFY(!intent.setDetails(details(99'000'000)));
        QCOMPARE(intent.key(), QStringLiteral("k1"));
        QVERIFY(intent.setDetails(details(1000)));
        QCOMPARE(intent.keyState(), State::None);
        QVERIFY(intent.key().isEmpty());
    }

    void editsBeforeCompletionKeepTheKey()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        QVERIFY(!intent.setDetails(details(2600)));
        QCOMPARE(intent.key(), QStringLiteral("k1"));
        QCOMPARE(intent.keyState(), State::Unused);
        // An invalid form in between does not drop it either.
        QVERIFY(!intent.setDetails(std::nullopt));
        QVERIFY(!intent.canSend());
        QCOMPARE(intent.key(), QStringLiteral("k1"));
    }

    void noAnswerLeavesTheOutcomeUnknownAndTheKeyInPlace()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(lost(intent));
        QCOMPARE(intent.keyState(), State::Uncertain);
        QVERIFY(intent.canSend());
        QVERIFY(!intent.needsKey());
        // The earlier attempt may be bound to the key: an edit keeps it so the server decides.
        QVERIFY(!intent.setDetails(details(2600)));
        QCOMPARE(intent.key(), QStringLiteral("k1"));
        QCOMPARE(intent.keyState(), State::Uncertain);
    }

    void refusalsThatStoreNothingKeepTheKeyUsable_data()
    {
        QTest::addColumn<ProblemCode>("code");
        QTest::newRow("validation") << ProblemCode::ValidationFailed;
        QTest::newRow("forbidden") << ProblemCode::Forbidden;
    }
    void refusalsThatStoreNothingKeepTheKeyUsable()
    {
        QFETCH(ProblemCode, code);
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(refused(intent, code));
        QCOMPARE(intent.keyState(), State::Unused);
        QCOMPARE(intent.key(), QStringLiteral("k1"));
    }

    void keyProblemsMoveTheKeyOn_data()
    {
        QTest::addColumn<ProblemCode>("code");
        QTest::addColumn<State>("state");
        QTest::addColumn<bool>("needsKey");
        QTest::newRow("reused") << ProblemCode::IdempotencyKeyReused << State::Uncertain << false;
        QTest::newRow("unknown") << ProblemCode::IdempotencyKeyUnknown << State::Rejected << false;
        QTest::newRow("expired") << ProblemCode::IdempotencyKeyExpired << State::Expired << true;
        QTest::newRow("abandoned") << ProblemCode::IdempotencyKeyAbandoned << State::Abandoned << true;
        QTest::newRow("in use") << ProblemCode::IdempotencyKeyInUse << State::Uncertain << false;
        QTest::newRow("storage") << ProblemCode::StorageUnavailable << State::Uncertain << false;
        QTest::newRow("outcome unknown") << ProblemCode::StorageOutcomeUnknown << State::Uncertain << false;
        QTest::newRow("internal") << ProblemCode::InternalError << State::Uncertain << false;
    }
    void keyProblemsMoveTheKeyOn()
    {
        QFETCH(ProblemCode, code);
        QFETCH(State, state);
        QFETCH(bool, needsKey);
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(refused(intent, code));
        QCOMPARE(intent.keyState(), state);
        QCOMPARE(intent.needsKey(), needsKey);
    }

    // After an attempt whose outcome is unknown, only an answer the bank settled for good settles
    // the key; anything about the retry alone leaves the outcome unknown and the key in place.
    void afterAnUncertainAttemptOnlyASettledAnswerSettles_data()
    {
        QTest::addColumn<ProblemCode>("code");
        QTest::addColumn<State>("state");
        QTest::newRow("insufficient funds") << ProblemCode::InsufficientFunds << State::Rejected;
        QTest::newRow("expired") << ProblemCode::IdempotencyKeyExpired << State::Expired;
        QTest::newRow("abandoned") << ProblemCode::IdempotencyKeyAbandoned << State::Abandoned;
        QTest::newRow("unknown") << ProblemCode::IdempotencyKeyUnknown << State::Rejected;
        QTest::newRow("reused") << ProblemCode::IdempotencyKeyReused << State::Uncertain;
        QTest::newRow("in use") << ProblemCode::IdempotencyKeyInUse << State::Uncertain;
        QTest::newRow("malformed") << ProblemCode::IdempotencyKeyMalformed << State::Uncertain;
        QTest::newRow("missing") << ProblemCode::IdempotencyKeyMissing << State::Uncertain;
        QTest::newRow("validation") << ProblemCode::ValidationFailed << State::Uncertain;
        QTest::newRow("storage") << ProblemCode::StorageUnavailable << State::Uncertain;
        QTest::newRow("outcome unknown") << ProblemCode::StorageOutcomeUnknown << State::Uncertain;
        QTest::newRow("internal") << ProblemCode::InternalError << State::Uncertain;
        QTest::newRow("rate limited") << ProblemCode::TooManyRequests << State::Uncertain;
    }
    void afterAnUncertainAttemptOnlyASettledAnswerSettles()
    {
        QFETCH(ProblemCode, code);
        QFETCH(State, state);
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        intent.attemptFinished(lost(intent));
        intent.attemptStarted();
        intent.attemptFinished(refused(intent, code));
        QCOMPARE(intent.keyState(), state);
        QCOMPARE(intent.key(), QStringLiteral("k1"));
    }

    // What the bank's record of a key (GET /v1/idempotency-keys) says, as the app's key state.
    void theBanksRecordNamesTheState_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("responseStatus"); // 0: none
        QTest::addColumn<State>("state");
        QTest::newRow("unused") << QStringLiteral("unused") << 0 << State::Unused;
        QTest::newRow("completed, a transfer") << QStringLiteral("completed") << 201 << State::Completed;
        QTest::newRow("completed, a stored refusal") << QStringLiteral("completed") << 422 << State::Rejected;
        QTest::newRow("expired") << QStringLiteral("expired") << 0 << State::Expired;
        QTest::newRow("abandoned") << QStringLiteral("abandoned") << 0 << State::Abandoned;
    }
    void theBanksRecordNamesTheState()
    {
        QFETCH(QString, status);
        QFETCH(int, responseStatus);
        QFETCH(State, state);
        IdempotencyKeyInfo info = key(QStringLiteral("k1"));
        info.status = status;
        if (responseStatus)
            info.responseStatus = responseStatus;
        QCOMPARE(TransferIntent::stateOf(info), state);
    }

    void anUnusedKeyExpiresOnTheClock()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1"), 60'000));
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(120);
        QCOMPARE(intent.keyState(), State::Unused);
        QCOMPARE(intent.keyState(later), State::Expired);
        QVERIFY(intent.needsKey(later));

        // Once an attempt went out, only the server can say what became of the key.
        intent.attemptStarted();
        intent.attemptFinished(lost(intent));
        QCOMPARE(intent.keyState(later), State::Uncertain);
        QVERIFY(!intent.needsKey(later));
    }

    void anEditWhileInFlightBecomesANewIntentWhenTheAttemptCompletes()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.attemptStarted();
        TransferAttempt attempt = created(intent);
        intent.setDetails(details(9900));
        intent.attemptFinished(attempt);
        QCOMPARE(intent.keyState(), State::None);
        QVERIFY(intent.key().isEmpty());
        QCOMPARE(intent.details()->amount, 9900);
    }

    void answersForAnotherKeyAreIgnored()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        TransferAttempt stray = created(intent);
        stray.key = QStringLiteral("k0");
        intent.attemptFinished(stray);
        QCOMPARE(intent.keyState(), State::Unused);
        QVERIFY(intent.attempts().isEmpty());
    }

    void startNewDropsTheKey()
    {
        TransferIntent intent;
        intent.setDetails(details(2500));
        intent.keyIssued(key(QStringLiteral("k1")));
        intent.startNew();
        QCOMPARE(intent.keyState(), State::None);
        QVERIFY(intent.key().isEmpty());
    }

    void everyStateHasADistinctName()
    {
        QSet<QString> names;
        for (State state : {State::None, State::Unused, State::InFlight, State::Uncertain, State::Completed,
                            State::Rejected, State::Expired})
            names.insert(TransferIntent::stateName(state));
        QCOMPARE(names.size(), 7);
        QVERIFY(!names.contains(QString()));
        QVERIFY(names.contains(QStringLiteral("in flight")));
    }
};

QTEST_GUILESS_MAIN(TestTransferIntent)
#include "tst_transferintent.moc"
