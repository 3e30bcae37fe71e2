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
    : QObject(parent),
      m_api(api),
      m_directory(directory),
      m_keyed(api, m_intent, this),
      m_unsafe(api),
      m_mode(&m_keyed),
      m_retryTimer(this)
{
    connect(&m_keyed, &KeyedTransferMode::keyStateChanged, this, &TransferFlow::keyStateChanged);
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
    m_keyed.setJournal(journal, user, server);
}

bool TransferFlow::setUnsafe(bool unsafe)
{
    if (m_busy)
        return false;
    if (isUnsafe() == unsafe)
        return true;
    m_mode = unsafe ? static_cast<TransferMode *>(&m_unsafe) : &m_keyed;
    m_unsafe.startNew();
    m_message = m_mode->announcement();
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
        m_message = {MessageKind::Info,
                     tr("The details changed, so this is a new transfer: it gets a new key when you send it.")};
    else if (m_message.text == invalidDraftMessage() && m_validation.ok())
        m_message = {};
    emit changed();
}

QString TransferFlow::invalidDraftMessage() { return tr("Nothing was sent. Correct the marked fields first."); }

bool TransferFlow::send()
{
    if (m_busy)
        return false;
    if (!m_validation.ok()) {
        m_message = {MessageKind::Error, invalidDraftMessage()};
        emit changed();
        return false;
    }
    m_burstAttempts = 0;
    m_answerLostInBurst = false;
    if (const std::optional<TransferRequest> first = m_mode->startSending(*m_validation.request))
        sendAttempt(*first);
    else
        obtainKey(true);
    return true;
}

bool TransferFlow::requestNewKey()
{
    if (m_busy || isUnsafe())
        return false;
    obtainKey(false);
    return true;
}

void TransferFlow::startNew()
{
    if (m_busy)
        return;
    m_keyed.abandonUnusedKey();
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
    m_unsafe.startNew();
    m_draft = {};
    m_validation = m_draft.validate(m_locale);
    m_intent.setDetails(std::nullopt);
    m_message = {};
    emit changed();
}

void TransferFlow::obtainKey(bool thenSend, int requestsMade)
{
    m_busy = true;
    m_message = {MessageKind::Info, tr("Asking the bank for a key for this transfer…")};
    emit changed();
    emit keyRequested();
    m_api.issueKey(
        ApiOperations::kTransfer, this,
        [this, thenSend, requestsMade, generation = m_generation](const ApiResult<IdempotencyKeyInfo> &issued) {
            if (generation != m_generation)
                return;
            if (!issued && issued.failure().kind == ApiFailure::Kind::NoAnswer)
                emit keyAnswerLost();
            // Asking again is always safe: a key the lost answer carried only stays unused.
            const std::optional<int> retryIn = !issued && m_autoRetry
                ? m_retryPolicy.delayBeforeRetry(requestsMade + 1, issued.failure())
                : std::nullopt;
            if (retryIn) {
                m_message = {MessageKind::Info,
                             tr("No key came back. Asking the bank for another one in %1 s; a key "
                                "issued on the way stays unused, which is harmless.")
                                 .arg(seconds(*retryIn, m_locale))};
                emit changed();
                QTimer::singleShot(*retryIn, this, [this, thenSend, requestsMade, generation] {
                    if (generation == m_generation)
                        obtainKey(thenSend, requestsMade + 1);
                });
                return;
            }
            if (!issued) {
                m_busy = false;
                m_message = {MessageKind::Error,
                             tr("Could not get a key for this transfer, so nothing was sent. %1")
                                 .arg(ProblemMessages::forFailure(issued.failure()))};
                emit changed();
                return;
            }
            m_keyed.abandonUnusedKey();
            m_intent.keyIssued(issued.value());
            emit keyIssued(issued.value());
            emit keyStateChanged(m_intent.key(), m_intent.keyState());
            if (!thenSend) {
                m_busy = false;
                m_message
                    = {MessageKind::Info, tr("New key ready. It will be used for this transfer and all its retries.")};
                emit changed();
                return;
            }
            sendAttempt(*m_intent.details());
        });
}

void TransferFlow::sendAttempt(const TransferRequest &request)
{
    m_busy = true;
    ++m_burstAttempts;
    m_message = m_mode->sending(m_directory.describe(request, m_locale), m_burstAttempts,
                                m_retryPolicy.settings().maxAttempts);
    const int number = m_mode->attemptCount() + 1;
    announceAttempt(m_mode->send(request, this, attemptFinisher(number)), number);
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
    sendAttempt(failed.request);
}

void TransferFlow::finishAttempt(const TransferAttempt &attempt)
{
    const bool retryable = m_mode->attemptFinished(attempt);
    if (attempt.outcome() == TransferAttempt::Outcome::OutcomeUnknown)
        m_answerLostInBurst = true;

    std::optional<int> retryIn;
    if (!attempt.result && m_autoRetry)
        retryIn = m_retryPolicy.delayBeforeRetry(m_burstAttempts, attempt.result.failure());
    if (!retryable)
        retryIn.reset();

    if (retryIn) {
        m_toRetry = attempt;
        m_message = m_mode->retrying(attempt.result.failure(), seconds(*retryIn, m_locale));
        m_retryTimer.start(*retryIn);
    } else {
        m_busy = false;
        showOutcome(attempt);
    }
    emit attemptFinished(attempt);
    if (retryIn)
        emit retryScheduled(*retryIn, attempt.number + 1);
    emit changed();
}

void TransferFlow::showOutcome(const TransferAttempt &attempt)
{
    m_message = m_mode->outcome(attempt, m_directory.describe(attempt.request, m_locale), m_answerLostInBurst);
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
    m_message = {MessageKind::Info, tr("Asking the bank whether this transfer happened…")};
    emit changed();
    emit statusRequested();
    const QString key = m_intent.key();
    const TransferRequest request = m_intent.lastAttempt() ? m_intent.lastAttempt()->request : *m_intent.details();
    m_api.keyInfo(key, this,
                  [this, key, request, generation = m_generation](const ApiResult<IdempotencyKeyInfo> &answer) {
                      if (generation != m_generation)
                          return;
                      m_busy = false;
                      const TransferStatus status = TransferStatus::fromAnswer(answer);
                      m_intent.statusChecked(status);
                      if (status.settled())
                          m_keyed.keySettled(key);
                      MessageKind kind = MessageKind::Info;
                      if (status.verdict == TransferStatus::Verdict::Happened)
                          kind = MessageKind::Success;
                      else if (status.verdict == TransferStatus::Verdict::Refused
                               || status.verdict == TransferStatus::Verdict::Unknown)
                          kind = MessageKind::Error;
                      m_message = {kind, status.message(m_directory.describe(request, m_locale))};
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
    if (m_busy || isUnsafe())
        return false;
    m_intent.resume(request, status);
    replaceDraft(request);
    if (!m_intent.key().isEmpty())
        emit keyStateChanged(m_intent.key(), m_intent.keyState());
    return send();
}

bool TransferFlow::sendNew(const TransferRequest &request)
{
    if (m_busy)
        return false;
    startNew();
    replaceDraft(request);
    m_intent.setDetails(m_validation.request);
    return send();
}

void TransferFlow::replaceDraft(const TransferRequest &request)
{
    m_draft = draftFor(request);
    m_validation = m_draft.validate(m_locale);
    emit draftReplaced();
}
