#include "app/teaching/LiveInvariants.h"

#include "shared/core/Timestamp.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace {

LiveInvariants::Check verdict(LiveInvariants::Kind kind, bool holds, const QString &detail)
{
    return {kind, holds ? LiveInvariants::State::Holds : LiveInvariants::State::Broken, detail};
}

// When the intent began: its key request, else its first attempt.
QDateTime beganAt(const AttemptTimeline &timeline)
{
    if (timeline.keyRequest())
        return timeline.keyRequest()->startedAt;
    return timeline.rows().isEmpty() ? QDateTime() : timeline.rows().constFirst().startedAt;
}

// Holds with none or one of what the bank made for the intent (`ids`), broken with more; the texts
// name them: `one` takes the id, `many` the count and the ids.
LiveInvariants::Check onePerIntent(LiveInvariants::Kind kind, const QStringList &ids, const QString &none,
                                   const QString &one, const QString &many)
{
    if (ids.isEmpty())
        return verdict(kind, true, none);
    if (ids.size() == 1)
        return verdict(kind, true, one.arg(ids.constFirst()));
    return verdict(kind, false, many.arg(ids.size()).arg(ids.join(QStringLiteral(", "))));
}

} // namespace

QString LiveInvariants::Check::name() const
{
    switch (kind) {
    case Kind::TotalMoney:
        return tr("Total money in the bank unchanged");
    case Kind::OneTransferPerKey:
        return tr("No key with more than one transfer");
    case Kind::ReplaysIdentical:
        return tr("Every replay identical to the first answer");
    case Kind::OneTransferPerIntent:
        return tr("One transfer per intent");
    case Kind::OneSchedulePerIntent:
        return tr("One schedule per intent");
    }
    return {};
}

QString LiveInvariants::Check::text() const
{
    switch (state) {
    case State::Holds:
        return tr("✓ %1: holds — %2").arg(name(), detail);
    case State::Broken:
        return tr("✗ %1: BROKEN — %2").arg(name(), detail);
    case State::NotChecked:
        return tr("– %1: not checked — %2").arg(name(), detail);
    }
    return {};
}

QList<LiveInvariants::Check> LiveInvariants::check(const AttemptTimeline &timeline, const Evidence &evidence)
{
    return {totalMoney(evidence.totalAtStart, evidence.totalNow), oneTransferPerKey(evidence.transfers),
            replaysIdentical(timeline),
            timeline.subject() == AttemptTimeline::Subject::Schedule
                ? oneSchedulePerIntent(timeline, evidence.schedules)
                : oneTransferPerIntent(timeline, evidence.transfers)};
}

LiveInvariants::Check LiveInvariants::totalMoney(const std::optional<qint64> &atStart, const std::optional<qint64> &now)
{
    if (!atStart || !now)
        return {Kind::TotalMoney, State::NotChecked, tr("the sum of all balances needs the integrated server")};
    const QLocale locale;
    if (*atStart == *now)
        return verdict(Kind::TotalMoney, true,
                       tr("all balances sum to %1 (minor units), as at the start").arg(locale.toString(*now)));
    return verdict(Kind::TotalMoney, false,
                   tr("all balances sum to %1 (minor units), %2 at the start")
                       .arg(locale.toString(*now), locale.toString(*atStart)));
}

LiveInvariants::Check LiveInvariants::oneTransferPerKey(const std::optional<QList<Transfer>> &transfers)
{
    if (!transfers)
        return {Kind::OneTransferPerKey, State::NotChecked, tr("the bank did not list the transfers")};
    QHash<QString, QStringList> byKey;
    for (const Transfer &transfer : *transfers) {
        if (!transfer.idempotencyKey.isEmpty())
            byKey[transfer.idempotencyKey].prepend(transfer.id);
    }
    QStringList reused;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        if (it.value().size() > 1)
            reused.append(tr("%1 has %2").arg(it.key(), it.value().join(QStringLiteral(", "))));
    }
    reused.sort();
    if (!reused.isEmpty())
        return verdict(Kind::OneTransferPerKey, false, reused.join(QStringLiteral("; ")));
    return verdict(Kind::OneTransferPerKey, true, tr("checked your latest %1 transfers").arg(transfers->size()));
}

LiveInvariants::Check LiveInvariants::replaysIdentical(const AttemptTimeline &timeline)
{
    if (timeline.key().isEmpty())
        return verdict(Kind::ReplaysIdentical, true, tr("no key, so nothing is replayed"));
    QList<AttemptTimeline::Row> rows = timeline.rows();
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.number < b.number; });
    // The answer the bank stored: its first one for the key that was not "still in progress".
    const AttemptTimeline::Row *first = nullptr;
    int replays = 0;
    bool unseen = false; // a replay of an answer the network did not carry
    QStringList different;
    for (const AttemptTimeline::Row &row : rows) {
        if (!row.network || row.network->upstreamStatus == 0 || row.network->upstreamStatus == 409)
            continue;
        if (!row.network->upstreamReplayed) {
            if (!first)
                first = &row;
            continue;
        }
        ++replays;
        if (!first)
            unseen = true;
        else if (row.network->upstreamBody != first->network->upstreamBody)
            different.append(tr("attempt %1").arg(row.number));
    }
    if (!different.isEmpty())
        return verdict(Kind::ReplaysIdentical, false,
                       tr("differs from the first answer: %1").arg(different.join(QStringLiteral(", "))));
    if (unseen)
        return {Kind::ReplaysIdentical, State::NotChecked, tr("the first answer did not pass the simulated network")};
    if (replays == 0)
        return verdict(Kind::ReplaysIdentical, true, tr("no replay so far"));
    const QString replayed = replays == 1 ? tr("1 replay, byte for byte the answer of attempt %1")
                                          : tr("%1 replays, byte for byte the answer of attempt %2").arg(replays);
    return verdict(Kind::ReplaysIdentical, true, replayed.arg(first->number));
}

QList<Transfer> LiveInvariants::transfersOf(const AttemptTimeline &timeline, const QList<Transfer> &transfers)
{
    const QList<AttemptTimeline::AccountEffect> &effects = timeline.accountEffects();
    const QDateTime began = beganAt(timeline);
    QList<Transfer> mine;
    for (const Transfer &transfer : transfers) {
        const bool sameKey = !timeline.key().isEmpty() && transfer.idempotencyKey == timeline.key();
        // Without a key the bank cannot say which intent a transfer was for: the same accounts,
        // amount and currency since the intent began are its.
        const bool sameRequest = effects.size() == 2 && began.isValid()
            && transfer.fromAccount == effects.at(0).accountId && transfer.toAccount == effects.at(1).accountId
            && transfer.amount == effects.at(1).perTransfer && transfer.currency == effects.at(1).currency
            && Timestamp::fromIso(transfer.createdAt) >= began;
        if (sameKey || sameRequest)
            mine.prepend(transfer);
    }
    return mine;
}

LiveInvariants::Check LiveInvariants::oneTransferPerIntent(const AttemptTimeline &timeline,
                                                           const std::optional<QList<Transfer>> &transfers)
{
    if (!transfers)
        return {Kind::OneTransferPerIntent, State::NotChecked, tr("the bank did not list the transfers")};
    QStringList ids;
    for (const Transfer &transfer : transfersOf(timeline, *transfers))
        ids.append(transfer.id);
    return onePerIntent(Kind::OneTransferPerIntent, ids, tr("no transfer so far"), tr("one transfer: %1"),
                        tr("%1 transfers for one intent: %2"));
}

LiveInvariants::Check LiveInvariants::oneSchedulePerIntent(const AttemptTimeline &timeline,
                                                           const std::optional<QList<ScheduledTransfer>> &schedules)
{
    if (!schedules)
        return {Kind::OneSchedulePerIntent, State::NotChecked, tr("the bank did not list the schedules")};
    QStringList ids;
    for (const ScheduledTransfer &schedule : *schedules) {
        if (schedule.idempotencyKey == timeline.key())
            ids.prepend(schedule.id);
    }
    return onePerIntent(Kind::OneSchedulePerIntent, ids, tr("no schedule so far"), tr("one schedule: %1"),
                        tr("%1 schedules for one intent: %2"));
}
