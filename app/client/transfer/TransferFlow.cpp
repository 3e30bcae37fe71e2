#include "app/client/transfer/TransferFlow.h"

#include "app/client/messages/ProblemMessages.h"
#include "app/client/session/AccountDirectory.h"
#include "app/client/transport/ApiClient.h"
#include "shared/money/Money.h"

#include <utility>

namespace {

using KeyState = TransferIntent::KeyState;

QString seconds(int ms, const QLocale &locale) { return locale.toString(ms / 1000.0, 'f', 1); }

} // namespace

TransferFlow::TransferFlow(ApiClient &api, const AccountDirectory &directory, QObject *parent)
    : QObject(parent), m_api(api), m_directory(directory), m_retryTimer(this)
{
    m_validation = m_draft.validate(m_locale);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &TransferFlow::retry);
}

void TransferFlow::setLocale(const QLocale &locale)
{
    m_locale = locale;
    m_validation = m_draft.validate(m_locale);
    m_intent.setDetails(m_validation.request);
    emit changed();
}

void TransferFlow::setAutoRetry(bool on)
{
    if (m_autoRetry == on)
        return;
    m_autoRetry = on;
    // Switched off while waiting to retry: the wait ends, and the retry is the user's.
    if (!on && m_retryTimer.isActive() && m_toRetry) {
        m_retryTimer.stop();
        m_busy = false;
        showOutcome(*std::exchange(m_toRetry, std::nullopt));
    }
    emit changed();
}

void TransferFlow::setJournal(PendingIntentJournal *journal, const QString &user, const QString &server)
{
    m_journal = journal;
    m_journalUser = user;
    m_journalServer = server;
}

bool TransferFlow::setUnsafe(bool unsafe)
{
    if (m_busy)
        return false;
    if (m_unsafe == unsafe)
        return true;
    m_unsafe = unsafe;
    m_unsafeAttempts.clear();
    if (unsafe)
        setMessage(MessageKind::Info, tr("Demonstration of the bug: transfers now go out without an idempotency key, so the "
                                         "bank cannot tell a retry from a new transfer."));
    else
        setMessage(MessageKind::None, {});
    emit changed();
    return true;
}

void TransferFlow::setDraft(const TransferDraft &draft)
{
    if (draft == m_draft)
        return;
    m_draft = draft;
    m_validation = m_draft.validate(m_locale);
    if (m_intent.setDetails(m_validation.request))
        setMessage(MessageKind::Info, tr("The details changed, so this is a new transfer: it gets a new key when you send it."));
    else if (m_message == invalidDraftMessage() && m_validation.ok())
        setMessage(MessageKind::None, {});
    emit changed();
}

QString TransferFlow::invalidDraftMessage() { return tr("Nothing was sent. Correct the marked fields first."); }

bool TransferFlow::send()
{
    if (m_busy)
        return false;
    if (!m_validation.ok()) {
        setMessage(MessageKind::Error, invalidDraftMessage());
        emit changed();
        return false;
    }
    m_burstAttempts = 0;
    m_answerLostInBurst = false;
    if (m_unsafe) {
        // Without a key every Send is a new transfer: nothing ties it to the last one.
        m_unsafeAttempts.clear();
        sendUnsafe(*m_validation.request);
    } else if (m_intent.needsKey()) {
        obtainKey(true);
    } else {
        sendWithKey(*m_intent.details());
    }
    return true;
}

bool TransferFlow::requestNewKey()
{
    if (m_busy || m_unsafe)
        return false;
    obtainKey(false);
    return true;
}

void TransferFlow::startNew()
{
    if (m_busy)
        return;
    reset();
}

void TransferFlow::reset()
{
    // Answers to requests still on their way belong to what is being forgotten.
    ++m_generation;
    m_busy = false;
    m_retryTimer.stop();
    m_toRetry.reset();
    m_intent.startNew();
    m_unsafeAttempts.clear();
    m_draft = {};
    m_validation = m_draft.validate(m_locale);
    m_intent.setDetails(std::nullopt);
    setMessage(MessageKind::None, {});
    emit changed();
}

void TransferFlow::obtainKey(bool thenSend)
{
    m_busy = true;
    setMessage(MessageKind::Info, tr("Asking the bank for a key for this transfer…"));
    emit changed();
    m_api.issueKey(this, [this, thenSend, generation = m_generation](const ApiResult<IdempotencyKeyInfo> &issued) {
        if (generation != m_generation)
            return;
        if (!issued) {
            m_busy = false;
            setMessage(MessageKind::Error, tr("Could not get a key for this transfer, so nothing was sent. %1")
                                               .arg(ProblemMessages::forFailure(issued.failure())));
            emit changed();
            return;
        }
        m_intent.keyIssued(issued.value());
        emit keyIssued(issued.value());
        emit keyStateChanged(m_intent.key(), m_intent.keyState());
        if (!thenSend) {
            m_busy = false;
            setMessage(MessageKind::Info, tr("New key ready. It will be used for this transfer and all its retries."));
            emit changed();
            return;
        }
        sendWithKey(*m_intent.details());
    });
}

void TransferFlow::journalBeforeSending(const QString &key, const TransferRequest &request)
{
    if (!m_journal || m_journalUser.isEmpty() || m_journal->contains(key))
        return;
    // On disk before the request leaves: if the app dies before the answer, the next start knows
    // to ask the bank about this key.
    if (!m_journal->save({key, m_journalUser, m_journalServer, request, QDateTime::currentDateTimeUtc()}))
        qWarning("bank-app: cannot save the pending transfer to %s: %s", qPrintable(m_journal->filePath()),
                 qPrintable(m_journal->error()));
}

void TransferFlow::settleJournal(const QString &key, KeyState state)
{
    if (m_journal && state != KeyState::Uncertain && state != KeyState::InFlight)
        m_journal->remove(key);
}

void TransferFlow::sendWithKey(const TransferRequest &request)
{
    m_busy = true;
    ++m_burstAttempts;
    m_stateBeforeAttempt = m_intent.keyState();
    const QString key = m_intent.key();
    journalBeforeSending(key, request);
    m_intent.attemptStarted();
    emit keyStateChanged(key, m_intent.keyState());
    setMessage(MessageKind::Info, m_burstAttempts == 1 ? tr("Sending %1…").arg(m_directory.describe(request, m_locale))
                                                       : tr("Retrying with the same key (attempt %1 of %2)…")
                                                             .arg(m_burstAttempts)
                                                             .arg(m_retryPolicy.settings().maxAttempts));
    const int number = int(m_intent.attempts().size()) + 1;
    announceAttempt(m_api.sendTransfer(request, key, this, attemptFinisher(number)), number);
}

void TransferFlow::sendUnsafe(const TransferRequest &request)
{
    m_busy = true;
    ++m_burstAttempts;
    setMessage(MessageKind::Info, tr("Sending %1 WITHOUT an idempotency key…").arg(m_directory.describe(request, m_locale)));
    const int number = int(m_unsafeAttempts.size()) + 1;
    announceAttempt(m_api.sendUnsafeTransfer(request, this, attemptFinisher(number)), number);
}

std::function<void(const TransferAttempt &)> TransferFlow::attemptFinisher(int number)
{
    // An answer that arrives after the flow moved on to another transfer is dropped.
    return [this, number, generation = m_generation](const TransferAttempt &attempt) {
        if (generation != m_generation)
            return;
        TransferAttempt numbered = attempt;
        numbered.number = number;
        finishAttempt(numbered);
    };
}

void TransferFlow::announceAttempt(TransferAttempt started, int number)
{
    started.number = number;
    emit attemptStarted(started);
    emit changed();
}

void TransferFlow::retry()
{
    if (!m_toRetry)
        return;
    const TransferAttempt failed = *std::exchange(m_toRetry, std::nullopt);
    // The same body as the failed attempt: with the same key, anything else would be refused as
    // a different request.
    if (failed.unsafe)
        sendUnsafe(failed.request);
    else
        sendWithKey(failed.request);
}

void TransferFlow::finishAttempt(const TransferAttempt &attempt)
{
    KeyState after = KeyState::None;
    if (attempt.unsafe) {
        m_unsafeAttempts.append(attempt);
    } else {
        m_intent.attemptFinished(attempt);
        after = TransferIntent::stateAfter(attempt, m_stateBeforeAttempt);
        settleJournal(attempt.key, after);
    }
    if (attempt.outcome() == TransferAttempt::Outcome::OutcomeUnknown)
        m_answerLostInBurst = true;

    std::optional<int> retryIn;
    if (!attempt.result && m_autoRetry)
        retryIn = m_retryPolicy.delayBeforeRetry(m_burstAttempts, attempt.result.failure());
    // A key that moved on (the form changed and the intent is new) is not retried.
    if (retryIn && !attempt.unsafe && attempt.key != m_intent.key())
        retryIn.reset();

    if (retryIn) {
        m_toRetry = attempt;
        const ApiFailure &failure = attempt.result.failure();
        const QString when = seconds(*retryIn, m_locale);
        if (attempt.unsafe)
            setMessage(MessageKind::Error, tr("No answer came back. Sending again WITHOUT a key in %1 s: if the first one went "
                                              "through, this moves the money a second time.").arg(when));
        else if (failure.httpStatus == 409)
            setMessage(MessageKind::Info, tr("The bank is still working on an earlier attempt. Asking again with the same key "
                                             "in %1 s.").arg(when));
        else if (failure.httpStatus == 503)
            setMessage(MessageKind::Info, tr("The bank is briefly unavailable. Trying again with the same key in %1 s.").arg(when));
        else
            setMessage(MessageKind::Info, tr("No answer came back. Retrying with the same key in %1 s; that is safe: the "
                                             "bank moves the money at most once.").arg(when));
        m_retryTimer.start(*retryIn);
    } else {
        m_busy = false;
        showOutcome(attempt);
    }
    // Told for the attempt's key: the intent may have moved on to a new one meanwhile.
    if (!attempt.unsafe)
        emit keyStateChanged(attempt.key, after);
    emit attemptFinished(attempt);
    if (retryIn)
        emit retryScheduled(*retryIn, attempt.number + 1);
    emit changed();
}

void TransferFlow::showOutcome(const TransferAttempt &attempt)
{
    const QString what = m_directory.describe(attempt.request, m_locale);
    if (attempt.unsafe) {
        if (attempt.result && m_answerLostInBurst)
            setMessage(MessageKind::Error, tr("Sent %1 without a key. But an earlier attempt got no answer, and without a key the "
                                              "bank cannot tell a retry from a new transfer: the money may have moved more than "
                                              "once. Look at the timeline and the balances.").arg(what));
        else if (attempt.result)
            setMessage(MessageKind::Success, tr("Sent %1 without a key (demonstration).").arg(what));
        else if (attempt.result.failure().outcomeUnknown())
            setMessage(MessageKind::Error, tr("No answer came back, so %1 may or may not have happened. Without a key, sending "
                                              "again may move the money twice.").arg(what));
        else
            setMessage(MessageKind::Error, ProblemMessages::forTransfer(attempt.result.failure()));
        return;
    }
    switch (attempt.outcome()) {
    case TransferAttempt::Outcome::Created:
        setMessage(MessageKind::Success, m_answerLostInBurst
                       ? tr("Sent %1. An earlier attempt got no answer; the retry with the same key is the one the bank "
                            "carried out, once.").arg(what)
                       : tr("Sent %1.").arg(what));
        break;
    case TransferAttempt::Outcome::Replayed:
        setMessage(MessageKind::Success, m_answerLostInBurst
                       ? tr("Sent %1. An earlier attempt went through but its answer was lost; the retry with the same key "
                            "got the bank's stored answer, so the money moved once.").arg(what)
                       : tr("Already done: the bank had completed %1 with this key and answered with the stored result. "
                            "No money moved again.").arg(what));
        break;
    case TransferAttempt::Outcome::OutcomeUnknown:
        setMessage(MessageKind::Error, ProblemMessages::forTransfer(attempt.result.failure()) + u' '
                                           + tr("“Check status” asks the bank whether it happened."));
        break;
    case TransferAttempt::Outcome::Refused:
    case TransferAttempt::Outcome::NotSent:
        setMessage(MessageKind::Error, ProblemMessages::forTransfer(attempt.result.failure()));
        break;
    }
}

bool TransferFlow::canCheckStatus() const
{
    return !m_busy && !m_intent.key().isEmpty() && m_intent.keyState() == KeyState::Uncertain;
}

bool TransferFlow::checkStatus()
{
    if (!canCheckStatus())
        return false;
    m_busy = true;
    setMessage(MessageKind::Info, tr("Asking the bank whether this transfer happened…"));
    emit changed();
    const QString key = m_intent.key();
    const TransferRequest request = m_intent.lastAttempt() ? m_intent.lastAttempt()->request : *m_intent.details();
    m_api.keyInfo(key, this, [this, key, request, generation = m_generation](const ApiResult<IdempotencyKeyInfo> &answer) {
        if (generation != m_generation)
            return;
        m_busy = false;
        const TransferStatus status = TransferStatus::fromAnswer(answer);
        m_intent.statusChecked(status);
        if (status.settled() && m_journal)
            m_journal->remove(key);
        MessageKind kind = MessageKind::Info;
        if (status.verdict == TransferStatus::Verdict::Happened)
            kind = MessageKind::Success;
        else if (status.verdict == TransferStatus::Verdict::Refused || status.verdict == TransferStatus::Verdict::Unknown)
            kind = MessageKind::Error;
        setMessage(kind, status.message(m_directory.describe(request, m_locale)));
        emit keyStateChanged(key, m_intent.keyState());
        emit statusChecked(status);
        emit changed();
    });
    return true;
}

TransferDraft TransferFlow::draftFor(const TransferRequest &request) const
{
    TransferDraft draft;
    draft.fromAccount = request.fromAccount;
    draft.toAccount = request.toAccount;
    draft.amountText = Money::formatAmount(request.amount, m_locale);
    draft.memo = request.memo;
    const QString fromCurrency = m_directory.currencyOf(request.fromAccount);
    const QString toCurrency = m_directory.currencyOf(request.toAccount);
    draft.fromCurrency = fromCurrency.isEmpty() ? request.currency : fromCurrency;
    draft.toCurrency = toCurrency.isEmpty() ? request.currency : toCurrency;
    return draft;
}

bool TransferFlow::resume(const TransferRequest &request, const TransferStatus &status)
{
    if (m_busy || m_unsafe)
        return false;
    m_draft = draftFor(request);
    m_validation = m_draft.validate(m_locale);
    m_intent.resume(request, status);
    emit draftReplaced();
    if (!m_intent.key().isEmpty())
        emit keyStateChanged(m_intent.key(), m_intent.keyState());
    return send();
}

void TransferFlow::setMessage(MessageKind kind, const QString &message)
{
    m_messageKind = kind;
    m_message = message;
}
