#include "api/UnsafeTransferDemo.h"

#include "api/IdempotencyKeyFormat.h"
#include "api/Timestamp.h"
#include "idempotency/IdempotencyStore.h"
#include "json/CanonicalJson.h"
#include "metrics/Metrics.h"
#include "storage/Storage.h"

UnsafeTransferDemo::UnsafeTransferDemo(Storage &storage, Metrics &metrics, TransferService::Options options)
    : m_storage(storage), m_metrics(metrics), m_delay(options.processingDelayMs), m_options(options)
{
}

void UnsafeTransferDemo::submit(const RequestContext &call, QSqlDatabase &db)
{
    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(call.request.body, &body);
    if (!transfer)
        return call.reply(HttpResponse::problem(transfer.problem()));
    if (const auto refused = TransferService::checkAccounts(db, call.user.id, transfer.value()))
        return call.reply(HttpResponse::problem(*refused));
    const QByteArray fingerprint = CanonicalJson::fingerprint(call.request.method, kPath, body);
    // The same demonstration delay as POST /v1/transfers, so failure case 2 can be shown here too.
    m_delay.run([this, call, fingerprint, details = transfer.value()] { execute(call, fingerprint, details); });
}

void UnsafeTransferDemo::execute(const RequestContext &call, const QByteArray &fingerprint, const TransferRequest &details)
{
    const qint64 userId = call.user.id;
    const qint64 ttlMs = m_options.keyTtlMs;
    const SqlDialect dialect = m_storage.dialect();
    m_storage.write<StoredKey>(
        [userId, ttlMs, dialect, fingerprint, details](QSqlDatabase &writerDb) -> Result<StoredKey> {
            const qint64 now = Timestamp::nowMs();
            const auto key = IdempotencyStore::insert(writerDb, IdempotencyStore::newKey(IdempotencyKeyFormat::kUnsafeDemoPrefix), userId,
                                                      QLatin1String(kOperation), now, ttlMs);
            if (!key)
                return key.problem();
            return TransferService::commit(writerDb, dialect, key.value(), fingerprint, details, now);
        },
        [this, call](Result<StoredKey> key) {
            if (!key)
                return call.reply(HttpResponse::problem(key.problem()));
            if (key->responseStatus == 201)
                m_metrics.transferCreated();
            HttpResponse response = TransferService::storedResponse(key.value(), false);
            response.setHeader("X-Demo-Unsafe", "true");
            call.reply(response);
        });
}
