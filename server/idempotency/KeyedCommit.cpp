#include "server/idempotency/KeyedCommit.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/reliability/FaultPoints.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QThread>

#include <algorithm>

namespace {

// `key` as completing it with `answer` left it.
StoredKey completed(StoredKey key, const QByteArray &fingerprint, const OperationAnswer &answer)
{
    key.fingerprint = fingerprint;
    key.responseStatus = answer.status;
    key.responseBody = answer.body;
    key.transferId = answer.transferId;
    return key;
}

} // namespace

KeyedCommit::KeyedCommit(SqlDialect dialect, IdempotencyOptions options) : m_dialect(dialect), m_options(options) {}

bool KeyedCommit::mayRegister(const QString &key) const
{
    return m_options.acceptClientKeys && !IdempotencyKeyFormat::isIssuedForm(key);
}

Result<KeyedOutcome> KeyedCommit::execute(QSqlDatabase &db, const KeyedOrder &order, qint64 notBeforeMs,
                                          const Operation &operation, std::optional<StoredKey> seen,
                                          const Check &check) const
{
    if (seen && operation.inOneStatement) {
        // Decided on the key as the reader saw it, at a clock read before its lock: the statement
        // goes ahead only on the same unused key, so nothing can have settled, completed or
        // abandoned it since, and the clock is still never earlier than the reader's.
        const qint64 now = std::max(Timestamp::nowMs(), notBeforeMs);
        if (KeyState::decide(seen, order.userId, order.operation, order.fingerprint, order.digest, now,
                             mayRegister(order.key))
                .kind
            == KeyState::Decision::Kind::Proceed) {
            StoredKey key = *seen;
            key.requestDigest = order.digest;
            const auto answer = operation.inOneStatement(db, key, order.fingerprint, now);
            if (!answer)
                return answer.problem();
            if (answer.value())
                return beforeCommit(
                    KeyedOutcome{KeyedOutcome::Kind::Performed, completed(key, order.fingerprint, *answer.value()), {}},
                    m_options);
            // The statement found the key changed: it is read whole, not asked again.
            seen.reset();
        }
    }
    // Re-read under the write lock: another request (or another server instance) may have
    // completed or expired the key since the reader looked.
    const auto found = reread(db, order, seen);
    if (!found)
        return found.problem();
    // The clock is read under the lock, and never earlier than the reader's: a key the reader saw
    // lapse cannot become usable here, whatever this clock says.
    const qint64 now = std::max(Timestamp::nowMs(), notBeforeMs);
    const KeyState::Decision decision = KeyState::decide(found.value(), order.userId, order.operation,
                                                         order.fingerprint, order.digest, now, mayRegister(order.key));
    const bool goesAhead = decision.kind == KeyState::Decision::Kind::Proceed
        || decision.kind == KeyState::Decision::Kind::RegisterAndProceed;
    if (goesAhead && check) {
        // As a reader would refuse it: about the key that was found, which stays unused.
        if (const auto refused = check(db))
            return found.value() ? KeyState::aboutKey(*refused, *found.value()) : *refused;
    }
    StoredKey stored;
    switch (decision.kind) {
    case KeyState::Decision::Kind::Reject:
        return decision.problem;
    case KeyState::Decision::Kind::Replay:
        return KeyedOutcome{KeyedOutcome::Kind::Replayed, *found.value(), {}};
    case KeyState::Decision::Kind::Expire: {
        // Recorded, not just answered: no request with this key can commit after "expired" was said.
        const auto settled = IdempotencyStore::settleExpired(db, *found.value(), now);
        if (!settled)
            return settled.problem();
        return KeyedOutcome{KeyedOutcome::Kind::Expired, *found.value(), decision.problem};
    }
    case KeyState::Decision::Kind::RegisterAndProceed: {
        const auto inserted
            = IdempotencyStore::insert(db, order.key, order.userId, order.operation, now, m_options.keyTtlMs);
        if (!inserted)
            return inserted.problem();
        stored = inserted.value();
        break;
    }
    case KeyState::Decision::Kind::Proceed:
        stored = *found.value();
        break;
    }

    stored.requestDigest = order.digest; // kept with the fingerprint by complete()
    return beforeCommit(performAndComplete(db, stored, order.fingerprint, now, operation.perform), m_options);
}

Result<KeyedOutcome> KeyedCommit::beforeCommit(Result<KeyedOutcome> performed, const IdempotencyOptions &options)
{
    if (!performed)
        return performed;
    if (options.holdBeforeCommitMs > 0)
        QThread::msleep(ulong(options.holdBeforeCommitMs));
    FaultPoints::dieIfArmed(FaultPoint::BeforeCommit);
    return performed;
}

Result<std::optional<StoredKey>> KeyedCommit::reread(QSqlDatabase &db, const KeyedOrder &order,
                                                     const std::optional<StoredKey> &seen) const
{
    if (seen) {
        const auto unchanged = IdempotencyStore::isStillUnused(db, m_dialect, *seen);
        if (!unchanged)
            return unchanged.problem();
        if (unchanged.value())
            return seen;
    }
    return IdempotencyStore::find(db, m_dialect, order.userId, order.key, true);
}

Result<KeyedOutcome> KeyedCommit::performAndComplete(QSqlDatabase &db, StoredKey key, const QByteArray &fingerprint,
                                                     qint64 nowMs, const Perform &perform) const
{
    const auto answer = perform(db, key, nowMs);
    if (!answer)
        return answer.problem();
    const auto stored
        = IdempotencyStore::complete(db, key, fingerprint, answer->status, answer->body, answer->transferId, nowMs);
    if (!stored)
        return stored.problem();
    return KeyedOutcome{KeyedOutcome::Kind::Performed, completed(key, fingerprint, answer.value()), {}};
}
