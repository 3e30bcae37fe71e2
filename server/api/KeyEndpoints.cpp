#include "server/api/KeyEndpoints.h"

#include "server/api/JsonRequestBody.h"
#include "server/auth/UserQuotaStore.h"
#include "server/idempotency/IdempotencyStore.h"
#include "server/metrics/Metrics.h"
#include "server/reliability/FaultPoints.h"
#include "server/storage/Storage.h"
#include "shared/api/Timestamp.h"

#include <algorithm>

KeyEndpoints::KeyEndpoints(Storage &storage, Metrics &metrics, qint64 keyTtlMs, int maxUnusedKeys)
    : m_storage(storage), m_metrics(metrics), m_keyTtlMs(keyTtlMs), m_maxUnusedKeys(maxUnusedKeys)
{
}

void KeyEndpoints::issueKey(const RequestContext &call, QSqlDatabase &)
{
    const auto body = JsonRequestBody::object(call);
    if (!body)
        return;
    const QJsonValue operation = body->value(QLatin1String("operation"));
    if (!operation.isString() || !ApiOperations::isKnown(operation.toString()))
        return call.replyProblem({ProblemCode::ValidationFailed, QStringLiteral("operation: must be \"transfer\"")});
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != QLatin1String("operation"))
            return call.replyProblem({ProblemCode::ValidationFailed, QStringLiteral("unknown field \"%1\"").arg(it.key())});
    }
    const qint64 userId = call.user.id;
    const qint64 ttlMs = m_keyTtlMs;
    const QString op = operation.toString();
    const int maxUnused = m_maxUnusedKeys;
    const SqlDialect dialect = m_storage.dialect();
    m_storage.write<StoredKey>(
        [userId, ttlMs, op, maxUnused, dialect](QSqlDatabase &writerDb) -> Result<StoredKey> {
            const qint64 now = Timestamp::nowMs();
            if (maxUnused > 0) {
                if (auto refused = UserQuotaStore::lockUser(writerDb, dialect, userId))
                    return *refused;
                if (auto refused = UserQuotaStore::refuseKeyBeyond(writerDb, userId, maxUnused, now))
                    return *refused;
            }
            return IdempotencyStore::insert(writerDb, IdempotencyStore::newKey(), userId, op, now, ttlMs);
        },
        [this, call](Result<StoredKey> key) {
            if (!key)
                return call.replyProblem(key.problem());
            FaultPoints::dieIfArmed(FaultPoint::DuringKeyIssue);
            m_metrics.keyIssued();
            HttpResponse response = HttpResponse::json(201, IdempotencyStore::toInfo(key.value(), key->createdAt).toJson());
            response.logKey = key->key;
            call.reply(response);
        });
}

void KeyEndpoints::getKey(const RequestContext &call, QSqlDatabase &db)
{
    const QString key = call.params.value(0);
    const qint64 userId = call.user.id;
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), userId, key, false);
    if (!found)
        return call.replyProblem(found.problem());
    const qint64 readerNow = Timestamp::nowMs();
    if (!found.value() || KeyState::status(*found.value(), readerNow) != KeyState::Status::Lapsed)
        return replyKeyInfo(call, found.value(), readerNow);
    // A lapsed key may still have a request about to commit (here or on another instance): only
    // the writer, under the key's lock, can say whether it completed or has expired for good.
    const SqlDialect dialect = m_storage.dialect();
    m_storage.write<std::optional<StoredKey>>(
        [userId, key, dialect, readerNow](QSqlDatabase &writerDb) -> Result<std::optional<StoredKey>> {
            auto locked = IdempotencyStore::find(writerDb, dialect, userId, key, true);
            const qint64 now = std::max(Timestamp::nowMs(), readerNow);
            if (!locked || !locked.value() || KeyState::status(*locked.value(), now) != KeyState::Status::Lapsed)
                return locked;
            const auto settled = IdempotencyStore::settleExpired(writerDb, *locked.value(), now);
            if (!settled)
                return settled.problem();
            locked.value()->expiredAt = now;
            return locked;
        },
        [this, call](Result<std::optional<StoredKey>> settled) {
            if (!settled)
                return call.replyProblem(settled.problem());
            replyKeyInfo(call, settled.value(), Timestamp::nowMs());
        });
}

void KeyEndpoints::replyKeyInfo(const RequestContext &call, const std::optional<StoredKey> &key, qint64 nowMs) const
{
    if (!key || key->userId != call.user.id)
        return call.replyProblem({ProblemCode::NotFound, QStringLiteral("no such idempotency key")});
    HttpResponse response = HttpResponse::json(200, IdempotencyStore::toInfo(*key, nowMs).toJson());
    response.logKey = key->key;
    call.reply(response);
}
