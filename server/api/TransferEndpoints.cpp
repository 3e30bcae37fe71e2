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

ReaderWork TransferEndpoints::createTransfer(const RequestContext &call)
{
    if (!JsonRequestBody::requireJsonType(call))
        return {};
    const Result<QString> keyHeader = IdempotencyKeyHeader::read(call.request);
    if (!keyHeader) {
        call.reply(m_replies.reject(keyHeader.problem(), {}));
        return {};
    }
    const QString key = keyHeader.value();
    TransferService::Done done = [this, call, key](Result<TransferOutcome> outcome) {
        call.reply(outcome ? answer(outcome.value()) : m_replies.reject(outcome.problem(), key));
    };
    if (auto known = m_transfers.recallRepeat(call.user.id, key, call.request.body)) {
        m_replies.countRecalled();
        done(std::move(*known));
        return {};
    }

    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(call.request.body, &body);
    if (!transfer) {
        call.reply(m_replies.reject(transfer.problem(), key));
        return {};
    }
    const QByteArray &path = OperationRegistry::find(ApiOperations::kTransfer)->path;
    TransferOrder order{
        call.user.id, key, CanonicalJson::fingerprint(call.request.method, path, body), {}, transfer.value()};
    if (auto known = m_transfers.recall(order, call.request.body)) {
        m_replies.countRecalled();
        done(std::move(*known));
        return {};
    }
    // Needed only from here on (a replay needs none): to complete the key, or to name what differs.
    order.digest = RequestDigest::of(call.request.method, path, body);
    if (m_transfers.decidesInWriter()) {
        m_transfers.submitToWriter(order, std::move(done));
        return {};
    }
    return [this, order, done = std::move(done)](QSqlDatabase &db) { m_transfers.submit(db, order, done); };
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
