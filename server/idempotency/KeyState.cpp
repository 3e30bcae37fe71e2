#include "idempotency/KeyState.h"

namespace KeyState {

namespace {
Problem expiredProblem()
{
    return Problem(ProblemCode::IdempotencyKeyExpired, QStringLiteral("this key expired before it was used; request a new one"));
}
} // namespace

Status status(const StoredKey &key, qint64 nowMs)
{
    if (key.isCompleted())
        return Status::Completed;
    if (key.expiredAt)
        return Status::Expired;
    return nowMs >= key.expiresAt ? Status::Lapsed : Status::Unused;
}

QString statusName(Status s)
{
    switch (s) {
    case Status::Unused:
    case Status::Lapsed: return QStringLiteral("unused");
    case Status::Completed: return QStringLiteral("completed");
    case Status::Expired: return QStringLiteral("expired");
    }
    return {};
}

Decision decide(const std::optional<StoredKey> &key, qint64 callerId, const QString &operation,
                const QByteArray &fingerprint, qint64 nowMs, bool mayRegister)
{
    using Kind = Decision::Kind;
    if (!key) {
        if (mayRegister)
            return {Kind::RegisterAndProceed, {}};
        return {Kind::Reject, Problem(ProblemCode::IdempotencyKeyUnknown,
                                      QStringLiteral("this idempotency key was not issued to you; request one from POST /v1/idempotency-keys"))};
    }
    // Another user's key is reported exactly like a key that never existed.
    if (key->userId != callerId)
        return decide(std::nullopt, callerId, operation, fingerprint, nowMs, false);
    if (key->operation != operation)
        return {Kind::Reject, Problem(ProblemCode::IdempotencyKeyOperationMismatch,
                                      QStringLiteral("this key was issued for the operation \"%1\"").arg(key->operation))};
    switch (status(*key, nowMs)) {
    case Status::Completed:
        if (key->fingerprint == fingerprint)
            return {Kind::Replay, {}};
        return {Kind::Reject, Problem(ProblemCode::IdempotencyKeyReused,
                                      QStringLiteral("this key was already used for a different request; use a new key for a new transfer"))};
    case Status::Lapsed:
        return {Kind::Expire, expiredProblem()};
    case Status::Expired:
        return {Kind::Reject, expiredProblem()};
    case Status::Unused:
        break;
    }
    return {Kind::Proceed, {}};
}

} // namespace KeyState
