#include "server/idempotency/KeyState.h"

#include "server/idempotency/RequestDigest.h"

namespace KeyState {

namespace {
Problem expiredProblem()
{
    return Problem(ProblemCode::IdempotencyKeyExpired,
                   QStringLiteral("this key expired before it was used; request a new one"));
}
} // namespace

Problem aboutKey(Problem problem, const StoredKey &key)
{
    problem.keyExpiresAtMs = key.expiresAt;
    return problem;
}

Status status(const StoredKey &key, qint64 nowMs)
{
    if (key.isCompleted())
        return Status::Completed;
    if (key.abandonedAt)
        return Status::Abandoned;
    if (key.expiredAt)
        return Status::Expired;
    return nowMs >= key.expiresAt ? Status::Lapsed : Status::Unused;
}

QString statusName(Status s)
{
    switch (s) {
    case Status::Unused:
    case Status::Lapsed:
        return QStringLiteral("unused");
    case Status::Completed:
        return QStringLiteral("completed");
    case Status::Expired:
        return QStringLiteral("expired");
    case Status::Abandoned:
        return QStringLiteral("abandoned");
    }
    return {};
}

std::optional<Status> statusNamed(const QString &name)
{
    for (const Status s : {Status::Unused, Status::Completed, Status::Expired, Status::Abandoned}) {
        if (statusName(s) == name)
            return s;
    }
    return std::nullopt;
}

Decision decide(const std::optional<StoredKey> &key, qint64 callerId, const QString &operation,
                const QByteArray &fingerprint, const QByteArray &digest, qint64 nowMs, bool mayRegister)
{
    using Kind = Decision::Kind;
    if (!key) {
        if (mayRegister)
            return {Kind::RegisterAndProceed, {}};
        return {Kind::Reject,
                Problem(ProblemCode::IdempotencyKeyUnknown,
                        QStringLiteral(
                            "this idempotency key was not issued to you; request one from POST /v1/idempotency-keys"))};
    }
    // Another user's key is reported exactly like a key that never existed.
    if (key->userId != callerId)
        return decide(std::nullopt, callerId, operation, fingerprint, digest, nowMs, false);
    if (key->operation != operation)
        return {Kind::Reject,
                aboutKey(Problem(ProblemCode::IdempotencyKeyOperationMismatch,
                                 QStringLiteral("this key was issued for the operation \"%1\"").arg(key->operation)),
                         *key)};
    switch (status(*key, nowMs)) {
    case Status::Completed: {
        if (key->fingerprint == fingerprint)
            return {Kind::Replay, {}};
        Problem reused(
            ProblemCode::IdempotencyKeyReused,
            QStringLiteral("this key was already used for a different request; use a new key for a new transfer"));
        reused.differs = RequestDigest::differences(key->requestDigest, digest);
        return {Kind::Reject, aboutKey(reused, *key)};
    }
    case Status::Lapsed:
        return {Kind::Expire, aboutKey(expiredProblem(), *key)};
    case Status::Expired:
        return {Kind::Reject, aboutKey(expiredProblem(), *key)};
    case Status::Abandoned:
        return {
            Kind::Reject,
            aboutKey(Problem(ProblemCode::IdempotencyKeyAbandoned,
                             QStringLiteral("this key was abandoned and can never start a request; request a new one")),
                     *key)};
    case Status::Unused:
        break;
    }
    return {Kind::Proceed, {}};
}

Abandonment decideAbandonment(const std::optional<StoredKey> &key, qint64 callerId, qint64 nowMs, bool inFlight)
{
    using Kind = Abandonment::Kind;
    if (!key || key->userId != callerId)
        return {Kind::Reject, Problem(ProblemCode::NotFound, QStringLiteral("no such idempotency key"))};
    switch (status(*key, nowMs)) {
    case Status::Completed:
        return {Kind::Reject,
                aboutKey(Problem(ProblemCode::IdempotencyKeyCompleted,
                                 QStringLiteral("this key has been used: its request's outcome stands and is"
                                                " replayed to every retry")),
                         *key)};
    case Status::Abandoned:
    case Status::Expired:
        return {Kind::Unusable, {}};
    case Status::Unused:
    case Status::Lapsed:
        break;
    }
    if (inFlight)
        return {Kind::Reject,
                aboutKey(
                    Problem(ProblemCode::IdempotencyKeyInUse,
                            QStringLiteral("a request with this key is being processed; ask again once it is answered"))
                        .retryAfterMs(1000),
                    *key)};
    return {Kind::Abandon, {}};
}

} // namespace KeyState
