#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"
#include "shared/core/Result.h"

#include <QString>

// The Idempotency-Key header of a request: exactly one field holding exactly one well-formed key,
// sent bare (`Idempotency-Key: idk_…`, as Stripe does) or as an RFC 8941 String
// (`Idempotency-Key: "idk_…"`, as draft-ietf-httpapi-idempotency-key-header defines it). Both
// forms of a key are the same key.
namespace IdempotencyKeyHeader {
// The key, or 400 idempotency_key_missing (no field) or idempotency_key_malformed (two or more
// fields, a list, a quoted key that is not a valid String or carries parameters, or a key that is
// not 1..255 characters of [A-Za-z0-9_.:-]).
Result<QString> read(const HttpRequest &request);
// Sets Idempotency-Key-Expires-At, the expires_at of the key an answer concerns, as its
// IdempotencyKey shows it; nothing if `expiresAtMs` is 0 (no key of the caller's was found). A
// header because the body of a transfer's answer is stored and replayed byte for byte.
void writeExpiry(HttpResponse &response, qint64 expiresAtMs);
} // namespace IdempotencyKeyHeader
