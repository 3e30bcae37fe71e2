#include "shared/core/ProblemCode.h"

#include <array>

namespace {

struct ProblemCodeInfo
{
    ProblemCode code;
    const char *name;
    int status;
    const char *title;
};

constexpr std::array kProblemCodes{
    ProblemCodeInfo{ProblemCode::ValidationFailed, "validation_failed", 400, "The request is not valid"},
    ProblemCodeInfo{ProblemCode::InvalidCredentials, "invalid_credentials", 401, "Wrong username or password"},
    ProblemCodeInfo{ProblemCode::Unauthenticated, "unauthenticated", 401, "Authentication required"},
    ProblemCodeInfo{ProblemCode::Forbidden, "forbidden", 403, "Not allowed"},
    ProblemCodeInfo{ProblemCode::NotFound, "not_found", 404, "Not found"},
    ProblemCodeInfo{ProblemCode::MethodNotAllowed, "method_not_allowed", 405, "Method not allowed"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyMissing, "idempotency_key_missing", 400,
                    "Idempotency-Key header missing"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyMalformed, "idempotency_key_malformed", 400,
                    "Idempotency-Key header malformed"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyUnknown, "idempotency_key_unknown", 422, "Unknown idempotency key"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyOperationMismatch, "idempotency_key_operation_mismatch", 422,
                    "Idempotency key issued for another operation"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyExpired, "idempotency_key_expired", 422, "Idempotency key expired"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyAbandoned, "idempotency_key_abandoned", 422,
                    "Idempotency key abandoned"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyReused, "idempotency_key_reused", 422,
                    "Idempotency key reused with a different request"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyInUse, "idempotency_key_in_use", 409,
                    "A request with this idempotency key is in progress"},
    ProblemCodeInfo{ProblemCode::IdempotencyKeyCompleted, "idempotency_key_completed", 409,
                    "Idempotency key already used"},
    ProblemCodeInfo{ProblemCode::InsufficientFunds, "insufficient_funds", 422, "Insufficient funds"},
    ProblemCodeInfo{ProblemCode::PayloadTooLarge, "payload_too_large", 413, "Request body too large"},
    ProblemCodeInfo{ProblemCode::UnsupportedMediaType, "unsupported_media_type", 415,
                    "Content-Type must be application/json"},
    ProblemCodeInfo{ProblemCode::MalformedRequest, "malformed_request", 400, "Malformed HTTP request"},
    ProblemCodeInfo{ProblemCode::HostNotAllowed, "host_not_allowed", 421, "Host not allowed"},
    ProblemCodeInfo{ProblemCode::LengthRequired, "length_required", 411, "Content-Length required"},
    ProblemCodeInfo{ProblemCode::HeaderFieldsTooLarge, "header_fields_too_large", 431,
                    "Request header fields too large"},
    ProblemCodeInfo{ProblemCode::RequestTimeout, "request_timeout", 408, "Request not complete in time"},
    ProblemCodeInfo{ProblemCode::TransferEncodingNotSupported, "transfer_encoding_not_supported", 501,
                    "Transfer-Encoding not supported"},
    ProblemCodeInfo{ProblemCode::TooManyRequests, "too_many_requests", 429, "Too many requests"},
    ProblemCodeInfo{ProblemCode::IntegratedSecretRequired, "integrated_secret_required", 401,
                    "This server answers only the app that started it"},
    ProblemCodeInfo{ProblemCode::StorageUnavailable, "storage_unavailable", 503, "Storage unavailable"},
    ProblemCodeInfo{ProblemCode::StorageOutcomeUnknown, "storage_outcome_unknown", 503, "Storage outcome unknown"},
    ProblemCodeInfo{ProblemCode::ServiceUnavailable, "service_unavailable", 503, "Service unavailable"},
    ProblemCodeInfo{ProblemCode::InternalError, "internal_error", 500, "Internal server error"},
};

// One row per code, in the enum's order, so all() misses none and a row is found by its code.
constexpr bool rowsFollowTheEnum()
{
    for (std::size_t i = 0; i < kProblemCodes.size(); ++i) {
        if (kProblemCodes[i].code != ProblemCode(i))
            return false;
    }
    return kProblemCodes.size() == std::size_t(ProblemCode::InternalError) + 1;
}
static_assert(rowsFollowTheEnum(), "kProblemCodes needs exactly one row per ProblemCode, in declaration order");

const ProblemCodeInfo &info(ProblemCode code)
{
    for (const auto &entry : kProblemCodes) {
        if (entry.code == code)
            return entry;
    }
    return kProblemCodes.back();
}

} // namespace

namespace ProblemCodes {

QList<ProblemCode> all()
{
    QList<ProblemCode> codes;
    codes.reserve(qsizetype(kProblemCodes.size()));
    for (const auto &entry : kProblemCodes)
        codes.append(entry.code);
    return codes;
}

QString toString(ProblemCode code) { return QString::fromLatin1(info(code).name); }

std::optional<ProblemCode> fromString(const QString &name)
{
    for (const auto &entry : kProblemCodes) {
        if (name == QLatin1String(entry.name))
            return entry.code;
    }
    return std::nullopt;
}

int httpStatus(ProblemCode code) { return info(code).status; }

QString title(ProblemCode code) { return QString::fromLatin1(info(code).title); }

} // namespace ProblemCodes
