#include "app/client/transfer/TransferIntent.h"

#include "shared/core/Timestamp.h"

#include <QCoreApplication>

namespace {

bool sameRequest(const std::optional<TransferRequest> &a, const std::optional<TransferRequest> &b)
{
    if (!a || !b)
        return a.has_value() == b.has_value();
    return a->toJson() == b->toJson();
}

bool isFinal(TransferIntent::KeyState state)
{
    return state == TransferIntent::KeyState::Completed || state == TransferIntent::KeyState::Rejected
        || state == TransferIntent::KeyState::Expired || state == TransferIntent::KeyState::Abandoned;
}

} // namespace

QString TransferIntent::stateName(KeyState state)
{
    switch (state) {
    case KeyState::None:
        return QCoreApplication::translate("TransferIntent", "no key yet");
    case KeyState::Unused:
        return QCoreApplication::translate("TransferIntent", "unused");
    case KeyState::InFlight:
        return QCoreApplication::translate("TransferIntent", "in flight");
    case KeyState::Uncertain:
        return QCoreApplication::translate("TransferIntent", "outcome unknown");
    case KeyState::Completed:
        return QCoreApplication::translate("TransferIntent", "completed");
    case KeyState::Rejected:
        return QCoreApplication::translate("TransferIntent", "rejected");
    case KeyState::Expired:
        return QCoreApplication::translate("TransferIntent", "expired");
    case KeyState::Abandoned:
        return QCoreApplication::translate("TransferIntent", "abandoned");
    }
    return {};
}

TransferIntent::KeyState TransferIntent::stateOf(const IdempotencyKeyInfo &info)
{
    if (info.status == QLatin1String("completed"))
        return info.responseStatus == 201 ? KeyState::Completed : KeyState::Rejected;
    if (info.status == QLatin1String("expired"))
        return KeyState::Expired;
    if (info.status == QLatin1String("abandoned"))
        return KeyState::Abandoned;
    return KeyState::Unused;
}

bool TransferIntent::setDetails(const std::optional<TransferRequest> &details)
{
    if (sameRequest(details, m_details))
        return false;
    const bool newIntent = isFinal(keyState()) && !sameAsAttempted(details);
    if (newIntent)
        startNew();
    m_details = details;
    return newIntent;
}

bool TransferIntent::sameAsAttempted(const std::optional<TransferRequest> &details) const
{
    return !m_attempts.isEmpty() && sameRequest(details, m_attempts.constLast().request);
}

void TransferIntent::startNew()
{
    m_key.clear();
    m_expiresAt = {};
    m_state = KeyState::None;
    m_beforeAttempt = KeyState::None;
    m_attempts.clear();
}

void TransferIntent::keyIssued(const IdempotencyKeyInfo &info)
{
    startNew();
    m_key = info.key;
    m_expiresAt = Timestamp::fromIso(info.expiresAt);
    m_state = KeyState::Unused;
}

void TransferIntent::resume(const TransferRequest &details, const TransferStatus &status)
{
    startNew();
    m_details = details;
    if (status.keyUsable() && status.info) {
        m_key = status.info->key;
        m_expiresAt = Timestamp::fromIso(status.info->expiresAt);
        m_state = KeyState::Unused;
    }
}

void TransferIntent::statusChecked(const TransferStatus &status)
{
    if (m_key.isEmpty() || m_state == KeyState::InFlight || (status.info && status.info->key != m_key))
        return;
    switch (status.verdict) {
    case TransferStatus::Verdict::Happened:
        m_state = KeyState::Completed;
        break;
    case TransferStatus::Verdict::Refused:
        m_state = KeyState::Rejected;
        break;
    case TransferStatus::Verdict::KeyExpired:
        m_state = status.info ? stateOf(*status.info) : KeyState::Expired;
        break;
    // Unused at the bank may still mean an attempt in flight there: the state stays until a
    // retry with this key settles it, so no second key can be sent meanwhile.
    case TransferStatus::Verdict::NotYet:
    case TransferStatus::Verdict::Unknown:
        break;
    }
}

TransferIntent::KeyState TransferIntent::effectiveState(KeyState state, const QDateTime &expiresAt,
                                                        const QDateTime &now)
{
    if (state == KeyState::Unused && expiresAt.isValid() && now >= expiresAt)
        return KeyState::Expired;
    return state;
}

TransferIntent::KeyState TransferIntent::keyState(const QDateTime &now) const
{
    return effectiveState(m_state, m_expiresAt, now);
}

bool TransferIntent::needsKey(const QDateTime &now) const
{
    const KeyState state = keyState(now);
    return state == KeyState::None || state == KeyState::Expired || state == KeyState::Abandoned;
}

TransferIntent::KeyState TransferIntent::stateAfter(const TransferAttempt &attempt, KeyState before)
{
    switch (attempt.outcome()) {
    case TransferAttempt::Outcome::Created:
    case TransferAttempt::Outcome::Replayed:
        return KeyState::Completed;
    case TransferAttempt::Outcome::OutcomeUnknown:
        return KeyState::Uncertain;
    case TransferAttempt::Outcome::NotSent:
        return before;
    case TransferAttempt::Outcome::Refused:
        break;
    }
    // Only what the bank has settled for good settles the key: a stored outcome, or a key that can
    // never complete. Every other answer is about this request alone, and an earlier attempt
    // whose outcome is unknown may still be what the key holds.
    switch (attempt.result.failure().problem.code) {
    case ProblemCode::InsufficientFunds: // stored by the server: every retry gets this answer
    case ProblemCode::IdempotencyKeyUnknown:
    case ProblemCode::IdempotencyKeyOperationMismatch:
        return KeyState::Rejected;
    case ProblemCode::IdempotencyKeyExpired: // settled under the bank's lock: nothing can commit with it
        return KeyState::Expired;
    case ProblemCode::IdempotencyKeyAbandoned: // likewise, given up by its user (another device, perhaps)
        return KeyState::Abandoned;
    case ProblemCode::IdempotencyKeyReused:  // completed by another request: only its record says how
    case ProblemCode::IdempotencyKeyInUse:   // an earlier attempt is still being processed
    case ProblemCode::StorageUnavailable:    // a commit cut short may still have landed
    case ProblemCode::StorageOutcomeUnknown: // the bank says so itself
    case ProblemCode::InternalError:
        return KeyState::Uncertain;
    case ProblemCode::IdempotencyKeyMissing:
    case ProblemCode::IdempotencyKeyMalformed:
        return before == KeyState::Uncertain ? KeyState::Uncertain : KeyState::Rejected;
    default: // this request was refused before the key was touched
        return before;
    }
}

void TransferIntent::attemptStarted()
{
    m_beforeAttempt = m_state;
    m_state = KeyState::InFlight;
}

void TransferIntent::attemptFinished(const TransferAttempt &attempt)
{
    if (attempt.key != m_key)
        return; // an answer for a key this intent no longer holds
    m_attempts.append(attempt);
    m_state = stateAfter(attempt, m_beforeAttempt);
    // The form may have changed while the attempt was on its way; a finished intent cannot take it.
    if (isFinal(m_state) && !sameRequest(m_details, attempt.request)) {
        const std::optional<TransferRequest> edited = m_details;
        startNew();
        m_details = edited;
    }
}

std::optional<TransferAttempt> TransferIntent::lastAttempt() const
{
    if (m_attempts.isEmpty())
        return std::nullopt;
    return m_attempts.constLast();
}

std::optional<Transfer> TransferIntent::transfer() const
{
    if (m_state != KeyState::Completed || m_attempts.isEmpty() || !m_attempts.constLast().result)
        return std::nullopt;
    return m_attempts.constLast().result->transfer;
}
