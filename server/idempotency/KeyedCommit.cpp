#include "server/idempotency/KeyedCommit.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/reliability/FaultPoints.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QThread>

#include <algorithm>

KeyedCommit::KeyedCommit(SqlDialect dialect, IdempotencyOptions options) : m_dialect(dialect), m_options(options) {}

bool KeyedCommit::mayRegister(const QString &key) const
{
    return m_options.acceptClientKeys && !IdempotencyKeyFormat::isIssuedForm(key);
}

Result<KeyedOutcome> KeyedCommit::execute(QSqlDatabase &db, const KeyedOrder &order, qint64 notBeforeMs,
                                          const Perform &perform, const std::optional<StoredKey> &seen) const
{
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
    const auto performed = performAndComplete(db, stored, order.fingerprint, now, perform);
    if (!performed)
        return performed;
    if (m_options.holdBeforeCommitMs > 0)
        QThread::msleep(ulong(m_options.holdBeforeCommitMs));
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
    key.transferId = answer->transferId;
    const auto completed
        = IdempotencyStore::complete(db, key, fingerprint, answer->status, answer->body, key.transferId, nowMs);
    if (!completed)
        return completed.problem();
    key.fingerprint = fingerprint;
    key.responseStatus = answer->status;
    key.responseBody = answer->body;
    return KeyedOutcome{KeyedOutcome::Kind::Performed, key, {}};
}
