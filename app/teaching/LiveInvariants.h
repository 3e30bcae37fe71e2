#pragma once

#include "app/teaching/AttemptTimeline.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/ScheduledTransfer.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// The four invariants the lesson promises, judged for one intent from what the bank and the
// network really did (InvariantMonitor gathers it):
// - total money: the sum of every account's balance at the integrated bank, now, equals that sum
//   when the app connected to it (money only moves between accounts; a transfer is one commit);
// - no key with more than one transfer, among the signed-in user's latest transfers;
// - every replay identical to the first answer: each replayed body the proxy saw for the intent's
//   key, byte for byte, against the answer the bank stored (its first answer that was not "in
//   progress");
// - one transfer per intent: the bank's transfers that carry the intent's key, or that match its
//   accounts, amount and currency and were made since it began; named by id. For a schedule's
//   creation: one schedule per intent, the bank's schedules that carry the intent's key.
// Plain: no widgets, no requests; the text says what was checked, not only the verdict.
class LiveInvariants
{
    Q_DECLARE_TR_FUNCTIONS(LiveInvariants)
public:
    enum class Kind { TotalMoney, OneTransferPerKey, ReplaysIdentical, OneTransferPerIntent, OneSchedulePerIntent };
    enum class State { Holds, Broken, NotChecked };

    struct Check
    {
        Q_DECLARE_TR_FUNCTIONS(LiveInvariants)
    public:
        Kind kind = Kind::TotalMoney;
        State state = State::NotChecked;
        QString detail; // what was checked and found: "2 transfers: tr_1, tr_2"

        QString name() const; // "One transfer per intent"
        // The whole line, its verdict in words (not only in colour):
        // "✗ One transfer per intent: BROKEN — 2 transfers: tr_1, tr_2".
        QString text() const;
        bool operator==(const Check &other) const = default;
    };

    // What the bank said, gathered after an attempt.
    struct Evidence
    {
        std::optional<qint64> totalAtStart;       // the sum of all balances when the app connected
        std::optional<qint64> totalNow;           // ... and now; nullopt: not readable (a remote bank)
        std::optional<QList<Transfer>> transfers; // the user's latest, newest first (GET /v1/transfers)
        // The user's latest schedules (GET /v1/scheduled-transfers), read for a schedule's timeline.
        std::optional<QList<ScheduledTransfer>> schedules;
    };

    // How many of the user's latest transfers the checks read: one page.
    static constexpr int kTransfersRead = 100;

    // The four checks, in the order of Kind; the last is the one for the timeline's subject.
    static QList<Check> check(const AttemptTimeline &timeline, const Evidence &evidence);

    static Check totalMoney(const std::optional<qint64> &atStart, const std::optional<qint64> &now);
    static Check oneTransferPerKey(const std::optional<QList<Transfer>> &transfers);
    static Check replaysIdentical(const AttemptTimeline &timeline);
    static Check oneTransferPerIntent(const AttemptTimeline &timeline, const std::optional<QList<Transfer>> &transfers);
    static Check oneSchedulePerIntent(const AttemptTimeline &timeline,
                                      const std::optional<QList<ScheduledTransfer>> &schedules);
    // The bank's transfers that belong to the timeline's intent, oldest first.
    static QList<Transfer> transfersOf(const AttemptTimeline &timeline, const QList<Transfer> &transfers);
};
