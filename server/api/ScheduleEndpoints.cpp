#include "server/api/ScheduleEndpoints.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/api/JsonRequestBody.h"
#include "server/api/PageQuery.h"
#include "server/idempotency/IdempotentExecutor.h"
#include "server/idempotency/OperationRegistry.h"
#include "server/idempotency/RequestDigest.h"
#include "server/schedules/ScheduleStore.h"
#include "server/storage/Storage.h"
#include "server/transfers/TransferService.h"
#include "shared/core/Timestamp.h"
#include "shared/json/CanonicalJson.h"

#include <QJsonDocument>

namespace {

const QByteArray &path() { return OperationRegistry::find(ApiOperations::kScheduledTransfer)->path; }

// The schedule a completed key made, named in its stored body.
QByteArray location(const StoredKey &key)
{
    if (key.responseStatus != 201)
        return {};
    const QString id = QJsonDocument::fromJson(key.responseBody).object().value(QLatin1String("id")).toString();
    return path() + '/' + id.toLatin1();
}

Problem noSuchSchedule() { return {ProblemCode::NotFound, QStringLiteral("no such scheduled transfer")}; }

} // namespace

ScheduleEndpoints::ScheduleEndpoints(Storage &storage, IdempotentExecutor &executor, Metrics &metrics)
    : m_storage(storage),
      m_executor(executor),
      m_replies(metrics)
{}

ReaderWork ScheduleEndpoints::createSchedule(const RequestContext &call)
{
    if (!JsonRequestBody::requireJsonType(call))
        return {};
    const Result<QString> keyHeader = IdempotencyKeyHeader::read(call.request);
    if (!keyHeader) {
        call.reply(m_replies.reject(keyHeader.problem(), {}));
        return {};
    }
    const QString key = keyHeader.value();
    IdempotentExecutor::Done done = [this, call, key](Result<KeyedOutcome> outcome) {
        if (!outcome)
            return call.reply(m_replies.reject(outcome.problem(), key));
        call.reply(
            m_replies.answer(outcome->key, outcome->kind == KeyedOutcome::Kind::Replayed, location(outcome->key)));
    };
    if (auto known = m_executor.recallRepeat(call.user.id, key, ApiOperations::kScheduledTransfer, call.request.body)) {
        m_replies.countRecalled();
        done(std::move(*known));
        return {};
    }

    QJsonValue body;
    const auto request = ScheduledTransferRequest::fromBody(call.request.body, &body);
    if (!request) {
        call.reply(m_replies.reject(request.problem(), key));
        return {};
    }
    KeyedOrder order{call.user.id,
                     key,
                     ApiOperations::kScheduledTransfer,
                     CanonicalJson::fingerprint(call.request.method, path(), body),
                     {}};
    if (auto known = m_executor.recall(order, call.request.body)) {
        m_replies.countRecalled();
        done(std::move(*known));
        return {};
    }
    const ScheduledTransferRequest schedule = request.value();
    const qint64 userId = call.user.id;
    return [this, order, method = call.request.method, body, schedule, userId,
            done = std::move(done)](QSqlDatabase &db) mutable {
        // As for a transfer: a replay needs no digest.
        order.digest = RequestDigest::of(method, path(), body);
        m_executor.submit(
            db, order,
            // Checked only for a new schedule: a retry of a completed one replays whatever the clock says now.
            [&schedule, userId](QSqlDatabase &readerDb) {
                if (auto refused = schedule.refusalAt(Timestamp::nowMs()))
                    return refused;
                return TransferService::checkAccounts(readerDb, userId, schedule.transfer);
            },
            KeyedCommit::Operation{[schedule, userId](QSqlDatabase &writerDb, const StoredKey &stored,
                                                      qint64 nowMs) -> Result<OperationAnswer> {
                const auto created = ScheduleStore::insert(writerDb, userId, stored.key, schedule, nowMs);
                if (!created)
                    return created.problem();
                return OperationAnswer{201, QJsonDocument(created->toJson(true)).toJson(QJsonDocument::Compact), {}};
            }},
            done);
    };
}

void ScheduleEndpoints::listSchedules(const RequestContext &call, QSqlDatabase &db)
{
    PageQuery::reply(call, [&](const PageQuery &query) {
        return ScheduleStore::list(db, call.user.id, query.limit, query.startingAfter);
    });
}

void ScheduleEndpoints::getSchedule(const RequestContext &call, QSqlDatabase &db)
{
    const auto schedule = ScheduleStore::find(db, call.user.id, call.params.value(0));
    if (!schedule)
        return call.replyProblem(schedule.problem());
    if (!schedule.value())
        return call.replyProblem(noSuchSchedule());
    call.reply(HttpResponse::json(200, schedule.value()->toJson(true)));
}

void ScheduleEndpoints::cancelSchedule(const RequestContext &call, QSqlDatabase &)
{
    const qint64 userId = call.user.id;
    const QString id = call.params.value(0);
    m_storage.write<bool>(
        [userId, id](QSqlDatabase &writerDb) {
            return ScheduleStore::cancel(writerDb, userId, id, Timestamp::nowMs());
        },
        [call](Result<bool> cancelled) {
            if (!cancelled)
                return call.replyProblem(cancelled.problem());
            if (!cancelled.value())
                return call.replyProblem(noSuchSchedule());
            HttpResponse response;
            response.status = 204;
            call.reply(response);
        });
}
