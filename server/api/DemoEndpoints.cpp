#include "server/api/DemoEndpoints.h"

#include "server/api/JsonRequestBody.h"
#include "server/api/TransferEndpoints.h"
#include "server/metrics/Metrics.h"
#include "server/transfers/TransferService.h"
#include "shared/json/CanonicalJson.h"

DemoEndpoints::DemoEndpoints(TransferService &transfers, Metrics &metrics) : m_transfers(transfers), m_metrics(metrics)
{}

void DemoEndpoints::createUnsafeTransfer(const RequestContext &call, QSqlDatabase &db)
{
    if (!JsonRequestBody::requireJsonType(call))
        return;
    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(call.request.body, &body);
    if (!transfer)
        return call.replyProblem(transfer.problem());
    const QByteArray fingerprint = CanonicalJson::fingerprint(call.request.method, kPath, body);
    m_transfers.submitUnsafe(
        db, call.user.id, fingerprint, transfer.value(), [this, call](Result<TransferOutcome> outcome) {
            if (!outcome)
                return call.replyProblem(outcome.problem());
            if (outcome->kind == TransferOutcome::Kind::Moved)
                m_metrics.transferCreated();
            HttpResponse response
                = KeyedReplies::stored(outcome->key, false, TransferEndpoints::location(outcome->key));
            response.setHeader("X-Demo-Unsafe", "true");
            call.reply(response);
        });
}
