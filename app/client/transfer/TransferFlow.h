#pragma once

#include "app/client/transfer/FlowMessage.h"
#include "app/client/transfer/KeyedTransferMode.h"
#include "app/client/transfer/PendingIntentJournal.h"
#include "app/client/transfer/RetryPolicy.h"
#include "app/client/transfer/TransferDraft.h"
#include "app/client/transfer/TransferIntent.h"
#include "app/client/transfer/TransferStatus.h"
#include "app/client/transfer/UnsafeTransferMode.h"

#include <QLocale>
#include <QObject>
#include <QTimer>

#include <functional>

class AccountDirectory;

// The two-step transfer: get a key for the intent, then send the transfer with it. Holds the
// form's draft and the TransferIntent, validates before anything is sent, keeps one request at a
// time, retries what is safe to retry (RetryPolicy, with the same key and the same body), keeps
// the intent in the PendingIntentJournal while its outcome is unknown, and turns every outcome
// into a sentence for the user. How an attempt goes out is its TransferMode's: with the intent's
// key (KeyedTransferMode) or, for teaching, without one (UnsafeTransferMode), to show what the
// key prevents.
class TransferFlow : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferFlow)
public:
    using MessageKind = FlowMessage::Kind;

    TransferFlow(ApiClient &api, const AccountDirectory &directory, QObject *parent = nullptr);

    void setLocale(const QLocale &locale);
    QLocale locale() const { return m_locale; }

    // The form changed. Revalidates; a change to a completed or rejected intent starts a new one.
    void setDraft(const TransferDraft &draft);
    const TransferDraft &draft() const { return m_draft; }
    const TransferDraft::Validation &validation() const { return m_validation; }
    const TransferIntent &intent() const { return m_intent; }

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // Automatic retries (on by default). Off, a failed attempt waits for the user's Retry;
    // switched off during the wait before a retry, that retry is not sent.
    void setAutoRetry(bool on);
    bool autoRetry() const { return m_autoRetry; }
    // Where pending intents are kept, and whose they are; nullptr: nowhere.
    void setJournal(PendingIntentJournal *journal, const QString &user, const QString &server);

    // Teaching only: send without an idempotency key to POST /v1/demo/unsafe-transfers. Every
    // Send is then a new transfer, and a retry after a lost answer moves the money again. Refused
    // (false) while a request is out.
    bool setUnsafe(bool unsafe);
    bool isUnsafe() const { return m_mode == &m_unsafe; }
    // The attempts of the latest unsafe send.
    const QList<TransferAttempt> &unsafeAttempts() const { return m_unsafe.attempts(); }

    // A key request, a transfer attempt, a status check or the wait before a retry is under way;
    // nothing else is sent meanwhile.
    bool isBusy() const { return m_busy; }
    QString message() const { return m_message.text; }
    MessageKind messageKind() const { return m_message.kind; }

    // Sends the intent: requests a key first when it has none. Returns false, sending nothing,
    // when the draft is invalid or a request is already on its way.
    bool send();
    // Replaces the key with a fresh one now; the intent becomes a new one. An unused key it
    // replaces is abandoned at the bank (KeyedTransferMode::abandonUnusedKey).
    bool requestNewKey();
    // Forgets the intent and its key (the form clears its fields); not while a request is out. An
    // unused key is abandoned at the bank, so that no stale retry of the draft can use it.
    void startNew();
    // Forgets everything now, ignoring answers still on their way (signing out).
    void reset();
    // After the last attempt got no answer: asks the bank whether the transfer happened.
    bool canCheckStatus() const;
    bool checkStatus();
    // Takes up a transfer from an earlier run that the bank says has not happened, puts its
    // details in the form (draftReplaced) and sends it: with its own key while that is usable.
    bool resume(const TransferRequest &request, const TransferStatus &status);
    // Starts a new intent for `request` (as New transfer would, abandoning an unused key), puts
    // it in the form (draftReplaced) and sends it: the teaching presets' one action. False,
    // sending nothing, while a request is out.
    bool sendNew(const TransferRequest &request);

signals:
    void changed();
    // The flow asks the bank for a key (POST /v1/idempotency-keys); keyIssued when it has one.
    // A key request that gets no answer is asked again as the retry policy says (keyAnswerLost
    // first): the bank may have issued a key the client never saw, which merely stays unused.
    void keyRequested();
    void keyIssued(const IdempotencyKeyInfo &info);
    void keyAnswerLost();
    void keyStateChanged(const QString &key, TransferIntent::KeyState state);
    // An attempt left (its number and request id set); then, once answered or failed:
    void attemptStarted(const TransferAttempt &attempt);
    void attemptFinished(const TransferAttempt &attempt);
    void retryScheduled(int delayMs, int nextAttempt);
    // Check status asks the bank (GET /v1/idempotency-keys/{key}); statusChecked has its answer.
    void statusRequested();
    void statusChecked(const TransferStatus &status);
    // The draft was set by the flow (resume), not typed: the form shows it.
    void draftReplaced();

private:
    // `requestsMade`: key requests of this burst that got no answer.
    void obtainKey(bool thenSend, int requestsMade = 0);
    void sendAttempt(const TransferRequest &request);
    void retry();
    void finishAttempt(const TransferAttempt &attempt);
    std::function<void(const TransferAttempt &)> attemptFinisher(int number);
    void announceAttempt(TransferAttempt started, int number);
    void showOutcome(const TransferAttempt &attempt);
    TransferDraft draftFor(const TransferRequest &request) const;
    // The form's draft becomes `request`'s (draftReplaced).
    void replaceDraft(const TransferRequest &request);
    static QString invalidDraftMessage();

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QLocale m_locale;
    TransferDraft m_draft;
    TransferDraft::Validation m_validation;
    TransferIntent m_intent;
    KeyedTransferMode m_keyed;
    UnsafeTransferMode m_unsafe;
    // m_keyed or m_unsafe. Switched only while nothing is out, so an answer and its retry belong
    // to the mode that sent the attempt.
    TransferMode *m_mode;
    RetryPolicy m_retryPolicy;
    bool m_autoRetry = true;
    QTimer m_retryTimer;
    std::optional<TransferAttempt> m_toRetry; // the failed attempt the timer will send again
    int m_burstAttempts = 0;                  // attempts since the user's Send or Retry
    bool m_answerLostInBurst = false;
    bool m_busy = false;
    quint64 m_generation = 0;
    FlowMessage m_message;
};
