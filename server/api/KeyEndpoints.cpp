#include "server/api/KeyEndpoints.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/api/JsonRequestBody.h"
#include "server/api/PageQuery.h"
#include "server/auth/UserQuotaStore.h"
#include "server/idempotency/IdempotencyStore.h"
#include "server/idempotency/IdempotentExecutor.h"
#include "server/idempotency/OperationRegistry.h"
#include "server/metrics/Metrics.h"
#include "server/reliability/FaultPoints.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"

#include <algorithm>

KeyEndpoints::KeyEndpoints(Storage &storage, Metrics &metrics, const IdempotentExecutor &executor, qint64 keyTtlMs,
                           int maxUnusedKeys)
    : m_storage(storage),
      m_metrics(metrics),
      m_executor(executor),
      m_keyTtlMs(keyTtlMs),
      m_maxUnusedKeys(maxUnusedKeys)
{}

ReaderWork KeyEndpoints::issueKey(const RequestContext &call)
{
    const auto body = JsonRequestBody::object(call);
    if (!body)
        return {};
    const QJsonValue operation = body->value(QLatin1String("operation"));
    if (!operation.isString() || !OperationRegistry::find(operation.toString())) {
        call.replyProblem({ProblemCode::ValidationFailed,
                           QStringLiteral("operation: must be %1").arg(OperationRegistry::namesForMessage())});
        return {};
    }
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != QLatin1String("operation")) {
            call.replyProblem({ProblemCode::ValidationFailed, QStringLiteral("unknown field \"%1\"").arg(it.key())});
            return {};
        }
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
            HttpResponse response
                = HttpResponse::jsonText(201, IdempotencyStore::toInfo(key.value(), key->createdAt).toJsonBytes());
            IdempotencyKeyHeader::writeExpiry(response, key->expiresAt);
            response.logKey = key->key;
            call.reply(response);
        });
    return {};
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
    IdempotencyKeyInfo info = IdempotencyStore::toInfo(*key, nowMs);
    addUncommittedReplays(info, key->userId);
    HttpResponse response = HttpResponse::jsonText(200, info.toJsonBytes());
    IdempotencyKeyHeader::writeExpiry(response, key->expiresAt);
    response.logKey = key->key;
    call.reply(response);
}

void KeyEndpoints::addUncommittedReplays(IdempotencyKeyInfo &info, qint64 userId) const
{
    // Replays this instance answered whose count is not committed yet (ReplayCounter).
    if (info.replays)
        *info.replays += m_executor.replays().uncommitted(userId, info.key);
}

void KeyEndpoints::listKeys(const RequestContext &call, QSqlDatabase &db)
{
    const Result<PageQuery> page = PageQuery::read(call.request);
    if (!page)
        return call.replyProblem(page.problem());
    std::optional<KeyState::Status> status;
    if (const QString name = call.request.queryItem(QStringLiteral("status")); !name.isNull()) {
        status = KeyState::statusNamed(name);
        if (!status)
            return call.replyProblem({ProblemCode::ValidationFailed,
                                      QStringLiteral("status: one of unused, completed, expired, abandoned")});
    }
    const qint64 userId = call.user.id;
    const qint64 readerNow = Timestamp::nowMs();
    const auto lapsed = IdempotencyStore::hasLapsed(db, userId, readerNow);
    if (!lapsed)
        return call.replyProblem(lapsed.problem());
    const auto reply = [this, call](Result<IdempotencyKeyPage> listed) {
        if (!listed)
            return call.replyProblem(listed.problem());
        for (IdempotencyKeyInfo &info : listed.value().keys)
            addUncommittedReplays(info, call.user.id);
        call.reply(HttpResponse::json(200, listed->toJson()));
    };
    if (!lapsed.value())
        return reply(IdempotencyStore::list(db, userId, status, page->limit, page->startingAfter, readerNow));
    // As getKey() does for one key: only the writer, under the keys' locks, may say "expired", so
    // the lapsed ones are settled first and the page is read in the same transaction.
    m_storage.write<IdempotencyKeyPage>(
        [userId, status, query = page.value(), readerNow](QSqlDatabase &writerDb) -> Result<IdempotencyKeyPage> {
            const qint64 now = std::max(Timestamp::nowMs(), readerNow);
            const auto settled = IdempotencyStore::settleLapsed(writerDb, userId, now);
            if (!settled)
                return settled.problem();
            return IdempotencyStore::list(writerDb, userId, status, query.limit, query.startingAfter, now);
        },
        reply);
}

void KeyEndpoints::abandonKey(const RequestContext &call, QSqlDatabase &db)
{
    const QString key = call.params.value(0);
    const qint64 userId = call.user.id;
    const SqlDialect dialect = m_storage.dialect();
    const auto found = IdempotencyStore::find(db, dialect, userId, key, false);
    if (!found)
        return call.replyProblem(found.problem());
    const bool inFlight = m_executor.isInFlight(userId, key);
    const qint64 readerNow = Timestamp::nowMs();
    if (KeyState::decideAbandonment(found.value(), userId, readerNow, inFlight).kind
        != KeyState::Abandonment::Kind::Abandon)
        return replyAbandonment(call, found.value(), inFlight);
    // Recorded under the key's lock, where a transfer with the key commits too: whichever takes
    // it first wins, and the other finds the key completed, or abandoned.
    m_storage.write<std::optional<StoredKey>>(
        [userId, key, dialect, readerNow](QSqlDatabase &writerDb) -> Result<std::optional<StoredKey>> {
            auto locked = IdempotencyStore::find(writerDb, dialect, userId, key, true);
            const qint64 now = std::max(Timestamp::nowMs(), readerNow);
            using Kind = KeyState::Abandonment::Kind;
            if (!locked || KeyState::decideAbandonment(locked.value(), userId, now, false).kind != Kind::Abandon)
                return locked;
            const auto abandoned = IdempotencyStore::abandon(writerDb, *locked.value(), now);
            if (!abandoned)
                return abandoned.problem();
            locked.value()->abandonedAt = now;
            locked.value()->expiredAt = now;
            return locked;
        },
        [call](const Result<std::optional<StoredKey>> &settled) {
            if (!settled)
                return call.replyProblem(settled.problem());
            replyAbandonment(call, settled.value(), false);
        });
}

void KeyEndpoints::replyAbandonment(const RequestContext &call, const std::optional<StoredKey> &key, bool inFlight)
{
    const KeyState::Abandonment decision = KeyState::decideAbandonment(key, call.user.id, Timestamp::nowMs(), inFlight);
    if (decision.kind == KeyState::Abandonment::Kind::Reject) {
        HttpResponse response = HttpResponse::problem(decision.problem);
        IdempotencyKeyHeader::writeExpiry(response, decision.problem.keyExpiresAtMs);
        return call.reply(response);
    }
    HttpResponse response;
    response.status = 204;
    IdempotencyKeyHeader::writeExpiry(response, key->expiresAt);
    call.reply(response);
}
