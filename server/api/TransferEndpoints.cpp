#include "server/api/TransferEndpoints.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/api/JsonRequestBody.h"
#include "server/api/PageQuery.h"
#include "server/idempotency/RequestDigest.h"
#include "server/ledger/Ledger.h"
#include "server/metrics/Metrics.h"
#include "server/transfers/TransferService.h"
#include "shared/json/CanonicalJson.h"

namespace {

const QByteArray kOperationPath = "/v1/transfers";

bool isIdempotencyProblem(ProblemCode code)
{
    return ProblemCodes::toString(code).startsWith(QLatin1String("idempotency_key_"));
}

} // namespace

TransferEndpoints::TransferEndpoints(TransferService &transfers, Metrics &metrics)
    : m_transfers(transfers),
      m_metrics(metrics)
{}

HttpResponse TransferEndpoints::storedResponse(const StoredKey &key, bool replayed)
{
    const int status = key.responseStatus.value_or(500);
    HttpResponse response = HttpResponse::raw(
        status, status < 300 ? QByteArray("application/json") : QByteArray(kProblemContentType), key.responseBody);
    response.setHeader("Idempotency-Key", key.key.toLatin1());
    IdempotencyKeyHeader::writeExpiry(response, key.expiresAt);
    if (!key.transferId.isEmpty())
        response.setHeader("Location", "/v1/transfers/" + key.transferId.toLatin1());
    if (replayed)
        response.setHeader("Idempotent-Replayed", "true");
    response.logKey = key.key;
    response.replayed = replayed;
    return response;
}

HttpResponse TransferEndpoints::reject(const Problem &problem, const QString &key) const
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

HttpResponse TransferEndpoints::answer(const TransferOutcome &outcome) const
{
    const bool replayed = outcome.kind == TransferOutcome::Kind::Replayed;
    if (replayed)
        m_metrics.replayed();
    else if (outcome.kind == TransferOutcome::Kind::Moved)
        m_metrics.transferCreated();
    return storedResponse(outcome.key, replayed);
}

void TransferEndpoints::createTransfer(const RequestContext &call, QSqlDatabase &db)
{
    if (!JsonRequestBody::requireJsonType(call))
        return;
    const Result<QString> keyHeader = IdempotencyKeyHeader::read(call.request);
    if (!keyHeader)
        return call.reply(reject(keyHeader.problem(), {}));
    const QString key = keyHeader.value();

    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(call.request.body, &body);
    if (!transfer)
        return call.reply(reject(transfer.problem(), key));
    const QByteArray fingerprint = CanonicalJson::fingerprint(call.request.method, kOperationPath, body);
    const QByteArray digest = RequestDigest::of(call.request.method, kOperationPath, body);

    m_transfers.submit(db, {call.user.id, key, fingerprint, digest, transfer.value()},
                       [this, call, key](Result<TransferOutcome> outcome) {
                           call.reply(outcome ? answer(outcome.value()) : reject(outcome.problem(), key));
                       });
}

void TransferEndpoints::listTransfers(const RequestContext &call, QSqlDatabase &db)
{
    const Result<PageQuery> query = PageQuery::read(call.request);
    if (!query)
        return call.replyProblem(query.problem());
    const auto page = Ledger::transfersVisibleTo(db, call.user.id, query->limit, query->startingAfter);
    if (!page)
        return call.replyProblem(page.problem());
    call.reply(HttpResponse::json(200, page->toJson()));
}

void TransferEndpoints::getTransfer(const RequestContext &call, QSqlDatabase &db)
{
    const auto transfer = Ledger::transferVisibleTo(db, call.user.id, call.params.value(0));
    if (!transfer)
        return call.replyProblem(transfer.problem());
    if (!transfer.value())
        return call.replyProblem({ProblemCode::NotFound, QStringLiteral("no such transfer")});
    call.reply(HttpResponse::json(200, transfer.value()->toJson()));
}
