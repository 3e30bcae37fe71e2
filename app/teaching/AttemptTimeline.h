#pragma once

#include "app/client/transfer/TransferStatus.h"
#include "app/client/transport/RequestAttempt.h"
#include "app/faultproxy/FaultAttempt.h"
#include "shared/wire/ApiTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// The attempts of one intent — a transfer, or a schedule's creation — as a sequence diagram's data,
// lanes Client | Network | Server, one row per attempt: what the client sent and saw (a
// TransferAttempt or ScheduleAttempt), what the network
// did to it (the fault proxy's FaultAttempt, matched by the request's X-Request-Id), and the
// server's verdict; then the ledger effect of the whole intent. The proxy sees the server's real
// answer even when the client never gets it, which is the point: a "lost" attempt that moved money
// shows as "created 201". Plain: no widgets, no signals; AttemptTimelineView paints it.
class AttemptTimeline
{
    Q_DECLARE_TR_FUNCTIONS(AttemptTimeline)
public:
    // What the network did to the attempt.
    enum class Network {
        Direct,              // no simulated network in the path
        InTransit,           // through the proxy, which has not reported yet
        Delivered,           // request and answer both went through
        RequestLost,         // case 1: dropped before the server
        CutDuringProcessing, // case 2: the server got it; the client's connection was cut before the answer
        ResponseLost,        // case 3: the server answered; the answer was thrown away
        ConnectionFailed,    // the proxy could not reach the server
    };
    // What the server did with it.
    // What the intent makes: money moves, or a scheduled transfer exists (no money moves then).
    enum class Subject { Transfer, Schedule };
    enum class Verdict {
        Pending,      // not known yet
        NeverArrived, // the server never saw it
        Processing,   // the server has it and has not answered yet
        Created,      // 201: this attempt moved the money (made the schedule)
        Replayed,     // 201 replayed: the stored answer, nothing moved
        InProgress,   // 409: an earlier attempt with the key is still being processed
        Rejected,     // any other problem answer
        Unknown,      // no answer reached the client and nothing else saw the server
        NotSent,      // the client refused to send it
    };

    // What the client saw of an attempt once it came back.
    struct Answer
    {
        RequestAttempt::Outcome outcome = RequestAttempt::Outcome::OutcomeUnknown;
        std::optional<ApiFailure> failure; // when no value came back
        qint64 elapsedMs = 0;

        bool ok() const { return !failure.has_value(); }
        template <typename Attempt>
        static Answer of(const Attempt &attempt)
        {
            return {attempt.outcome(), attempt.result ? std::nullopt : std::optional(attempt.result.failure()),
                    attempt.elapsedMs};
        }
    };

    struct Row
    {
        // Its texts are the timeline's, for the translators.
        Q_DECLARE_TR_FUNCTIONS(AttemptTimeline)
    public:
        int number = 0;
        QByteArray requestId;
        QDateTime startedAt;
        bool viaProxy = false;
        std::optional<Answer> client;        // once finished
        std::optional<FaultAttempt> network; // the latest the proxy reported

        Network networkFate() const;
        Verdict verdict() const;
        int serverStatus() const;    // 0 when unknown
        QString problemCode() const; // of a Rejected / InProgress verdict
        QString clientText() const;  // "no answer", "201 created", "201 replayed", "409 idempotency_key_in_use"
        QString networkText() const; // "delivered", "request lost", ...
        QString serverText()
            const; // "created 201", "replayed — no-op", "in progress 409", "rejected 422 insufficient_funds"
        QString latencyText() const; // "38 ms", or empty while waiting
        bool made() const { return verdict() == Verdict::Created; }
        // Where its request or answer is while the proxy has it (step mode, slow motion, the bank
        // at work): the hop it reached, nullopt once nothing more will happen to it.
        std::optional<FaultHop> whereNow() const;
        // Since when the bank has been working on it (ms since the epoch), 0 when it is not.
        qint64 bankWorkingSinceMs() const;
    };

    // What the intent does to one account, for the ledger effect in money.
    struct AccountEffect
    {
        QString accountId;
        QString name; // "Alice Checking", "Bob Checking (Bob the Builder)"
        QString currency;
        qint64 perTransfer = 0;       // signed: minus the amount for the payer, plus for the payee
        std::optional<qint64> before; // the balance at the bank when the intent began (own accounts)
        std::optional<qint64> after;  // the balance the bank reported last since then
    };

    // A request about the key that moves no money: row 0, the key request (and those before it
    // whose answer was lost), and each Check status.
    struct Exchange
    {
        Q_DECLARE_TR_FUNCTIONS(AttemptTimeline)
    public:
        QDateTime startedAt;
        qint64 elapsedMs = 0;
        QString key;
        QString request;         // "POST /v1/idempotency-keys"
        QString answer;          // "201 idk_…"
        bool answerLost = false; // the network threw the answer away: the client never saw it

        static Exchange keyIssued(const QDateTime &startedAt, qint64 elapsedMs, const QString &key);
        // A key request whose answer the network threw away, with the key the bank issued in it
        // (as the proxy read it): a key the client never got.
        static Exchange keyAnswerLost(const QDateTime &startedAt, qint64 elapsedMs, const QString &key);
        // GET /v1/idempotency-keys/{key} and the bank's record of it ("200 completed"), or why
        // there was none.
        static Exchange statusChecked(const QDateTime &startedAt, qint64 elapsedMs, const QString &key,
                                      const TransferStatus &status);
        // "POST /v1/idempotency-keys → 201 idk_…"
        QString text() const;
    };

    // Starts a new intent: `title` says what it is, `key` its key (empty when unsafe).
    void begin(const QString &title, const QString &key, bool unsafe, Subject subject = Subject::Transfer);
    // The accounts the intent touches (after begin, which forgets them).
    void setAccountEffects(const QList<AccountEffect> &effects);
    // The bank's latest balances of the user's accounts: the "after" of the effects.
    void balancesReported(const QList<Account> &accounts);
    const QList<AccountEffect> &accountEffects() const { return m_effects; }
    // Row 0, and the status checks in the order they were made (begin forgets both).
    void setKeyRequest(const Exchange &request) { m_keyRequest = request; }
    const std::optional<Exchange> &keyRequest() const { return m_keyRequest; }
    // The key requests before row 0 whose answer was lost, in order (begin forgets them).
    void addLostKeyRequest(const Exchange &request) { m_lostKeyRequests.append(request); }
    const QList<Exchange> &lostKeyRequests() const { return m_lostKeyRequests; }
    void addLookup(const Exchange &lookup) { m_lookups.append(lookup); }
    const QList<Exchange> &lookups() const { return m_lookups; }
    void clear();
    bool isEmpty() const { return m_rows.isEmpty(); }

    void attemptStarted(const RequestAttempt &attempt, bool viaProxy);
    // A TransferAttempt or ScheduleAttempt came back.
    template <typename Attempt>
    void attemptFinished(const Attempt &attempt)
    {
        answered(attempt.requestId, Answer::of(attempt));
    }
    // Returns false when the proxy's attempt belongs to no row here.
    bool networkReported(const FaultAttempt &attempt);

    QString title() const { return m_title; }
    Subject subject() const { return m_subject; }
    // "Transfer: $30.00 from Alice Checking to Bob Checking", "Schedule: …"
    QString heading() const;
    QString key() const { return m_key; }
    bool isUnsafe() const { return m_unsafe; }
    const QList<Row> &rows() const { return m_rows; }

    // Attempts that made what the intent makes: moved money, or made the schedule.
    int debits() const;
    // Some row's verdict is still to come.
    bool isSettled() const;
    // "debited once", "debited twice", "not debited", "debited 3 times" (a schedule: "one
    // schedule made", ...); "... so far" while unsettled; "unknown" when an answer was lost where
    // nothing could see the server; a transfer an earlier run sent, with only the bank's answers
    // about it here, says so.
    QString ledgerText() const;
    // "Ledger effect: debited once", "Effect at the bank: one schedule made".
    QString effectLine() const;
    // The effect on one account in money, expected against actual, with its balances:
    // "Alice Checking −$60.00 (2 × $30.00), expected −$30.00; balance $1,000.00 → $940.00".
    QString effectText(const AccountEffect &effect) const;
    // Its two parts: "Alice Checking −$60.00 (2 × $30.00), expected −$30.00" and "balance
    // $1,000.00 → $940.00" (empty without both balances).
    QString movementText(const AccountEffect &effect) const;
    static QString balanceText(const AccountEffect &effect);
    // The timeline as plain text, for slides and notes.
    QString toText() const;

    static QString verdictText(Verdict verdict, int status, const QString &code);
    // "leaving the client", "in the network", "at the bank", "bank committed", "answer on the way",
    // "answer at the client".
    static QString hopText(FaultHop hop);

private:
    Row *rowFor(const QByteArray &requestId);
    void answered(const QByteArray &requestId, const Answer &answer);

    QString m_title;
    QString m_key;
    bool m_unsafe = false;
    Subject m_subject = Subject::Transfer;
    QList<Row> m_rows;
    QList<AccountEffect> m_effects;
    std::optional<Exchange> m_keyRequest;
    QList<Exchange> m_lostKeyRequests;
    QList<Exchange> m_lookups;
};
