#pragma once

#include <QString>

#include <optional>

// The stable, machine-readable names of everything that can go wrong. The wire name (toString)
// never changes once published; clients map it to a message for people.
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
    IdempotencyKeyReused,
    IdempotencyKeyInUse,
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
    ServiceUnavailable,
    InternalError,
};

namespace ProblemCodes {
QString toString(ProblemCode code);
std::optional<ProblemCode> fromString(const QString &name);
int httpStatus(ProblemCode code);
QString title(ProblemCode code);
}
