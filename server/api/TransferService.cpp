#include "api/TransferService.h"

#include "api/IdempotencyKeyFormat.h"
#include "api/IdempotencyKeyHeader.h"
#include "api/Timestamp.h"
#include "idempotency/IdempotencyStore.h"
#include "json/CanonicalJson.h"
#include "ledger/Ledger.h"
#include "metrics/Metrics.h"
#include "reliability/FaultPoints.h"
#include "storage/Storage.h"

#include <QThread>

#include <algorithm>

namespace {

const QByteArray kOperationPath = "/v1/transfers";

bool isIdempotencyProblem(ProblemCode code)
{
    return ProblemCodes::toString(code).startsWith(QLatin1String("idempotency_key_"));
}

} // namespace

TransferService::TransferService(Storage &storage, Metrics &metrics, Options options)
    : m_storage(storage), m_metrics(metrics), m_replays(storage), m_delay(options.processingDelayMs), m_options(options)
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
    if (outcome.replayed) {
        m_metrics.replayed();
        m_replays.count(outcome.key.userId, outcome.key.key);
    }
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
    const qint64 userId = call.user.id;
    const qint64 readerNow = Timestamp::nowMs();
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), userId, key, false);
    if (!found)
        return call.reply(reject(found.problem(), key));
    const KeyState::Decision decision =
        KeyState::decide(found.value(), userId, ApiOperations::kTransfer, fingerprint, readerNow, mayRegister(key));
    if (decision.kind == KeyState::Decision::Kind::Reject)
        return call.reply(reject(decision.problem, key));
    if (decision.kind == KeyState::Decision::Kind::Replay)
        return call.reply(answer({*found.value(), true, std::nullopt}));

    // A lapsed key only goes to the writer to have its expiry settled; it moves nothing, so the
    // accounts are not its business.
    if (decision.kind != KeyState::Decision::Kind::Expire) {
        if (const auto refused = checkAccounts(db, userId, transfer.value()))
            return call.reply(reject(*refused, key));
    }

    if (!m_inFlight.tryAcquire(userId, key))
        return call.reply(reject(Problem(ProblemCode::IdempotencyKeyInUse,
                                         QStringLiteral("the first request with this key is still being processed; retry shortly")),
                                 key));

    // The key stays in flight through the demonstration delay: a retry meanwhile gets 409.
    m_delay.run([this, call, userId, key, fingerprint, details = transfer.value(), readerNow] {
        m_storage.write<Outcome>(
            [this, userId, key, fingerprint, details, readerNow](QSqlDatabase &writerDb) {
                return execute(writerDb, userId, key, fingerprint, details, readerNow);
            },
            [this, call, userId, key](Result<Outcome> outcome) {
                m_inFlight.release(userId, key);
                if (!outcome)
                    return call.reply(reject(outcome.problem(), key));
                if (outcome->refusal)
                    return call.reply(reject(*outcome->refusal, key));
                if (!outcome->replayed)
                    FaultPoints::dieIfArmed(FaultPoint::AfterCommit);
                call.reply(answer(outcome.value()));
            });
    });
}

bool TransferService::mayRegister(const QString &key) const
{
    return m_options.acceptClientKeys && !IdempotencyKeyFormat::isIssuedForm(key);
}

Result<TransferService::Outcome> TransferService::execute(QSqlDatabase &db, qint64 userId, const QString &key,
                                                          const QByteArray &fingerprint, const TransferRequest &transfer,
                                                          qint64 notBeforeMs) const
{
    // Re-read under the write lock: another request (or another server instance) may have
    // completed or expired the key since the reader looked.
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), userId, key, true);
    if (!found)
        return found.problem();
    // The clock is read under the lock, and never earlier than the reader's: a key the reader saw
    // lapse cannot become usable here, whatever this clock says.
    const qint64 now = std::max(Timestamp::nowMs(), notBeforeMs);
    const KeyState::Decision decision =
        KeyState::decide(found.value(), userId, ApiOperations::kTransfer, fingerprint, now, mayRegister(key));
    StoredKey stored;
    switch (decision.kind) {
    case KeyState::Decision::Kind::Reject:
        return decision.problem;
    case KeyState::Decision::Kind::Replay:
        return Outcome{*found.value(), true, std::nullopt};
    case KeyState::Decision::Kind::Expire: {
        // Recorded, not just answered: no request with this key can commit after "expired" was said.
        const auto settled = IdempotencyStore::settleExpired(db, *found.value(), now);
        if (!settled)
            return settled.problem();
        return Outcome{*found.value(), false, decision.problem};
    }
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
    if (m_options.holdBeforeCommitMs > 0)
        QThread::msleep(ulong(m_options.holdBeforeCommitMs));
    FaultPoints::dieIfArmed(FaultPoint::BeforeCommit);
    return Outcome{committed.value(), false, std::nullopt};
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
    for (const auto &[side, account] : {std::pair{"from_account", *from.value()}, std::pair{"to_account", *to.value()}}) {
        if (account.currency != transfer.currency)
            return Problem(ProblemCode::ValidationFailed, QStringLiteral("currency: %1 holds %2, not %3")
                                                              .arg(QLatin1String(side), account.currency, transfer.currency));
    }
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
    const auto completed = IdempotencyStore::complete(db, key, fingerprint, *key.responseStatus, key.responseBody,
                                                      key.transferId, nowMs);
    if (!completed)
        return completed.problem();
    return key;
}
