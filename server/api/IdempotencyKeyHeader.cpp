#include "api/IdempotencyKeyHeader.h"

#include "api/IdempotencyKeyFormat.h"

namespace IdempotencyKeyHeader {

Result<QString> read(const HttpRequest &request)
{
    const QList<QByteArray> values = request.headerValues("idempotency-key");
    if (values.isEmpty())
        return Problem(ProblemCode::IdempotencyKeyMissing,
                       QStringLiteral("send the header Idempotency-Key with a key from POST /v1/idempotency-keys"));
    // Two fields, or one a proxy folded into "a, b": an intermediary that takes another one than
    // we would sees another key than the bank, so neither is guessed.
    if (values.size() > 1 || values.constFirst().contains(','))
        return Problem(ProblemCode::IdempotencyKeyMalformed,
                       QStringLiteral("send exactly one Idempotency-Key header, holding one key"));
    const QString key = QString::fromLatin1(values.constFirst());
    if (!IdempotencyKeyFormat::isWellFormed(key))
        return Problem(ProblemCode::IdempotencyKeyMalformed, QStringLiteral("a key is 1 to 255 characters of A-Z a-z 0-9 _ . : -"));
    return key;
}

} // namespace IdempotencyKeyHeader
