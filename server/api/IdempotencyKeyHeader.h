#pragma once

#include "api/Result.h"
#include "http/HttpRequest.h"

#include <QString>

// The Idempotency-Key header of a request: exactly one field holding exactly one well-formed key.
namespace IdempotencyKeyHeader {
// The key, or 400 idempotency_key_missing (no field) or idempotency_key_malformed (two or more
// fields, a comma-separated list, or not 1..255 characters of [A-Za-z0-9_.:-]).
Result<QString> read(const HttpRequest &request);
}
