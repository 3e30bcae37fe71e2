#pragma once

#include <QList>
#include <QString>

#include <optional>

// The stable, machine-readable names of everything that can go wrong. The wire name (toString)
// never changes once published; clients map it to a message for people. New codes go before
// InternalError, which stays last: ProblemCode.cpp checks at compile time that its table has one
// row per code, in this order, up to it.
enum class ProblemCode {
    ValidationFailed,
    InvalidCredentials,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    IdempotencyKeyMissing,
    IdempotencyKeyMalformed,
    IdempotencyKeyUnknown,
    IdempotencyKeyOperationMismatch,
    IdempotencyKeyExpired,
    IdempotencyKeyAbandoned,
    IdempotencyKeyReused,
    IdempotencyKeyInUse,
    IdempotencyKeyCompleted,
    InsufficientFunds,
    PayloadTooLarge,
    UnsupportedMediaType,
    MalformedRequest,
    HostNotAllowed,
    LengthRequired,
    HeaderFieldsTooLarge,
    RequestTimeout,
    TransferEncodingNotSupported,
    TooManyRequests,
    IntegratedSecretRequired,
    StorageUnavailable,
    StorageOutcomeUnknown,
    ServiceUnavailable,
    InternalError,
};

namespace ProblemCodes {
// Every code, in declaration order: what a test loops over, so a code added later is covered.
QList<ProblemCode> all();
QString toString(ProblemCode code);
std::optional<ProblemCode> fromString(const QString &name);
int httpStatus(ProblemCode code);
QString title(ProblemCode code);
} // namespace ProblemCodes
