#include "server/api/IdempotencyKeyHeader.h"

#include "server/http/StructuredFieldString.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"

namespace IdempotencyKeyHeader {

namespace {

Problem malformed(const QString &detail) { return Problem(ProblemCode::IdempotencyKeyMalformed, detail); }

// Two fields, or one a proxy folded into "a, b": an intermediary that takes another one than we
// would sees another key than the bank, so neither is guessed.
Problem notExactlyOne()
{
    return malformed(QStringLiteral("send exactly one Idempotency-Key header, holding one key"));
}

} // namespace

Result<QString> read(const HttpRequest &request)
{
    const QList<QByteArray> values = request.headerValues("idempotency-key");
    if (values.isEmpty())
        return Problem(ProblemCode::IdempotencyKeyMissing,
                       QStringLiteral("send the header Idempotency-Key with a key from POST /v1/idempotency-keys"));
    if (values.size() > 1)
        return notExactlyOne();
    const QByteArray &value = values.constFirst();
    QByteArray key = value;
    if (value.startsWith('"')) {
        qsizetype consumed = 0;
        const auto quoted = StructuredFieldString::parse(value, consumed);
        if (!quoted)
            return malformed(
                QStringLiteral("a quoted key is an RFC 8941 String: printable ASCII between two double quotes,"
                               " with \\\" and \\\\ as its only escapes"));
        const QByteArrayView rest = QByteArrayView(value).sliced(consumed).trimmed();
        if (rest.startsWith(','))
            return notExactlyOne();
        if (rest.startsWith(';'))
            return malformed(QStringLiteral("Idempotency-Key takes no parameters: send the key alone"));
        if (!rest.isEmpty())
            return malformed(QStringLiteral("nothing may follow the closing double quote of a quoted key"));
        key = *quoted;
    } else if (value.contains(',')) {
        return notExactlyOne();
    }
    const QString text = QString::fromLatin1(key);
    if (!IdempotencyKeyFormat::isWellFormed(text))
        return malformed(QStringLiteral("a key is 1 to 255 characters of A-Z a-z 0-9 _ . : -"));
    return text;
}

void writeExpiry(HttpResponse &response, qint64 expiresAtMs)
{
    if (expiresAtMs != 0)
        response.setHeader("Idempotency-Key-Expires-At", Timestamp::toIso(expiresAtMs).toLatin1());
}

} // namespace IdempotencyKeyHeader
