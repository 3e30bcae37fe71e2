#include "server/idempotency/IdempotentExecutor.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/reliability/FaultPoints.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"

IdempotentExecutor::IdempotentExecutor(Storage &storage, IdempotencyOptions options)
    : m_storage(storage),
      m_commit(storage.dialect(), options),
      m_replays(storage),
      m_memory(options.replayCacheBytes),
      m_delay(options.processingDelayMs)
{}

std::optional<KeyedOutcome> IdempotentExecutor::recall(const KeyedOrder &order, const QByteArray &body)
{
    const qint64 nowMs = Timestamp::nowMs();
    auto replay = replayFromMemory(m_memory.find(order.userId, order.key, nowMs), order.userId, order.operation,
                                   order.fingerprint, nowMs);
    if (replay)
        m_memory.rememberRepeat(order.userId, order.key, body);
    return replay;
}

std::optional<KeyedOutcome> IdempotentExecutor::recallRepeat(qint64 userId, const QString &key,
                                                             const QString &operation, const QByteArray &body)
{
    const qint64 nowMs = Timestamp::nowMs();
    const std::optional<StoredKey> known = m_memory.findRepeat(userId, key, body, nowMs);
    // The bytes recall() answered before: the key's own fingerprint is theirs.
    return known ? replayFromMemory(known, userId, operation, known->fingerprint, nowMs) : std::nullopt;
}

std::optional<KeyedOutcome> IdempotentExecutor::replayFromMemory(const std::optional<StoredKey> &known, qint64 userId,
                                                                 const QString &operation,
                                                                 const QByteArray &fingerprint, qint64 nowMs)
{
    if (!known)
        return std::nullopt;
    // The decision submit() takes on the same record. Only a replay is answered here: a refusal
    // names what differs by the order's digest, which a retry is spared computing.
    if (KeyState::decide(known, userId, operation, fingerprint, {}, nowMs, false).kind
        != KeyState::Decision::Kind::Replay)
        return std::nullopt;
    m_replays.count(userId, known->key);
    return KeyedOutcome{KeyedOutcome::Kind::Replayed, *known, {}};
}

bool IdempotentExecutor::remembers(qint64 userId, const QString &key)
{
    return m_memory.contains(userId, key, Timestamp::nowMs());
}

void IdempotentExecutor::submit(QSqlDatabase &db, const KeyedOrder &order, const Check &check,
                                KeyedCommit::Operation operation, Done done)
{
    // The key first: a retry of a completed order is answered from its record even if what the
    // checks look at has changed since.
    const qint64 readerNow = Timestamp::nowMs();
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), order.userId, order.key, false);
    if (!found)
        return done(found.problem());
    const KeyState::Decision decision
        = KeyState::decide(found.value(), order.userId, order.operation, order.fingerprint, order.digest, readerNow,
                           m_commit.mayRegister(order.key));
    if (decision.kind == KeyState::Decision::Kind::Reject)
        return done(decision.problem);
    if (decision.kind == KeyState::Decision::Kind::Replay) {
        m_memory.remember(*found.value());
        m_replays.count(order.userId, order.key);
        return done(KeyedOutcome{KeyedOutcome::Kind::Replayed, *found.value(), {}});
    }

    // A lapsed key only goes to the writer to have its expiry settled; it runs nothing, so the
    // operation's checks are not its business.
    // Refusals from here on concern the key that was found (a client-chosen key yet to be
    // registered has none).
    const auto aboutTheKey = [&found](const Problem &problem) {
        return found.value() ? KeyState::aboutKey(problem, *found.value()) : problem;
    };
    if (decision.kind != KeyState::Decision::Kind::Expire) {
        if (const auto refused = check(db))
            return done(aboutTheKey(*refused));
    }

    if (!m_inFlight.tryAcquire(order.userId, order.key))
        return done(aboutTheKey(inUse()));

    // What the writer re-reads is cheaper for a key the reader found unused.
    std::optional<StoredKey> seen;
    if (decision.kind == KeyState::Decision::Kind::Proceed)
        seen = found.value();
    queue(order, readerNow, std::move(operation), std::move(seen), {}, std::move(done));
}

void IdempotentExecutor::submitToWriter(const KeyedOrder &order, Check check, KeyedCommit::Operation operation,
                                        Done done)
{
    if (!m_inFlight.tryAcquire(order.userId, order.key)) {
        // Rare: another request with the key is being executed. A reader answers this one as
        // submit() does, the key's record first, so that it is refused or replayed as it would
        // have been without the shortcut, and a 409 still names the key's expiry.
        m_storage.read(
            [this, order, check, operation, done](QSqlDatabase &db) { submit(db, order, check, operation, done); },
            [done](const Problem &failure) { done(failure); });
        return;
    }
    queue(order, Timestamp::nowMs(), std::move(operation), std::nullopt, std::move(check), std::move(done));
}

bool IdempotentExecutor::decidesInWriter() const { return m_storage.dialect() == SqlDialect::Sqlite; }

Problem IdempotentExecutor::inUse()
{
    return Problem(ProblemCode::IdempotencyKeyInUse,
                   QStringLiteral("the first request with this key is still being processed; retry shortly"));
}

void IdempotentExecutor::queue(const KeyedOrder &order, qint64 notBeforeMs, KeyedCommit::Operation operation,
                               std::optional<StoredKey> seen, Check check, Done done)
{
    // The key stays in flight through the demonstration delay: a retry meanwhile gets 409.
    m_delay.run([this, order, operation = std::move(operation), done, notBeforeMs, seen = std::move(seen),
                 check = std::move(check)] {
        m_storage.write<KeyedOutcome>(
            [this, order, operation, notBeforeMs, seen, check](QSqlDatabase &writerDb) {
                return m_commit.execute(writerDb, order, notBeforeMs, operation, seen, check);
            },
            [this, order, done](Result<KeyedOutcome> outcome) {
                m_inFlight.release(order.userId, order.key);
                if (outcome && outcome->kind == KeyedOutcome::Kind::Expired)
                    return done(outcome->refusal);
                // Committed: the key's answer is final, here and on every instance.
                if (outcome)
                    m_memory.remember(outcome->key);
                if (outcome && outcome->kind == KeyedOutcome::Kind::Replayed)
                    m_replays.count(order.userId, order.key);
                else if (outcome)
                    FaultPoints::dieIfArmed(FaultPoint::AfterCommit);
                done(std::move(outcome));
            });
    });
}
