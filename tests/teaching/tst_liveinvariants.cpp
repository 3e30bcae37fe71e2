// LiveInvariants without a network: each of the four verdicts from made-up evidence, broken
// where the bank or the network misbehaved, and its text naming what was checked.
#include "app/client/transport/TransferAttempt.h"
#include "app/teaching/LiveInvariants.h"

#include <QTest>

namespace {

const QString kKey = QStringLiteral("idk_lesson");

Transfer transfer(const QString &id, const QString &key, const QString &createdAt)
{
    Transfer made;
    made.id = id;
    made.fromAccount = QStringLiteral("acc_alice");
    made.toAccount = QStringLiteral("acc_bob");
    made.amount = 3000;
    made.currency = QStringLiteral("USD");
    made.createdAt = createdAt;
    made.idempotencyKey = key;
    return made;
}

// An intent from acc_alice to acc_bob of $30.00 that began at 10:00:00 UTC, with attempts whose
// answers the proxy saw: `answers` are (status, replayed, body).
AttemptTimeline intent(const QString &key, const QList<std::tuple<int, bool, QByteArray>> &answers)
{
    AttemptTimeline timeline;
    timeline.begin(QStringLiteral("$30.00 to Bob"), key, key.isEmpty());
    timeline.setAccountEffects({{QStringLiteral("acc_alice"), {}, QStringLiteral("USD"), -3000, {}, {}},
                                {QStringLiteral("acc_bob"), {}, QStringLiteral("USD"), 3000, {}, {}}});
    int number = 0;
    for (const auto &[status, replayed, body] : answers) {
        TransferAttempt attempt;
        attempt.key = key;
        attempt.unsafe = key.isEmpty();
        attempt.number = ++number;
        attempt.requestId = QByteArray::number(number);
        attempt.startedAt = QDateTime::fromString(
            QStringLiteral("2026-01-05T10:00:%1.000Z").arg(number, 2, 10, QChar(u'0')), Qt::ISODateWithMs);
        timeline.attemptStarted(attempt, true);
        FaultAttempt seen;
        seen.requestId = attempt.requestId;
        seen.upstreamStatus = status;
        seen.upstreamReplayed = replayed;
        seen.upstreamBody = body;
        seen.finishedAtMs = 1;
        timeline.networkReported(seen);
    }
    return timeline;
}

} // namespace

class TestLiveInvariants : public QObject
{
    Q_OBJECT
private slots:
    void totalMoneyComparesWithTheStart()
    {
        QCOMPARE(LiveInvariants::totalMoney(1000, 1000).state, LiveInvariants::State::Holds);
        const LiveInvariants::Check broken = LiveInvariants::totalMoney(1000, 970);
        QCOMPARE(broken.state, LiveInvariants::State::Broken);
        QCOMPARE(
            broken.text(),
            QStringLiteral("✗ Total money in the bank unchanged: BROKEN — all balances sum to 970 (minor units), 1,000 "
                           "at the start"));
        QCOMPARE(LiveInvariants::totalMoney(1000, std::nullopt).state, LiveInvariants::State::NotChecked);
    }

    void aKeyWithTwoTransfersIsNamed()
    {
        const QList<Transfer> fine{transfer(QStringLiteral("tr_2"), QStringLiteral("idk_b"), {}),
                                   transfer(QStringLiteral("tr_1"), QStringLiteral("idk_a"), {})};
        QCOMPARE(LiveInvariants::oneTransferPerKey(fine).state, LiveInvariants::State::Holds);
        QList<Transfer> reused = fine;
        reused.prepend(transfer(QStringLiteral("tr_3"), QStringLiteral("idk_a"), {}));
        const LiveInvariants::Check broken = LiveInvariants::oneTransferPerKey(reused);
        QCOMPARE(broken.state, LiveInvariants::State::Broken);
        QCOMPARE(broken.detail, QStringLiteral("idk_a has tr_1, tr_3"));
        QCOMPARE(LiveInvariants::oneTransferPerKey(std::nullopt).state, LiveInvariants::State::NotChecked);
    }

    void aReplayMustBeTheFirstAnswerByteForByte()
    {
        const QByteArray answer = R"({"id":"tr_1","status":"completed"})";
        // Case 2: cut (the bank answered 201 unseen), in progress (409), then the replay.
        const AttemptTimeline same = intent(kKey, {{201, false, answer}, {409, false, "{}"}, {201, true, answer}});
        const LiveInvariants::Check holds = LiveInvariants::replaysIdentical(same);
        QCOMPARE(holds.state, LiveInvariants::State::Holds);
        QCOMPARE(holds.detail, QStringLiteral("1 replay, byte for byte the answer of attempt 1"));
        const AttemptTimeline different = intent(kKey, {{201, false, answer}, {201, true, answer + ' '}});
        const LiveInvariants::Check broken = LiveInvariants::replaysIdentical(different);
        QCOMPARE(broken.state, LiveInvariants::State::Broken);
        QCOMPARE(broken.detail, QStringLiteral("differs from the first answer: attempt 2"));
        QCOMPARE(LiveInvariants::replaysIdentical(intent({}, {{201, false, answer}})).state,
                 LiveInvariants::State::Holds);
    }

    void oneTransferPerIntentNamesEveryTransferOfTheIntent()
    {
        // Without a key: the same accounts and amount since the intent began are its transfers;
        // an older one (09:59) is not.
        const QList<Transfer> listed{transfer(QStringLiteral("tr_9"), {}, QStringLiteral("2026-01-05T10:00:03.000Z")),
                                     transfer(QStringLiteral("tr_8"), {}, QStringLiteral("2026-01-05T10:00:02.000Z")),
                                     transfer(QStringLiteral("tr_7"), {}, QStringLiteral("2026-01-05T09:59:00.000Z"))};
        const AttemptTimeline unsafe = intent({}, {{201, false, "{}"}, {201, false, "{}"}});
        const LiveInvariants::Check twice = LiveInvariants::oneTransferPerIntent(unsafe, listed);
        QCOMPARE(twice.state, LiveInvariants::State::Broken);
        QCOMPARE(twice.text(),
                 QStringLiteral("✗ One transfer per intent: BROKEN — 2 transfers for one intent: tr_8, tr_9"));
        // With a key: the transfer that carries it.
        const QList<Transfer> keyed{transfer(QStringLiteral("tr_5"), kKey, QStringLiteral("2026-01-05T10:00:02.000Z"))};
        const LiveInvariants::Check once
            = LiveInvariants::oneTransferPerIntent(intent(kKey, {{201, false, "{}"}}), keyed);
        QCOMPARE(once.state, LiveInvariants::State::Holds);
        QCOMPARE(once.detail, QStringLiteral("one transfer: tr_5"));
    }

    // A schedule's creation is judged by the bank's schedules that carry its key, not by transfers.
    void aScheduleTimelineChecksOneSchedulePerIntent()
    {
        AttemptTimeline timeline;
        timeline.begin(QStringLiteral("$30.00 to Bob, once"), kKey, false, AttemptTimeline::Subject::Schedule);
        const auto schedule = [](const QString &id, const QString &key) {
            ScheduledTransfer made;
            made.id = id;
            made.idempotencyKey = key;
            return made;
        };
        LiveInvariants::Evidence evidence;
        evidence.transfers = QList<Transfer>{};
        const QList<LiveInvariants::Check> unlisted = LiveInvariants::check(timeline, evidence);
        QCOMPARE(unlisted.size(), 4);
        QCOMPARE(unlisted.last().kind, LiveInvariants::Kind::OneSchedulePerIntent);
        QCOMPARE(unlisted.last().state, LiveInvariants::State::NotChecked);

        evidence.schedules = QList<ScheduledTransfer>{schedule(QStringLiteral("sch_2"), QStringLiteral("idk_other")),
                                                      schedule(QStringLiteral("sch_1"), kKey)};
        const LiveInvariants::Check once = LiveInvariants::check(timeline, evidence).last();
        QCOMPARE(once.text(), QStringLiteral("✓ One schedule per intent: holds — one schedule: sch_1"));
        evidence.schedules->prepend(schedule(QStringLiteral("sch_3"), kKey));
        const LiveInvariants::Check twice = LiveInvariants::check(timeline, evidence).last();
        QCOMPARE(twice.state, LiveInvariants::State::Broken);
        QCOMPARE(twice.detail, QStringLiteral("2 schedules for one intent: sch_1, sch_3"));
    }
};

QTEST_MAIN(TestLiveInvariants)
#include "tst_liveinvariants.moc"
