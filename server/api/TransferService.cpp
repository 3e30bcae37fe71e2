#include "api/TransferService.h"

#include "api/IdempotencyKeyHeader.h"
#include "api/Timestamp.h"
#include "idempotency/IdempotencyStore.h"
#include "json/CanonicalJson.h"
#include "ledger/Ledger.h"
#include "metrics/Metrics.h"
#include "reliability/FaultPoints.h"
#include "storage/Storage.h"

#include <QThread>

namespace {

const QByteArray kOperationPath = "/v1/transfers";

bool isIdempotencyProblem(ProblemCode code)
{
    return ProblemCodes::toString(code).startsWith(QLatin1String("idempotency_key_"));
}

} // namespace

TransferService::TransferService(Storage &storage, Metrics &metrics, Options options)
    : m_storage(storage), m_metrics(metrics), m_options(options)
{
}

HttpResponse TransferService::storedResponse(const StoredKey &key, bool replayed)
{
    const int status = key.responseStatus.value_or(500);
    HttpResponse response = HttpResponse::raw(status, status < 300 ? QByteArray("application/json") : QByteArray(kProblemContentType),
                                              key.responseBody);
    response.setHeader("Idempotency-Key", key.key.toLatin1());
    if (!key.transferId.isEmpty())
        response.setHeader("Location", "/v1/transfers/" + key.transferId.toLatin1());
    if (replayed)
        response.setHeader("Idempotent-Replayed", "true");
    response.logKey = key.key;
    response.replayed = replayed;
    return response;
}

HttpResponse TransferService::reject(const Problem &problem, const QString &key) const
{
    if (problem.code == ProblemCode::IdempotencyKeyInUse)
        m_metrics.conflict();
    else if (isIdempotencyProblem(problem.code))
        m_metrics.rejection(problem.code);
    HttpResponse response = HttpResponse::problem(problem);
    if (problem.code == ProblemCode::IdempotencyKeyInUse || problem.code == ProblemCode::StorageUnavailable)
        response.setHeader("Retry-After", "1");
    response.logKey = key;
    return response;
}

HttpResponse TransferService::answer(const Outcome &outcome) const
{
    if (outcome.replayed)
        m_metrics.replayed();
    else if (outcome.key.responseStatus == 201)
        m_metrics.transferCreated();
    return storedResponse(outcome.key, outcome.replayed);
}

void TransferService::submit(const RequestContext &call, QSqlDatabase &db)
{
    const HttpRequest &request = call.request;
    const Result<QString> keyHeader = IdempotencyKeyHeader::read(request);
    if (!keyHeader)
        return call.reply(reject(keyHeader.problem(), {}));
    const QString key = keyHeader.value();

    QJsonValue body;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(request.body, &body);
    if (!transfer)
        return call.reply(reject(transfer.problem(), key));
    const QByteArray fingerprint = CanonicalJson::fingerprint(request.method, kOperationPath, body);

    // The key first: a retry of a completed transfer is answered from its record even if the
    // accounts have changed since.
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), key, false);
    if (!found)
        return call.reply(reject(found.problem(), key));
    const KeyState::Decision decision = KeyState::decide(found.value(), call.user.id, ApiOperations::kTransfer, fingerprint,
                                                         Timestamp::nowMs(), m_options.acceptClientKeys);
    if (decision.kind == KeyState::Decision::Kind::Reject)
        return call.reply(reject(decision.problem, key));
    if (decision.kind == KeyState::Decision::Kind::Replay)
        return call.reply(answer({*found.value(), true}));

    if (const auto refused = checkAccounts(db, call.user.id, transfer.value()))
        return call.reply(reject(*refused, key));

    if (!m_inFlight.tryAcquire(key))
        return call.reply(reject(Problem(ProblemCode::IdempotencyKeyInUse,
                                         QStringLiteral("the first request with this key is still being processed; retry shortly")),
                                 key));
    if (m_options.processingDelayMs > 0)
        QThread::msleep(ulong(m_options.processingDelayMs));

    const qint64 userId = call.user.id;
    const TransferRequest details = transfer.value();
    m_storage.write<Outcome>(
        [this, userId, key, fingerprint, details](QSqlDatabase &writerDb) {
            return execute(writerDb, userId, key, fingerprint, details);
        },
        [this, call, key](Result<Outcome> outcome) {
            m_inFlight.release(key);
            if (outcome && !outcome->replayed)
                FaultPoints::dieIfArmed(FaultPoint::AfterCommit);
            call.reply(outcome ? answer(outcome.value()) : reject(outcome.problem(), key));
        });
}

Result<TransferService::Outcome> TransferService::execute(QSqlDatabase &db, qint64 userId, const QString &key,
                                                          const QByteArray &fingerprint, const TransferRequest &transfer) const
{
    const qint64 now = Timestamp::nowMs();
    // Re-read under the write lock: another request (or another server instance) may have
    // completed the key since the reader looked.
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), key, true);
    if (!found)
        return found.problem();
    const KeyState::Decision decision =
        KeyState::decide(found.value(), userId, ApiOperations::kTransfer, fingerprint, now, m_options.acceptClientKeys);
    StoredKey stored;
    switch (decision.kind) {
    case KeyState::Decision::Kind::Reject:
        return decision.problem;
    case KeyState::Decision::Kind::Replay:
        return Outcome{*found.value(), true};
    case KeyState::Decision::Kind::RegisterAndProceed: {
        const auto inserted = IdempotencyStore::insert(db, key, userId, ApiOperations::kTransfer, now, m_options.keyTtlMs);
        if (!inserted)
            return inserted.problem();
        stored = inserted.value();
        break;
    }
    case KeyState::Decision::Kind::Proceed:
        stored = *found.value();
        break;
    }

    const auto committed = commit(db, m_storage.dialect(), stored, fingerprint, transfer, now);
    if (!committed)
        return committed.problem();
    FaultPoints::dieIfArmed(FaultPoint::BeforeCommit);
    return Outcome{committed.value(), false};
}

std::optional<Problem> TransferService::checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer)
{
    const auto from = Ledger::account(db, transfer.fromAccount);
    const auto to = Ledger::account(db, transfer.toAccount);
    if (!from || !to)
        return !from ? from.problem() : to.problem();
    if (!from.value() || from.value()->userId != userId)
        return Problem(ProblemCode::Forbidden, QStringLiteral("from_account: not one of your accounts"));
    if (!to.value())
        return Problem(ProblemCode::ValidationFailed, QStringLiteral("to_account: no such account"));
    if (from.value()->currency != transfer.currency || to.value()->currency != transfer.currency)
        return Problem(ProblemCode::ValidationFailed,
                       QStringLiteral("currency: the accounts hold %1, not %2").arg(from.value()->currency, transfer.currency));
    return std::nullopt;
}

Result<StoredKey> TransferService::commit(QSqlDatabase &db, SqlDialect dialect, StoredKey key, const QByteArray &fingerprint,
                                          const TransferRequest &transfer, qint64 nowMs)
{
    const auto moved = Ledger::move(db, dialect, transfer.fromAccount, transfer.toAccount, transfer.amount);
    if (!moved)
        return moved.problem();
    if (moved.value() == Ledger::MoveOutcome::InsufficientFunds) {
        // A business outcome, not a failure: it is stored and every retry gets the same answer.
        key.responseStatus = ProblemCodes::httpStatus(ProblemCode::InsufficientFunds);
        key.responseBody = Problem(ProblemCode::InsufficientFunds,
                                   QStringLiteral("from_account does not hold %1 minor units").arg(transfer.amount))
                               .toJsonBytes();
    } else {
        Transfer created;
        created.id = Ledger::newTransferId();
        created.fromAccount = transfer.fromAccount;
        created.toAccount = transfer.toAccount;
        created.amount = transfer.amount;
        created.currency = transfer.currency;
        created.memo = transfer.memo;
        created.createdAt = Timestamp::toIso(nowMs);
        created.idempotencyKey = key.key;
        const auto inserted = Ledger::insertTransfer(db, created, nowMs);
        if (!inserted)
            return inserted.problem();
        key.responseStatus = 201;
        key.responseBody = HttpResponse::json(201, created.toJson()).body;
        key.transferId = created.id;
    }
    key.fingerprint = fingerprint;
    const auto completed = IdempotencyStore::complete(db, key.key, fingerprint, *key.responseStatus, key.responseBody,
                                                      key.transferId, nowMs);
    if (!completed)
        return completed.problem();
    return key;
}
