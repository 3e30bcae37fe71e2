#include "server/api/TransferEndpoints.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/api/JsonRequestBody.h"
#include "server/api/PageQuery.h"
#include "server/idempotency/OperationRegistry.h"
#include "server/idempotency/RequestDigest.h"
#include "server/ledger/Ledger.h"
#include "server/metrics/Metrics.h"
#include "server/transfers/TransferService.h"
#include "shared/json/CanonicalJson.h"

TransferEndpoints::TransferEndpoints(TransferService &transfers, Metrics &metrics)
    : m_transfers(transfers),
      m_metrics(metrics),
      m_replies(metrics)
{}

QByteArray TransferEndpoints::location(const StoredKey &key)
{
    return key.transferId.isEmpty() ? QByteArray() : "/v1/transfers/" + key.transferId.toLatin1();
}

HttpResponse TransferEndpoints::answer(const TransferOutcome &outcome) const
{
    if (outcome.kind == TransferOutcome::Kind::Moved)
        m_metrics.transferCreated();
    return m_replies.answer(outcome.key, outcome.kind == TransferOutcome::Kind::Replayed, location(outcome.key));
}

void TransferEndpoints::createTransfer(const RequestContext &call, QSqlDatabase &db)
{
    if (!JsonRequestBody::requireJsonType(call))
        return;
    const Result<QString> keyHeader = IdempotencyKeyHeader::read(call.request);
    if (!keyHeader)
        return call.reply(m_replies.reject(keyHeader.problem(), {}));
    const QString key = keyHeader.value();

    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(call.request.body, &body);
    if (!transfer)
        return call.reply(m_replies.reject(transfer.problem(), key));
    const QByteArray &path = OperationRegistry::find(ApiOperations::kTransfer)->path;
    const QByteArray fingerprint = CanonicalJson::fingerprint(call.request.method, path, body);
    const QByteArray digest = RequestDigest::of(call.request.method, path, body);

    m_transfers.submit(db, {call.user.id, key, fingerprint, digest, transfer.value()},
                       [this, call, key](Result<TransferOutcome> outcome) {
                           call.reply(outcome ? answer(outcome.value()) : m_replies.reject(outcome.problem(), key));
                       });
}

void TransferEndpoints::listTransfers(const RequestContext &call, QSqlDatabase &db)
{
    PageQuery::reply(call, [&](const PageQuery &query) {
        return Ledger::transfersVisibleTo(db, call.user.id, query.limit, query.startingAfter);
    });
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
