#include "app/client/transfer/KeyedTransferMode.h"

#include "app/client/messages/ProblemMessages.h"
#include "app/client/transfer/PendingIntentJournal.h"

#include <QDateTime>

#include <utility>

namespace {

using KeyState = TransferIntent::KeyState;
using Kind = FlowMessage::Kind;

} // namespace

KeyedTransferMode::KeyedTransferMode(ApiClient &api, TransferIntent &intent, QObject *parent)
    : QObject(parent),
      m_api(api),
      m_intent(intent)
{}

void KeyedTransferMode::setJournal(PendingIntentJournal *journal, const QString &user, const QString &server)
{
    m_journal = journal;
    m_journalUser = user;
    m_journalServer = server;
}

void KeyedTransferMode::keySettled(const QString &key)
{
    if (m_journal)
        m_journal->remove(key);
}

void KeyedTransferMode::abandonUnusedKey()
{
    if (m_intent.keyState() != KeyState::Unused)
        return;
    const QString key = m_intent.key();
    m_api.abandonKey(key, this, [this, key](const ApiResult<bool> &abandoned) {
        if (abandoned)
            emit keyStateChanged(key, KeyState::Abandoned);
    });
}

FlowMessage KeyedTransferMode::announcement() const { return {}; }

std::optional<TransferRequest> KeyedTransferMode::startSending(const TransferRequest &)
{
    // The intent's details, not the form's: a resumed intent sends exactly what it sent before.
    if (m_intent.needsKey())
        return std::nullopt;
    return m_intent.details();
}

int KeyedTransferMode::attemptCount() const { return int(m_intent.attempts().size()); }

void KeyedTransferMode::journalBeforeSending(const QString &key, const TransferRequest &request)
{
    if (!m_journal || m_journalUser.isEmpty() || m_journal->contains(key))
        return;
    // On disk before the request leaves: if the app dies before the answer, the next start knows
    // to ask the bank about this key.
    if (!m_journal->save({key, m_journalUser, m_journalServer, request, QDateTime::currentDateTimeUtc()}))
        qWarning("bank-app: cannot save the pending transfer to %s: %s", qPrintable(m_journal->filePath()),
                 qPrintable(m_journal->error()));
}

TransferAttempt KeyedTransferMode::send(const TransferRequest &request, QObject *receiver,
                                        ApiClient::AttemptCallback done)
{
    m_stateBeforeAttempt = m_intent.keyState();
    const QString key = m_intent.key();
    journalBeforeSending(key, request);
    m_intent.attemptStarted();
    emit keyStateChanged(key, m_intent.keyState());
    return m_api.sendTransfer(request, key, receiver, std::move(done));
}

bool KeyedTransferMode::attemptFinished(const TransferAttempt &attempt)
{
    m_intent.attemptFinished(attempt);
    const KeyState after = TransferIntent::stateAfter(attempt, m_stateBeforeAttempt);
    if (m_journal && after != KeyState::Uncertain && after != KeyState::InFlight)
        m_journal->remove(attempt.key);
    // Told for the attempt's key: the intent may have moved on to a new one meanwhile.
    emit keyStateChanged(attempt.key, after);
    // A key that moved on (the form changed and the intent is new) is not retried.
    return attempt.key == m_intent.key();
}

FlowMessage KeyedTransferMode::sending(const QString &what, int burstAttempt, int maxAttempts) const
{
    if (burstAttempt == 1)
        return {Kind::Info, tr("Sending %1…").arg(what)};
    return {Kind::Info, tr("Retrying with the same key (attempt %1 of %2)…").arg(burstAttempt).arg(maxAttempts)};
}

FlowMessage KeyedTransferMode::retrying(const ApiFailure &failure, const QString &when) const
{
    if (failure.httpStatus == 409)
        return {
            Kind::Info,
            tr("The bank is still working on an earlier attempt. Asking again with the same key in %1 s.").arg(when)};
    if (failure.httpStatus == 503)
        return {Kind::Info, tr("The bank is briefly unavailable. Trying again with the same key in %1 s.").arg(when)};
    return {Kind::Info,
            tr("No answer came back. Retrying with the same key in %1 s; that is safe: the bank moves the money "
               "at most once.")
                .arg(when)};
}

FlowMessage KeyedTransferMode::outcome(const TransferAttempt &attempt, const QString &what, bool answerLost) const
{
    switch (attempt.outcome()) {
    case TransferAttempt::Outcome::Created:
        return {Kind::Success,
                answerLost ? tr("Sent %1. An earlier attempt got no answer; the retry with the same key is the one "
                                "the bank carried out, once.")
                                 .arg(what)
                           : tr("Sent %1.").arg(what)};
    case TransferAttempt::Outcome::Replayed:
        return {Kind::Success,
                answerLost ? tr("Sent %1. An earlier attempt went through but its answer was lost; the retry with "
                                "the same key got the bank's stored answer, so the money moved once.")
                                 .arg(what)
                           : tr("Already done: the bank had completed %1 with this key and answered with the "
                                "stored result. No money moved again.")
                                 .arg(what)};
    case TransferAttempt::Outcome::OutcomeUnknown:
        return {Kind::Error,
                ProblemMessages::forTransfer(attempt.result.failure()) + u' '
                    + tr("“Check status” asks the bank whether it happened.")};
    case TransferAttempt::Outcome::Refused:
    case TransferAttempt::Outcome::NotSent:
        break;
    }
    return {Kind::Error, ProblemMessages::forTransfer(attempt.result.failure())};
}
