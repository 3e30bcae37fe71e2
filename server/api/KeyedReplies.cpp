#include "server/api/KeyedReplies.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/metrics/Metrics.h"

namespace {

bool isIdempotencyProblem(ProblemCode code)
{
    return ProblemCodes::toString(code).startsWith(QLatin1String("idempotency_key_"));
}

} // namespace

KeyedReplies::KeyedReplies(Metrics &metrics) : m_metrics(metrics) {}

HttpResponse KeyedReplies::stored(const StoredKey &key, bool replayed, const QByteArray &location)
{
    const int status = key.responseStatus.value_or(500);
    HttpResponse response = HttpResponse::raw(
        status, status < 300 ? QByteArray("application/json") : QByteArray(kProblemContentType), key.responseBody);
    response.setHeader("Idempotency-Key", key.key.toLatin1());
    IdempotencyKeyHeader::writeExpiry(response, key.expiresAt);
    if (!location.isEmpty())
        response.setHeader("Location", location);
    if (replayed)
        response.setHeader("Idempotent-Replayed", "true");
    response.logKey = key.key;
    response.replayed = replayed;
    return response;
}

HttpResponse KeyedReplies::answer(const StoredKey &key, bool replayed, const QByteArray &location) const
{
    if (replayed)
        m_metrics.replayed();
    return stored(key, replayed, location);
}

HttpResponse KeyedReplies::reject(const Problem &problem, const QString &key) const
{
    if (problem.code == ProblemCode::IdempotencyKeyInUse)
        m_metrics.conflict();
    else if (isIdempotencyProblem(problem.code))
        m_metrics.rejection(problem.code);
    HttpResponse response = HttpResponse::problem(problem);
    IdempotencyKeyHeader::writeExpiry(response, problem.keyExpiresAtMs);
    response.logKey = key;
    return response;
}

void KeyedReplies::countRecalled() const { m_metrics.replayCacheHit(); }
